package io.kefu.core.metrics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One order's money as the KPIs need it, folded from its events by {@link OrderAnalyzer}.
 *
 * @param createdAt the order_created time, or {@code null} if that event is not in the input (the
 *     order was placed before it): such an order cannot be attributed
 * @param createdAmount the order_created amount, or {@code null}
 * @param paidAmount the sum of its order_paid amounts (zero if unpaid)
 * @param paidAt the first payment's time, or {@code null}
 * @param refundedAmount the sum of accepted refund_completed amounts
 * @param refundRequests how many refund_requested events it has
 * @param cancelled whether an order_cancelled was seen
 */
public record OrderFacts(
    String shopId,
    String orderId,
    String buyerId,
    Instant createdAt,
    BigDecimal createdAmount,
    BigDecimal paidAmount,
    Instant paidAt,
    BigDecimal refundedAmount,
    int refundRequests,
    boolean cancelled)
    implements Serializable {

  public boolean paid() {
    return paidAt != null;
  }

  public boolean refunded() {
    return refundedAmount.signum() > 0;
  }
}
