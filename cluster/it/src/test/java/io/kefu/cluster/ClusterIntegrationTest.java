package io.kefu.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The jobs on real engines, driven through {@code bin/kefu} as an operator would: {@code kefu
 * cluster start} brings up Kafka (KRaft), a Spark standalone master and worker and a Flink
 * standalone job manager and task manager, each a separate process from its Maven Central jars;
 * {@code kefu generate --bootstrap-servers} writes three days of a shop and sends them to the
 * contract's topics; then
 *
 * <ul>
 *   <li>the batch job runs in local mode and, submitted through SparkSubmit, on the Spark master,
 *       and every published table of the two warehouses is compared row for row;
 *   <li>the live job runs in Flink's local mini-cluster and, submitted through Flink's client, on
 *       the Flink cluster, both reading the Kafka topics up to their latest offsets, and every live
 *       table is compared row for row.
 * </ul>
 *
 * The engines' own REST APIs confirm that the cluster runs really ran there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTest {

  static final Path HOME = Path.of("../..").toAbsolutePath().normalize();
  static final Path DIR = Path.of("target/cluster-it").toAbsolutePath();
  static final Path EVENTS = DIR.resolve("events");

  /** Columns that record when or where a run happened, not what it computed. */
  static final Set<String> RUN_COLUMNS =
      Set.of(
          "run_id",
          "first_run_id",
          "last_run_id",
          "started_at",
          "finished_at",
          "published_at",
          "rows_applied",
          "config");

  static Map<String, String> env;

  @BeforeAll
  static void startCluster() throws Exception {
    if (Files.exists(DIR)) {
      kefu("cluster-stop-stale", "cluster", "stop", "--dir", DIR.resolve("cluster").toString());
      deleteTree(DIR);
    }
    Files.createDirectories(DIR);
    kefu(
        "cluster-start",
        "cluster",
        "start",
        "--dir",
        DIR.resolve("cluster").toString(),
        "--port-base",
        Integer.toString(freePortBase()),
        "--spark-workers",
        "1",
        "--worker-cores",
        "2",
        "--worker-memory",
        "2g",
        "--task-managers",
        "1",
        "--slots",
        "2");
    env = readEnv(DIR.resolve("cluster/cluster.env"));
    kefu(
        "generate",
        "generate",
        "--out",
        EVENTS.toString(),
        "--agents",
        "8",
        "--days",
        "3",
        "--seed",
        "11",
        "--rate",
        "30",
        "--quiet",
        "--bootstrap-servers",
        env.get("KAFKA"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    kefu("cluster-stop", "cluster", "stop", "--dir", DIR.resolve("cluster").toString());
  }

  @Test
  @Order(1)
  void theBatchJobOnTheSparkClusterPublishesTheSameTablesAsInLocalMode() throws Exception {
    Path local = DIR.resolve("batch-local.duckdb");
    Path cluster = DIR.resolve("batch-cluster.duckdb");
    kefu(
        "batch-local",
        "batch",
        "--master",
        "local[2]",
        "--input",
        EVENTS.toString(),
        "--warehouse",
        local.toString());
    kefu(
        "batch-cluster",
        "batch",
        "--master",
        env.get("SPARK_MASTER"),
        "--conf",
        "spark.executor.memory=1g",
        "--input",
        EVENTS.toString(),
        "--warehouse",
        cluster.toString());

    String apps = get(env.get("SPARK_UI") + "/json/");
    assertTrue(
        apps.contains("\"completedapps\"") && apps.contains("kefu-batch"),
        "the Spark master ran no kefu-batch application: " + apps);

    Map<String, Long> rows = compareTables(local, cluster, t -> true);
    assertTrue(rows.get("agent_daily_kpi") > 0 && rows.get("chat_message") > 1000, rows::toString);
    assertTrue(rows.containsKey("ingest_reject") && rows.get("ingest_reject") > 0, rows::toString);
  }

  @Test
  @Order(2)
  void theLiveJobOnTheFlinkClusterReadingKafkaFillsTheSameLiveTablesAsTheMiniCluster()
      throws Exception {
    Path local = DIR.resolve("live-local.duckdb");
    Path cluster = DIR.resolve("live-cluster.duckdb");
    String localOut = streamFromKafka("stream-local", local);
    String clusterOut =
        streamFromKafka("stream-cluster", cluster, "--jobmanager", env.get("FLINK_JOBMANAGER"));

    String jobs = get("http://" + env.get("FLINK_JOBMANAGER") + "/jobs/overview");
    assertTrue(
        jobs.contains("kefu live events") && jobs.contains("FINISHED"),
        "the Flink cluster ran no finished kefu live events job: " + jobs);
    for (String out : List.of(localOut, clusterOut)) {
      assertTrue(out.contains("every line accounted for"), out);
    }
    assertEquals(summaryLine(localOut, "read"), summaryLine(clusterOut, "read"));
    assertEquals(summaryLine(localOut, "late"), summaryLine(clusterOut, "late"));

    // live_status is the run's own progress record (when each snapshot was published, and the
    // watermark the sink had seen by then), not a figure.
    Map<String, Long> rows =
        compareTables(local, cluster, t -> !t.startsWith("stage_") && !t.equals("live_status"));
    assertTrue(rows.get("live_agent_minute") > 100, rows::toString);
    assertTrue(rows.get("live_shop_minute") > 10, rows::toString);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * {@code kefu stream} over the topics up to their latest offsets, in its own consumer group (so
   * each run reads everything), into {@code warehouse}; {@code where} adds e.g. {@code
   * --jobmanager}.
   */
  static String streamFromKafka(String name, Path warehouse, String... where) throws Exception {
    List<String> args = new ArrayList<>(List.of("stream"));
    args.addAll(List.of(where));
    args.addAll(
        List.of(
            "--source",
            "kafka",
            "--bootstrap-servers",
            env.get("KAFKA"),
            "--stop-at-latest",
            "--kafka-group",
            "it-" + name,
            "--warehouse",
            warehouse.toString(),
            "--out",
            DIR.resolve(name).toString()));
    return kefu(name, args.toArray(String[]::new));
  }

  /**
   * Every table of {@code a} (those {@code include} accepts) must be in {@code b} with the same
   * rows, as multisets, apart from {@link #RUN_COLUMNS}. Returns the row count of each table.
   */
  static Map<String, Long> compareTables(
      Path a, Path b, java.util.function.Predicate<String> include) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("ATTACH '" + a + "' AS a (READ_ONLY)");
      s.execute("ATTACH '" + b + "' AS b (READ_ONLY)");
      Map<String, List<String>> columns = new LinkedHashMap<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT table_name, column_name FROM information_schema.columns"
                  + " WHERE table_catalog = 'a' ORDER BY table_name, ordinal_position")) {
        while (r.next()) {
          if (include.test(r.getString(1)) && !RUN_COLUMNS.contains(r.getString(2))) {
            columns.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
          }
        }
      }
      assertTrue(columns.size() > 3, "too few tables in " + a + ": " + columns.keySet());
      for (var e : columns.entrySet()) {
        String t = e.getKey();
        String cols = String.join(", ", e.getValue().stream().map(col -> '"' + col + '"').toList());
        long na = count(s, "SELECT count(*) FROM a." + t);
        long nb = count(s, "SELECT count(*) FROM b." + t);
        long onlyA =
            count(
                s,
                "SELECT count(*) FROM (SELECT "
                    + cols
                    + " FROM a."
                    + t
                    + " EXCEPT ALL SELECT "
                    + cols
                    + " FROM b."
                    + t
                    + ")");
        long onlyB =
            count(
                s,
                "SELECT count(*) FROM (SELECT "
                    + cols
                    + " FROM b."
                    + t
                    + " EXCEPT ALL SELECT "
                    + cols
                    + " FROM a."
                    + t
                    + ")");
        rows.put(t, na);
        if (na != nb || onlyA != 0 || onlyB != 0) {
          problems.add(
              String.format(
                  "%s: %d rows locally, %d on the cluster; %d only local, %d only cluster",
                  t, na, nb, onlyA, onlyB));
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
    return rows;
  }

  static long count(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * Runs {@code bin/kefu ARGS}; fails with the output's tail unless it exits 0. {@code name} names
   * its log in {@code target/cluster-it/logs}.
   */
  static String kefu(String name, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(HOME.resolve("bin/kefu").toString());
    cmd.addAll(List.of(args));
    Path log = Files.createDirectories(DIR.resolve("logs")).resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    // The jars were built by this reactor; a test must not start a nested Maven build.
    pb.environment().put("KEFU_NO_BUILD", "1");
    pb.environment().put("KEFU_BATCH_MEMORY", "2g");
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("bin/kefu " + String.join(" ", args) + " did not finish in 10 minutes; log " + log);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      List<String> lines = out.lines().toList();
      fail(
          "bin/kefu "
              + String.join(" ", args)
              + " exited "
              + p.exitValue()
              + "; log "
              + log
              + ":\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
    return out;
  }

  /** The figure of a summary line such as {@code late 13 (…)}. */
  static String summaryLine(String out, String label) {
    return out.lines()
        .map(String::trim)
        .filter(l -> l.startsWith(label + " "))
        .findFirst()
        .map(l -> l.substring(label.length()).trim().split("\\s+")[0])
        .orElseThrow(() -> new AssertionError("no '" + label + "' line in:\n" + out));
  }

  static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  static String get(String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url);
    return r.body();
  }

  /** A port base whose ports (base+23 … base+93) are all free here. */
  static int freePortBase() {
    for (int base = 27000; base < 60000; base += 100) {
      boolean free = true;
      for (int offset : new int[] {23, 77, 80, 81, 82, 92, 93}) {
        try (ServerSocket s = new ServerSocket(base + offset)) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
          break;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no free port range for the cluster");
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
