package io.kefu.core.event;

/** 仅退款, 退货退款, 换货. */
public enum RefundType implements WireNamed {
  REFUND_ONLY("refund_only"),
  RETURN_REFUND("return_refund"),
  EXCHANGE("exchange");

  private final String wireName;

  RefundType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
