package io.kefu.core.event;

/** The queue a session was routed to. Pre-sale sessions are inquiries (询单). */
public enum Queue implements WireNamed {
  PRE_SALE("pre_sale"),
  AFTER_SALE("after_sale");

  private final String wireName;

  Queue(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
