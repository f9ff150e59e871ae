package io.kefu.core.event;

/** Why a session ended. */
public enum EndReason implements WireNamed {
  CLOSED("closed"),
  TIMEOUT("timeout"),
  BUYER_LEFT("buyer_left");

  private final String wireName;

  EndReason(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
