package io.kefu.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every KPI of METRICS.md, in Spark SQL, from each grain's totals. One query template serves every
 * grain: by agent or for the whole shop, per day or per ISO week (Monday). Every rate is computed
 * from its summed numerator and denominator, NULL when the denominator is 0, and the numerators and
 * denominators are stored beside it, so any rollup is exact. Distinct-buyer counts (接待人数, 询单人数 …)
 * are counted over the whole grain, never summed from days.
 *
 * <p>How it runs: while the facts are made, each task sums each fact's contribution to every
 * measure ({@link KpiBase}); the driver adds the tasks' parts up per grain ({@link KpiRollup}, the
 * P90 included); the query here turns each grain's totals, a few thousand rows handed to Spark as a
 * local relation, into the table's rates, money and counts.
 */
final class KpiSql {

  private final SparkSession spark;

  KpiSql(SparkSession spark) {
    this.spark = spark;
  }

  /** The Monday of a day's ISO week; NULL stays NULL. */
  static LocalDate monday(LocalDate day) {
    return day == null ? null : day.minusDays(day.getDayOfWeek().getValue() - 1);
  }

  /**
   * The three KPI tables from the tasks' totals, holding only days in [from, to] (weekly: the weeks
   * touching that range, each computed over its whole week).
   */
  Map<String, Dataset<Row>> tables(KpiRollup totals, LocalDate from, LocalDate to) {
    LocalDate weekFrom = monday(from);
    LocalDate weekTo = monday(to).plusDays(6);
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    t.put("agent_daily_kpi", kpis(totals, true, false, from, to));
    t.put("agent_weekly_kpi", kpis(totals, true, true, weekFrom, weekTo));
    t.put("shop_daily_kpi", kpis(totals, false, false, from, to));
    return t;
  }

  /**
   * Money travels as whole cents (BIGINT, summed exactly by {@link KpiBase}); {@link #money} turns
   * a sum back into DECIMAL(18,2).
   */
  private static String money(String cents) {
    return "CAST(CAST(" + cents + " AS DECIMAL(20,0)) / 100 AS DECIMAL(18,2))";
  }

  /**
   * One KPI table. {@code byAgent}: per agent or shop totals; {@code weekly}: ISO weeks or days.
   * Totals are of days in [lo, hi]; for weekly tables that is whole weeks.
   */
  Dataset<Row> kpis(KpiRollup totals, boolean byAgent, boolean weekly, LocalDate lo, LocalDate hi) {
    return kpis(totals.grains(byAgent, weekly, lo, hi), byAgent, weekly, "kpi_totals_");
  }

  /**
   * Runs the three tables' query once over a made-up grain and drops the result, so that Spark
   * SQL's first-query costs (parser, analyzer and optimizer rules, generated code, the classes
   * behind them: about 3 s of the driver's time) are paid while the tasks make the facts rather
   * than after them. The generated code is cached by its text, which the real query repeats.
   * Returns the thread doing it; its views have their own names.
   */
  Thread warmUp() {
    Thread t =
        new Thread(
            () -> {
              try {
                warmUpQueries();
              } catch (RuntimeException e) {
                // Nothing to report: the real queries, run next with the same text, would fail the
                // same way and say why.
              }
            },
            "kpi-sql-warm-up");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The warm-up's queries, run in the calling thread; returns their results. */
  List<Row> warmUpQueries() {
    List<Row> results = new ArrayList<>();
    for (boolean byAgent : new boolean[] {true, false}) {
      for (boolean weekly : byAgent ? new boolean[] {false, true} : new boolean[] {false}) {
        results.addAll(
            kpis(List.of(madeUpGrain(byAgent)), byAgent, weekly, "kpi_warm_up_").collectAsList());
      }
    }
    return results;
  }

  /** A grain of {@link KpiRollup#schema} with every measure 1. */
  private static Row madeUpGrain(boolean byAgent) {
    StructType schema = KpiRollup.schema(byAgent);
    Object[] values = new Object[schema.length()];
    for (int i = 0; i < values.length; i++) {
      DataType type = schema.fields()[i].dataType();
      values[i] =
          type == DataTypes.StringType
              ? "warm-up"
              : type == DataTypes.DateType
                  ? LocalDate.of(2000, 1, 3)
                  : type == DataTypes.DoubleType ? (Object) 1.0 : (Object) 1L;
    }
    return RowFactory.create(values);
  }

  private Dataset<Row> kpis(List<Row> grains, boolean byAgent, boolean weekly, String prefix) {
    String view = prefix + KpiBase.reachScope(byAgent, weekly);
    spark.createDataFrame(grains, KpiRollup.schema(byAgent)).createOrReplaceTempView(view);
    String shopColumns =
        byAgent
            ? ""
            : """
              , silent AS silent_orders,
                %s AS silent_sales,
                %s AS shop_sales,
                CASE WHEN sales + silent_sales > 0
                  THEN CAST(sales AS DOUBLE) / (sales + silent_sales) END AS service_sales_share,
                created AS orders_created,
                paid_pd AS paid_orders_by_payment_day,
                %s AS paid_sales_by_payment_day
              """
                .formatted(
                    money("silent_sales"), money("sales + silent_sales"), money("paid_pd_sales"));
    String sql =
        """
        SELECT shop_id, %s g AS %s,
          coalesce(received_buyers, 0) AS received_buyers,
          coalesce(assigned, 0) AS assignments,
          turns AS buyer_turns,
          answered AS answered_turns,
          in_time AS replied_in_time_turns,
          rt_sum AS rt_sum_ms,
          frt_n AS frt_sessions,
          frt_sum AS frt_sum_ms,
          CASE WHEN frt_n > 0 THEN frt_sum / frt_n / 1000.0 END AS frt_avg_s,
          CASE WHEN answered > 0 THEN rt_sum / answered / 1000.0 END AS art_avg_s,
          rt_p90_ms / 1000.0 AS rt_p90_s,
          CASE WHEN turns > 0 THEN answered / turns END AS reply_rate,
          CASE WHEN turns > 0 THEN in_time / turns END AS reply_3min_rate,
          agent_msgs AS agent_messages,
          buyer_msgs AS buyer_messages,
          CASE WHEN buyer_msgs > 0 THEN agent_msgs / buyer_msgs END AS answer_question_ratio,
          coalesce(inquired, 0) AS inquiries,
          coalesce(inquiring_buyers, 0) AS inquiring_buyers,
          coalesce(ordering_buyers, 0) AS ordering_buyers,
          coalesce(paying_buyers, 0) AS paying_buyers,
          CASE WHEN inquiring_buyers > 0 THEN ordering_buyers / inquiring_buyers END
            AS inquiry_conversion_rate,
          CASE WHEN inquiring_buyers > 0 THEN paying_buyers / inquiring_buyers END
            AS payment_conversion_rate,
          coalesce(credited, 0) AS credited_orders,
          coalesce(paid, 0) AS paid_orders,
          %s AS sales,
          CASE WHEN paying_buyers > 0 THEN CAST(%s / paying_buyers AS DECIMAL(18,2)) END AS aov,
          refunded AS refunded_orders,
          CASE WHEN paid > 0 THEN refunded / paid END AS refund_rate,
          %s AS refund_amount,
          sessions,
          rated AS ratings,
          satisfied AS satisfied_ratings,
          dissatisfied AS dissatisfied_ratings,
          rating_sum,
          CASE WHEN rated > 0 THEN satisfied / rated END AS satisfaction_rate,
          CASE WHEN rated > 0 THEN rating_sum / rated END AS avg_rating,
          CASE WHEN sessions > 0 THEN rated / sessions END AS rating_rate,
          qa_n AS qa_sessions,
          qa_sum AS qa_score_sum,
          CASE WHEN qa_n > 0 THEN qa_sum / qa_n END AS qa_avg_score,
          qa_critical AS qa_critical_sessions
          %s
        FROM %s
        """
            .formatted(
                byAgent ? "agent_id," : "",
                weekly ? "week_start" : "day",
                money("sales"),
                money("sales"),
                money("refund_amt"),
                shopColumns,
                view);
    return spark.sql(sql);
  }
}
