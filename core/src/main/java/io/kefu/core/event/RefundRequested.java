package io.kefu.core.event;

import java.math.BigDecimal;
import java.time.Instant;

/** The buyer asks for a refund (售后). {@code reason} is free text such as 质量问题 or 七天无理由. */
public record RefundRequested(
    String eventId,
    Instant ts,
    String shopId,
    String orderId,
    String buyerId,
    String refundId,
    BigDecimal amount,
    RefundType refundType,
    String reason)
    implements OrderEvent {

  @Override
  public EventType type() {
    return EventType.REFUND_REQUESTED;
  }
}
