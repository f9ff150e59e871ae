package io.kefu.core.event;

import java.math.BigDecimal;
import java.time.Instant;

/** Money returned to the buyer. */
public record RefundCompleted(
    String eventId,
    Instant ts,
    String shopId,
    String orderId,
    String buyerId,
    String refundId,
    BigDecimal amount)
    implements OrderEvent {

  @Override
  public EventType type() {
    return EventType.REFUND_COMPLETED;
  }
}
