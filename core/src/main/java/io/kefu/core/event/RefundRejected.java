package io.kefu.core.event;

import java.time.Instant;

/** The refund was refused. */
public record RefundRejected(
    String eventId,
    Instant ts,
    String shopId,
    String orderId,
    String buyerId,
    String refundId,
    String reason)
    implements OrderEvent {

  @Override
  public EventType type() {
    return EventType.REFUND_REJECTED;
  }
}
