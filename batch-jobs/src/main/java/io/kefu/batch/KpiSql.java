package io.kefu.batch;

import io.kefu.core.metrics.Percentiles;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The sums behind every KPI of METRICS.md, in Spark SQL over the staged facts. One query template
 * serves every grain: by agent or for the whole shop, per day or per ISO week (Monday). Every rate
 * is computed from its summed numerator and denominator, NULL when the denominator is 0, and the
 * numerators and denominators are stored beside it, so any rollup is exact. Distinct-buyer counts
 * (接待人数, 询单人数 …) are counted over the whole grain, never summed from days.
 *
 * <p>How it runs: while the facts are made, each fact's contribution to every measure is summed
 * ({@link KpiBase}): per shop, agent and day ({@code kpi_sums}) and, for the distinct-buyer
 * figures, per grain ({@code kpi_reach}: how many of the task's buyers had ≥ 1 assignment / inquiry
 * / credited order / paid order in each agent-day, agent-week and shop-day). A buyer's facts are
 * all in one task, so the tasks' buyers are disjoint and their counts add up. Each table sums those
 * rows per grain. The response-time P90 is the one measure that needs every value: each task lists
 * the response times of its answered turns per agent-day ({@code kpi_rts}), a grain's list is the
 * union of its rows' lists, and it goes to core's {@link Percentiles}, as in the live job.
 */
final class KpiSql {

  private final SparkSession spark;

  KpiSql(SparkSession spark) {
    this.spark = spark;
    // The P90 is core's Percentiles, the very function the live job calls: one definition.
    spark
        .udf()
        .register(
            "kefu_p90",
            (UDF1<scala.collection.Seq<Object>, Double>)
                values -> {
                  long[] v = new long[values.size()];
                  for (int i = 0; i < v.length; i++) {
                    v[i] = ((Number) values.apply(i)).longValue();
                  }
                  return v.length == 0 ? null : Percentiles.of(v, 0.9);
                },
            DataTypes.DoubleType);
  }

  /** The Monday of a DATE column's ISO week. */
  static String week(String col) {
    return "date_sub(" + col + ", pmod(dayofweek(" + col + ") + 5, 7))";
  }

  /** The Monday of a day's ISO week, as {@link #week} computes it in SQL; NULL stays NULL. */
  static LocalDate monday(LocalDate day) {
    return day == null ? null : day.minusDays(day.getDayOfWeek().getValue() - 1);
  }

  /**
   * The three KPI tables over the staged tables, each registered here as a temporary view of its
   * name ({@code kpi_sums}, {@code kpi_reach}, turn_fact, …), holding only days in [from, to]
   * (weekly: the weeks touching that range, each computed over its whole week).
   */
  Map<String, Dataset<Row>> tables(Map<String, Dataset<Row>> facts, LocalDate from, LocalDate to) {
    facts.forEach((name, data) -> data.createOrReplaceTempView(name));
    LocalDate weekFrom = monday(from);
    LocalDate weekTo = monday(to).plusDays(6);
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();
    t.put("agent_daily_kpi", kpis(true, false, from, to));
    t.put("agent_weekly_kpi", kpis(true, true, weekFrom, weekTo));
    t.put("shop_daily_kpi", kpis(false, false, from, to));
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
   * Facts are read for days in [lo, hi]; for weekly tables that is whole weeks.
   */
  Dataset<Row> kpis(boolean byAgent, boolean weekly, LocalDate lo, LocalDate hi) {
    String g = weekly ? week("day") : "day";
    // Every key with a measure has a row in a; b and p only add to it.
    String keys = byAgent ? "shop_id, agent_id, g" : "shop_id, g";
    StringBuilder sums = new StringBuilder();
    for (String m : KpiBase.MEASURES) {
      sums.append(", sum(").append(m).append(") AS ").append(m);
    }
    String dLo = "DATE'" + lo + "'";
    String dHi = "DATE'" + hi + "'";
    String agentOnly = byAgent ? " AND agent_id IS NOT NULL" : "";
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
        WITH m AS (SELECT *, %s AS g FROM kpi_sums WHERE %s),
        a AS (SELECT %s %s FROM m WHERE true %s GROUP BY %s),
        b AS (SELECT %s,
                sum(received_buyers) AS received_buyers, sum(assigned) AS assigned,
                sum(inquiring_buyers) AS inquiring_buyers, sum(inquired) AS inquired,
                sum(ordering_buyers) AS ordering_buyers, sum(credited) AS credited,
                sum(paying_buyers) AS paying_buyers, sum(paid) AS paid
              FROM kpi_reach WHERE scope = '%s' AND g BETWEEN %s AND %s %s
              GROUP BY %s),
        p AS (SELECT %s, kefu_p90(flatten(collect_list(rts))) / 1000.0 AS rt_p90_s
              FROM (SELECT *, %s AS g FROM kpi_rts WHERE day BETWEEN %s AND %s)
              GROUP BY %s)
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
          rt_p90_s,
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
        FROM a LEFT JOIN b USING (%s) LEFT JOIN p USING (%s)
        WHERE g BETWEEN %s AND %s
        """
            .formatted(
                g,
                "day BETWEEN " + dLo + " AND " + dHi,
                keys,
                sums,
                agentOnly,
                keys,
                keys,
                KpiBase.reachScope(byAgent, weekly),
                dLo,
                dHi,
                agentOnly,
                keys,
                keys,
                g,
                dLo,
                dHi,
                keys,
                byAgent ? "agent_id," : "",
                weekly ? "week_start" : "day",
                money("sales"),
                money("sales"),
                money("refund_amt"),
                shopColumns,
                keys,
                keys,
                dLo,
                dHi);
    return spark.sql(sql);
  }

  /**
   * The review queue (QA_RULES.md "Review workflow") of the sessions scored in this run: every
   * critical session; the lowest-scoring {@code lowestShare} of each shop-week; and a random sample
   * of each agent's sessions per week at {@code sampleRate}, at least one, so every agent is
   * reviewed, not only the bad days. The draw is a hash of the session id: the same sessions are
   * drawn on every re-run. One row per session, with the first reason that applies.
   */
  Dataset<Row> reviewQueue(double sampleRate, double lowestShare, LocalDate from, LocalDate to) {
    // percent_rank and "first by draw" without sorting every session: a shop-week's sessions are
    // few distinct scores, so each score's rank comes from the counts of the scores below it
    // (percent_rank = sessions scored lower / (sessions - 1), 0 for a lone session, with Spark's
    // arithmetic), and each agent-week's first draw is the lowest draw (a hash aggregate over
    // numbers), ties going to the lowest session id among the few sessions holding it. All are
    // small tables joined back.
    return spark.sql(
        """
        WITH q AS (SELECT *, %s AS week_start,
                     (xxhash64(session_id, 'kefu-review') & 2147483647) / 2147483648.0 AS draw
                   FROM session_quality),
        s AS (SELECT shop_id, week_start, qa_score, count(*) AS n
              FROM q GROUP BY shop_id, week_start, qa_score),
        c AS (SELECT shop_id, week_start, qa_score,
                CASE WHEN total > 1
                  THEN CAST(coalesce(below, 0) AS DOUBLE) / CAST(total - 1 AS DOUBLE)
                  ELSE 0.0 END AS low_rank
              FROM (SELECT *,
                      sum(n) OVER (PARTITION BY shop_id, week_start ORDER BY qa_score
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS below,
                      sum(n) OVER (PARTITION BY shop_id, week_start) AS total
                    FROM s)),
        m AS (SELECT shop_id, agent_id, week_start, min(draw) AS first_draw
              FROM q WHERE agent_id IS NOT NULL GROUP BY shop_id, agent_id, week_start),
        d AS (SELECT q.shop_id, q.agent_id, q.week_start, min(q.session_id) AS first_drawn
              FROM q JOIN m ON q.shop_id <=> m.shop_id AND q.agent_id = m.agent_id
                             AND q.week_start <=> m.week_start AND q.draw = m.first_draw
              GROUP BY q.shop_id, q.agent_id, q.week_start),
        r AS (SELECT q.*, c.low_rank, d.first_drawn
              FROM q JOIN c ON q.shop_id <=> c.shop_id AND q.week_start <=> c.week_start
                             AND q.qa_score <=> c.qa_score
                LEFT JOIN d ON q.shop_id <=> d.shop_id AND q.agent_id = d.agent_id
                             AND q.week_start <=> d.week_start)
        SELECT shop_id, session_id, agent_id, day, week_start, rulebook_version,
          CASE WHEN critical THEN 'critical'
               WHEN low_rank <= %s THEN 'low_score'
               ELSE 'sample' END AS reason,
          qa_score
        FROM r
        WHERE (critical OR low_rank <= %s
               OR (agent_id IS NOT NULL AND (draw < %s OR session_id = first_drawn)))
          AND day BETWEEN DATE'%s' AND DATE'%s'
        """
            .formatted(week("day"), lowestShare, lowestShare, sampleRate, from, to));
  }
}
