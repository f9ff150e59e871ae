package io.kefu.core.event;

import java.math.BigDecimal;
import java.time.Instant;

/** The buyer paid (付款). {@code amount} has scale 2. */
public record OrderPaid(
    String eventId, Instant ts, String shopId, String orderId, String buyerId, BigDecimal amount)
    implements OrderEvent {

  @Override
  public EventType type() {
    return EventType.ORDER_PAID;
  }
}
