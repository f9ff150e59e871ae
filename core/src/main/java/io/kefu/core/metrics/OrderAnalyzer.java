package io.kefu.core.metrics;

import io.kefu.core.event.OrderCancelled;
import io.kefu.core.event.OrderCreated;
import io.kefu.core.event.OrderEvent;
import io.kefu.core.event.OrderPaid;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.RefundRequested;
import io.kefu.core.event.RejectKind;
import io.kefu.core.event.Rejection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds one order's events into {@link OrderFacts}, and rejects what cannot be true of an order: a
 * refund larger than what was paid for it. Whether a refund is impossible depends on the order's
 * other events, so this check lives here rather than in the line parser; when the order's payment
 * is not in the input, nothing can be judged and the refund is kept.
 */
public final class OrderAnalyzer {

  private static final Comparator<OrderEvent> ORDER =
      Comparator.comparing(OrderEvent::ts).thenComparing(OrderEvent::eventId);

  /** The facts and the events rejected on the way. */
  public record Result(OrderFacts facts, List<Rejection> rejected) {}

  private OrderAnalyzer() {}

  public static Result analyze(List<? extends OrderEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("an order has at least one event");
    }
    List<OrderEvent> sorted = new ArrayList<>(events.size());
    Set<String> seen = new HashSet<>();
    for (OrderEvent e : events) {
      if (seen.add(e.eventId())) {
        sorted.add(e);
      }
    }
    sorted.sort(ORDER);
    OrderEvent head = sorted.get(0);
    String buyer = head.buyerId();
    Instant createdAt = null;
    BigDecimal createdAmount = null;
    BigDecimal paid = BigDecimal.ZERO.setScale(2);
    Instant paidAt = null;
    boolean paymentKnown = false;
    for (OrderEvent e : sorted) {
      if (e instanceof OrderPaid p) {
        paymentKnown = true;
        paid = paid.add(p.amount());
        if (paidAt == null) {
          paidAt = p.ts();
        }
      } else if (e instanceof OrderCreated c && createdAt == null) {
        createdAt = c.ts();
        createdAmount = c.amount();
        buyer = c.buyerId();
      }
    }
    BigDecimal refunded = BigDecimal.ZERO.setScale(2);
    int requests = 0;
    boolean cancelled = false;
    List<Rejection> rejected = new ArrayList<>();
    for (OrderEvent e : sorted) {
      if (e instanceof RefundRequested r) {
        if (paymentKnown && r.amount().compareTo(paid) > 0) {
          rejected.add(exceeds(r.eventId(), "refund request", r.amount(), paid));
        } else {
          requests++;
        }
      } else if (e instanceof RefundCompleted r) {
        BigDecimal total = refunded.add(r.amount());
        if (paymentKnown && total.compareTo(paid) > 0) {
          rejected.add(exceeds(r.eventId(), "refunds", total, paid));
        } else {
          refunded = total;
        }
      } else if (e instanceof OrderCancelled) {
        cancelled = true;
      }
    }
    OrderFacts facts =
        new OrderFacts(
            head.shopId(),
            head.orderId(),
            buyer,
            createdAt,
            createdAmount,
            paid,
            paidAt,
            refunded,
            requests,
            cancelled);
    return new Result(facts, List.copyOf(rejected));
  }

  private static Rejection exceeds(
      String eventId, String what, BigDecimal amount, BigDecimal paid) {
    return new Rejection(
        RejectKind.REFUND_EXCEEDS_PAYMENT,
        null,
        what + " of " + amount.toPlainString() + " exceed the payment of " + paid.toPlainString(),
        eventId);
  }
}
