package io.kefu.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All SQL on {@code app.duckdb}: the schema, users, sessions, login throttling, audit log. Every
 * value is a bound parameter. Times are stored as UTC {@code TIMESTAMP}s.
 */
public final class AppRepository {

  /** A user together with the password hash, which only the sign-in code needs. */
  public record StoredUser(User user, String passwordHash) {}

  /** A server-side session: the cookie holds the id, the table only its SHA-256. */
  public record SessionRow(
      String idHash, long userId, String csrfToken, Instant createdAt, Instant lastSeenAt) {}

  /** The username is taken (usernames are unique, case-insensitively). */
  public static final class DuplicateUsername extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateUsername(String username) {
      super("username " + username + " exists");
    }
  }

  /** Each step brings the schema from version i to i + 1; steps are never edited, only added. */
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE SEQUENCE app_user_seq START 1",
              """
            CREATE TABLE app_user (
              user_id BIGINT PRIMARY KEY DEFAULT nextval('app_user_seq'),
              username VARCHAR NOT NULL UNIQUE,
              role VARCHAR NOT NULL CHECK (role IN ('admin', 'manager', 'reviewer', 'agent')),
              agent_id VARCHAR,
              password_hash VARCHAR NOT NULL,
              disabled BOOLEAN NOT NULL DEFAULT FALSE,
              created_at TIMESTAMP NOT NULL,
              password_changed_at TIMESTAMP NOT NULL,
              last_login_at TIMESTAMP
            )""",
              """
            CREATE TABLE app_session (
              session_hash VARCHAR PRIMARY KEY,
              user_id BIGINT NOT NULL,
              csrf_token VARCHAR NOT NULL,
              created_at TIMESTAMP NOT NULL,
              last_seen_at TIMESTAMP NOT NULL,
              ip VARCHAR
            )""",
              """
            CREATE TABLE login_throttle (
              throttle_key VARCHAR PRIMARY KEY,
              failures INTEGER NOT NULL,
              window_start TIMESTAMP NOT NULL,
              locked_until TIMESTAMP
            )""",
              "CREATE SEQUENCE audit_seq START 1",
              """
            CREATE TABLE audit_log (
              audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
              occurred_at TIMESTAMP NOT NULL,
              actor VARCHAR,
              action VARCHAR NOT NULL,
              target VARCHAR,
              ip VARCHAR,
              detail VARCHAR
            )"""),
          // Step 2: reviewer decisions (ReviewRepository). IF NOT EXISTS, so the step stays
          // harmless should another step be merged in before it.
          ReviewRepository.SCHEMA);

  private static final String USER_COLUMNS =
      "user_id, username, role, agent_id, disabled, created_at, last_login_at, password_hash";

  private final AppDb db;

  public AppRepository(AppDb db) {
    this.db = db;
    migrate();
  }

  public AppDb db() {
    return db;
  }

  /** Brings an empty or older {@code app.duckdb} to the current schema. */
  private void migrate() {
    db.write(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
              if (rs.next()) {
                version = rs.getInt(1);
              }
            }
            if (version > MIGRATIONS.size()) {
              throw new IllegalStateException(
                  "app database schema version "
                      + version
                      + " is newer than this dashboard knows ("
                      + MIGRATIONS.size()
                      + "): run the newer dashboard");
            }
            for (int v = version; v < MIGRATIONS.size(); v++) {
              for (String ddl : MIGRATIONS.get(v)) {
                s.execute(ddl);
              }
              try (PreparedStatement p =
                  c.prepareStatement("INSERT INTO schema_version VALUES (?)")) {
                p.setInt(1, v + 1);
                p.executeUpdate();
              }
            }
          }
          return null;
        });
  }

  // ---- users -----------------------------------------------------------------------------

  public long countUsers() {
    return db.read(c -> count(c, "SELECT count(*) FROM app_user"));
  }

  /** Inserts a user; throws {@link DuplicateUsername} when the name is taken. */
  public User createUser(
      String username, Role role, String agentId, String passwordHash, Instant now) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT count(*) FROM app_user WHERE lower(username) = lower(?)")) {
            p.setString(1, username);
            if (count(p) > 0) {
              throw new DuplicateUsername(username);
            }
          }
          long id;
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO app_user (username, role, agent_id, password_hash, created_at,"
                      + " password_changed_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING user_id")) {
            p.setString(1, username);
            p.setString(2, role.wire());
            p.setString(3, agentId);
            p.setString(4, passwordHash);
            p.setObject(5, utc(now));
            p.setObject(6, utc(now));
            try (ResultSet rs = p.executeQuery()) {
              rs.next();
              id = rs.getLong(1);
            }
          }
          return new User(id, username, role, agentId, false, now, null);
        });
  }

  public Optional<StoredUser> findByUsername(String username) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT " + USER_COLUMNS + " FROM app_user WHERE lower(username) = lower(?)")) {
            p.setString(1, username);
            return oneUser(p);
          }
        });
  }

  public Optional<User> findUser(long id) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT " + USER_COLUMNS + " FROM app_user WHERE user_id = ?")) {
            p.setLong(1, id);
            return oneUser(p).map(StoredUser::user);
          }
        });
  }

  public Optional<StoredUser> findStoredUser(long id) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT " + USER_COLUMNS + " FROM app_user WHERE user_id = ?")) {
            p.setLong(1, id);
            return oneUser(p);
          }
        });
  }

  public List<User> listUsers() {
    return db.read(
        c -> {
          List<User> out = new ArrayList<>();
          try (PreparedStatement p =
                  c.prepareStatement(
                      "SELECT " + USER_COLUMNS + " FROM app_user ORDER BY lower(username)");
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              out.add(user(rs).user());
            }
          }
          return out;
        });
  }

  public void updateUser(long id, Role role, String agentId, boolean disabled) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE app_user SET role = ?, agent_id = ?, disabled = ? WHERE user_id = ?")) {
            p.setString(1, role.wire());
            p.setString(2, agentId);
            p.setBoolean(3, disabled);
            p.setLong(4, id);
            return p.executeUpdate();
          }
        });
  }

  public void setPasswordHash(long id, String passwordHash, Instant now) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE app_user SET password_hash = ?, password_changed_at = ?"
                      + " WHERE user_id = ?")) {
            p.setString(1, passwordHash);
            p.setObject(2, utc(now));
            p.setLong(3, id);
            return p.executeUpdate();
          }
        });
  }

  public void recordLogin(long id, Instant now) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("UPDATE app_user SET last_login_at = ? WHERE user_id = ?")) {
            p.setObject(1, utc(now));
            p.setLong(2, id);
            return p.executeUpdate();
          }
        });
  }

  // ---- sessions --------------------------------------------------------------------------

  public void createSession(SessionRow s, String ip) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO app_session (session_hash, user_id, csrf_token, created_at,"
                      + " last_seen_at, ip) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, s.idHash());
            p.setLong(2, s.userId());
            p.setString(3, s.csrfToken());
            p.setObject(4, utc(s.createdAt()));
            p.setObject(5, utc(s.lastSeenAt()));
            p.setString(6, ip);
            return p.executeUpdate();
          }
        });
  }

  public Optional<SessionRow> findSession(String idHash) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT session_hash, user_id, csrf_token, created_at, last_seen_at"
                      + " FROM app_session WHERE session_hash = ?")) {
            p.setString(1, idHash);
            try (ResultSet rs = p.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new SessionRow(
                      rs.getString(1),
                      rs.getLong(2),
                      rs.getString(3),
                      instant(rs, 4),
                      instant(rs, 5)));
            }
          }
        });
  }

  public void touchSession(String idHash, Instant now) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE app_session SET last_seen_at = ? WHERE session_hash = ?")) {
            p.setObject(1, utc(now));
            p.setString(2, idHash);
            return p.executeUpdate();
          }
        });
  }

  public void deleteSession(String idHash) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM app_session WHERE session_hash = ?")) {
            p.setString(1, idHash);
            return p.executeUpdate();
          }
        });
  }

  /** Ends every session of a user but the one given (null: all). */
  public int deleteSessionsOfUser(long userId, String exceptIdHash) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM app_session WHERE user_id = ? AND session_hash IS DISTINCT FROM ?")) {
            p.setLong(1, userId);
            p.setString(2, exceptIdHash);
            return p.executeUpdate();
          }
        });
  }

  /** Drops sessions idle since before {@code idleCutoff} or created before {@code ageCutoff}. */
  public int deleteExpiredSessions(Instant idleCutoff, Instant ageCutoff) {
    return db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "DELETE FROM app_session WHERE last_seen_at < ? OR created_at < ?")) {
            p.setObject(1, utc(idleCutoff));
            p.setObject(2, utc(ageCutoff));
            return p.executeUpdate();
          }
        });
  }

  // ---- login throttling ------------------------------------------------------------------

  public Optional<LoginThrottle.State> throttleState(String key) {
    return db.read(c -> throttleState(c, key));
  }

  /** Records one failure for the key under the policy, atomically; returns the new state. */
  public LoginThrottle.State recordFailure(String key, LoginThrottle policy, Instant now) {
    return db.write(
        c -> {
          LoginThrottle.State before = throttleState(c, key).orElse(null);
          LoginThrottle.State after = policy.afterFailure(before, now);
          try (PreparedStatement p =
              c.prepareStatement(
                  before == null
                      ? "INSERT INTO login_throttle (failures, window_start, locked_until,"
                          + " throttle_key) VALUES (?, ?, ?, ?)"
                      : "UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ?"
                          + " WHERE throttle_key = ?")) {
            p.setInt(1, after.failures());
            p.setObject(2, utc(after.windowStart()));
            p.setObject(3, after.lockedUntil() == null ? null : utc(after.lockedUntil()));
            p.setString(4, key);
            p.executeUpdate();
          }
          return after;
        });
  }

  public void clearThrottle(String key) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM login_throttle WHERE throttle_key = ?")) {
            p.setString(1, key);
            return p.executeUpdate();
          }
        });
  }

  private static Optional<LoginThrottle.State> throttleState(Connection c, String key)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT failures, window_start, locked_until FROM login_throttle"
                + " WHERE throttle_key = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new LoginThrottle.State(rs.getInt(1), instant(rs, 2), instant(rs, 3)));
      }
    }
  }

  // ---- audit log -------------------------------------------------------------------------

  public void audit(
      Instant at, String actor, String action, String target, String ip, String detail) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO audit_log (occurred_at, actor, action, target, ip, detail)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setObject(1, utc(at));
            p.setString(2, clip(actor, 200));
            p.setString(3, action);
            p.setString(4, clip(target, 200));
            p.setString(5, clip(ip, 100));
            p.setString(6, clip(detail, 1000));
            return p.executeUpdate();
          }
        });
  }

  /** Entries newest first, optionally only one action. */
  public List<AuditEntry> auditPage(String action, int offset, int limit) {
    return db.read(
        c -> {
          List<AuditEntry> out = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT audit_id, occurred_at, actor, action, target, ip, detail FROM audit_log"
                      + " WHERE (? IS NULL OR action = ?)"
                      + " ORDER BY audit_id DESC LIMIT ? OFFSET ?")) {
            p.setString(1, action);
            p.setString(2, action);
            p.setInt(3, limit);
            p.setInt(4, offset);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new AuditEntry(
                        rs.getLong(1),
                        instant(rs, 2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)));
              }
            }
          }
          return out;
        });
  }

  public long auditCount(String action) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT count(*) FROM audit_log WHERE (? IS NULL OR action = ?)")) {
            p.setString(1, action);
            p.setString(2, action);
            return count(p);
          }
        });
  }

  /** The actions that occur in the log, for the filter. */
  public List<String> auditActions() {
    return db.read(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement p =
                  c.prepareStatement("SELECT DISTINCT action FROM audit_log ORDER BY action");
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static Optional<StoredUser> oneUser(PreparedStatement p) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      return rs.next() ? Optional.of(user(rs)) : Optional.empty();
    }
  }

  private static StoredUser user(ResultSet rs) throws SQLException {
    User u =
        new User(
            rs.getLong(1),
            rs.getString(2),
            Role.parse(rs.getString(3)).orElseThrow(),
            rs.getString(4),
            rs.getBoolean(5),
            instant(rs, 6),
            instant(rs, 7));
    return new StoredUser(u, rs.getString(8));
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      return count(p);
    }
  }

  private static long count(PreparedStatement p) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static LocalDateTime utc(Instant i) {
    return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int col) throws SQLException {
    if (rs.getObject(col) == null) {
      return null;
    }
    return rs.getObject(col, LocalDateTime.class).toInstant(ZoneOffset.UTC);
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
