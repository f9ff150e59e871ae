package io.kefu.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A warehouse with the quality tables the Spark batch job publishes (session_quality,
 * session_quality_hit, review_queue, chat_message, with session_fact and agent_roster), for the
 * review workflow's tests. Two rulebook versions: {@link #V1} and the re-scoring {@link #V2}, which
 * keeps V1's rows. Named sessions:
 *
 * <ul>
 *   <li>{@link #RUDE}: 小美's session, critical ({@code impolite}), a slow answer, no closing; the
 *       buyer gives a phone number and an address;
 *   <li>{@link #XSS}: 阿杰's low-scoring session whose buyer sends HTML and script;
 *   <li>{@link #CLEAN}: 小美's sampled session without hits;
 *   <li>{@link #LEAK}: 王姐's session where she sends another person's phone number;
 *   <li>{@link #OLD}: 小美's sampled session in the week before.
 * </ul>
 */
final class ReviewFixture {

  static final String SHOP = "sunshine-baby";
  static final String V1 = "zh-2026.11-1";
  static final String V2 = "zh-2026.11-2";
  static final LocalDate WEEK = LocalDate.of(2026, 11, 9);
  static final LocalDate DAY = LocalDate.of(2026, 11, 10);

  static final String RUDE = "s-rude";
  static final String XSS = "s-xss";
  static final String CLEAN = "s-clean";
  static final String LEAK = "s-leak";
  static final String OLD = "s-old";

  static final String PHONE = "13812345678";
  static final String XSS_TEXT = "<script>alert('xss')</script><img src=x onerror=alert(1)>\"'&";

  record Msg(String eventId, int second, String sender, String agent, String text, Long rt) {}

  record Hit(String rule, String severity, int deduction, String eventId, String excerpt) {}

  record Session(
      String id,
      String agent,
      String buyer,
      LocalDate day,
      LocalDate week,
      String reason,
      boolean critical,
      List<Msg> messages,
      List<Hit> hits) {

    int score() {
      return Math.max(0, 100 - hits.stream().mapToInt(Hit::deduction).sum());
    }
  }

  static final List<Session> SESSIONS = sessions();

  private static List<Session> sessions() {
    List<Session> out = new ArrayList<>();
    out.add(
        new Session(
            RUDE,
            "a-xiaomei",
            "b-rude",
            DAY,
            WEEK,
            "critical",
            true,
            List.of(
                new Msg("e-r1", 0, "buyer", null, "在吗？这个奶粉什么时候发货", null),
                new Msg("e-r2", 75, "agent", "a-xiaomei", "亲，您好，今天下午发货", 75_000L),
                new Msg(
                    "e-r3", 100, "buyer", null, "我的电话" + PHONE + "，地址杭州市西湖区文三路100号3幢201室", null),
                new Msg("e-r4", 130, "agent", "a-xiaomei", "爱买不买，你自己看", 30_000L)),
            List.of(
                new Hit("slow_response", "major", 5, "e-r2", "(75 s) 亲，您好，今天下午发货"),
                new Hit("impolite", "critical", 30, "e-r4", "爱买不买"),
                new Hit("closing", "minor", 5, "e-r4", "爱买不买，你自己看"))));
    out.add(
        new Session(
            XSS,
            "a-ajie",
            "b-xss",
            DAY,
            WEEK,
            "low_score",
            false,
            List.of(
                new Msg("e-x1", 0, "buyer", null, XSS_TEXT, null),
                new Msg("e-x2", 20, "agent", "a-ajie", "<b>收到</b>", 20_000L),
                new Msg("e-x3", 40, "system", null, "会话已结束", null)),
            List.of(
                new Hit("greeting", "minor", 5, "e-x2", "<b>收到</b>"),
                new Hit("closing", "minor", 5, "e-x2", "<b>收到</b>"),
                new Hit("unanswered", "major", 10, null, null))));
    out.add(
        new Session(
            CLEAN,
            "a-xiaomei",
            "b-clean",
            DAY,
            WEEK,
            "sample",
            false,
            List.of(
                new Msg("e-c1", 0, "buyer", null, "有优惠吗", null),
                new Msg("e-c2", 10, "agent", "a-xiaomei", "亲，您好，满199减20哦，感谢光临", 10_000L)),
            List.of()));
    out.add(
        new Session(
            LEAK,
            "a-wangjie",
            "b-leak",
            DAY,
            WEEK,
            "critical",
            true,
            List.of(
                new Msg("e-l1", 0, "buyer", null, "快递员电话多少", null),
                new Msg("e-l2", 15, "agent", "a-wangjie", "您好，打13900001111就行，谢谢", 15_000L)),
            List.of(new Hit("privacy_leak", "critical", 30, "e-l2", "打13900001111就行"))));
    out.add(
        new Session(
            OLD,
            "a-xiaomei",
            "b-old",
            LocalDate.of(2026, 11, 3),
            LocalDate.of(2026, 11, 2),
            "sample",
            false,
            List.of(
                new Msg("e-o1", 0, "buyer", null, "你好", null),
                new Msg("e-o2", 5, "agent", "a-xiaomei", "亲，您好，欢迎光临", 5_000L)),
            List.of(new Hit("closing", "minor", 5, "e-o2", "亲，您好，欢迎光临"))));
    return out;
  }

  static Session session(String id) {
    return SESSIONS.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /**
   * Fills a warehouse; {@code rescored}: V2 exists too (every session scored again; a session with
   * hits scores 1 lower: its first hit costs a point more).
   */
  static void fill(Connection c, boolean rescored) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE agent_roster (agent_id VARCHAR, name VARCHAR, team VARCHAR,"
              + " queue VARCHAR)");
      s.execute(
          "INSERT INTO agent_roster VALUES ('a-xiaomei', '小美', '售前一组', 'pre_sale'),"
              + " ('a-ajie', '阿杰', '售前一组', 'pre_sale'),"
              + " ('a-wangjie', '王姐', '售后一组', 'after_sale')");
      s.execute(
          "CREATE TABLE session_fact (shop_id VARCHAR, session_id VARCHAR, buyer_id VARCHAR,"
              + " channel VARCHAR, queue VARCHAR, start_at TIMESTAMP, day DATE,"
              + " first_owner VARCHAR, last_owner VARCHAR, credit_agent VARCHAR, rating INTEGER,"
              + " ended BOOLEAN, end_at TIMESTAMP, events INTEGER, duplicates INTEGER)");
      s.execute(
          "CREATE TABLE session_quality (shop_id VARCHAR, session_id VARCHAR, agent_id VARCHAR,"
              + " buyer_id VARCHAR, day DATE, rulebook_version VARCHAR, qa_score INTEGER,"
              + " grade VARCHAR, critical BOOLEAN, hits INTEGER, deductions INTEGER)");
      s.execute(
          "CREATE TABLE session_quality_hit (shop_id VARCHAR, session_id VARCHAR,"
              + " rulebook_version VARCHAR, seq INTEGER, rule_id VARCHAR, severity VARCHAR,"
              + " deduction INTEGER, event_id VARCHAR, agent_id VARCHAR, excerpt VARCHAR,"
              + " day DATE)");
      s.execute(
          "CREATE TABLE review_queue (shop_id VARCHAR, session_id VARCHAR, agent_id VARCHAR,"
              + " day DATE, week_start DATE, rulebook_version VARCHAR, reason VARCHAR,"
              + " qa_score INTEGER)");
      s.execute(
          "CREATE TABLE chat_message (shop_id VARCHAR, session_id VARCHAR, event_id VARCHAR,"
              + " ts TIMESTAMP, day DATE, seq INTEGER, sender VARCHAR, agent_id VARCHAR,"
              + " content_type VARCHAR, text VARCHAR, response_ms BIGINT)");
    }
    for (Session s : SESSIONS) {
      // 10:00 shop time = 02:00 UTC
      LocalDateTime start = s.day().atTime(2, 0);
      insert(
          c,
          "INSERT INTO session_fact VALUES (?, ?, ?, 'tmall', 'pre_sale', ?, ?, ?, ?, ?, NULL,"
              + " TRUE, ?, ?, 0)",
          SHOP,
          s.id(),
          s.buyer(),
          start,
          s.day(),
          s.agent(),
          s.agent(),
          s.agent(),
          start.plusSeconds(s.messages().get(s.messages().size() - 1).second()),
          s.messages().size() + 2);
      int seq = 1;
      for (Msg m : s.messages()) {
        insert(
            c,
            "INSERT INTO chat_message VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'text', ?, ?)",
            SHOP,
            s.id(),
            m.eventId(),
            start.plusSeconds(m.second()),
            s.day(),
            seq++,
            m.sender(),
            m.agent(),
            m.text(),
            m.rt());
      }
      for (String v : rescored ? List.of(V1, V2) : List.of(V1)) {
        // V2 is stricter: a session's first hit costs a point more (and so its score is 1 lower)
        int extra = v.equals(V2) && !s.hits().isEmpty() ? 1 : 0;
        int score = Math.max(0, s.score() - extra);
        String grade = score >= 90 ? "A" : score >= 75 ? "B" : score >= 60 ? "C" : "D";
        insert(
            c,
            "INSERT INTO session_quality VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            SHOP,
            s.id(),
            s.agent(),
            s.buyer(),
            s.day(),
            v,
            score,
            grade,
            s.critical(),
            s.hits().size(),
            100 - score);
        int h = 1;
        for (Hit hit : s.hits()) {
          int hitSeq = h++;
          insert(
              c,
              "INSERT INTO session_quality_hit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              SHOP,
              s.id(),
              v,
              hitSeq,
              hit.rule(),
              hit.severity(),
              hit.deduction() + (hitSeq == 1 ? extra : 0),
              hit.eventId(),
              hit.eventId() == null ? null : s.agent(),
              hit.excerpt(),
              s.day());
        }
        insert(
            c,
            "INSERT INTO review_queue VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            SHOP,
            s.id(),
            s.agent(),
            s.day(),
            s.week(),
            v,
            s.reason(),
            score);
      }
    }
  }

  static void insert(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        p.setObject(i + 1, values[i]);
      }
      p.executeUpdate();
    }
  }
}
