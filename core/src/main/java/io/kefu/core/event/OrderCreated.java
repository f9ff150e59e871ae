package io.kefu.core.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The buyer placed an order (下单). {@code amount} has scale 2. */
public record OrderCreated(
    String eventId,
    Instant ts,
    String shopId,
    String orderId,
    String buyerId,
    BigDecimal amount,
    List<OrderItem> items)
    implements OrderEvent {

  @Override
  public EventType type() {
    return EventType.ORDER_CREATED;
  }
}
