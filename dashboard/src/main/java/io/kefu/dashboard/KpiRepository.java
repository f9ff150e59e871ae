package io.kefu.dashboard;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of the KPI explorer, on the published warehouse (read-only): how did each agent, team or
 * the whole selection do over a range of days, per day, per week or over the whole range?
 *
 * <p>How a rollup is computed (METRICS.md: never average rates):
 *
 * <ul>
 *   <li>Additive counts and sums (turns, answered turns, {@code rt_sum_ms}, {@code frt_sum_ms},
 *       messages, inquiries, orders, sales, refunds, sessions, ratings …) are summed from {@code
 *       agent_daily_kpi}, the batch job's own per-agent-day figures.
 *   <li>Distinct-buyer counts (接待人数, 询单人数, 下单人数, 付款人数) cannot be summed across days or agents (one
 *       buyer served on two days, or by two agents of a team, is one buyer), so they are counted
 *       distinct over the whole group from the fact tables: {@code assignment_fact}, {@code
 *       inquiry_fact} and the credited rows of {@code order_fact} (on the day of the inquiry they
 *       are credited to, the cohort view).
 *   <li>The response-time P90 is {@code quantile_cont(response_ms, 0.9)} over the group's counted
 *       turns in {@code turn_fact} (the batch job's Spark {@code percentile} interpolates the same
 *       way).
 *   <li>Every rate is then derived from those counts in {@link KpiFigures}.
 * </ul>
 *
 * So one agent's day equals its {@code agent_daily_kpi} row and one agent's whole ISO week its
 * {@code agent_weekly_kpi} row, and any other range, team or week cut by the range is exact too.
 *
 * <p>Every filter is a bound parameter: they are bound once, into the {@code params} row that every
 * part of the query joins; only the grouping expressions, chosen from the enums below, are written
 * into the SQL text.
 */
public final class KpiRepository {

  /** The tables the explorer reads. */
  public static final List<String> TABLES =
      List.of(
          "agent_daily_kpi",
          "agent_roster",
          "assignment_fact",
          "inquiry_fact",
          "order_fact",
          "turn_fact");

  /** The period a row covers. */
  public enum Periods {
    DAY,
    WEEK,
    /** One row for the whole range; its period is the range's first day. */
    WHOLE;

    String sql(String dayColumn) {
      return switch (this) {
        case DAY -> dayColumn;
        case WEEK -> "CAST(date_trunc('week', " + dayColumn + ") AS DATE)";
        case WHOLE -> "params.lo";
      };
    }

    static Periods of(KpiQuery.Grain grain) {
      return grain == KpiQuery.Grain.WEEK ? WEEK : DAY;
    }
  }

  /** Whose figures a row holds. */
  public enum Subjects {
    AGENT("a.agent_id"),
    TEAM("a.team"),
    /** Everyone the filters select, together; the key is {@link #ALL_KEY}. */
    ALL("'*'");

    private final String sql;

    Subjects(String sql) {
      this.sql = sql;
    }

    static Subjects of(KpiQuery.By by) {
      return by == KpiQuery.By.TEAM ? TEAM : AGENT;
    }
  }

  public static final String ALL_KEY = "*";

  /** An agent as the filters list it; team is "" when the roster does not know the agent. */
  public record RosterAgent(String agentId, String name, String team) {}

  /**
   * One row of figures.
   *
   * @param period the day, the Monday of the week, or the range's first day ({@link Periods#WHOLE})
   * @param key the agent id, the team, or {@link #ALL_KEY}
   */
  public record KpiRow(LocalDate period, String key, KpiFigures figures) {}

  /** The first and last day with figures. */
  public record DayRange(LocalDate first, LocalDate last) {}

  public Optional<DayRange> days(Connection c) throws SQLException {
    try (PreparedStatement p =
            c.prepareStatement("SELECT min(day), max(day) FROM agent_daily_kpi");
        ResultSet rs = p.executeQuery()) {
      if (!rs.next() || rs.getObject(1) == null) {
        return Optional.empty();
      }
      return Optional.of(
          new DayRange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)));
    }
  }

  /** The agents this scope may see: those with figures and those on the roster, by team, name. */
  public List<RosterAgent> roster(Connection c, AgentScope scope) throws SQLException {
    List<RosterAgent> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT a.agent_id, coalesce(r.name, a.agent_id), coalesce(r.team, '')"
                + " FROM (SELECT agent_id FROM agent_daily_kpi UNION SELECT agent_id FROM"
                + " agent_roster) a LEFT JOIN agent_roster r ON r.agent_id = a.agent_id"
                + " WHERE a.agent_id IS NOT NULL AND (? OR a.agent_id = ?)"
                + " ORDER BY 3, 2, 1")) {
      p.setBoolean(1, scope.all());
      setString(p, 2, scope.agentId());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new RosterAgent(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  /** The attribution rules in force on the range's days (METRICS.md: print them). */
  public List<String> attributionRules(Connection c, LocalDate from, LocalDate to)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT DISTINCT attribution_rule FROM kpi_day_config WHERE day BETWEEN ? AND ?"
                + " AND attribution_rule IS NOT NULL ORDER BY 1")) {
      p.setObject(1, from);
      p.setObject(2, to);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  public List<String> shops(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement("SELECT DISTINCT shop_id FROM agent_daily_kpi ORDER BY 1");
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * The figures of the query's range, team, agent and shop, within what the scope may see, one row
   * per period and subject, in period then key order.
   */
  public List<KpiRow> figures(
      Connection c, KpiQuery q, AgentScope scope, Periods periods, Subjects subjects)
      throws SQLException {
    List<KpiRow> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql(periods, subjects))) {
      p.setObject(1, q.from());
      p.setObject(2, q.to());
      p.setBoolean(3, scope.all());
      setString(p, 4, scope.agentId());
      setString(p, 5, q.team());
      setString(p, 6, q.agent());
      setString(p, 7, q.shop());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    }
    return out;
  }

  private static void setString(PreparedStatement p, int i, String v) throws SQLException {
    if (v == null) {
      p.setNull(i, Types.VARCHAR);
    } else {
      p.setString(i, v);
    }
  }

  /** The additive columns of agent_daily_kpi, summed. */
  private static final List<String> SUMMED =
      List.of(
          "assignments",
          "buyer_turns",
          "answered_turns",
          "replied_in_time_turns",
          "rt_sum_ms",
          "frt_sessions",
          "frt_sum_ms",
          "agent_messages",
          "buyer_messages",
          "inquiries",
          "credited_orders",
          "paid_orders",
          "sales",
          "refunded_orders",
          "refund_amount",
          "sessions",
          "ratings",
          "satisfied_ratings",
          "dissatisfied_ratings",
          "rating_sum");

  static String sql(Periods periods, Subjects subjects) {
    String k = subjects.sql;
    // The range as parameters, not through the params row: DuckDB then prunes the row groups of
    // the day-ordered fact tables by their min/max (zone maps) instead of scanning a whole year.
    String where = " WHERE f.day BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)";
    String shop = " AND (params.shop IS NULL OR f.shop_id = params.shop)";
    String group = " GROUP BY 1, 2";
    StringBuilder sums = new StringBuilder();
    for (String col : SUMMED) {
      sums.append(", sum(f.").append(col).append(") AS ").append(col);
    }
    return "WITH params AS (SELECT CAST($1 AS DATE) AS lo, CAST($2 AS DATE) AS hi,"
        + " CAST($3 AS BOOLEAN) AS see_all, CAST($4 AS VARCHAR) AS see_agent,"
        + " CAST($5 AS VARCHAR) AS team, CAST($6 AS VARCHAR) AS agent, CAST($7 AS VARCHAR) AS shop),\n"
        // the agents the scope may see and the filters select, with their team
        + "a AS (SELECT x.agent_id, coalesce(r.team, '') AS team FROM (SELECT agent_id FROM"
        + " agent_daily_kpi UNION SELECT agent_id FROM agent_roster) x LEFT JOIN agent_roster r"
        + " ON r.agent_id = x.agent_id, params WHERE x.agent_id IS NOT NULL"
        + " AND (params.see_all OR x.agent_id = params.see_agent)"
        + " AND (params.team IS NULL OR coalesce(r.team, '') = params.team)"
        + " AND (params.agent IS NULL OR x.agent_id = params.agent)),\n"
        + "s AS (SELECT "
        + periods.sql("f.day")
        + " AS p, "
        + k
        + " AS k"
        + sums
        + " FROM agent_daily_kpi f JOIN a ON a.agent_id = f.agent_id, params"
        + where
        + shop
        + group
        + "),\n"
        + "r AS (SELECT "
        + periods.sql("f.day")
        + " AS p, "
        + k
        + " AS k, count(DISTINCT (f.shop_id, f.buyer_id)) AS received_buyers"
        + " FROM assignment_fact f JOIN a ON a.agent_id = f.agent_id, params"
        + where
        + shop
        + group
        + "),\n"
        + "q AS (SELECT "
        + periods.sql("f.day")
        + " AS p, "
        + k
        + " AS k, count(DISTINCT (f.shop_id, f.buyer_id)) AS inquiring_buyers"
        + " FROM inquiry_fact f JOIN a ON a.agent_id = f.agent_id, params"
        + where
        + shop
        + group
        + "),\n"
        + "o AS (SELECT "
        + periods.sql("f.credited_day")
        + " AS p, "
        + k
        + " AS k, count(DISTINCT (f.shop_id, f.buyer_id)) AS ordering_buyers,"
        + " count(DISTINCT CASE WHEN f.paid_at IS NOT NULL THEN (f.shop_id, f.buyer_id) END)"
        + " AS paying_buyers"
        + " FROM order_fact f JOIN a ON a.agent_id = f.credited_agent_id, params"
        + " WHERE f.credited AND f.credited_day BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)"
        + shop
        + group
        + "),\n"
        + "t AS (SELECT "
        + periods.sql("f.day")
        + " AS p, "
        + k
        + " AS k, quantile_cont(f.response_ms, 0.9) AS rt_p90_ms"
        + " FROM turn_fact f JOIN a ON a.agent_id = f.agent_id, params"
        + where
        + " AND f.counted"
        + shop
        + group
        + ")\n"
        + "SELECT p, k, coalesce(received_buyers, 0) AS received_buyers, "
        + String.join(", ", SUMMED.stream().map(col -> "coalesce(" + col + ", 0)").toList())
        + ", rt_p90_ms, coalesce(inquiring_buyers, 0), coalesce(ordering_buyers, 0),"
        + " coalesce(paying_buyers, 0)"
        + " FROM s FULL JOIN r USING (p, k) FULL JOIN q USING (p, k) FULL JOIN o USING (p, k)"
        + " FULL JOIN t USING (p, k) ORDER BY p, k";
  }

  private static KpiRow row(ResultSet rs) throws SQLException {
    int i = 1;
    LocalDate period = rs.getObject(i++, LocalDate.class);
    String key = rs.getString(i++);
    long received = rs.getLong(i++);
    long assignments = rs.getLong(i++);
    long buyerTurns = rs.getLong(i++);
    long answeredTurns = rs.getLong(i++);
    long repliedInTime = rs.getLong(i++);
    long rtSumMs = rs.getLong(i++);
    long frtSessions = rs.getLong(i++);
    long frtSumMs = rs.getLong(i++);
    long agentMessages = rs.getLong(i++);
    long buyerMessages = rs.getLong(i++);
    long inquiries = rs.getLong(i++);
    long creditedOrders = rs.getLong(i++);
    long paidOrders = rs.getLong(i++);
    BigDecimal sales = money(rs.getBigDecimal(i++));
    long refundedOrders = rs.getLong(i++);
    BigDecimal refundAmount = money(rs.getBigDecimal(i++));
    long sessions = rs.getLong(i++);
    long ratings = rs.getLong(i++);
    long satisfied = rs.getLong(i++);
    long dissatisfied = rs.getLong(i++);
    long ratingSum = rs.getLong(i++);
    double p90 = rs.getDouble(i++);
    Double rtP90Ms = rs.wasNull() ? null : p90;
    long inquiring = rs.getLong(i++);
    long ordering = rs.getLong(i++);
    long paying = rs.getLong(i);
    return new KpiRow(
        period,
        key,
        new KpiFigures(
            received,
            assignments,
            buyerTurns,
            answeredTurns,
            repliedInTime,
            rtSumMs,
            frtSessions,
            frtSumMs,
            rtP90Ms,
            agentMessages,
            buyerMessages,
            inquiries,
            inquiring,
            ordering,
            paying,
            creditedOrders,
            paidOrders,
            sales,
            refundedOrders,
            refundAmount,
            sessions,
            ratings,
            satisfied,
            dissatisfied,
            ratingSum));
  }

  private static BigDecimal money(BigDecimal v) {
    return (v == null ? BigDecimal.ZERO : v).setScale(2, java.math.RoundingMode.UNNECESSARY);
  }
}
