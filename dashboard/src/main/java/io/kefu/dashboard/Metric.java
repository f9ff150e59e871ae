package io.kefu.dashboard;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The figures of METRICS.md the KPI explorer shows, in the order of its tables. Each names its
 * warehouse column (also its key in URLs and the message bundles: {@code metric.<column>}), how it
 * is written, and whether more is better (for rankings).
 */
public enum Metric {
  RECEIVED_BUYERS("received_buyers", Kind.COUNT, true, KpiFigures::receivedBuyers),
  FRT_AVG_S("frt_avg_s", Kind.SECONDS, false, KpiFigures::frtAvgS),
  ART_AVG_S("art_avg_s", Kind.SECONDS, false, KpiFigures::artAvgS),
  RT_P90_S("rt_p90_s", Kind.SECONDS, false, KpiFigures::rtP90S),
  BUYER_TURNS("buyer_turns", Kind.COUNT, true, KpiFigures::buyerTurns),
  ANSWERED_TURNS("answered_turns", Kind.COUNT, true, KpiFigures::answeredTurns),
  REPLY_RATE("reply_rate", Kind.RATE, true, KpiFigures::replyRate),
  REPLY_3MIN_RATE("reply_3min_rate", Kind.RATE, true, KpiFigures::reply3minRate),
  ANSWER_QUESTION_RATIO("answer_question_ratio", Kind.RATIO, true, KpiFigures::answerQuestionRatio),
  INQUIRIES("inquiries", Kind.COUNT, true, KpiFigures::inquiries),
  INQUIRING_BUYERS("inquiring_buyers", Kind.COUNT, true, KpiFigures::inquiringBuyers),
  ORDERING_BUYERS("ordering_buyers", Kind.COUNT, true, KpiFigures::orderingBuyers),
  PAYING_BUYERS("paying_buyers", Kind.COUNT, true, KpiFigures::payingBuyers),
  INQUIRY_CONVERSION_RATE(
      "inquiry_conversion_rate", Kind.RATE, true, KpiFigures::inquiryConversionRate),
  PAYMENT_CONVERSION_RATE(
      "payment_conversion_rate", Kind.RATE, true, KpiFigures::paymentConversionRate),
  PAID_ORDERS("paid_orders", Kind.COUNT, true, KpiFigures::paidOrders),
  SALES("sales", Kind.MONEY, true, KpiFigures::sales),
  AOV("aov", Kind.MONEY, true, KpiFigures::aov),
  REFUNDED_ORDERS("refunded_orders", Kind.COUNT, false, KpiFigures::refundedOrders),
  REFUND_RATE("refund_rate", Kind.RATE, false, KpiFigures::refundRate),
  REFUND_AMOUNT("refund_amount", Kind.MONEY, false, KpiFigures::refundAmount),
  SESSIONS("sessions", Kind.COUNT, true, KpiFigures::sessions),
  RATINGS("ratings", Kind.COUNT, true, KpiFigures::ratings),
  SATISFACTION_RATE("satisfaction_rate", Kind.RATE, true, KpiFigures::satisfactionRate),
  DISSATISFIED_RATINGS("dissatisfied_ratings", Kind.COUNT, false, KpiFigures::dissatisfiedRatings),
  AVG_RATING("avg_rating", Kind.SCORE, true, KpiFigures::avgRating),
  RATING_RATE("rating_rate", Kind.RATE, true, KpiFigures::ratingRate);

  /** How a figure is written. */
  public enum Kind {
    COUNT,
    SECONDS,
    RATE,
    MONEY,
    RATIO,
    SCORE
  }

  private final String column;
  private final Kind kind;
  private final boolean higherIsBetter;
  private final Function<KpiFigures, Object> value;

  Metric(
      String column,
      Kind kind,
      boolean higherIsBetter,
      Function<KpiFigures, ? extends Object> value) {
    this.column = column;
    this.kind = kind;
    this.higherIsBetter = higherIsBetter;
    this.value = value::apply;
  }

  public String column() {
    return column;
  }

  public Kind kind() {
    return kind;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Message key of the figure's name. */
  public String labelKey() {
    return "metric." + column;
  }

  /** The figure, or null when its denominator is 0. */
  public Number value(KpiFigures f) {
    return (Number) value.apply(f);
  }

  /** The value as a double for charts and sorting; null stays null. */
  public Double number(KpiFigures f) {
    Number n = value(f);
    return n == null ? null : n.doubleValue();
  }

  /** The value on screen: counts grouped, seconds to 0.1, rates as percent, money to fen. */
  public String format(KpiFigures f) {
    Number n = value(f);
    if (n == null) {
      return "–";
    }
    return switch (kind) {
      case COUNT -> String.format(Locale.ROOT, "%,d", n.longValue());
      case SECONDS -> String.format(Locale.ROOT, "%.1f", n.doubleValue());
      case RATE -> String.format(Locale.ROOT, "%.1f%%", 100 * n.doubleValue());
      case MONEY -> String.format(Locale.ROOT, "%,.2f", n);
      case RATIO, SCORE -> String.format(Locale.ROOT, "%.2f", n.doubleValue());
    };
  }

  /** The value in an export: plain, unrounded, machine-readable (rates as fractions). */
  public String plain(KpiFigures f) {
    Number n = value(f);
    return n == null ? "" : n.toString();
  }

  public static Optional<Metric> byColumn(String column) {
    for (Metric m : values()) {
      if (m.column.equals(column)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
