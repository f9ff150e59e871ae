package io.kefu.core.event;

/** An event of the order stream. Order events carry no agent: attribution credits them. */
public sealed interface OrderEvent extends Event
    permits OrderCreated,
        OrderPaid,
        OrderShipped,
        OrderCompleted,
        OrderCancelled,
        RefundRequested,
        RefundCompleted,
        RefundRejected {

  String orderId();
}
