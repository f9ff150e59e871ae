package io.kefu.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * All SQL the dashboard runs on the published warehouse (read-only). For now: the data-health
 * questions, "did every input line of every batch run end up somewhere, and what was rejected and
 * why?", from the batch job's {@code ingest_run} and {@code ingest_reject} tables.
 */
public final class WarehouseRepository {

  /**
   * One batch run, as the batch job records it. Counts are null while a run has not finished.
   *
   * @param config the configuration the run used (as the job wrote it)
   */
  public record IngestRun(
      String runId,
      String input,
      LocalDate fromDay,
      LocalDate toDay,
      Long linesRead,
      Long accepted,
      Long rejected,
      Long duplicates,
      String config,
      LocalDateTime startedAt,
      LocalDateTime finishedAt) {

    /** Every line read is accepted, rejected or a duplicate: nothing lost, nothing twice. */
    public boolean accountedFor() {
      return linesRead != null
          && accepted != null
          && rejected != null
          && duplicates != null
          && accepted + rejected + duplicates == linesRead;
    }
  }

  public record ReasonCount(String reason, long lines) {}

  public record RejectLine(String file, Long lineNo, String reason, String message, String raw) {}

  public static final String RUN_TABLE = "ingest_run";
  public static final String REJECT_TABLE = "ingest_reject";

  /**
   * Which of the named tables the warehouse lacks (it may predate the batch job that adds them).
   */
  /** Whether the warehouse has this table (in its main schema). */
  public static boolean hasTable(Connection c, String name) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'"
                + " AND table_name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  public List<String> missingTables(Connection c, List<String> names) throws SQLException {
    Set<String> present = new LinkedHashSet<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")) {
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getString(1));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      if (!present.contains(n)) {
        missing.add(n);
      }
    }
    return missing;
  }

  private static final String RUN_COLUMNS =
      "run_id, input, from_day, to_day, lines_read, accepted, rejected, duplicates, config,"
          + " started_at, finished_at";

  /** The latest runs, newest first. */
  public List<IngestRun> runs(Connection c, int limit) throws SQLException {
    List<IngestRun> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + RUN_COLUMNS
                + " FROM ingest_run ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT ?")) {
      p.setInt(1, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(run(rs));
        }
      }
    }
    return out;
  }

  /** One run by id (a re-run may reuse an id: then the latest of them). */
  public Optional<IngestRun> run(Connection c, String runId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + RUN_COLUMNS
                + " FROM ingest_run WHERE run_id = ? ORDER BY started_at DESC NULLS LAST LIMIT 1")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(run(rs)) : Optional.empty();
      }
    }
  }

  private static IngestRun run(ResultSet rs) throws SQLException {
    return new IngestRun(
        rs.getString(1),
        rs.getString(2),
        rs.getObject(3) == null ? null : rs.getObject(3, LocalDate.class),
        rs.getObject(4) == null ? null : rs.getObject(4, LocalDate.class),
        longOrNull(rs, 5),
        longOrNull(rs, 6),
        longOrNull(rs, 7),
        longOrNull(rs, 8),
        rs.getString(9),
        rs.getObject(10) == null ? null : rs.getObject(10, LocalDateTime.class),
        rs.getObject(11) == null ? null : rs.getObject(11, LocalDateTime.class));
  }

  /** Rejected lines of a run per reason, most frequent first. */
  public List<ReasonCount> rejectsByReason(Connection c, String runId) throws SQLException {
    List<ReasonCount> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT reason, count(*) AS n FROM ingest_reject WHERE run_id = ?"
                + " GROUP BY reason ORDER BY n DESC, reason")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new ReasonCount(rs.getString(1), rs.getLong(2)));
        }
      }
    }
    return out;
  }

  /** The first rejected lines of one reason in a run, in file and line order. */
  public List<RejectLine> rejectedLines(Connection c, String runId, String reason, int limit)
      throws SQLException {
    List<RejectLine> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT file, line_no, reason, message, raw FROM ingest_reject"
                + " WHERE run_id = ? AND reason = ? ORDER BY file, line_no LIMIT ?")) {
      p.setString(1, runId);
      p.setString(2, reason);
      p.setInt(3, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(
              new RejectLine(
                  rs.getString(1),
                  longOrNull(rs, 2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
    }
    return out;
  }

  private static Long longOrNull(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }
}
