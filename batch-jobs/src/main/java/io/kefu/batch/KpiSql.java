package io.kefu.batch;

import io.kefu.core.config.KefuConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The sums behind every KPI of METRICS.md, in Spark SQL over the facts. One query template serves
 * every grain: by agent or for the whole shop, per day or per ISO week (Monday). Every rate is
 * computed from its summed numerator and denominator, NULL when the denominator is 0, and the
 * numerators and denominators are stored beside it, so any rollup is exact. Distinct-buyer counts
 * (接待人数, 询单人数 …) are counted distinct over the whole grain, never summed from days.
 */
final class KpiSql {

  private final SparkSession spark;
  private final KefuConfig config;

  KpiSql(SparkSession spark, KefuConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** The grain's key from a DATE column: the day itself, or the Monday of its ISO week. */
  private static String day(String col) {
    return col;
  }

  private static String week(String col) {
    return "date_sub(" + col + ", pmod(dayofweek(" + col + ") + 5, 7))";
  }

  /**
   * The three KPI tables over the staged fact tables (registered as temporary views named as in the
   * warehouse: session_fact, turn_fact, …), holding only days in [from, to] (weekly: the weeks
   * touching that range).
   */
  Map<String, Dataset<Row>> tables(Map<String, Dataset<Row>> facts, LocalDate from, LocalDate to) {
    facts.forEach((name, data) -> data.createOrReplaceTempView(name));
    LocalDate weekFrom = from.minusDays(from.getDayOfWeek().getValue() - 1);
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    t.put("agent_daily_kpi", kpis(true, false, from, to));
    t.put("agent_weekly_kpi", kpis(true, true, weekFrom, to));
    t.put("shop_daily_kpi", kpis(false, false, from, to));
    return t;
  }

  /**
   * One KPI table. {@code byAgent}: per agent or shop totals; {@code weekly}: ISO weeks or days.
   * The range bounds are epoch days of the grain key (a week's Monday for weekly tables).
   *
   * <p>Each measure family is one aggregate over its facts; they are put side by side with full
   * outer joins on the grain, so every aggregate is computed once and a key with no turns (say, an
   * agent who only received a rating that day) still gets its row.
   */
  Dataset<Row> kpis(boolean byAgent, boolean weekly, LocalDate lo, LocalDate hi) {
    java.util.function.Function<String, String> g = weekly ? KpiSql::week : KpiSql::day;
    String keys = byAgent ? "shop_id, agent_id, g" : "shop_id, g";
    String groupBy = byAgent ? "GROUP BY 1, 2, 3" : "GROUP BY 1, 2";
    java.util.function.Function<String, String> agent =
        col -> byAgent ? col + " AS agent_id, " : "";
    List<String> ctes = new ArrayList<>();
    ctes.add(
        """
        t AS (SELECT shop_id, %s%s AS g,
                count(*) AS buyer_turns,
                count_if(answered) AS answered_turns,
                count_if(replied_in_time) AS replied_in_time_turns,
                coalesce(sum(response_ms), 0) AS rt_sum_ms,
                percentile(response_ms, 0.9) AS rt_p90_ms,
                sum(buyer_messages) AS buyer_messages,
                count_if(first_turn AND answered) AS frt_sessions,
                coalesce(sum(CASE WHEN first_turn THEN response_ms END), 0) AS frt_sum_ms
              FROM turn_fact WHERE counted AND agent_id IS NOT NULL %s)"""
            .formatted(agent.apply("agent_id"), g.apply("day"), groupBy));
    ctes.add(
        "m AS (SELECT shop_id, %s%s AS g, sum(messages) AS agent_messages FROM agent_message_fact %s)"
            .formatted(agent.apply("agent_id"), g.apply("day"), groupBy));
    ctes.add(
        ("r AS (SELECT shop_id, %s%s AS g, count(DISTINCT buyer_id) AS received_buyers,"
                + " count(*) AS assignments FROM assignment_fact %s)")
            .formatted(agent.apply("agent_id"), g.apply("day"), groupBy));
    ctes.add(
        ("q AS (SELECT shop_id, %s%s AS g, count(DISTINCT buyer_id) AS inquiring_buyers,"
                + " count(*) AS inquiries FROM inquiry_fact %s)")
            .formatted(agent.apply("agent_id"), g.apply("day"), groupBy));
    ctes.add(
        """
        o AS (SELECT shop_id, %s%s AS g,
                count(DISTINCT buyer_id) AS ordering_buyers,
                count(*) AS credited_orders,
                count(DISTINCT CASE WHEN paid_at IS NOT NULL THEN buyer_id END) AS paying_buyers,
                count_if(paid_at IS NOT NULL) AS paid_orders,
                coalesce(sum(CASE WHEN paid_at IS NOT NULL THEN paid_amount END), 0) AS sales,
                count_if(paid_at IS NOT NULL AND refunded_amount > 0) AS refunded_orders,
                coalesce(sum(refunded_amount), 0) AS refund_amount
              FROM order_fact WHERE credited %s)"""
            .formatted(agent.apply("credited_agent_id"), g.apply("credited_day"), groupBy));
    ctes.add(
        """
        s AS (SELECT shop_id, %s%s AS g, count(*) AS sessions,
                count(rating) AS ratings,
                count_if(rating >= 4) AS satisfied_ratings,
                count_if(rating BETWEEN 1 AND 2) AS dissatisfied_ratings,
                coalesce(sum(rating), 0) AS rating_sum
              FROM session_fact %s %s)"""
            .formatted(
                agent.apply("credit_agent"),
                g.apply("day"),
                byAgent ? "WHERE credit_agent IS NOT NULL" : "",
                groupBy));
    List<String> families = new ArrayList<>(List.of("t", "m", "r", "q", "o", "s"));
    String shopColumns = "";
    if (!byAgent) {
      ctes.add(
          """
          x AS (SELECT shop_id, %s AS g, count(*) AS silent_orders,
                  coalesce(sum(CASE WHEN paid_at IS NOT NULL THEN paid_amount END), 0) AS silent_sales
                FROM order_fact WHERE created_at IS NOT NULL AND NOT credited GROUP BY 1, 2)"""
              .formatted(g.apply("day")));
      ctes.add(
          ("cr AS (SELECT shop_id, %s AS g, count(*) AS orders_created FROM order_fact"
                  + " WHERE created_at IS NOT NULL GROUP BY 1, 2)")
              .formatted(g.apply("day")));
      ctes.add(
          ("pa AS (SELECT shop_id, %s AS g, count(*) AS paid_orders_by_payment_day,"
                  + " sum(paid_amount) AS paid_sales_by_payment_day FROM order_fact"
                  + " WHERE paid_day IS NOT NULL GROUP BY 1, 2)")
              .formatted(g.apply("paid_day")));
      families.addAll(List.of("x", "cr", "pa"));
      shopColumns =
          """
          , coalesce(silent_orders, 0) AS silent_orders,
            CAST(coalesce(silent_sales, 0) AS DECIMAL(18,2)) AS silent_sales,
            CAST(coalesce(sales, 0) + coalesce(silent_sales, 0) AS DECIMAL(18,2)) AS shop_sales,
            CASE WHEN coalesce(sales, 0) + coalesce(silent_sales, 0) > 0
              THEN CAST(coalesce(sales, 0) / (coalesce(sales, 0) + coalesce(silent_sales, 0))
                AS DOUBLE) END AS service_sales_share,
            coalesce(orders_created, 0) AS orders_created,
            coalesce(paid_orders_by_payment_day, 0) AS paid_orders_by_payment_day,
            CAST(coalesce(paid_sales_by_payment_day, 0) AS DECIMAL(18,2)) AS paid_sales_by_payment_day
          """;
    }
    StringBuilder from = new StringBuilder(families.get(0));
    for (String f : families.subList(1, families.size())) {
      from.append(" FULL OUTER JOIN ").append(f).append(" USING (").append(keys).append(")");
    }
    String sql =
        "WITH "
            + String.join(",\n", ctes)
            + """

            SELECT shop_id, %s g AS %s,
              coalesce(received_buyers, 0) AS received_buyers,
              coalesce(assignments, 0) AS assignments,
              coalesce(buyer_turns, 0) AS buyer_turns,
              coalesce(answered_turns, 0) AS answered_turns,
              coalesce(replied_in_time_turns, 0) AS replied_in_time_turns,
              coalesce(rt_sum_ms, 0) AS rt_sum_ms,
              coalesce(frt_sessions, 0) AS frt_sessions,
              coalesce(frt_sum_ms, 0) AS frt_sum_ms,
              CASE WHEN frt_sessions > 0 THEN frt_sum_ms / frt_sessions / 1000.0 END AS frt_avg_s,
              CASE WHEN answered_turns > 0 THEN rt_sum_ms / answered_turns / 1000.0 END AS art_avg_s,
              rt_p90_ms / 1000.0 AS rt_p90_s,
              CASE WHEN buyer_turns > 0 THEN answered_turns / buyer_turns END AS reply_rate,
              CASE WHEN buyer_turns > 0 THEN replied_in_time_turns / buyer_turns END AS reply_3min_rate,
              coalesce(agent_messages, 0) AS agent_messages,
              coalesce(buyer_messages, 0) AS buyer_messages,
              CASE WHEN buyer_messages > 0 THEN coalesce(agent_messages, 0) / buyer_messages END
                AS answer_question_ratio,
              coalesce(inquiries, 0) AS inquiries,
              coalesce(inquiring_buyers, 0) AS inquiring_buyers,
              coalesce(ordering_buyers, 0) AS ordering_buyers,
              coalesce(paying_buyers, 0) AS paying_buyers,
              CASE WHEN inquiring_buyers > 0 THEN coalesce(ordering_buyers, 0) / inquiring_buyers END
                AS inquiry_conversion_rate,
              CASE WHEN inquiring_buyers > 0 THEN coalesce(paying_buyers, 0) / inquiring_buyers END
                AS payment_conversion_rate,
              coalesce(credited_orders, 0) AS credited_orders,
              coalesce(paid_orders, 0) AS paid_orders,
              CAST(coalesce(sales, 0) AS DECIMAL(18,2)) AS sales,
              CASE WHEN paying_buyers > 0 THEN CAST(sales / paying_buyers AS DECIMAL(18,2)) END AS aov,
              coalesce(refunded_orders, 0) AS refunded_orders,
              CASE WHEN paid_orders > 0 THEN refunded_orders / paid_orders END AS refund_rate,
              CAST(coalesce(refund_amount, 0) AS DECIMAL(18,2)) AS refund_amount,
              coalesce(sessions, 0) AS sessions,
              coalesce(ratings, 0) AS ratings,
              coalesce(satisfied_ratings, 0) AS satisfied_ratings,
              coalesce(dissatisfied_ratings, 0) AS dissatisfied_ratings,
              coalesce(rating_sum, 0) AS rating_sum,
              CASE WHEN ratings > 0 THEN satisfied_ratings / ratings END AS satisfaction_rate,
              CASE WHEN ratings > 0 THEN rating_sum / ratings END AS avg_rating,
              CASE WHEN sessions > 0 THEN coalesce(ratings, 0) / sessions END AS rating_rate
              %s
            FROM %s
            WHERE g BETWEEN DATE'%s' AND DATE'%s'
            """
                .formatted(
                    byAgent ? "agent_id," : "",
                    weekly ? "week_start" : "day",
                    shopColumns,
                    from,
                    lo,
                    hi);
    return spark.sql(sql);
  }
}
