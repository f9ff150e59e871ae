package io.kefu.core.event;

/**
 * Who sent a message. {@code BOT} is the shop's auto-reply robot (店小蜜): it never answers a buyer
 * turn unless the configuration says bot replies count.
 */
public enum Sender implements WireNamed {
  BUYER("buyer"),
  AGENT("agent"),
  BOT("bot"),
  SYSTEM("system");

  private final String wireName;

  Sender(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
