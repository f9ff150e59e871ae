package io.kefu.dashboard;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A small warehouse of two weeks (2026-11-02 to 11-15, Monday to Sunday) with the batch job's fact
 * tables and the {@code agent_daily_kpi} made from them, and a brute-force reference that computes
 * any range's figures straight from the fact rows in Java.
 *
 * <p>Agents: 小美 a-xiaomei and 阿杰 a-ajie in 售前一组, 王姐 a-wangjie in 售后一组, and a-ghost, who has figures
 * but is not on the roster (no team). Buyers come back on other days and to other agents, so
 * distinct counts differ from summed ones. Every field derives from a seeded Random.
 */
final class KpiFixture {

  static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
  static final LocalDate LAST = LocalDate.of(2026, 11, 15);
  static final String SHOP = "sunshine-baby";

  record Agent(String id, String name, String team) {}

  static final List<Agent> AGENTS =
      List.of(
          new Agent("a-xiaomei", "小美", "售前一组"),
          new Agent("a-ajie", "阿杰", "售前一组"),
          new Agent("a-wangjie", "王姐", "售后一组"),
          new Agent("a-ghost", null, null));

  record Assignment(String session, String buyer, String agent, LocalDate day) {}

  record Turn(
      String session,
      String agent,
      LocalDate day,
      Long responseMs,
      boolean first,
      boolean counted,
      int buyerMessages) {}

  record Inquiry(String session, String buyer, String agent, LocalDate day) {}

  record Order(
      String id,
      String buyer,
      String agent,
      LocalDate creditedDay,
      BigDecimal paid,
      BigDecimal refunded) {}

  /** A session's rating, credited to its agent on its day; 0 = not rated. */
  record Session(String session, String agent, LocalDate day, int rating) {}

  final List<Assignment> assignments = new ArrayList<>();
  final List<Turn> turns = new ArrayList<>();
  final List<Inquiry> inquiries = new ArrayList<>();
  final List<Order> orders = new ArrayList<>();
  final List<Session> sessions = new ArrayList<>();

  KpiFixture(long seed) {
    Random rnd = new Random(seed);
    int n = 0;
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      for (Agent a : AGENTS) {
        int count = rnd.nextInt(6);
        for (int i = 0; i < count; i++) {
          String s = "s-" + (++n);
          // 25 buyers in all: they come back on other days and to other agents.
          String buyer = rnd.nextInt(4) == 0 ? "买家" + rnd.nextInt(25) : "tb" + rnd.nextInt(25);
          assignments.add(new Assignment(s, buyer, a.id(), d));
          sessions.add(new Session(s, a.id(), d, rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(5) : 0));
          int turnCount = 1 + rnd.nextInt(3);
          for (int t = 0; t < turnCount; t++) {
            Long rt = rnd.nextInt(10) == 0 ? null : (long) (1000 + rnd.nextInt(240_000));
            turns.add(new Turn(s, a.id(), d, rt, t == 0, rnd.nextInt(20) != 0, 1 + rnd.nextInt(3)));
          }
          if (rnd.nextInt(10) < 7) {
            inquiries.add(new Inquiry(s, buyer, a.id(), d));
            if (rnd.nextInt(10) < 4) {
              BigDecimal paid =
                  rnd.nextInt(5) == 0 ? null : BigDecimal.valueOf(1000 + rnd.nextInt(90_000), 2);
              BigDecimal refunded =
                  paid != null && rnd.nextInt(6) == 0 ? paid : BigDecimal.ZERO.setScale(2);
              orders.add(new Order("o-" + n, buyer, a.id(), d, paid, refunded));
            }
          }
        }
      }
    }
  }

  /** Writes the roster, the facts and agent_daily_kpi. */
  void fill(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE agent_roster (agent_id VARCHAR, name VARCHAR, team VARCHAR,"
              + " queue VARCHAR)");
      s.execute(
          "CREATE TABLE assignment_fact (shop_id VARCHAR, session_id VARCHAR,"
              + " buyer_id VARCHAR, agent_id VARCHAR, day DATE)");
      s.execute(
          "CREATE TABLE turn_fact (shop_id VARCHAR, session_id VARCHAR, buyer_id VARCHAR,"
              + " agent_id VARCHAR, turn_start TIMESTAMP, day DATE, buyer_messages INTEGER,"
              + " answered BOOLEAN, answered_by VARCHAR, response_ms BIGINT, replied_in_time BOOLEAN,"
              + " first_turn BOOLEAN, counted BOOLEAN)");
      s.execute(
          "CREATE TABLE inquiry_fact (shop_id VARCHAR, session_id VARCHAR,"
              + " buyer_id VARCHAR, agent_id VARCHAR, inquiry_at TIMESTAMP, day DATE)");
      s.execute(
          "CREATE TABLE order_fact (shop_id VARCHAR, order_id VARCHAR, buyer_id VARCHAR,"
              + " day DATE, created_at TIMESTAMP, created_amount DECIMAL(18,2),"
              + " paid_amount DECIMAL(18,2), paid_at TIMESTAMP, paid_day DATE,"
              + " refunded_amount DECIMAL(18,2), refund_requests INTEGER, cancelled BOOLEAN,"
              + " credited BOOLEAN, credited_session_id VARCHAR, credited_agent_id VARCHAR,"
              + " credited_inquiry_at TIMESTAMP, credited_day DATE)");
      s.execute(
          "CREATE TABLE fixture_session (session_id VARCHAR, agent_id VARCHAR, day DATE,"
              + " rating INTEGER)");
      s.execute(
          "CREATE TABLE kpi_day_config (shop_id VARCHAR, day DATE, config VARCHAR,"
              + " attribution_rule VARCHAR)");
    }
    for (Agent a : AGENTS) {
      if (a.name() != null) {
        insert(
            c, "INSERT INTO agent_roster VALUES (?, ?, ?, 'pre_sale')", a.id(), a.name(), a.team());
      }
    }
    for (Assignment a : assignments) {
      insert(
          c,
          "INSERT INTO assignment_fact VALUES (?, ?, ?, ?, ?)",
          SHOP,
          a.session(),
          a.buyer(),
          a.agent(),
          a.day());
    }
    for (Turn t : turns) {
      insert(
          c,
          "INSERT INTO turn_fact VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          SHOP,
          t.session(),
          t.agent(),
          t.day().atTime(10, 0),
          t.day(),
          t.buyerMessages(),
          t.responseMs() != null,
          t.responseMs() == null ? null : t.agent(),
          t.responseMs(),
          t.responseMs() != null && t.responseMs() <= 180_000,
          t.first(),
          t.counted());
    }
    for (Inquiry q : inquiries) {
      insert(
          c,
          "INSERT INTO inquiry_fact VALUES (?, ?, ?, ?, ?, ?)",
          SHOP,
          q.session(),
          q.buyer(),
          q.agent(),
          q.day().atTime(10, 0),
          q.day());
    }
    for (Order o : orders) {
      insert(
          c,
          "INSERT INTO order_fact VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, false, true,"
              + " NULL, ?, ?, ?)",
          SHOP,
          o.id(),
          o.buyer(),
          o.creditedDay(),
          o.creditedDay().atTime(11, 0),
          o.paid(),
          o.paid(),
          o.paid() == null ? null : o.creditedDay().atTime(11, 5),
          o.paid() == null ? null : o.creditedDay(),
          o.refunded(),
          o.agent(),
          o.creditedDay().atTime(10, 0),
          o.creditedDay());
    }
    // One silent order: not credited to anyone, so in no agent's figures.
    insert(
        c,
        "INSERT INTO order_fact VALUES (?, 'silent', 'tb1', ?, ?, 50, 50, ?, ?, 0, 0,"
            + " false, false, NULL, NULL, NULL, NULL)",
        SHOP,
        FIRST,
        FIRST.atTime(9, 0),
        FIRST.atTime(9, 1),
        FIRST);
    for (Session s : sessions) {
      insert(
          c,
          "INSERT INTO fixture_session VALUES (?, ?, ?, ?)",
          s.session(),
          s.agent(),
          s.day(),
          s.rating());
    }
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      insert(
          c,
          "INSERT INTO kpi_day_config VALUES (?, ?, 'attribution.window=24h',"
              + " 'last touch, 24h window')",
          SHOP,
          d);
    }
    try (Statement s = c.createStatement()) {
      // The additive per-agent-day figures the batch job publishes (the distinct counts and the
      // P90 per day too, though the explorer recounts those over each group).
      s.execute(
          """
          CREATE TABLE agent_daily_kpi AS
          WITH k AS (SELECT agent_id, day FROM assignment_fact UNION SELECT agent_id, day
                     FROM turn_fact),
          t AS (SELECT agent_id, day, count(*) AS buyer_turns, count(response_ms) AS answered_turns,
                  count_if(replied_in_time) AS replied_in_time_turns,
                  coalesce(sum(response_ms), 0) AS rt_sum_ms,
                  count_if(first_turn AND response_ms IS NOT NULL) AS frt_sessions,
                  coalesce(sum(CASE WHEN first_turn THEN response_ms END), 0) AS frt_sum_ms,
                  sum(buyer_messages) AS buyer_messages, 2 * count(*) AS agent_messages
                FROM turn_fact WHERE counted GROUP BY 1, 2),
          r AS (SELECT agent_id, day, count(DISTINCT buyer_id) AS received_buyers,
                  count(*) AS assignments FROM assignment_fact GROUP BY 1, 2),
          q AS (SELECT agent_id, day, count(*) AS inquiries,
                  count(DISTINCT buyer_id) AS inquiring_buyers FROM inquiry_fact GROUP BY 1, 2),
          o AS (SELECT credited_agent_id AS agent_id, credited_day AS day,
                  count(*) AS credited_orders, count(paid_at) AS paid_orders,
                  count(DISTINCT buyer_id) AS ordering_buyers,
                  count(DISTINCT CASE WHEN paid_at IS NOT NULL THEN buyer_id END) AS paying_buyers,
                  coalesce(sum(paid_amount), 0) AS sales,
                  count_if(paid_at IS NOT NULL AND refunded_amount > 0) AS refunded_orders,
                  coalesce(sum(refunded_amount), 0) AS refund_amount
                FROM order_fact WHERE credited GROUP BY 1, 2),
          s AS (SELECT agent_id, day, count(*) AS sessions, count_if(rating > 0) AS ratings,
                  count_if(rating >= 4) AS satisfied_ratings,
                  count_if(rating BETWEEN 1 AND 2) AS dissatisfied_ratings,
                  sum(rating) AS rating_sum FROM fixture_session GROUP BY 1, 2)
          SELECT 'sunshine-baby' AS shop_id, agent_id, day,
            coalesce(received_buyers, 0) AS received_buyers, coalesce(assignments, 0) AS assignments,
            coalesce(buyer_turns, 0) AS buyer_turns, coalesce(answered_turns, 0) AS answered_turns,
            coalesce(replied_in_time_turns, 0) AS replied_in_time_turns,
            coalesce(rt_sum_ms, 0) AS rt_sum_ms, coalesce(frt_sessions, 0) AS frt_sessions,
            coalesce(frt_sum_ms, 0) AS frt_sum_ms,
            coalesce(agent_messages, 0) AS agent_messages,
            coalesce(buyer_messages, 0) AS buyer_messages,
            coalesce(inquiries, 0) AS inquiries, coalesce(inquiring_buyers, 0) AS inquiring_buyers,
            coalesce(ordering_buyers, 0) AS ordering_buyers,
            coalesce(paying_buyers, 0) AS paying_buyers,
            coalesce(credited_orders, 0) AS credited_orders,
            coalesce(paid_orders, 0) AS paid_orders,
            CAST(coalesce(sales, 0) AS DECIMAL(18,2)) AS sales,
            coalesce(refunded_orders, 0) AS refunded_orders,
            CAST(coalesce(refund_amount, 0) AS DECIMAL(18,2)) AS refund_amount,
            coalesce(sessions, 0) AS sessions, coalesce(ratings, 0) AS ratings,
            coalesce(satisfied_ratings, 0) AS satisfied_ratings,
            coalesce(dissatisfied_ratings, 0) AS dissatisfied_ratings,
            coalesce(rating_sum, 0) AS rating_sum
          FROM k LEFT JOIN t USING (agent_id, day) LEFT JOIN r USING (agent_id, day)
            LEFT JOIN q USING (agent_id, day) LEFT JOIN o USING (agent_id, day)
            LEFT JOIN s USING (agent_id, day)""");
    }
  }

  private static void insert(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        p.setObject(i + 1, values[i]);
      }
      p.executeUpdate();
    }
  }

  static boolean inRange(LocalDate d, LocalDate from, LocalDate to) {
    return !d.isBefore(from) && !d.isAfter(to);
  }

  /**
   * The figures of the agents {@code agents} accepts over [from, to], counted the slow and obvious
   * way from the fact rows.
   */
  KpiFigures expected(LocalDate from, LocalDate to, Predicate<String> agents) {
    Set<String> received = new HashSet<>();
    long assignmentCount = 0;
    for (Assignment a : assignments) {
      if (agents.test(a.agent()) && inRange(a.day(), from, to)) {
        received.add(a.buyer());
        assignmentCount++;
      }
    }
    long buyerTurns = 0;
    long answered = 0;
    long inTime = 0;
    long rtSum = 0;
    long frtSessions = 0;
    long frtSum = 0;
    long buyerMessages = 0;
    List<Long> responses = new ArrayList<>();
    for (Turn t : turns) {
      if (!t.counted() || !agents.test(t.agent()) || !inRange(t.day(), from, to)) {
        continue;
      }
      buyerTurns++;
      buyerMessages += t.buyerMessages();
      if (t.responseMs() != null) {
        answered++;
        rtSum += t.responseMs();
        responses.add(t.responseMs());
        inTime += t.responseMs() <= 180_000 ? 1 : 0;
        if (t.first()) {
          frtSessions++;
          frtSum += t.responseMs();
        }
      }
    }
    Set<String> inquiring = new HashSet<>();
    long inquiryCount = 0;
    for (Inquiry q : inquiries) {
      if (agents.test(q.agent()) && inRange(q.day(), from, to)) {
        inquiring.add(q.buyer());
        inquiryCount++;
      }
    }
    Set<String> ordering = new HashSet<>();
    Set<String> paying = new HashSet<>();
    long credited = 0;
    long paid = 0;
    long refundedOrders = 0;
    BigDecimal sales = BigDecimal.ZERO.setScale(2);
    BigDecimal refunds = BigDecimal.ZERO.setScale(2);
    for (Order o : orders) {
      if (!agents.test(o.agent()) || !inRange(o.creditedDay(), from, to)) {
        continue;
      }
      credited++;
      ordering.add(o.buyer());
      refunds = refunds.add(o.refunded());
      if (o.paid() != null) {
        paid++;
        paying.add(o.buyer());
        sales = sales.add(o.paid());
        refundedOrders += o.refunded().signum() > 0 ? 1 : 0;
      }
    }
    long sessionCount = 0;
    long ratings = 0;
    long satisfied = 0;
    long dissatisfied = 0;
    long ratingSum = 0;
    for (Session s : sessions) {
      if (agents.test(s.agent()) && inRange(s.day(), from, to)) {
        sessionCount++;
        if (s.rating() > 0) {
          ratings++;
          ratingSum += s.rating();
          satisfied += s.rating() >= 4 ? 1 : 0;
          dissatisfied += s.rating() <= 2 ? 1 : 0;
        }
      }
    }
    return new KpiFigures(
        received.size(),
        assignmentCount,
        buyerTurns,
        answered,
        inTime,
        rtSum,
        frtSessions,
        frtSum,
        p90(responses),
        2 * buyerTurns,
        buyerMessages,
        inquiryCount,
        inquiring.size(),
        ordering.size(),
        paying.size(),
        credited,
        paid,
        sales,
        refundedOrders,
        refunds,
        sessionCount,
        ratings,
        satisfied,
        dissatisfied,
        ratingSum);
  }

  /** The 90th percentile with linear interpolation between closest ranks (quantile_cont). */
  static Double p90(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    double pos = 0.9 * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
  }
}
