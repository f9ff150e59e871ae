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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

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
      Summary s = runJob(spark, config, o.input(), o.warehouse(), o.from(), o.to(), o.staging());
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
    return runJob(spark, config, input, warehouse, from, to, null);
  }

  /**
   * One run: read and parse every line, group by buyer, stage the facts as Parquet, sum them into
   * the KPI tables (staged too), account for every line, and publish it all into the warehouse.
   *
   * @param staging where the run stages its Parquet files (any Hadoop path the executors and this
   *     process can reach); null: a folder beside the warehouse, removed after publishing
   */
  static Summary runJob(
      SparkSession spark,
      KefuConfig config,
      String input,
      Path warehouse,
      LocalDate from,
      LocalDate to,
      String staging)
      throws Exception {
    Instant started = Instant.now();
    String runId = UUID.randomUUID().toString();
    Path localRoot =
        warehouse.toAbsolutePath().resolveSibling(warehouse.getFileName() + ".staging");
    String stageDir =
        (staging != null ? staging : localRoot.toUri().toString()).replaceAll("/+$", "")
            + "/"
            + runId;
    KpiBatchJob job = new KpiBatchJob(spark, config);
    KpiBatchJob.InputFiles files = job.files(input);
    try {
      Map<String, Dataset<Row>> facts = job.stage(job.facts(job.parse(files), files), stageDir);
      phase("facts", started);
      facts.forEach((name, data) -> data.createOrReplaceTempView(name));
      Row stats =
          spark
              .sql(
                  "SELECT (SELECT coalesce(sum(events), 0) FROM session_fact) + (SELECT"
                      + " coalesce(sum(events), 0) FROM order_fact), (SELECT"
                      + " coalesce(sum(duplicates), 0) FROM session_fact) + (SELECT"
                      + " coalesce(sum(duplicates), 0) FROM order_fact), least((SELECT min(day)"
                      + " FROM session_fact), (SELECT min(day) FROM order_fact)), greatest((SELECT"
                      + " max(day) FROM session_fact), (SELECT max(day) FROM order_fact))")
              .first();
      Map<String, Long> byReason = new java.util.TreeMap<>();
      for (Row r : spark.sql("SELECT reason, count(*) FROM reject GROUP BY 1").collectAsList()) {
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
      LocalDate lo = from != null ? from : stats.getAs(2);
      LocalDate hi = to != null ? to : stats.getAs(3);
      Set<String> shops = new TreeSet<>();
      for (Row r :
          spark
              .sql("SELECT shop_id FROM session_fact UNION SELECT shop_id FROM order_fact")
              .collectAsList()) {
        shops.add(r.getString(0));
      }

      Map<String, StructType> layouts = new LinkedHashMap<>();
      for (Map.Entry<String, Dataset<Row>> t :
          new KpiSql(spark, config).tables(facts, lo, hi).entrySet()) {
        t.getValue().write().mode(SaveMode.Overwrite).parquet(stageDir + "/" + t.getKey());
        layouts.put(t.getKey(), t.getValue().schema());
      }
      phase("kpis", started);
      for (String fact : WarehousePublisher.DAY_COLUMN.keySet()) {
        if (facts.containsKey(fact)) {
          layouts.put(fact, facts.get(fact).schema());
        }
      }
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
              files.all().size(),
              config.describe(),
              started,
              Instant.now());
      Path local = localize(spark, stageDir, localRoot.resolve(runId + ".local"));
      Map<String, WarehousePublisher.Staged> staged = new LinkedHashMap<>();
      layouts.forEach(
          (name, layout) ->
              staged.put(name, new WarehousePublisher.Staged(local.resolve(name), layout)));
      Map<String, Long> rows =
          new WarehousePublisher(warehouse)
              .publish(
                  staged,
                  new WarehousePublisher.Staged(
                      local.resolve("reject"), FactRows.SCHEMAS[FactRows.REJECT]),
                  roster(input),
                  shops,
                  run,
                  config.attributionRule(),
                  table -> phase(table, started));
      WarehousePublisher.Run finished = run.finishedAt(Instant.now());
      return new Summary(finished, byReason, rows, warehouse);
    } finally {
      if (staging == null) {
        deleteTree(localRoot.resolve(runId));
      } else {
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(stageDir);
        try {
          remote.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(remote, true);
        } catch (IOException e) {
          System.err.println("kefu batch: could not remove staging folder " + stageDir + ": " + e);
        }
      }
      deleteTree(localRoot.resolve(runId + ".local"));
      try (var left = Files.list(localRoot)) {
        if (left.findAny().isEmpty()) {
          Files.delete(localRoot);
        }
      } catch (IOException ignored) {
        // another run is staging beside us, or the folder never existed
      }
    }
  }

  /**
   * The staged files as a local folder DuckDB can read: the folder itself when staging is local,
   * else a copy fetched through Hadoop's file system (hdfs://, s3a:// …).
   */
  private static Path localize(SparkSession spark, String stageDir, Path copy) throws IOException {
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(stageDir);
    org.apache.hadoop.fs.FileSystem fs =
        remote.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs instanceof org.apache.hadoop.fs.LocalFileSystem
        || "file".equals(fs.getUri().getScheme())) {
      return Path.of(remote.toUri().getPath());
    }
    fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(copy.toUri()), true);
    return copy.resolve(remote.getName());
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    } catch (IOException | java.io.UncheckedIOException e) {
      System.err.println("kefu batch: could not remove staging folder " + dir + ": " + e);
    }
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
