package io.kefu.core.event;

import java.time.Instant;

/** Closed before payment or voided (作废/关闭). */
public record OrderCancelled(
    String eventId, Instant ts, String shopId, String orderId, String buyerId, String reason)
    implements OrderEvent {

  @Override
  public EventType type() {
    return EventType.ORDER_CANCELLED;
  }
}
