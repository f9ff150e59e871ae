package io.kefu.batch;

import io.kefu.core.config.ConfigException;
import io.kefu.core.config.KefuConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code kefu batch}: reads a folder of event files, computes the KPIs with {@link KpiBatchJob} and
 * publishes them with {@link WarehousePublisher}. This class only wires: options, Spark, reading,
 * accounting, publishing.
 */
public final class BatchCommand {

  private BatchCommand() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.out, System.err);
    } catch (Exception e) {
      System.err.println("kefu batch: failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    BatchOptions o;
    try {
      o = BatchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("kefu batch: " + e.getMessage());
      err.println("Run 'kefu batch --help' for the options.");
      return 2;
    }
    if (o == null) {
      out.print(BatchOptions.USAGE);
      return 0;
    }
    KefuConfig config;
    try {
      config = o.config() == null ? KefuConfig.defaults() : KefuConfig.load(o.config());
    } catch (ConfigException | java.io.UncheckedIOException e) {
      err.println("kefu batch: " + e.getMessage());
      return 2;
    }
    SparkSession spark = session(o.master(), o.partitions());
    try {
      Summary s = runJob(spark, config, o.input(), o.warehouse(), o.from(), o.to());
      s.print(out);
      return 0;
    } catch (IOException e) {
      err.println("kefu batch: " + e.getMessage());
      return 1;
    } finally {
      spark.stop();
    }
  }

  /** A Spark session with the settings the job relies on (UTC session zone, java.time values). */
  static SparkSession session(String master, int partitions) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("kefu-batch")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.adaptive.enabled", "true")
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    if (master != null) {
      b.master(master);
    } else if (System.getProperty("spark.master") == null) {
      b.master("local[*]");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    b.config("spark.sql.shuffle.partitions", partitions > 0 ? partitions : 4 * cores);
    return b.getOrCreate();
  }

  /** What a run did, for the terminal. */
  record Summary(
      WarehousePublisher.Run run,
      Map<String, Long> rejectsByReason,
      Map<String, Long> rowsByTable,
      Path warehouse) {

    void print(PrintStream out) {
      out.printf("input        %s (%d files)%n", run.input(), run.files());
      out.printf("days         %s .. %s%n", run.from(), run.to());
      out.printf("read         %,12d lines%n", run.linesRead());
      out.printf("accepted     %,12d events%n", run.accepted());
      out.printf("duplicates   %,12d (counted once)%n", run.duplicates());
      out.printf("rejected     %,12d (table ingest_reject, run %s)%n", run.rejected(), run.runId());
      rejectsByReason.forEach((r, n) -> out.printf("  %-30s %,8d%n", r, n));
      out.println("published    " + warehouse);
      rowsByTable.forEach((t, n) -> out.printf("  %-20s %,10d rows%n", t, n));
      double secs = Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0;
      out.printf(
          "took         %.1f s (%,.0f lines/s)%n", secs, run.linesRead() / Math.max(secs, 1e-3));
    }
  }

  static Summary runJob(
      SparkSession spark,
      KefuConfig config,
      String input,
      Path warehouse,
      LocalDate from,
      LocalDate to)
      throws Exception {
    Instant started = Instant.now();
    KpiBatchJob job = new KpiBatchJob(spark, config);
    KpiBatchJob.Input lines = job.readLines(input);
    Dataset<Row> facts =
        job.facts(KpiBatchJob.parse(lines.lines()))
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> sessions = KpiBatchJob.sessions(facts);
    Dataset<Row> orders = KpiBatchJob.orders(facts);
    Dataset<Row> rejects = KpiBatchJob.rejects(facts).orderBy("file", "line_no").cache();
    sessions.createOrReplaceTempView("session_facts");
    orders.createOrReplaceTempView("order_facts");
    Row stats =
        spark
            .sql(
                "SELECT (SELECT coalesce(sum(events), 0) FROM session_facts) + (SELECT"
                    + " coalesce(sum(events), 0) FROM order_facts), (SELECT coalesce(sum(duplicates),"
                    + " 0) FROM session_facts) + (SELECT coalesce(sum(duplicates), 0) FROM"
                    + " order_facts), least((SELECT min(day) FROM session_facts), (SELECT"
                    + " min(coalesce(created_day, paid_day)) FROM order_facts)), greatest((SELECT"
                    + " max(day) FROM session_facts), (SELECT max(coalesce(created_day, paid_day))"
                    + " FROM order_facts))")
            .first();
    phase("facts", started);
    Map<String, Long> byReason = new java.util.TreeMap<>();
    for (Row r : rejects.groupBy("reason").count().collectAsList()) {
      byReason.put(r.getString(0), r.getLong(1));
    }
    long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
    long parseRejected =
        byReason.entrySet().stream()
            .filter(e -> !e.getKey().equals("refund_exceeds_payment"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    long events = stats.getLong(0);
    long duplicates = stats.getLong(1);
    long read = events + duplicates + parseRejected;
    if (stats.isNullAt(2)) {
      throw new IOException("no accepted event in " + input + ": nothing to compute");
    }
    LocalDate lo = from != null ? from : LocalDate.ofEpochDay(stats.getInt(2));
    LocalDate hi = to != null ? to : LocalDate.ofEpochDay(stats.getInt(3));
    Set<String> shops = new TreeSet<>();
    for (Row r :
        spark
            .sql("SELECT shop_id FROM session_facts UNION SELECT shop_id FROM order_facts")
            .collectAsList()) {
      shops.add(r.getString(0));
    }

    Map<String, Dataset<Row>> tables = job.run(facts, lo, hi);
    String runId = UUID.randomUUID().toString();
    WarehousePublisher.Run run =
        new WarehousePublisher.Run(
            runId,
            input,
            lo,
            hi,
            read,
            read - rejected - duplicates,
            rejected,
            duplicates,
            lines.files(),
            config.describe(),
            started,
            Instant.now());
    Map<String, Long> rows =
        new WarehousePublisher(warehouse)
            .publish(
                tables,
                rejects.toLocalIterator(),
                roster(input),
                shops,
                run,
                config.attributionRule(),
                table -> phase(table, started));
    WarehousePublisher.Run finished = run.finishedAt(Instant.now());
    return new Summary(finished, byReason, rows, warehouse);
  }

  static void phase(String name, Instant since) {
    if (System.getenv("KEFU_TIMING") != null) {
      System.err.printf(
          "  %-20s %6.1f s%n", name, Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
  }

  /** roster.csv beside the events (agent_id,name,team,queue), when the input is a local folder. */
  static List<String[]> roster(String input) throws IOException {
    Path dir;
    try {
      dir = Path.of(input);
    } catch (RuntimeException e) {
      return List.of();
    }
    Path f = Files.isDirectory(dir) ? dir.resolve("roster.csv") : null;
    if (f == null || !Files.exists(f)) {
      return List.of();
    }
    List<String[]> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] p = lines.get(i).split(",", -1);
      if (p.length >= 4) {
        out.add(new String[] {p[0], p[1], p[2], p[3]});
      }
    }
    return out;
  }
}
