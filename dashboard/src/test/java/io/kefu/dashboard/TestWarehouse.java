package io.kefu.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Publishes test warehouses the way the batch job does: write a complete DuckDB file beside the
 * target, checkpoint and close it, then rename it over the target atomically.
 */
final class TestWarehouse {

  /** Fills a fresh warehouse. */
  @FunctionalInterface
  interface Filler {
    void fill(Connection c) throws SQLException;
  }

  private TestWarehouse() {}

  static void publish(Path target, Filler filler) throws Exception {
    Path tmp = target.resolveSibling(target.getFileName() + ".publishing");
    Files.deleteIfExists(tmp);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp)) {
      filler.fill(c);
      try (Statement s = c.createStatement()) {
        s.execute("CHECKPOINT");
      }
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The batch job's two health tables, empty. */
  static void ingestTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE ingest_run (run_id VARCHAR, input VARCHAR, from_day DATE, to_day DATE,"
              + " lines_read BIGINT, accepted BIGINT, rejected BIGINT, duplicates BIGINT,"
              + " config VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP)");
      s.execute(
          "CREATE TABLE ingest_reject (run_id VARCHAR, file VARCHAR, line_no BIGINT,"
              + " reason VARCHAR, message VARCHAR, raw VARCHAR)");
    }
  }

  /** A finished run whose counts add up (lines = accepted + rejected + duplicates). */
  static void run(Connection c, String runId, long accepted, long rejected, long duplicates)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO ingest_run VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, runId);
      p.setString(2, "sample-data/sample");
      p.setObject(3, LocalDate.of(2026, 11, 2));
      p.setObject(4, LocalDate.of(2026, 11, 15));
      p.setLong(5, accepted + rejected + duplicates);
      p.setLong(6, accepted);
      p.setLong(7, rejected);
      p.setLong(8, duplicates);
      p.setString(9, "shop.timezone=Asia/Shanghai");
      p.setObject(10, LocalDateTime.of(2026, 11, 16, 2, 0));
      p.setObject(11, LocalDateTime.of(2026, 11, 16, 2, 3));
      p.executeUpdate();
    }
  }

  static void reject(
      Connection c, String runId, String file, long lineNo, String reason, String raw)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO ingest_reject VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, runId);
      p.setString(2, file);
      p.setLong(3, lineNo);
      p.setString(4, reason);
      p.setString(5, "what was wrong with line " + lineNo);
      p.setString(6, raw);
      p.executeUpdate();
    }
  }
}
