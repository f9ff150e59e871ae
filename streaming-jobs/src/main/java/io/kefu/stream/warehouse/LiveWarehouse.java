package io.kefu.stream.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The live tables in DuckDB, under the one-writer rule. The job's single sink writer owns a private
 * working file ({@code live.duckdb.writer} beside the published {@code live.duckdb}); nobody else
 * opens it. Rows are applied in keyed batches: every key in a batch is deleted and its latest row
 * inserted, in one transaction, so a row sent twice leaves one row, and a removal removes. {@link
 * #publish()} checkpoints the working file and copies it over the published file by an atomic
 * rename; readers (the dashboard) open only the published file, read-only, and always see one
 * complete batch boundary.
 */
public final class LiveWarehouse implements AutoCloseable {

  static final String WORKING_SUFFIX = ".writer";

  private final Path published;
  private final Path working;
  private final DuckDBConnection connection;
  private long rowsApplied;

  /**
   * Opens (creating if needed) the working file of {@code published}.
   *
   * @param reset start from empty tables (a fresh replay), instead of continuing (a restart)
   */
  public LiveWarehouse(Path published, boolean reset) throws SQLException, IOException {
    this.published = published.toAbsolutePath();
    this.working = this.published.resolveSibling(this.published.getFileName() + WORKING_SUFFIX);
    Files.createDirectories(this.published.getParent());
    this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + working);
    try (Statement s = connection.createStatement()) {
      // One writer thread by design: DuckDB's own worker threads would only compete with the job's
      // tasks for the same cores.
      s.execute("SET threads = 1");
      for (LiveTable t : LiveTable.values()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + t.tableName()
                + " ("
                + String.join(", ", t.columns())
                + ")");
        s.execute(
            "CREATE OR REPLACE TABLE "
                + stage(t)
                + " ("
                + String.join(", ", t.columns())
                + ", _delete BOOLEAN)");
        if (reset) {
          s.execute("DELETE FROM " + t.tableName());
        }
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS live_status (published_at TIMESTAMP, watermark TIMESTAMP,"
              + " rows_applied BIGINT)");
    }
  }

  /** Rows applied by this writer since it opened. */
  public long rowsApplied() {
    return rowsApplied;
  }

  private static String stage(LiveTable t) {
    return "stage_" + t.tableName();
  }

  /** Applies a batch of rows, at most one per table and key, in one transaction. */
  public void apply(Collection<LiveRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Map<LiveTable, List<LiveRow>> byTable = new EnumMap<>(LiveTable.class);
    for (LiveRow r : rows) {
      byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r);
    }
    try (Statement s = connection.createStatement()) {
      for (Map.Entry<LiveTable, List<LiveRow>> e : byTable.entrySet()) {
        s.execute("DELETE FROM " + stage(e.getKey()));
        try (DuckDBAppender appender = connection.createAppender("main", stage(e.getKey()))) {
          for (LiveRow r : e.getValue()) {
            appender.beginRow();
            for (Object v : r.values()) {
              append(appender, v);
            }
            appender.append(r.deleted());
            appender.endRow();
          }
        }
      }
      connection.setAutoCommit(false);
      try {
        for (LiveTable t : byTable.keySet()) {
          String on =
              t.keyColumns().stream()
                  .map(k -> t.tableName() + "." + k + " = s." + k)
                  .collect(Collectors.joining(" AND "));
          s.execute("DELETE FROM " + t.tableName() + " USING " + stage(t) + " s WHERE " + on);
          s.execute(
              "INSERT INTO "
                  + t.tableName()
                  + " SELECT "
                  + String.join(", ", t.columnNames())
                  + " FROM "
                  + stage(t)
                  + " WHERE NOT _delete");
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
    rowsApplied += rows.size();
  }

  private static void append(DuckDBAppender a, Object v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else if (v instanceof String s) {
      a.append(s);
    } else if (v instanceof Integer i) {
      a.append(i.intValue());
    } else if (v instanceof Long l) {
      a.append(l.longValue());
    } else if (v instanceof Double d) {
      a.append(d.doubleValue());
    } else if (v instanceof BigDecimal d) {
      a.append(d);
    } else if (v instanceof LocalDate d) {
      a.append(d);
    } else if (v instanceof LocalDateTime t) {
      a.append(t);
    } else if (v instanceof Boolean b) {
      a.append(b.booleanValue());
    } else {
      throw new IllegalArgumentException("no DuckDB mapping for " + v.getClass());
    }
  }

  /**
   * Publishes the tables as they stand: a checkpoint makes the working file complete on disk, a
   * copy of it is renamed over the published file in one atomic step.
   *
   * @param watermark the event time the live figures are complete up to, recorded in {@code
   *     live_status}
   */
  public void publish(long watermark) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DELETE FROM live_status");
      s.execute(
          "INSERT INTO live_status VALUES (current_timestamp::TIMESTAMP, "
              + (watermark <= 0 || watermark == Long.MAX_VALUE
                  ? "NULL"
                  : "epoch_ms(" + watermark + ")")
              + ", "
              + rowsApplied
              + ")");
      s.execute("CHECKPOINT");
    }
    Path tmp = published.resolveSibling(published.getFileName() + ".publishing");
    try {
      Files.copy(working, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          tmp, published, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + published, e);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
