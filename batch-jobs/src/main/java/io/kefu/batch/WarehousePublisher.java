package io.kefu.batch;

import io.kefu.core.qa.Rulebook;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Publishes a batch run into the DuckDB warehouse so that readers never see half of it.
 *
 * <p>DuckDB allows one read-write process or several read-only ones per file, never both. So the
 * batch job never writes the published file: it copies it to {@code FILE.publishing}, replaces in
 * the copy the rows of the run's shops and days, records the run, checkpoints, closes, and renames
 * the copy over {@code FILE} in one atomic step. A dashboard holding the old file keeps reading a
 * complete old version; its next connection opens the complete new one. A lock file serializes
 * concurrent publishers. Tables are created from the Spark schemas the first time; TIMESTAMP
 * columns hold UTC, DATE columns hold shop-local days.
 */
final class WarehousePublisher {

  /** The accounting of one run: every input line is accepted, rejected or a duplicate. */
  record Run(
      String runId,
      String input,
      LocalDate from,
      LocalDate to,
      long linesRead,
      long accepted,
      long rejected,
      long duplicates,
      long files,
      String config,
      Instant startedAt,
      Instant finishedAt) {

    /** The same run, finished at {@code t}. */
    Run finishedAt(Instant t) {
      return new Run(
          runId,
          input,
          from,
          to,
          linesRead,
          accepted,
          rejected,
          duplicates,
          files,
          config,
          startedAt,
          t);
    }
  }

  /** The column of each published table that says which day (or week) a row belongs to. */
  static final Map<String, String> DAY_COLUMN = new LinkedHashMap<>();

  static {
    DAY_COLUMN.put("agent_daily_kpi", "day");
    DAY_COLUMN.put("agent_weekly_kpi", "week_start");
    DAY_COLUMN.put("shop_daily_kpi", "day");
    DAY_COLUMN.put("session_fact", "day");
    DAY_COLUMN.put("turn_fact", "day");
    DAY_COLUMN.put("inquiry_fact", "day");
    DAY_COLUMN.put("assignment_fact", "day");
    DAY_COLUMN.put("agent_message_fact", "day");
    DAY_COLUMN.put("order_fact", "day");
    DAY_COLUMN.put("chat_message", "day");
    DAY_COLUMN.put("session_quality", "day");
    DAY_COLUMN.put("session_quality_hit", "day");
    DAY_COLUMN.put("review_queue", "day");
  }

  /**
   * Tables holding one rulebook version's scores: a run replaces only its own version's rows, so
   * scores from an earlier rulebook stay beside the new ones.
   */
  static final Set<String> VERSIONED =
      Set.of("session_quality", "session_quality_hit", "review_queue");

  private static final String RUN_DDL =
      "CREATE TABLE IF NOT EXISTS ingest_run (run_id VARCHAR PRIMARY KEY, input VARCHAR, from_day"
          + " DATE, to_day DATE, lines_read BIGINT, accepted BIGINT, rejected BIGINT, duplicates"
          + " BIGINT, files BIGINT, config VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP)";
  private static final String REJECT_DDL =
      "CREATE TABLE IF NOT EXISTS ingest_reject (run_id VARCHAR, file VARCHAR, line_no BIGINT,"
          + " event_id VARCHAR, reason VARCHAR, message VARCHAR, raw VARCHAR)";
  private static final String DAY_CONFIG_DDL =
      "CREATE TABLE IF NOT EXISTS kpi_day_config (shop_id VARCHAR, day DATE, config VARCHAR,"
          + " attribution_rule VARCHAR)";
  private static final String ROSTER_DDL =
      "CREATE TABLE IF NOT EXISTS agent_roster (agent_id VARCHAR PRIMARY KEY, name VARCHAR, team"
          + " VARCHAR, queue VARCHAR)";

  /**
   * The rulebooks the scores were made with, one row per version (an extension of METRICS.md): what
   * a reviewer's rescoring needs to know of the rulebook behind a stored score — above all whether
   * a critical hit zeroed it (auto-fail), which the score alone cannot tell from deductions of 100
   * or more — and the rules in force as text. A run writes its own version's row.
   */
  private static final String RULEBOOK_DDL =
      "CREATE TABLE IF NOT EXISTS qa_rulebook (rulebook_version VARCHAR PRIMARY KEY, auto_fail"
          + " BOOLEAN NOT NULL, grade_a INTEGER, grade_b INTEGER, grade_c INTEGER, rules VARCHAR,"
          + " first_run_id VARCHAR, last_run_id VARCHAR)";

  private final Path warehouse;

  WarehousePublisher(Path warehouse) {
    this.warehouse = warehouse.toAbsolutePath();
  }

  /**
   * A table staged as Parquet by the job: its local part files and the table's layout. DuckDB reads
   * the files directly, so no row passes through the JVM.
   */
  record Staged(List<Path> parts, StructType schema) {

    /** The files as a DuckDB list literal; null if the table is empty. */
    String files() {
      if (parts.isEmpty()) {
        return null;
      }
      List<String> quoted = new ArrayList<>();
      for (Path p : parts) {
        quoted.add("'" + p.toAbsolutePath().toString().replace("'", "''") + "'");
      }
      return "[" + String.join(", ", quoted) + "]";
    }
  }

  /**
   * Replaces the run's shops × [from, to] in every table (weekly tables: the weeks touching the
   * range) and records the run, then swaps the new file in.
   *
   * @param tables the published tables, staged; rows outside the run's days are not loaded
   * @param rejects the staged rejected lines (file, line_no, event_id, reason, message, raw)
   * @param roster rows of (agent_id, name, team, queue), may be empty
   */
  Map<String, Long> publish(
      Map<String, Staged> tables,
      Staged rejects,
      List<String[]> roster,
      Set<String> shops,
      Run run,
      String attributionRule,
      Rulebook rulebook,
      java.util.function.Consumer<String> progress)
      throws IOException, SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    Files.createDirectories(warehouse.getParent());
    Path lockFile = warehouse.resolveSibling(warehouse.getFileName() + ".lock");
    Path staging = warehouse.resolveSibling(warehouse.getFileName() + ".publishing");
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = acquire(ch)) {
      Files.deleteIfExists(staging);
      Files.deleteIfExists(wal(staging));
      if (Files.exists(warehouse)) {
        Files.copy(warehouse, staging, StandardCopyOption.COPY_ATTRIBUTES);
        if (Files.exists(wal(warehouse))) {
          Files.copy(wal(warehouse), wal(staging));
        }
      }
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + staging)) {
        write(c, tables, rejects, roster, shops, run, attributionRule, rulebook, rows, progress);
      }
      Files.deleteIfExists(wal(staging));
      try (FileChannel f = FileChannel.open(staging, StandardOpenOption.WRITE)) {
        f.force(true);
      }
      Files.move(
          staging, warehouse, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return rows;
  }

  private static FileLock acquire(FileChannel ch) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (true) {
      FileLock lock = ch.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("another batch run is publishing this warehouse; gave up waiting");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for the warehouse lock", e);
      }
    }
  }

  private static Path wal(Path db) {
    return db.resolveSibling(db.getFileName() + ".wal");
  }

  private void write(
      Connection c,
      Map<String, Staged> tables,
      Staged rejects,
      List<String[]> roster,
      Set<String> shops,
      Run run,
      String attributionRule,
      Rulebook rulebook,
      Map<String, Long> rowCounts,
      java.util.function.Consumer<String> progress)
      throws SQLException, IOException {
    try (Statement st = c.createStatement()) {
      // Loads need not keep the staged files' row order (every reader orders what it reads), so
      // DuckDB may insert from all its threads at once.
      st.execute("SET preserve_insertion_order = false");
      st.execute(RUN_DDL);
      st.execute(REJECT_DDL);
      st.execute(DAY_CONFIG_DDL);
      st.execute(ROSTER_DDL);
      st.execute(RULEBOOK_DDL);
    }
    String rulebookVersion = rulebook.version();
    c.setAutoCommit(false);
    LocalDate weekFrom = KpiSql.monday(run.from());
    for (Map.Entry<String, Staged> e : tables.entrySet()) {
      String table = e.getKey();
      Staged data = e.getValue();
      ensureTable(c, table, data.schema());
      String dayCol = DAY_COLUMN.get(table);
      LocalDate lo = dayCol.equals("week_start") ? weekFrom : run.from();
      String version = VERSIONED.contains(table) ? rulebookVersion : null;
      deleteDays(c, table, dayCol, shops, lo, run.to(), version);
      rowCounts.put(table, load(c, table, data, dayCol, lo, run.to()));
      progress.accept(table);
    }
    deleteDays(c, "kpi_day_config", "day", shops, run.from(), run.to(), null);
    try (DuckDBAppender a = ((DuckDBConnection) c).createAppender("main", "kpi_day_config")) {
      for (String shop : shops) {
        for (LocalDate d = run.from(); !d.isAfter(run.to()); d = d.plusDays(1)) {
          a.beginRow().append(shop).append(d).append(run.config()).append(attributionRule).endRow();
        }
      }
    }
    if (!roster.isEmpty()) {
      try (PreparedStatement up =
          c.prepareStatement(
              "INSERT OR REPLACE INTO agent_roster (agent_id, name, team, queue) VALUES (?,?,?,?)")) {
        for (String[] r : roster) {
          for (int i = 0; i < 4; i++) {
            up.setString(i + 1, r[i]);
          }
          up.addBatch();
        }
        up.executeBatch();
      }
    }
    try (PreparedStatement up =
        c.prepareStatement(
            "INSERT INTO qa_rulebook VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (rulebook_version) DO"
                + " UPDATE SET auto_fail = excluded.auto_fail, grade_a = excluded.grade_a,"
                + " grade_b = excluded.grade_b, grade_c = excluded.grade_c,"
                + " rules = excluded.rules, last_run_id = excluded.last_run_id")) {
      up.setString(1, rulebookVersion);
      up.setBoolean(2, rulebook.autoFail());
      up.setInt(3, rulebook.gradeA());
      up.setInt(4, rulebook.gradeB());
      up.setInt(5, rulebook.gradeC());
      up.setString(6, rulebook.describe());
      up.setString(7, run.runId());
      up.setString(8, run.runId());
      up.executeUpdate();
    }
    String rejectFiles = rejects.files();
    if (rejectFiles != null) {
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO ingest_reject SELECT ?, file, line_no, event_id, reason, message, raw"
                  + " FROM read_parquet("
                  + rejectFiles
                  + ") ORDER BY file, line_no")) {
        ins.setString(1, run.runId());
        ins.executeUpdate();
      }
    }
    try (PreparedStatement ins =
        c.prepareStatement("INSERT INTO ingest_run VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ins.setString(1, run.runId());
      ins.setString(2, run.input());
      ins.setObject(3, run.from());
      ins.setObject(4, run.to());
      ins.setLong(5, run.linesRead());
      ins.setLong(6, run.accepted());
      ins.setLong(7, run.rejected());
      ins.setLong(8, run.duplicates());
      ins.setLong(9, run.files());
      ins.setString(10, run.config());
      ins.setObject(11, LocalDateTime.ofInstant(run.startedAt(), ZoneOffset.UTC));
      ins.setObject(12, LocalDateTime.ofInstant(run.finishedAt(), ZoneOffset.UTC));
      ins.executeUpdate();
    }
    c.commit();
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      st.execute("CHECKPOINT");
    }
  }

  /** Removes the rows of these shops and days: what a run replaces. */
  private static void deleteDays(
      Connection c,
      String table,
      String dayCol,
      Set<String> shops,
      LocalDate from,
      LocalDate to,
      String rulebookVersion)
      throws SQLException {
    try (PreparedStatement del =
        c.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE shop_id = ? AND "
                + dayCol
                + " BETWEEN ? AND ?"
                + (rulebookVersion == null ? "" : " AND rulebook_version = ?"))) {
      for (String shop : shops) {
        del.setString(1, shop);
        del.setObject(2, from);
        del.setObject(3, to);
        if (rulebookVersion != null) {
          del.setString(4, rulebookVersion);
        }
        del.executeUpdate();
      }
    }
  }

  /** Creates the table from the Spark schema, or recreates it when the schema has changed. */
  private static void ensureTable(Connection c, String table, StructType schema)
      throws SQLException {
    List<String> wanted = new ArrayList<>();
    for (StructField f : schema.fields()) {
      wanted.add(f.name() + " " + sqlType(f.dataType()));
    }
    List<String> existing = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                + " ORDER BY ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          existing.add(rs.getString(1) + " " + rs.getString(2));
        }
      }
    }
    if (existing.equals(wanted)) {
      return;
    }
    try (Statement st = c.createStatement()) {
      if (!existing.isEmpty()) {
        System.err.println(
            "kefu batch: table "
                + table
                + " has a new layout; it is recreated and holds only the days of this run");
        st.execute("DROP TABLE " + table);
      }
      st.execute("CREATE TABLE " + table + " (" + String.join(", ", wanted) + ")");
    }
  }

  static String sqlType(DataType t) {
    if (t instanceof DecimalType d) {
      return "DECIMAL(" + d.precision() + "," + d.scale() + ")";
    }
    if (t.equals(DataTypes.StringType)) {
      return "VARCHAR";
    }
    if (t.equals(DataTypes.LongType)) {
      return "BIGINT";
    }
    if (t.equals(DataTypes.IntegerType)) {
      return "INTEGER";
    }
    if (t.equals(DataTypes.DoubleType)) {
      return "DOUBLE";
    }
    if (t.equals(DataTypes.BooleanType)) {
      return "BOOLEAN";
    }
    if (t.equals(DataTypes.DateType)) {
      return "DATE";
    }
    if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) {
      return "TIMESTAMP";
    }
    throw new IllegalArgumentException("no warehouse type for " + t);
  }

  /** Loads a staged table's rows of the run's days straight from its Parquet files. */
  private static long load(
      Connection c, String table, Staged data, String dayCol, LocalDate from, LocalDate to)
      throws SQLException {
    String files = data.files();
    if (files == null) {
      return 0;
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " SELECT * FROM read_parquet("
                + files
                + ") WHERE "
                + dayCol
                + " BETWEEN ? AND ?")) {
      ins.setObject(1, from);
      ins.setObject(2, to);
      return ins.executeUpdate();
    }
  }
}
