package io.kefu.dashboard.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small warehouse with the batch job's schema and the quality tables, seeded deterministically:
 * three pre-sale agents with enough sessions, an after-sale agent with few (small samples), and one
 * agent the roster does not know, over three ISO weeks (2026-W44 to W46). The fact rows are kept in
 * Java, so tests can count the expected figures the slow and obvious way; {@code agent_daily_kpi}
 * is derived from the facts in SQL the way the batch job does.
 */
final class ReportFixture {

  static final String SHOP = "shop-1";
  static final LocalDate FIRST = LocalDate.of(2026, 10, 26);
  static final LocalDate LAST = LocalDate.of(2026, 11, 15);
  static final IsoWeek WEEK = IsoWeek.parse("2026-W46");
  static final String RUN = "run-fixture-1";

  record Agent(String id, String name, String team, int sessionsPerDay) {}

  static final List<Agent> AGENTS =
      List.of(
          new Agent("a-mei", "小美", "售前一组", 12),
          new Agent("a-jie", "阿杰", "售前一组", 11),
          new Agent("a-lin", "小林", "售前一组", 10),
          new Agent("a-wang", "王姐", "售后一组", 2),
          new Agent("a-ghost", null, null, 1));

  record Session(
      String id,
      String buyer,
      String agent,
      LocalDate day,
      LocalDateTime start,
      int rating,
      double qaScore,
      boolean critical) {}

  record Turn(
      String session,
      String agent,
      LocalDate day,
      LocalDateTime start,
      Long responseMs,
      boolean first) {}

  record Order(
      String id, String buyer, String agent, LocalDate day, BigDecimal paid, BigDecimal refunded) {}

  final List<Session> sessions = new ArrayList<>();
  final List<Turn> turns = new ArrayList<>();
  final List<Session> inquiries = new ArrayList<>();
  final List<Order> orders = new ArrayList<>();

  ReportFixture(long seed) {
    Random rnd = new Random(seed);
    int n = 0;
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      for (Agent a : AGENTS) {
        // the second week is busier (Double 11): more sessions, slower answers
        int count =
            a.sessionsPerDay()
                + (d.isAfter(LocalDate.of(2026, 11, 8)) ? a.sessionsPerDay() / 3 : 0);
        for (int i = 0; i < count; i++) {
          String sid = "s-" + (++n);
          String buyer = "b" + rnd.nextInt(400);
          LocalDateTime start = d.atTime(8 + rnd.nextInt(14), rnd.nextInt(60), rnd.nextInt(60));
          int rating =
              rnd.nextInt(10) < 5
                  ? 1
                      + (int)
                          Math.min(
                              4, Math.abs(rnd.nextGaussian() * 1.2) + (rnd.nextInt(5) == 0 ? 0 : 3))
                  : 0;
          boolean critical = rnd.nextInt(40) == 0;
          double qa = critical ? 40 + rnd.nextInt(30) : 100 - 5 * rnd.nextInt(5);
          Session s = new Session(sid, buyer, a.id(), d, start, rating, qa, critical);
          sessions.add(s);
          int turnCount = 1 + rnd.nextInt(3);
          double slow =
              a.id().equals("a-lin") ? 2.5 : d.isAfter(LocalDate.of(2026, 11, 8)) ? 1.3 : 1;
          for (int t = 0; t < turnCount; t++) {
            Long rt =
                rnd.nextInt(25) == 0
                    ? null
                    : (long) (slow * (3000 + Math.abs(rnd.nextGaussian()) * 25_000));
            turns.add(new Turn(sid, a.id(), d, start.plusMinutes(3L * t), rt, t == 0));
          }
          if (!a.id().equals("a-wang") && rnd.nextInt(10) < 8) {
            inquiries.add(s);
            if (rnd.nextInt(100) < (a.id().equals("a-mei") ? 50 : 30)) {
              BigDecimal paid =
                  rnd.nextInt(7) == 0 ? null : BigDecimal.valueOf(2000 + rnd.nextInt(80_000), 2);
              BigDecimal refunded =
                  paid != null && rnd.nextInt(10) == 0 ? paid : BigDecimal.ZERO.setScale(2);
              orders.add(new Order("o-" + n, buyer, a.id(), d, paid, refunded));
            }
          }
        }
      }
    }
  }

  /**
   * Writes the warehouse file (closed afterwards, so tests open it read-only like the dashboard).
   */
  Path write(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      fill(c);
      try (Statement s = c.createStatement()) {
        s.execute("CHECKPOINT");
      }
    }
    return file;
  }

  void fill(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE agent_roster (agent_id VARCHAR, name VARCHAR, team VARCHAR, queue VARCHAR)");
      s.execute(
          "CREATE TABLE assignment_fact (shop_id VARCHAR, session_id VARCHAR, buyer_id VARCHAR,"
              + " agent_id VARCHAR, day DATE)");
      s.execute(
          "CREATE TABLE turn_fact (shop_id VARCHAR, session_id VARCHAR, buyer_id VARCHAR,"
              + " agent_id VARCHAR, turn_start TIMESTAMP, day DATE, buyer_messages INTEGER,"
              + " answered BOOLEAN, answered_by VARCHAR, response_ms BIGINT, replied_in_time BOOLEAN,"
              + " first_turn BOOLEAN, counted BOOLEAN)");
      s.execute(
          "CREATE TABLE inquiry_fact (shop_id VARCHAR, session_id VARCHAR, buyer_id VARCHAR,"
              + " agent_id VARCHAR, inquiry_at TIMESTAMP, day DATE)");
      s.execute(
          "CREATE TABLE order_fact (shop_id VARCHAR, order_id VARCHAR, buyer_id VARCHAR, day DATE,"
              + " paid_amount DECIMAL(18,2), paid_at TIMESTAMP, refunded_amount DECIMAL(18,2),"
              + " credited BOOLEAN, credited_agent_id VARCHAR, credited_day DATE)");
      s.execute(
          "CREATE TABLE fixture_session (session_id VARCHAR, agent_id VARCHAR, day DATE,"
              + " rating INTEGER)");
      s.execute(
          "CREATE TABLE kpi_day_config (shop_id VARCHAR, day DATE, config VARCHAR,"
              + " attribution_rule VARCHAR)");
      s.execute(
          "CREATE TABLE ingest_run (run_id VARCHAR, input VARCHAR, from_day DATE, to_day DATE,"
              + " lines_read BIGINT, accepted BIGINT, rejected BIGINT, duplicates BIGINT,"
              + " files BIGINT, config VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP)");
      s.execute(
          "CREATE TABLE session_quality (shop_id VARCHAR, session_id VARCHAR, agent_id VARCHAR,"
              + " buyer_id VARCHAR, day DATE, rulebook_version VARCHAR, qa_score DOUBLE,"
              + " grade VARCHAR, critical BOOLEAN, hits INTEGER, deductions DOUBLE)");
      s.execute(
          "CREATE TABLE session_quality_hit (shop_id VARCHAR, session_id VARCHAR,"
              + " rulebook_version VARCHAR, seq INTEGER, rule_id VARCHAR, severity VARCHAR,"
              + " deduction DOUBLE, event_id VARCHAR, agent_id VARCHAR, excerpt VARCHAR, day DATE)");
    }
    for (Agent a : AGENTS) {
      if (a.name() != null) {
        insert(
            c, "INSERT INTO agent_roster VALUES (?, ?, ?, 'pre_sale')", a.id(), a.name(), a.team());
      }
    }
    c.setAutoCommit(false);
    try (PreparedStatement as =
            c.prepareStatement("INSERT INTO assignment_fact VALUES (?, ?, ?, ?, ?)");
        PreparedStatement fs =
            c.prepareStatement("INSERT INTO fixture_session VALUES (?, ?, ?, ?)");
        PreparedStatement qs =
            c.prepareStatement(
                "INSERT INTO session_quality VALUES (?, ?, ?, ?, ?, 'zh-1', ?, ?, ?, ?, ?)");
        PreparedStatement hs =
            c.prepareStatement(
                "INSERT INTO session_quality_hit VALUES (?, ?, 'zh-1', 1, 'impolite', 'critical',"
                    + " 30, ?, ?, ?, ?)")) {
      for (Session s : sessions) {
        set(as, SHOP, s.id(), s.buyer(), s.agent(), s.day());
        as.addBatch();
        set(fs, s.id(), s.agent(), s.day(), s.rating());
        fs.addBatch();
        set(
            qs,
            SHOP,
            s.id(),
            s.agent(),
            s.buyer(),
            s.day(),
            s.qaScore(),
            s.qaScore() >= 90 ? "A" : s.qaScore() >= 75 ? "B" : "D",
            s.critical(),
            s.critical() ? 1 : 0,
            100 - s.qaScore());
        qs.addBatch();
        if (s.critical()) {
          set(hs, SHOP, s.id(), "e-" + s.id(), s.agent(), "爱买不买 <b>" + s.id() + "</b>", s.day());
          hs.addBatch();
        }
      }
      as.executeBatch();
      fs.executeBatch();
      qs.executeBatch();
      hs.executeBatch();
    }
    try (PreparedStatement ts =
        c.prepareStatement(
            "INSERT INTO turn_fact VALUES (?, ?, NULL, ?, ?, ?, 1, ?, ?, ?, ?, ?, TRUE)")) {
      for (Turn t : turns) {
        set(
            ts,
            SHOP,
            t.session(),
            t.agent(),
            Timestamp.valueOf(t.start()),
            t.day(),
            t.responseMs() != null,
            t.responseMs() == null ? null : t.agent(),
            t.responseMs(),
            t.responseMs() != null && t.responseMs() <= 180_000,
            t.first());
        ts.addBatch();
      }
      ts.executeBatch();
    }
    try (PreparedStatement is =
        c.prepareStatement("INSERT INTO inquiry_fact VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Session s : inquiries) {
        set(is, SHOP, s.id(), s.buyer(), s.agent(), Timestamp.valueOf(s.start()), s.day());
        is.addBatch();
      }
      is.executeBatch();
    }
    try (PreparedStatement os =
        c.prepareStatement("INSERT INTO order_fact VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)")) {
      for (Order o : orders) {
        set(
            os,
            SHOP,
            o.id(),
            o.buyer(),
            o.day(),
            o.paid(),
            o.paid() == null ? null : Timestamp.valueOf(o.day().atTime(23, 0)),
            o.refunded(),
            o.agent(),
            o.day());
        os.addBatch();
      }
      os.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
    String config =
        "shop.timezone=Asia/Shanghai; attribution.window=24h; attribution.touch=last;"
            + " sla.first_response_seconds=30; sla.response_seconds=60";
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      insert(
          c,
          "INSERT INTO kpi_day_config VALUES (?, ?, ?, 'last touch, 24h window')",
          SHOP,
          d,
          config);
    }
    insert(
        c,
        "INSERT INTO ingest_run VALUES (?, 'fixture', ?, ?, 0, 0, 0, 0, 0, ?, ?, ?)",
        RUN,
        FIRST,
        LAST,
        config,
        Timestamp.valueOf(LocalDateTime.of(2026, 11, 16, 2, 0)),
        Timestamp.valueOf(LocalDateTime.of(2026, 11, 16, 2, 5)));
    try (Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE TABLE agent_daily_kpi AS
          WITH k AS (SELECT agent_id, day FROM assignment_fact UNION SELECT agent_id, day
                     FROM turn_fact),
          t AS (SELECT agent_id, day, count(*) AS buyer_turns, count_if(answered) AS answered_turns,
                  count_if(replied_in_time) AS replied_in_time_turns,
                  coalesce(sum(response_ms), 0) AS rt_sum_ms,
                  count_if(first_turn AND answered) AS frt_sessions,
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
          SELECT 'shop-1' AS shop_id, agent_id, day,
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
      s.execute(
          """
          CREATE TABLE shop_daily_kpi AS
          SELECT 'shop-1' AS shop_id, day, CAST(sum(sales) AS DECIMAL(18,2)) AS sales,
            CAST(sum(sales) * 1.25 AS DECIMAL(18,2)) AS shop_sales, 3 AS silent_orders
          FROM agent_daily_kpi GROUP BY day""");
    }
  }

  private static void set(PreparedStatement p, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      p.setObject(i + 1, values[i]);
    }
  }

  private static void insert(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      set(p, values);
      p.executeUpdate();
    }
  }

  static boolean inWeek(LocalDate d, IsoWeek w) {
    return !d.isBefore(w.monday()) && !d.isAfter(w.sunday());
  }
}
