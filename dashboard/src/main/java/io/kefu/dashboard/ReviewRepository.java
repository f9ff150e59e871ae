package io.kefu.dashboard;

import io.kefu.dashboard.report.ReviewedScores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All SQL of the review workflow on {@code app.duckdb}: what quality reviewers decided about the
 * automatic scores of the warehouse, and agents' disputes of it. This is data people create, so it
 * lives in the dashboard's own database and survives restarts and batch re-publishes.
 *
 * <p>Nothing here refers to a warehouse row id: a review is keyed by {@code (shop_id, session_id,
 * rulebook_version)} and its reviewer, a hit decision by the hit's {@code seq} within the session
 * together with its {@code rule_id} and {@code event_id}, all of which a re-publish of the same
 * events under the same rulebook reproduces.
 *
 * <p>Several reviewers may review one session (calibration). The first review of a session under a
 * rulebook version is the <b>official</b> one: the one an agent sees and may dispute, and whose
 * score (or the score a lead set when resolving a dispute of it) is the session's <b>reviewed
 * score</b>. Later reviews by others are second opinions for calibration.
 */
public final class ReviewRepository {

  /** Migration step of {@link AppRepository}: the review tables. */
  static final List<String> SCHEMA =
      List.of(
          "CREATE SEQUENCE IF NOT EXISTS review_seq START 1",
          """
        CREATE TABLE IF NOT EXISTS review (
          review_id BIGINT PRIMARY KEY DEFAULT nextval('review_seq'),
          shop_id VARCHAR NOT NULL,
          session_id VARCHAR NOT NULL,
          rulebook_version VARCHAR NOT NULL,
          reviewer_id BIGINT NOT NULL,
          reviewer VARCHAR NOT NULL,
          agent_id VARCHAR,
          day DATE,
          auto_score INTEGER,
          score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
          comment VARCHAR,
          created_at TIMESTAMP NOT NULL,
          updated_at TIMESTAMP NOT NULL,
          UNIQUE (shop_id, session_id, rulebook_version, reviewer_id)
        )""",
          """
        CREATE TABLE IF NOT EXISTS review_hit (
          review_id BIGINT NOT NULL,
          seq INTEGER NOT NULL,
          event_id VARCHAR,
          rule_id VARCHAR NOT NULL,
          deduction INTEGER,
          decision VARCHAR NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
          decided_at TIMESTAMP NOT NULL
        )""",
          "CREATE SEQUENCE IF NOT EXISTS review_dispute_seq START 1",
          """
        CREATE TABLE IF NOT EXISTS review_dispute (
          dispute_id BIGINT PRIMARY KEY DEFAULT nextval('review_dispute_seq'),
          review_id BIGINT NOT NULL UNIQUE,
          shop_id VARCHAR NOT NULL,
          session_id VARCHAR NOT NULL,
          rulebook_version VARCHAR NOT NULL,
          agent_id VARCHAR NOT NULL,
          raised_by VARCHAR NOT NULL,
          raised_at TIMESTAMP NOT NULL,
          reason VARCHAR NOT NULL,
          requested_score INTEGER CHECK (requested_score BETWEEN 0 AND 100),
          status VARCHAR NOT NULL
            CHECK (status IN ('open', 'accepted', 'partly_accepted', 'rejected')),
          final_score INTEGER CHECK (final_score BETWEEN 0 AND 100),
          resolved_by VARCHAR,
          resolved_at TIMESTAMP,
          resolution VARCHAR
        )""");

  /** A session under one rulebook version. */
  public record SessionRef(String shopId, String sessionId, String version) {}

  /** A reviewer's decision on one automatic rule hit. */
  public record HitDecision(
      int seq, String eventId, String ruleId, Integer deduction, boolean confirmed) {}

  /** One reviewer's review of one session under one rulebook version. */
  public record Review(
      long reviewId,
      SessionRef session,
      long reviewerId,
      String reviewer,
      String agentId,
      LocalDate day,
      Integer autoScore,
      int score,
      String comment,
      Instant createdAt,
      Instant updatedAt,
      boolean official,
      List<HitDecision> hits) {

    /**
     * The decision on a hit of the warehouse: same seq, rule and message; else same rule+message.
     */
    public Optional<HitDecision> decisionFor(int seq, String ruleId, String eventId) {
      for (HitDecision d : hits) {
        if (d.seq() == seq
            && d.ruleId().equals(ruleId)
            && java.util.Objects.equals(d.eventId(), eventId)) {
          return Optional.of(d);
        }
      }
      for (HitDecision d : hits) {
        if (d.ruleId().equals(ruleId) && eventId != null && eventId.equals(d.eventId())) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }

  /** What a reviewer submits. */
  public record Submission(
      SessionRef session,
      String agentId,
      LocalDate day,
      Integer autoScore,
      int score,
      String comment,
      List<HitDecision> hits) {}

  public static final String OPEN = "open";
  public static final String ACCEPTED = "accepted";
  public static final String PARTLY_ACCEPTED = "partly_accepted";
  public static final String REJECTED = "rejected";

  /** An agent's dispute of an official review, and how a lead resolved it. */
  public record Dispute(
      long disputeId,
      long reviewId,
      SessionRef session,
      String agentId,
      String raisedBy,
      Instant raisedAt,
      String reason,
      Integer requestedScore,
      String status,
      Integer finalScore,
      String resolvedBy,
      Instant resolvedAt,
      String resolution) {

    public boolean open() {
      return OPEN.equals(status);
    }

    /** Whether the lead changed the score (accepted or partly accepted). */
    public boolean changedScore() {
      return ACCEPTED.equals(status) || PARTLY_ACCEPTED.equals(status);
    }
  }

  /**
   * The reviewed state of one session under one version, for lists.
   *
   * @param reviewedScore the official review's score, or the score a lead set on its dispute
   * @param reviewers usernames of everyone who reviewed it, first (official) first
   * @param disputeStatus the official review's dispute status, or null
   */
  public record Summary(
      SessionRef session,
      String agentId,
      LocalDate day,
      Integer autoScore,
      int reviewedScore,
      List<String> reviewers,
      List<Long> reviewerIds,
      String disputeStatus) {}

  private static final String REVIEW_COLUMNS =
      "r.review_id, r.shop_id, r.session_id, r.rulebook_version, r.reviewer_id, r.reviewer,"
          + " r.agent_id, r.day, r.auto_score, r.score, r.comment, r.created_at, r.updated_at,"
          + " r.review_id = min(r.review_id) OVER (PARTITION BY r.shop_id, r.session_id,"
          + " r.rulebook_version) AS official";

  private static final String DISPUTE_COLUMNS =
      "dispute_id, review_id, shop_id, session_id, rulebook_version, agent_id, raised_by,"
          + " raised_at, reason, requested_score, status, final_score, resolved_by, resolved_at,"
          + " resolution";

  private final AppDb db;

  public ReviewRepository(AppDb db) {
    this.db = db;
  }

  // ---- reviews ---------------------------------------------------------------------------

  /** Every review of a session under a version, the official one first, with their decisions. */
  public List<Review> reviewsOf(SessionRef s) {
    return db.read(
        c -> {
          List<Review> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT "
                      + REVIEW_COLUMNS
                      + " FROM review r WHERE r.shop_id = ? AND r.session_id = ?"
                      + " AND r.rulebook_version = ? ORDER BY r.review_id")) {
            p.setString(1, s.shopId());
            p.setString(2, s.sessionId());
            p.setString(3, s.version());
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(review(rs, List.of()));
              }
            }
          }
          return withHits(c, out);
        });
  }

  /**
   * Saves a reviewer's review: creates it, or replaces the score, comment and every hit decision of
   * their earlier one. Returns it as stored.
   */
  public Review save(User reviewer, Submission in, Instant now) {
    return db.write(
        c -> {
          Long id = null;
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT review_id FROM review WHERE shop_id = ? AND session_id = ?"
                      + " AND rulebook_version = ? AND reviewer_id = ?")) {
            bind(p, in.session());
            p.setLong(4, reviewer.id());
            try (ResultSet rs = p.executeQuery()) {
              if (rs.next()) {
                id = rs.getLong(1);
              }
            }
          }
          if (id == null) {
            try (PreparedStatement p =
                c.prepareStatement(
                    "INSERT INTO review (shop_id, session_id, rulebook_version, reviewer_id,"
                        + " reviewer, agent_id, day, auto_score, score, comment, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " RETURNING review_id")) {
              bind(p, in.session());
              p.setLong(4, reviewer.id());
              p.setString(5, reviewer.username());
              p.setString(6, in.agentId());
              p.setObject(7, in.day());
              setInt(p, 8, in.autoScore());
              p.setInt(9, in.score());
              p.setString(10, clip(in.comment(), 4000));
              p.setObject(11, AppRepository.utc(now));
              p.setObject(12, AppRepository.utc(now));
              try (ResultSet rs = p.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
              }
            }
          } else {
            try (PreparedStatement p =
                c.prepareStatement(
                    "UPDATE review SET score = ?, comment = ?, auto_score = ?, agent_id = ?,"
                        + " day = ?, reviewer = ?, updated_at = ? WHERE review_id = ?")) {
              p.setInt(1, in.score());
              p.setString(2, clip(in.comment(), 4000));
              setInt(p, 3, in.autoScore());
              p.setString(4, in.agentId());
              p.setObject(5, in.day());
              p.setString(6, reviewer.username());
              p.setObject(7, AppRepository.utc(now));
              p.setLong(8, id);
              p.executeUpdate();
            }
            try (PreparedStatement p =
                c.prepareStatement("DELETE FROM review_hit WHERE review_id = ?")) {
              p.setLong(1, id);
              p.executeUpdate();
            }
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO review_hit (review_id, seq, event_id, rule_id, deduction,"
                      + " decision, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (HitDecision h : in.hits()) {
              p.setLong(1, id);
              p.setInt(2, h.seq());
              p.setString(3, h.eventId());
              p.setString(4, h.ruleId());
              setInt(p, 5, h.deduction());
              p.setString(6, h.confirmed() ? "confirmed" : "dismissed");
              p.setObject(7, AppRepository.utc(now));
              p.executeUpdate();
            }
          }
          long saved = id;
          return reviewsIn(c, "r.review_id = ?", saved).get(0);
        });
  }

  /** The official reviews of one agent's sessions, newest first (an agent's "my reviews"). */
  public List<Review> officialReviewsOf(String agentId, int limit) {
    return db.read(
        c -> {
          List<Review> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT * FROM (SELECT "
                      + REVIEW_COLUMNS
                      + " FROM review r) WHERE official AND agent_id = ?"
                      + " ORDER BY day DESC NULLS LAST, review_id DESC LIMIT ?")) {
            p.setString(1, agentId);
            p.setInt(2, limit);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(review(rs, List.of()));
              }
            }
          }
          return out;
        });
  }

  /**
   * The reviewed state of every reviewed session whose day is in [from, to] (null: unbounded), for
   * the queue's status column and filters.
   */
  public Map<SessionRef, Summary> summaries(LocalDate from, LocalDate to) {
    return db.read(
        c -> {
          Map<SessionRef, List<Review>> bySession = new LinkedHashMap<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT "
                      + REVIEW_COLUMNS
                      + " FROM review r WHERE (CAST(? AS DATE) IS NULL OR r.day >= ?)"
                      + " AND (CAST(? AS DATE) IS NULL OR r.day <= ?) ORDER BY r.review_id")) {
            p.setObject(1, from);
            p.setObject(2, from);
            p.setObject(3, to);
            p.setObject(4, to);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                Review r = review(rs, List.of());
                bySession.computeIfAbsent(r.session(), k -> new ArrayList<>()).add(r);
              }
            }
          }
          Map<Long, Dispute> disputes = new HashMap<>();
          for (Dispute d : disputes(c, null, AgentScope.ALL, Integer.MAX_VALUE)) {
            disputes.put(d.reviewId(), d);
          }
          Map<SessionRef, Summary> out = new LinkedHashMap<>();
          bySession.forEach((k, reviews) -> out.put(k, summary(reviews, disputes)));
          return out;
        });
  }

  private static Summary summary(List<Review> reviews, Map<Long, Dispute> disputes) {
    Review official = reviews.get(0);
    Dispute d = disputes.get(official.reviewId());
    int score = d != null && d.changedScore() ? d.finalScore() : official.score();
    return new Summary(
        official.session(),
        official.agentId(),
        official.day(),
        official.autoScore(),
        score,
        reviews.stream().map(Review::reviewer).toList(),
        reviews.stream().map(Review::reviewerId).toList(),
        d == null ? null : d.status());
  }

  /**
   * Every review of the sessions (under one version) that two or more people reviewed, whose day is
   * in [from, to] (null: unbounded), grouped per session, with their hit decisions.
   */
  public Map<SessionRef, List<Review>> calibrationSets(LocalDate from, LocalDate to) {
    return db.read(
        c -> {
          List<Review> all;
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT "
                      + REVIEW_COLUMNS
                      + " FROM review r WHERE (CAST(? AS DATE) IS NULL OR r.day >= ?)"
                      + " AND (CAST(? AS DATE) IS NULL OR r.day <= ?)"
                      + " QUALIFY count(*) OVER (PARTITION BY r.shop_id, r.session_id,"
                      + " r.rulebook_version) >= 2"
                      + " ORDER BY r.day DESC, r.shop_id, r.session_id, r.rulebook_version,"
                      + " r.review_id")) {
            p.setObject(1, from);
            p.setObject(2, from);
            p.setObject(3, to);
            p.setObject(4, to);
            all = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                all.add(review(rs, List.of()));
              }
            }
          }
          Map<SessionRef, List<Review>> out = new LinkedHashMap<>();
          for (Review r : withHits(c, all)) {
            out.computeIfAbsent(r.session(), k -> new ArrayList<>()).add(r);
          }
          return out;
        });
  }

  // ---- disputes --------------------------------------------------------------------------

  /** The dispute of a review, if the agent raised one. */
  public Optional<Dispute> disputeOf(long reviewId) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT " + DISPUTE_COLUMNS + " FROM review_dispute WHERE review_id = ?")) {
            p.setLong(1, reviewId);
            try (ResultSet rs = p.executeQuery()) {
              return rs.next() ? Optional.of(dispute(rs)) : Optional.empty();
            }
          }
        });
  }

  public Optional<Dispute> dispute(long disputeId) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT " + DISPUTE_COLUMNS + " FROM review_dispute WHERE dispute_id = ?")) {
            p.setLong(1, disputeId);
            try (ResultSet rs = p.executeQuery()) {
              return rs.next() ? Optional.of(dispute(rs)) : Optional.empty();
            }
          }
        });
  }

  /** Disputes, open ones first then newest first; status null = all; within the agent scope. */
  public List<Dispute> disputes(String status, AgentScope scope, int limit) {
    return db.read(c -> disputes(c, status, scope, limit));
  }

  private static List<Dispute> disputes(Connection c, String status, AgentScope scope, int limit)
      throws SQLException {
    List<Dispute> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + DISPUTE_COLUMNS
                + " FROM review_dispute WHERE (CAST(? AS VARCHAR) IS NULL OR status = ?)"
                + " AND (? OR agent_id = ?)"
                + " ORDER BY status = 'open' DESC, raised_at DESC, dispute_id DESC LIMIT ?")) {
      p.setString(1, status);
      p.setString(2, status);
      p.setBoolean(3, scope.all());
      p.setString(4, scope.agentId());
      p.setInt(5, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(dispute(rs));
        }
      }
    }
    return out;
  }

  /**
   * Records an agent's dispute of an official review. The caller has checked that the review is the
   * official one and of this agent; a review can be disputed once.
   *
   * @return empty when the review already has a dispute
   */
  public Optional<Dispute> raise(
      Review official, User agent, String reason, Integer requestedScore, Instant now) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT count(*) FROM review_dispute WHERE review_id = ?")) {
            p.setLong(1, official.reviewId());
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              if (rs.getLong(1) > 0) {
                return Optional.empty();
              }
            }
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO review_dispute (review_id, shop_id, session_id, rulebook_version,"
                      + " agent_id, raised_by, raised_at, reason, requested_score, status)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open') RETURNING dispute_id")) {
            p.setLong(1, official.reviewId());
            p.setString(2, official.session().shopId());
            p.setString(3, official.session().sessionId());
            p.setString(4, official.session().version());
            p.setString(5, official.agentId());
            p.setString(6, agent.username());
            p.setObject(7, AppRepository.utc(now));
            p.setString(8, clip(reason, 2000));
            setInt(p, 9, requestedScore);
            long id;
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              id = rs.getLong(1);
            }
            return Optional.of(disputeIn(c, id));
          }
        });
  }

  /**
   * A lead's decision on an open dispute.
   *
   * @return false when the dispute is not open (any more)
   */
  public boolean resolve(
      long disputeId,
      User lead,
      String status,
      Integer finalScore,
      String resolution,
      Instant now) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE review_dispute SET status = ?, final_score = ?, resolved_by = ?,"
                      + " resolved_at = ?, resolution = ? WHERE dispute_id = ? AND status = 'open'")) {
            p.setString(1, status);
            setInt(p, 2, finalScore);
            p.setString(3, lead.username());
            p.setObject(4, AppRepository.utc(now));
            p.setString(5, clip(resolution, 2000));
            p.setLong(6, disputeId);
            return p.executeUpdate() == 1;
          }
        });
  }

  // ---- the reviewed score, for reports ---------------------------------------------------

  /**
   * The reviewed score of each of these sessions that has one: the score of the official review
   * under the newest rulebook version that has a review, or the score a lead set when accepting or
   * partly accepting a dispute of it. Absent: nobody reviewed the session, so the automatic {@code
   * session_quality.qa_score} is the effective one. This is the weekly report's {@link
   * ReviewedScores} ({@code ReviewedScores scores = reviewRepository::reviewedScores}).
   */
  public Map<ReviewedScores.SessionKey, Double> reviewedScores(
      Collection<ReviewedScores.SessionKey> sessions) {
    if (sessions.isEmpty()) {
      return Map.of();
    }
    Set<ReviewedScores.SessionKey> wanted = new HashSet<>(sessions);
    Map<ReviewedScores.SessionKey, String> version = new HashMap<>();
    Map<ReviewedScores.SessionKey, Double> out = new HashMap<>();
    for (Summary s : summaries(null, null).values()) {
      ReviewedScores.SessionKey k =
          new ReviewedScores.SessionKey(s.session().shopId(), s.session().sessionId());
      if (!wanted.contains(k)) {
        continue;
      }
      String v = version.get(k);
      if (v == null || RulebookVersions.compare(s.session().version(), v) > 0) {
        version.put(k, s.session().version());
        out.put(k, (double) s.reviewedScore());
      }
    }
    return out;
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static List<Review> reviewsIn(Connection c, String where, long id) throws SQLException {
    List<Review> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT * FROM (SELECT "
                + REVIEW_COLUMNS.replace("r.", "")
                + " FROM review) r WHERE "
                + where)) {
      p.setLong(1, id);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(review(rs, List.of()));
        }
      }
    }
    return withHits(c, out);
  }

  private static List<Review> withHits(Connection c, List<Review> reviews) throws SQLException {
    if (reviews.isEmpty()) {
      return reviews;
    }
    Map<Long, List<HitDecision>> hits = new HashMap<>();
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < reviews.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT review_id, seq, event_id, rule_id, deduction, decision FROM review_hit"
                + " WHERE review_id IN ("
                + in
                + ") ORDER BY review_id, seq")) {
      for (int i = 0; i < reviews.size(); i++) {
        p.setLong(i + 1, reviews.get(i).reviewId());
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          int ded = rs.getInt(5);
          Integer deduction = rs.wasNull() ? null : ded;
          hits.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(
                  new HitDecision(
                      rs.getInt(2),
                      rs.getString(3),
                      rs.getString(4),
                      deduction,
                      "confirmed".equals(rs.getString(6))));
        }
      }
    }
    List<Review> out = new ArrayList<>();
    for (Review r : reviews) {
      out.add(
          new Review(
              r.reviewId(),
              r.session(),
              r.reviewerId(),
              r.reviewer(),
              r.agentId(),
              r.day(),
              r.autoScore(),
              r.score(),
              r.comment(),
              r.createdAt(),
              r.updatedAt(),
              r.official(),
              List.copyOf(hits.getOrDefault(r.reviewId(), List.of()))));
    }
    return out;
  }

  private static Review review(ResultSet rs, List<HitDecision> hits) throws SQLException {
    int auto = rs.getInt(9);
    Integer autoScore = rs.wasNull() ? null : auto;
    return new Review(
        rs.getLong(1),
        new SessionRef(rs.getString(2), rs.getString(3), rs.getString(4)),
        rs.getLong(5),
        rs.getString(6),
        rs.getString(7),
        rs.getObject(8) == null ? null : rs.getObject(8, LocalDate.class),
        autoScore,
        rs.getInt(10),
        rs.getString(11),
        AppRepository.instant(rs, 12),
        AppRepository.instant(rs, 13),
        rs.getBoolean(14),
        hits);
  }

  private static Dispute disputeIn(Connection c, long id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT " + DISPUTE_COLUMNS + " FROM review_dispute WHERE dispute_id = ?")) {
      p.setLong(1, id);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return dispute(rs);
      }
    }
  }

  private static Dispute dispute(ResultSet rs) throws SQLException {
    int req = rs.getInt(10);
    Integer requested = rs.wasNull() ? null : req;
    int fin = rs.getInt(12);
    Integer finalScore = rs.wasNull() ? null : fin;
    return new Dispute(
        rs.getLong(1),
        rs.getLong(2),
        new SessionRef(rs.getString(3), rs.getString(4), rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        AppRepository.instant(rs, 8),
        rs.getString(9),
        requested,
        rs.getString(11),
        finalScore,
        rs.getString(13),
        AppRepository.instant(rs, 14),
        rs.getString(15));
  }

  private static void bind(PreparedStatement p, SessionRef s) throws SQLException {
    p.setString(1, s.shopId());
    p.setString(2, s.sessionId());
    p.setString(3, s.version());
  }

  private static void setInt(PreparedStatement p, int i, Integer v) throws SQLException {
    if (v == null) {
      p.setNull(i, java.sql.Types.INTEGER);
    } else {
      p.setInt(i, v);
    }
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
