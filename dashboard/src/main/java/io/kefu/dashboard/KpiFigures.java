package io.kefu.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Every figure of METRICS.md for one agent, team or selection over one period, held as the counts
 * and sums it is made of. Rates are derived here, from those counts, and never averaged: a team's
 * week is {@code sum(rt_sum_ms) / sum(answered_turns)}, not the mean of its agents' days. The
 * distinct-buyer counts and the P90 cannot be summed from days; the repository counts them over the
 * whole period from the fact tables. A rate whose denominator is 0 is null (METRICS.md).
 */
public record KpiFigures(
    long receivedBuyers,
    long assignments,
    long buyerTurns,
    long answeredTurns,
    long repliedInTimeTurns,
    long rtSumMs,
    long frtSessions,
    long frtSumMs,
    Double rtP90Ms,
    long agentMessages,
    long buyerMessages,
    long inquiries,
    long inquiringBuyers,
    long orderingBuyers,
    long payingBuyers,
    long creditedOrders,
    long paidOrders,
    BigDecimal sales,
    long refundedOrders,
    BigDecimal refundAmount,
    long sessions,
    long ratings,
    long satisfiedRatings,
    long dissatisfiedRatings,
    long ratingSum) {

  /** 首次响应时间, seconds. */
  public Double frtAvgS() {
    return frtSessions == 0 ? null : (double) frtSumMs / frtSessions / 1000.0;
  }

  /** 平均响应时间, seconds. */
  public Double artAvgS() {
    return answeredTurns == 0 ? null : (double) rtSumMs / answeredTurns / 1000.0;
  }

  public Double rtP90S() {
    return rtP90Ms == null ? null : rtP90Ms / 1000.0;
  }

  public Double replyRate() {
    return ratio(answeredTurns, buyerTurns);
  }

  public Double reply3minRate() {
    return ratio(repliedInTimeTurns, buyerTurns);
  }

  public Double answerQuestionRatio() {
    return ratio(agentMessages, buyerMessages);
  }

  public Double inquiryConversionRate() {
    return ratio(orderingBuyers, inquiringBuyers);
  }

  public Double paymentConversionRate() {
    return ratio(payingBuyers, inquiringBuyers);
  }

  /** 客单价: sales per paying buyer, rounded half-up to fen as the batch job's DECIMAL(18,2). */
  public BigDecimal aov() {
    return payingBuyers == 0
        ? null
        : sales.divide(BigDecimal.valueOf(payingBuyers), 2, RoundingMode.HALF_UP);
  }

  public Double refundRate() {
    return ratio(refundedOrders, paidOrders);
  }

  public Double satisfactionRate() {
    return ratio(satisfiedRatings, ratings);
  }

  public Double avgRating() {
    return ratio(ratingSum, ratings);
  }

  public Double ratingRate() {
    return ratio(ratings, sessions);
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }
}
