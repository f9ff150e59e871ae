package io.kefu.dashboard.report;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The figures of the weekly report: what each one is called, how it is written, which direction is
 * better, how big its sample is (for the "insufficient sample" mark), and how a week-over-week
 * change of it is tested. Rates carry their numerator and denominator, so their interval and test
 * use the counts, never a rounded rate.
 */
public enum ReportMetric {
  RECEIVED_BUYERS("received_buyers", "接待人数", "Received buyers", Kind.COUNT, true),
  ASSIGNMENTS("assignments", "接待会话数", "Sessions handled", Kind.COUNT, true),
  INQUIRING_BUYERS("inquiring_buyers", "询单人数", "Inquiring buyers", Kind.COUNT, true),
  INQUIRY_CONVERSION_RATE(
      "inquiry_conversion_rate",
      "询单转化率",
      "Inquiry conversion",
      Kind.RATE,
      true,
      f -> f.kpi().orderingBuyers(),
      f -> f.kpi().inquiringBuyers()),
  PAYMENT_CONVERSION_RATE(
      "payment_conversion_rate",
      "付款转化率",
      "Payment conversion",
      Kind.RATE,
      true,
      f -> f.kpi().payingBuyers(),
      f -> f.kpi().inquiringBuyers()),
  PAYING_BUYERS("paying_buyers", "付款人数", "Paying buyers", Kind.COUNT, true),
  SALES("sales", "销售额", "Sales", Kind.MONEY, true),
  AOV("aov", "客单价", "Average order value", Kind.MONEY, true),
  REFUND_RATE(
      "refund_rate",
      "退款率",
      "Refund rate",
      Kind.RATE,
      false,
      f -> f.kpi().refundedOrders(),
      f -> f.kpi().paidOrders()),
  FRT_AVG_S("frt_avg_s", "首次响应时间", "First response time", Kind.SECONDS, false),
  ART_AVG_S("art_avg_s", "平均响应时间", "Average response time", Kind.SECONDS, false),
  RT_P90_S("rt_p90_s", "响应时间 P90", "Response time P90", Kind.SECONDS, false),
  REPLY_RATE(
      "reply_rate",
      "回复率",
      "Reply rate",
      Kind.RATE,
      true,
      f -> f.kpi().answeredTurns(),
      f -> f.kpi().buyerTurns()),
  ANSWERED_TURNS("answered_turns", "回复轮次", "Answered turns", Kind.COUNT, true),
  REPLY_3MIN_RATE(
      "reply_3min_rate",
      "3 分钟回复率",
      "3-minute reply rate",
      Kind.RATE,
      true,
      f -> f.kpi().repliedInTimeTurns(),
      f -> f.kpi().buyerTurns()),
  SATISFACTION_RATE(
      "satisfaction_rate",
      "满意度",
      "Satisfaction",
      Kind.RATE,
      true,
      f -> f.kpi().satisfiedRatings(),
      f -> f.kpi().ratings()),
  DISSATISFIED_RATINGS("dissatisfied_ratings", "不满意数", "Dissatisfied", Kind.COUNT, false),
  DISSATISFIED_RATE(
      "dissatisfied_rate",
      "不满意率",
      "Dissatisfied rate",
      Kind.RATE,
      false,
      f -> f.kpi().dissatisfiedRatings(),
      f -> f.kpi().ratings()),
  QA_SCORE("qa_score", "质检得分", "Quality score", Kind.SCORE, true),
  QA_CRITICAL_SESSIONS("qa_critical_sessions", "严重问题会话", "Critical sessions", Kind.COUNT, false);

  /** How a figure is written. */
  public enum Kind {
    COUNT,
    RATE,
    SECONDS,
    MONEY,
    SCORE
  }

  /** The per-turn or per-session values a mean is tested on (Welch). */
  public enum Sample {
    /** Response times of the agent's answered first turns of sessions, ms. */
    FRT,
    /** Response times of all the agent's answered turns, ms. */
    ART,
    /** Effective quality scores of the agent's scored sessions. */
    QA
  }

  private final String id;
  private final String zh;
  private final String en;
  private final Kind kind;
  private final boolean higherIsBetter;
  private final ToLongFunction<WeekFigures> numerator;
  private final ToLongFunction<WeekFigures> denominator;

  ReportMetric(String id, String zh, String en, Kind kind, boolean higherIsBetter) {
    this(id, zh, en, kind, higherIsBetter, null, null);
  }

  ReportMetric(
      String id,
      String zh,
      String en,
      Kind kind,
      boolean higherIsBetter,
      ToLongFunction<WeekFigures> numerator,
      ToLongFunction<WeekFigures> denominator) {
    this.id = id;
    this.zh = zh;
    this.en = en;
    this.kind = kind;
    this.higherIsBetter = higherIsBetter;
    this.numerator = numerator;
    this.denominator = denominator;
  }

  public String id() {
    return id;
  }

  public String label(boolean english) {
    return english ? en : zh;
  }

  public Kind kind() {
    return kind;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  public static Optional<ReportMetric> byId(String id) {
    String k = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    for (ReportMetric m : values()) {
      if (m.id.equals(k)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The figure, or null when it has no value (a rate over 0, a mean of nothing). */
  public Double value(WeekFigures f) {
    return VALUE.apply(this).apply(f);
  }

  /** Successes of a rate (null for other kinds). */
  public Long numerator(WeekFigures f) {
    return numerator == null ? null : numerator.applyAsLong(f);
  }

  /** Trials of a rate (null for other kinds). */
  public Long denominator(WeekFigures f) {
    return denominator == null ? null : denominator.applyAsLong(f);
  }

  /**
   * How many observations the figure rests on, or null for plain counts (a count is not an
   * estimate: 3 buyers received is exactly 3): the denominator of a rate, the answered turns or
   * first turns a time is averaged over, the paying buyers of an AOV, the scored sessions of a
   * quality score.
   */
  public Long sampleSize(WeekFigures f) {
    if (denominator != null) {
      return denominator.applyAsLong(f);
    }
    switch (this) {
      case FRT_AVG_S:
        return f.kpi().frtSessions();
      case ART_AVG_S:
      case RT_P90_S:
        return f.kpi().answeredTurns();
      case AOV:
        return f.kpi().payingBuyers();
      case QA_SCORE:
        return f.qa().sessions();
      default:
        return null;
    }
  }

  /** The samples Welch's test compares for a mean, or empty when the figure is not a mean. */
  public Optional<Sample> sample() {
    switch (this) {
      case FRT_AVG_S:
        return Optional.of(Sample.FRT);
      case ART_AVG_S:
        return Optional.of(Sample.ART);
      case QA_SCORE:
        return Optional.of(Sample.QA);
      default:
        return Optional.empty();
    }
  }

  private static final Function<ReportMetric, Function<WeekFigures, Double>> VALUE =
      m ->
          f -> {
            switch (m) {
              case RECEIVED_BUYERS:
                return (double) f.kpi().receivedBuyers();
              case ASSIGNMENTS:
                return (double) f.kpi().assignments();
              case INQUIRING_BUYERS:
                return (double) f.kpi().inquiringBuyers();
              case INQUIRY_CONVERSION_RATE:
                return f.kpi().inquiryConversionRate();
              case PAYMENT_CONVERSION_RATE:
                return f.kpi().paymentConversionRate();
              case PAYING_BUYERS:
                return (double) f.kpi().payingBuyers();
              case SALES:
                return f.kpi().sales().doubleValue();
              case AOV:
                return f.kpi().aov() == null ? null : f.kpi().aov().doubleValue();
              case REFUND_RATE:
                return f.kpi().refundRate();
              case FRT_AVG_S:
                return f.kpi().frtAvgS();
              case ART_AVG_S:
                return f.kpi().artAvgS();
              case RT_P90_S:
                return f.kpi().rtP90S();
              case REPLY_RATE:
                return f.kpi().replyRate();
              case ANSWERED_TURNS:
                return (double) f.kpi().answeredTurns();
              case REPLY_3MIN_RATE:
                return f.kpi().reply3minRate();
              case SATISFACTION_RATE:
                return f.kpi().satisfactionRate();
              case DISSATISFIED_RATINGS:
                return (double) f.kpi().dissatisfiedRatings();
              case DISSATISFIED_RATE:
                return f.kpi().ratings() == 0
                    ? null
                    : (double) f.kpi().dissatisfiedRatings() / f.kpi().ratings();
              case QA_SCORE:
                return f.qa().avgScore();
              case QA_CRITICAL_SESSIONS:
                return (double) f.qa().critical();
              default:
                throw new AssertionError(m);
            }
          };
}
