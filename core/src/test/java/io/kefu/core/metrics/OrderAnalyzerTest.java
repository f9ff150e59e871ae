package io.kefu.core.metrics;

import static io.kefu.core.metrics.Fixtures.BUYER;
import static io.kefu.core.metrics.Fixtures.SHOP;
import static io.kefu.core.metrics.Fixtures.T0;
import static io.kefu.core.metrics.Fixtures.order;
import static io.kefu.core.metrics.Fixtures.paid;
import static io.kefu.core.metrics.Fixtures.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.OrderCreated;
import io.kefu.core.event.OrderEvent;
import io.kefu.core.event.OrderPaid;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.RejectKind;
import io.kefu.core.event.Rejection;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One order's money (METRICS.md sales / refund amount; EVENTS.md "Money": never binary floating
 * point). Amounts are compared with {@link BigDecimal#compareTo}, so 0.3 and 0.30 are equal but
 * 0.30000000000000004 is not.
 */
class OrderAnalyzerTest {

  private static final Duration DAY = Duration.ofDays(1);

  private static OrderAnalyzer.Result analyze(OrderEvent... events) {
    return OrderAnalyzer.analyze(List.of(events));
  }

  private static void assertMoney(String expected, BigDecimal actual) {
    assertEquals(
        0,
        new BigDecimal(expected).compareTo(actual),
        () -> "expected " + expected + " but was " + actual);
  }

  @Test
  void shouldSumThePaymentAndTheCompletedRefundsOfAnOrder() {
    OrderCreated created = order("o-1", "459.00", T0);
    OrderPaid pay = paid("o-1", "459.00", T0.plusSeconds(25));
    OrderAnalyzer.Result r =
        analyze(
            created,
            pay,
            refund("o-1", "r-1", "59.90", T0.plus(DAY.multipliedBy(3))),
            refund("o-1", "r-2", "100.00", T0.plus(DAY.multipliedBy(4))));

    OrderFacts f = r.facts();
    // paid 459.00; refunds 59.90 + 100.00 = 159.90 <= 459.00, both accepted.
    assertMoney("459.00", f.paidAmount());
    assertMoney("159.90", f.refundedAmount());
    assertTrue(f.paid());
    assertTrue(f.refunded());
    assertEquals(T0.plusSeconds(25), f.paidAt());
    assertEquals(T0, f.createdAt());
    assertMoney("459.00", f.createdAmount());
    assertEquals(SHOP, f.shopId());
    assertEquals("o-1", f.orderId());
    assertEquals(BUYER, f.buyerId());
    assertTrue(r.rejected().isEmpty());
  }

  @Test
  void shouldRejectARefundLargerThanThePayment() {
    RefundCompleted tooMuch = refund("o-2", "r-1", "100.01", T0.plus(DAY));
    OrderAnalyzer.Result r =
        analyze(order("o-2", "100.00", T0), paid("o-2", "100.00", T0.plusSeconds(30)), tooMuch);

    // 100.01 > 100.00 paid -> rejected with reason refund_exceeds_payment, and not summed.
    assertEquals(1, r.rejected().size());
    Rejection rej = r.rejected().get(0);
    assertEquals("refund_exceeds_payment", rej.reason());
    assertEquals(RejectKind.REFUND_EXCEEDS_PAYMENT, rej.kind());
    assertEquals(tooMuch.eventId(), rej.eventId());
    assertMoney("0.00", r.facts().refundedAmount());
    assertFalse(r.facts().refunded());
    assertMoney("100.00", r.facts().paidAmount());
  }

  @Test
  void shouldAcceptARefundOfExactlyThePayment() {
    OrderAnalyzer.Result r =
        analyze(
            order("o-3", "100.00", T0),
            paid("o-3", "100.00", T0.plusSeconds(30)),
            refund("o-3", "r-1", "100.00", T0.plus(DAY)));

    // 100.00 <= 100.00: a full refund is possible.
    assertTrue(r.rejected().isEmpty());
    assertMoney("100.00", r.facts().refundedAmount());
  }

  @Test
  void shouldRejectTheRefundWhoseCumulativeTotalCrossesThePayment() {
    OrderCreated created = order("o-4", "100.00", T0);
    OrderPaid pay = paid("o-4", "100.00", T0.plusSeconds(30));
    RefundCompleted r1 = refund("o-4", "r-1", "60.00", T0.plus(DAY));
    RefundCompleted r2 = refund("o-4", "r-2", "30.00", T0.plus(DAY.multipliedBy(2)));
    RefundCompleted r3 = refund("o-4", "r-3", "20.00", T0.plus(DAY.multipliedBy(3)));

    // delivered scrambled; by time: 60.00 (total 60) ok, 30.00 (total 90) ok,
    // 20.00 (total 110 > 100) crosses -> r-3 rejected, refunded stays 90.00.
    OrderAnalyzer.Result r = analyze(r3, r1, pay, r2, created);

    assertEquals(1, r.rejected().size());
    assertEquals(r3.eventId(), r.rejected().get(0).eventId());
    assertEquals("refund_exceeds_payment", r.rejected().get(0).reason());
    assertMoney("90.00", r.facts().refundedAmount());
    assertMoney("100.00", r.facts().paidAmount());
  }

  @Test
  void shouldKeepARefundForAnOrderWhosePaymentIsNotInTheInput() {
    // only the refund is in the input (the order was paid before the data starts).
    OrderAnalyzer.Result alone = analyze(refund("o-5", "r-1", "50.00", T0));
    assertTrue(alone.rejected().isEmpty());
    assertMoney("50.00", alone.facts().refundedAmount());
    assertMoney("0.00", alone.facts().paidAmount());
    assertFalse(alone.facts().paid());
    assertNull(alone.facts().createdAt()); // cannot be attributed
    assertNull(alone.facts().paidAt());

    // order_created is there but its order_paid is not: nothing to judge against -> kept.
    OrderAnalyzer.Result unpaid =
        analyze(order("o-6", "80.00", T0), refund("o-6", "r-1", "80.00", T0.plus(DAY)));
    assertTrue(unpaid.rejected().isEmpty());
    assertMoney("80.00", unpaid.facts().refundedAmount());
  }

  @Test
  void shouldCountDuplicatedEventsOnce() {
    OrderCreated created = order("o-7", "459.00", T0);
    OrderPaid pay = paid("o-7", "459.00", T0.plusSeconds(25));
    RefundCompleted back = refund("o-7", "r-1", "59.90", T0.plus(DAY));

    // the payment arrives twice and the refund three times (same event_id each time).
    OrderAnalyzer.Result r = analyze(created, pay, back, pay, back, created, back);

    // 459.00 paid (not 918.00); 59.90 refunded (not 179.70); no rejection.
    assertMoney("459.00", r.facts().paidAmount());
    assertMoney("59.90", r.facts().refundedAmount());
    assertTrue(r.rejected().isEmpty());
  }

  @Test
  void shouldNotRejectARefundBecauseItWasDeliveredTwice() {
    OrderPaid pay = paid("o-8", "100.00", T0.plusSeconds(25));
    RefundCompleted back = refund("o-8", "r-1", "60.00", T0.plus(DAY));

    // counted once: 60.00 <= 100.00. Counted twice it would be 120.00 and wrongly rejected.
    OrderAnalyzer.Result r = analyze(order("o-8", "100.00", T0), pay, back, back);
    assertTrue(r.rejected().isEmpty());
    assertMoney("60.00", r.facts().refundedAmount());
  }

  @Test
  void shouldAddMoneyExactly() {
    // paid 0.30; refunds 0.10 + 0.20 = 0.30 exactly = the payment, so neither is rejected.
    // (In binary floating point 0.1 + 0.2 = 0.30000000000000004 > 0.3 and r-2 would be.)
    OrderAnalyzer.Result r =
        analyze(
            order("o-9", "0.30", T0),
            paid("o-9", "0.30", T0.plusSeconds(25)),
            refund("o-9", "r-1", "0.10", T0.plus(DAY)),
            refund("o-9", "r-2", "0.20", T0.plus(DAY.multipliedBy(2))));
    assertTrue(r.rejected().isEmpty());
    assertMoney("0.30", r.facts().refundedAmount());
    assertEquals(0, r.facts().refundedAmount().compareTo(r.facts().paidAmount()));

    // two payments of one order sum exactly too: 0.10 + 0.20 = 0.30.
    OrderAnalyzer.Result twice =
        analyze(
            order("o-10", "0.30", T0),
            paid("o-10", "0.10", T0.plusSeconds(25)),
            paid("o-10", "0.20", T0.plusSeconds(26)));
    assertMoney("0.30", twice.facts().paidAmount());
    assertEquals(T0.plusSeconds(25), twice.facts().paidAt()); // the first payment's time
  }
}
