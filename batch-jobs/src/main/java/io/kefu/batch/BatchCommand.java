package io.kefu.batch;

import io.kefu.core.config.ConfigException;
import io.kefu.core.config.KefuConfig;
import io.kefu.core.qa.QaEngine;
import io.kefu.core.qa.Rulebook;
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
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    Settings settings;
    try {
      settings =
          new Settings(
              o.staging(),
              o.partitions(),
              o.rulebook() == null ? Rulebook.defaultChinese() : Rulebook.load(o.rulebook()),
              o.sampleRate(),
              o.lowestShare());
    } catch (RuntimeException e) {
      err.println("kefu batch: " + e.getMessage());
      return 2;
    }
    Instant jvmStart =
        Instant.ofEpochMilli(
            java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    SparkSession spark = session(o.master(), 0);
    phase("Spark ready (JVM time)", jvmStart);
    try {
      Summary s = runJob(spark, config, o.input(), o.warehouse(), o.from(), o.to(), settings);
      s.print(out);
      return 0;
    } catch (IOException e) {
      err.println("kefu batch: " + e.getMessage());
      return 1;
    } finally {
      spark.stop();
      phase("Spark stopped (JVM time)", jvmStart);
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
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            // What Kryo moves (the shuffle's key and bytes, the tasks' manifests) holds no object
            // twice and no cycle: tracking references would only cost a map lookup per object.
            .config("spark.kryo.referenceTracking", "false");
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

  /**
   * How a run works, beyond the KPI definitions of {@link KefuConfig}: where it stages files, how
   * many groups it shuffles into, the quality rulebook, and how the review queue samples.
   *
   * @param staging where the run stages its Parquet files (any Hadoop path the executors and this
   *     process can reach); null: a folder beside the warehouse, removed after publishing
   * @param partitions shuffle partitions for grouping the events; 0: from the input's size
   * @param sampleRate the share of each agent's sessions per week drawn for review (at least one)
   * @param lowestShare the share of each shop-week's lowest-scoring sessions put up for review
   */
  record Settings(
      String staging, int partitions, Rulebook rulebook, double sampleRate, double lowestShare) {

    static Settings defaults() {
      return new Settings(null, 0, Rulebook.defaultChinese(), 0.05, 0.05);
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
    return runJob(spark, config, input, warehouse, from, to, Settings.defaults());
  }

  /**
   * One run: read and parse every line, group by buyer and stage every fact (sessions, turns,
   * orders with their credit, transcripts, quality scores) as Parquet; add up the tasks' KPI sums
   * and compute the KPI tables' rates with Spark SQL, pick the review queue (both staged too);
   * account for every line, and publish it all into the warehouse.
   */
  static Summary runJob(
      SparkSession spark,
      KefuConfig config,
      String input,
      Path warehouse,
      LocalDate from,
      LocalDate to,
      Settings settings)
      throws Exception {
    Instant started = Instant.now();
    String runId = UUID.randomUUID().toString();
    Path localRoot =
        warehouse.toAbsolutePath().resolveSibling(warehouse.getFileName() + ".staging");
    String staging = settings.staging();
    String stageDir =
        (staging != null ? staging : localRoot.toUri().toString()).replaceAll("/+$", "")
            + "/"
            + runId;
    KpiBatchJob job = new KpiBatchJob(spark, config, new QaEngine(settings.rulebook()));
    KpiBatchJob.InputFiles files = job.files(input);
    try {
      int partitions = settings.partitions() > 0 ? settings.partitions() : job.partitions(files);
      KpiSql kpiSql = new KpiSql(spark);
      Thread warmUp = kpiSql.warmUp();
      KpiBatchJob.Staged staged = job.stage(job.parse(files), files, stageDir, partitions);
      phase("facts", started);
      warmUp.join();
      if (TIMING) {
        System.err.printf(
            "  tasks' KPI parts %.1f MB, scored sessions %.1f MB%n",
            staged.kpiParts().stream().mapToLong(b -> b.length).sum() / 1e6,
            staged.scored().stream().mapToLong(b -> b.length).sum() / 1e6);
      }
      KpiBatchJob.Tally tally = staged.tally();
      Map<String, Long> byReason = tally.rejects();
      long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
      long parseRejected =
          byReason.entrySet().stream()
              .filter(e -> !e.getKey().equals("refund_exceeds_payment"))
              .mapToLong(Map.Entry::getValue)
              .sum();
      long events = tally.events();
      long duplicates = tally.duplicates();
      long read = events + duplicates + parseRejected;
      if (tally.firstDay() == null) {
        throw new IOException("no accepted event in " + input + ": nothing to compute");
      }
      LocalDate lo = from != null ? from : tally.firstDay();
      LocalDate hi = to != null ? to : tally.lastDay();
      Set<String> shops = tally.shops();
      phase("accounting", started);

      // The KPI tables: the tasks' parts added up per grain, the rates by Spark SQL; the review
      // queue from the tasks' scored sessions. Both staged beside the facts.
      Map<String, Dataset<Row>> computed = kpiSql.tables(new KpiRollup(staged.kpiParts()), lo, hi);
      Map<String, WarehousePublisher.Staged> published = new LinkedHashMap<>();
      Map<String, List<String>> stagedFiles = new LinkedHashMap<>(staged.files());
      // A few thousand rows each, and the queue: written by the driver, one file per table.
      for (Map.Entry<String, Dataset<Row>> t : computed.entrySet()) {
        List<Object[]> rows = new ArrayList<>();
        for (Row r : t.getValue().collectAsList()) {
          Object[] values = new Object[r.length()];
          for (int i = 0; i < values.length; i++) {
            values[i] = r.get(i);
          }
          rows.add(values);
        }
        stagedFiles.put(
            t.getKey(), stageOnDriver(spark, stageDir, t.getKey(), t.getValue().schema(), rows));
        phase("staged " + t.getKey(), started);
      }
      stagedFiles.put(
          "review_queue",
          stageOnDriver(
              spark,
              stageDir,
              "review_queue",
              ReviewQueue.SCHEMA,
              ReviewQueue.select(
                  staged.scored(), settings.sampleRate(), settings.lowestShare(), lo, hi)));
      // Both are made: the driver's heap gets the tasks' parts back before the DuckDB load.
      staged.kpiParts().clear();
      staged.scored().clear();
      phase("staged review_queue", started);
      Map<String, StructType> layouts = new LinkedHashMap<>();
      computed.forEach((name, data) -> layouts.put(name, data.schema()));
      layouts.put("review_queue", ReviewQueue.SCHEMA);
      // The fact tables in the layouts the tasks wrote them with.
      List<String> factNames = List.of(FactRows.NAMES);
      for (String fact : WarehousePublisher.DAY_COLUMN.keySet()) {
        int t = factNames.indexOf(fact);
        if (t >= 0) {
          layouts.put(fact, FactRows.SCHEMAS[t]);
        }
      }
      layouts.put("reject", FactRows.SCHEMAS[FactRows.REJECT]);
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
              config.describe() + "; qa.rulebook_version=" + settings.rulebook().version(),
              started,
              Instant.now());
      Path local = localize(spark, stageDir, localRoot.resolve(runId + ".local"));
      for (Map.Entry<String, StructType> t : layouts.entrySet()) {
        published.put(
            t.getKey(),
            new WarehousePublisher.Staged(
                localFiles(stagedFiles.getOrDefault(t.getKey(), List.of()), stageDir, local),
                t.getValue()));
      }
      WarehousePublisher.Staged rejects = published.remove("reject");
      Map<String, Long> rows =
          new WarehousePublisher(warehouse)
              .publish(
                  published,
                  rejects,
                  roster(input),
                  shops,
                  run,
                  config.attributionRule(),
                  settings.rulebook(),
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

  /** Rows the driver made, staged as the one Parquet file of {@code table}; returns its path. */
  private static List<String> stageOnDriver(
      SparkSession spark, String stageDir, String table, StructType schema, List<Object[]> rows) {
    String file = stageDir + "/" + table + "/part-00000-driver.parquet";
    try (PartWriter w =
        new PartWriter(table, schema, file, spark.sparkContext().hadoopConfiguration())) {
      rows.forEach(w::write);
    }
    return List.of(file);
  }

  /**
   * Staged paths (files, or folders of part files written by Spark) → the local Parquet files
   * DuckDB loads, under {@code local}, the local form of {@code stageDir}.
   */
  private static List<Path> localFiles(List<String> staged, String stageDir, Path local)
      throws IOException {
    List<Path> out = new ArrayList<>();
    for (String s : staged) {
      if (!s.startsWith(stageDir)) {
        throw new IllegalStateException(s + " is not under " + stageDir);
      }
      Path p = local.resolve(s.substring(stageDir.length()).replaceFirst("^/+", ""));
      if (Files.isDirectory(p)) {
        try (var files = Files.list(p)) {
          files
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .sorted()
              .forEach(out::add);
        }
      } else if (Files.exists(p)) {
        out.add(p);
      }
    }
    return out;
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

  /** KEFU_TIMING set: the phases' times and sizes go to standard error. */
  private static final boolean TIMING = System.getenv("KEFU_TIMING") != null;

  static void phase(String name, Instant since) {
    if (TIMING) {
      double cpu =
          ((com.sun.management.OperatingSystemMXBean)
                      java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                  .getProcessCpuTime()
              / 1e9;
      System.err.printf(
          "  %-26s %6.1f s  (process CPU %6.1f s)%n",
          name, Duration.between(since, Instant.now()).toMillis() / 1000.0, cpu);
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
