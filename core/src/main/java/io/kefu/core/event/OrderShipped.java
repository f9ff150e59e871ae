package io.kefu.core.event;

import java.time.Instant;

/** Shipped (已发货). Carrier and tracking number are empty when not given. */
public record OrderShipped(
    String eventId,
    Instant ts,
    String shopId,
    String orderId,
    String buyerId,
    String carrier,
    String trackingNo)
    implements OrderEvent {

  @Override
  public EventType type() {
    return EventType.ORDER_SHIPPED;
  }
}
