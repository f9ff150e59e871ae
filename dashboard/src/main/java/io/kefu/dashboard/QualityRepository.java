package io.kefu.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All SQL the review workflow runs on the published warehouse (read-only): the automatic quality
 * scores the batch job publishes ({@code session_quality}, {@code session_quality_hit}), its review
 * queue ({@code review_queue}), the transcripts ({@code chat_message}) and the session facts. Every
 * filter is a bound parameter; the only SQL text built here is a list of {@code ?} placeholders.
 */
public final class QualityRepository {

  /** The tables the review pages need; a warehouse from before QA scoring lacks them. */
  public static final List<String> TABLES =
      List.of("session_quality", "session_quality_hit", "review_queue", "chat_message");

  /** Queue reasons, in the order a reviewer should work through them. */
  public static final List<String> REASONS = List.of("critical", "low_score", "sample");

  /** Filters of the queue; null means "any". */
  public record QueueFilter(String reason, String agent, LocalDate week, String version) {}

  /** One session in the review queue. */
  public record QueueRow(
      String shopId,
      String sessionId,
      String agentId,
      String agentName,
      LocalDate day,
      LocalDate weekStart,
      String version,
      String reason,
      Integer qaScore,
      String grade,
      Boolean critical,
      Integer hits) {}

  /** A session's automatic score and facts under one rulebook version. */
  public record SessionHead(
      String shopId,
      String sessionId,
      String agentId,
      String agentName,
      String buyerId,
      LocalDate day,
      String version,
      Integer qaScore,
      String grade,
      boolean critical,
      Integer hits,
      Integer deductions,
      String channel,
      String queue,
      LocalDateTime startAt,
      LocalDateTime endAt,
      Integer rating,
      String queueReason,
      Boolean rulebookAutoFail) {}

  /** One message of a transcript. */
  public record Message(
      int seq,
      String eventId,
      LocalDateTime ts,
      String sender,
      String agentId,
      String contentType,
      String text,
      Long responseMs) {}

  /** One automatic rule hit. */
  public record Hit(
      int seq,
      String ruleId,
      String severity,
      Integer deduction,
      String eventId,
      String agentId,
      String excerpt) {}

  /** Every rulebook version that scored something, newest first. */
  public List<String> versions(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement("SELECT DISTINCT rulebook_version FROM session_quality");
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        if (rs.getString(1) != null) {
          out.add(rs.getString(1));
        }
      }
    }
    return RulebookVersions.newestFirst(out);
  }

  /** The weeks (Monday) that have a queue, newest first. */
  public List<LocalDate> weeks(Connection c) throws SQLException {
    List<LocalDate> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT DISTINCT week_start FROM review_queue WHERE week_start IS NOT NULL"
                    + " ORDER BY week_start DESC");
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getObject(1, LocalDate.class));
      }
    }
    return out;
  }

  /** Agent id → name from the roster (empty when the warehouse has none). */
  public Map<String, String> agentNames(Connection c) throws SQLException {
    Map<String, String> out = new HashMap<>();
    if (!WarehouseRepository.hasTable(c, "agent_roster")) {
      return out;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT agent_id, name FROM agent_roster");
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /**
   * The queue: one row per session, under the filter's version or, by default, the newest version
   * of the queue, most urgent reason first (critical, low score, sample), then lowest score.
   */
  public List<QueueRow> queue(
      Connection c, QueueFilter f, String defaultVersion, AgentScope scope, int limit)
      throws SQLException {
    String version = f.version() != null ? f.version() : defaultVersion;
    List<QueueRow> out = new ArrayList<>();
    boolean roster = WarehouseRepository.hasTable(c, "agent_roster");
    String sql =
        "WITH q AS (SELECT * FROM review_queue"
            + " WHERE rulebook_version = ?"
            + " AND (CAST(? AS VARCHAR) IS NULL OR reason = ?)"
            + " AND (CAST(? AS VARCHAR) IS NULL OR agent_id = ?)"
            + " AND (CAST(? AS DATE) IS NULL OR week_start = ?)"
            + " AND (? OR agent_id = ?)"
            + " QUALIFY row_number() OVER (PARTITION BY shop_id, session_id ORDER BY"
            + " CASE reason WHEN 'critical' THEN 0 WHEN 'low_score' THEN 1 ELSE 2 END) = 1)"
            + " SELECT q.shop_id, q.session_id, q.agent_id, "
            + (roster ? "r.name" : "NULL")
            + ", q.day, q.week_start, q.rulebook_version, q.reason,"
            + " coalesce(q.qa_score, s.qa_score), s.grade, s.critical, s.hits"
            + " FROM q LEFT JOIN session_quality s ON s.shop_id = q.shop_id"
            + " AND s.session_id = q.session_id AND s.rulebook_version = q.rulebook_version"
            + (roster ? " LEFT JOIN agent_roster r ON r.agent_id = q.agent_id" : "")
            + " ORDER BY CASE q.reason WHEN 'critical' THEN 0 WHEN 'low_score' THEN 1 ELSE 2 END,"
            + " coalesce(q.qa_score, s.qa_score) NULLS LAST, q.day DESC, q.session_id"
            + " LIMIT ?";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      int i = 1;
      p.setString(i++, version);
      p.setString(i++, f.reason());
      p.setString(i++, f.reason());
      p.setString(i++, f.agent());
      p.setString(i++, f.agent());
      p.setObject(i++, f.week());
      p.setObject(i++, f.week());
      p.setBoolean(i++, scope.all());
      p.setString(i++, scope.agentId());
      p.setInt(i, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(
              new QueueRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  date(rs, 5),
                  date(rs, 6),
                  rs.getString(7),
                  rs.getString(8),
                  integer(rs, 9),
                  rs.getString(10),
                  (Boolean) rs.getObject(11),
                  integer(rs, 12)));
        }
      }
    }
    return out;
  }

  /** The versions that scored one session, newest first. */
  public List<String> sessionVersions(Connection c, String shopId, String sessionId)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT DISTINCT rulebook_version FROM session_quality WHERE shop_id = ?"
                + " AND session_id = ?")) {
      p.setString(1, shopId);
      p.setString(2, sessionId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return RulebookVersions.newestFirst(out);
  }

  /** A session's score and facts under a version. */
  public Optional<SessionHead> session(
      Connection c, String shopId, String sessionId, String version) throws SQLException {
    boolean roster = WarehouseRepository.hasTable(c, "agent_roster");
    boolean facts = WarehouseRepository.hasTable(c, "session_fact");
    // qa_rulebook arrived with a later batch job: a warehouse published before it has none.
    boolean rulebooks = WarehouseRepository.hasTable(c, "qa_rulebook");
    String sql =
        "SELECT s.shop_id, s.session_id, s.agent_id, "
            + (roster ? "r.name" : "NULL")
            + ", s.buyer_id, s.day, s.rulebook_version, s.qa_score, s.grade, s.critical, s.hits,"
            + " s.deductions, "
            + (facts
                ? "f.channel, f.queue, f.start_at, f.end_at, f.rating"
                : "NULL, NULL, NULL, NULL, NULL")
            + ", (SELECT min(reason) FROM review_queue q WHERE q.shop_id = s.shop_id"
            + " AND q.session_id = s.session_id AND q.rulebook_version = s.rulebook_version), "
            + (rulebooks
                ? "(SELECT b.auto_fail FROM qa_rulebook b"
                    + " WHERE b.rulebook_version = s.rulebook_version)"
                : "NULL")
            + " FROM session_quality s"
            + (roster ? " LEFT JOIN agent_roster r ON r.agent_id = s.agent_id" : "")
            + (facts
                ? " LEFT JOIN session_fact f ON f.shop_id = s.shop_id AND f.session_id = s.session_id"
                : "")
            + " WHERE s.shop_id = ? AND s.session_id = ? AND s.rulebook_version = ? LIMIT 1";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, shopId);
      p.setString(2, sessionId);
      p.setString(3, version);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new SessionHead(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                date(rs, 6),
                rs.getString(7),
                integer(rs, 8),
                rs.getString(9),
                Boolean.TRUE.equals(rs.getObject(10)),
                integer(rs, 11),
                integer(rs, 12),
                rs.getString(13),
                rs.getString(14),
                timestamp(rs, 15),
                timestamp(rs, 16),
                integer(rs, 17),
                rs.getString(18),
                (Boolean) rs.getObject(19)));
      }
    }
  }

  /** The transcript in session order. */
  public List<Message> messages(Connection c, String shopId, String sessionId) throws SQLException {
    List<Message> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT seq, event_id, ts, sender, agent_id, content_type, text, response_ms"
                + " FROM chat_message WHERE shop_id = ? AND session_id = ?"
                + " ORDER BY seq, ts, event_id")) {
      p.setString(1, shopId);
      p.setString(2, sessionId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          long ms = rs.getLong(8);
          Long responseMs = rs.wasNull() ? null : ms;
          out.add(
              new Message(
                  rs.getInt(1),
                  rs.getString(2),
                  timestamp(rs, 3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  responseMs));
        }
      }
    }
    return out;
  }

  /** The rule hits of a session under a version, in hit order. */
  public List<Hit> hits(Connection c, String shopId, String sessionId, String version)
      throws SQLException {
    List<Hit> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT seq, rule_id, severity, deduction, event_id, agent_id, excerpt"
                + " FROM session_quality_hit WHERE shop_id = ? AND session_id = ?"
                + " AND rulebook_version = ? ORDER BY seq")) {
      p.setString(1, shopId);
      p.setString(2, sessionId);
      p.setString(3, version);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Hit(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getString(3),
                  integer(rs, 4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7)));
        }
      }
    }
    return out;
  }

  private static LocalDate date(ResultSet rs, int col) throws SQLException {
    return rs.getObject(col) == null ? null : rs.getObject(col, LocalDate.class);
  }

  private static LocalDateTime timestamp(ResultSet rs, int col) throws SQLException {
    return rs.getObject(col) == null ? null : rs.getObject(col, LocalDateTime.class);
  }

  private static Integer integer(ResultSet rs, int col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }
}
