package io.kefu.core.event;

import java.time.Instant;

/** The buyer confirmed receipt (完结). */
public record OrderCompleted(
    String eventId, Instant ts, String shopId, String orderId, String buyerId)
    implements OrderEvent {

  @Override
  public EventType type() {
    return EventType.ORDER_COMPLETED;
  }
}
