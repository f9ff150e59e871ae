package io.kefu.stream;

import io.kefu.core.config.ConfigException;
import io.kefu.core.config.KefuConfig;
import io.kefu.core.qa.Rulebook;
import io.kefu.core.qa.RulebookException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The options of the live job, parsed once from the command line into typed values. Every default
 * runs on one machine against the bundled sample.
 *
 * <dl>
 *   <dt>{@code --source replay|kafka|simulate} [replay]
 *   <dd>{@code replay} reads the event files under {@code --input}; {@code kafka} reads the topics
 *       {@code cs.chat-events} and {@code cs.order-events} from {@code --bootstrap-servers}; {@code
 *       simulate} generates today's events of a sample shop ({@code kefu generate}) and plays them
 *       in real time: what happened before now at once, the rest as the clock reaches it.
 *   <dt>{@code --input DIR} [sample-data/sample]
 *   <dd>For replay: the folder holding {@code chat-events*.jsonl[.gz]} and {@code
 *       order-events*.jsonl[.gz]} (searched recursively), each stream replayed in file-name order.
 *   <dt>{@code --speed X} [0; 1 for simulate]
 *   <dd>For replay and simulate: how many times faster than real time event time passes; 60 replays
 *       one hour of events per minute, 0 replays as fast as the job can read. Bounded: the job ends
 *       with the files.
 *   <dt>{@code --bootstrap-servers HOST:PORT[,HOST:PORT…]} [localhost:9092]
 *   <dd>For kafka: the brokers. Unbounded: the job runs until cancelled.
 *   <dt>{@code --kafka-group ID} [kefu-live-events]
 *   <dd>For kafka: the consumer group, whose committed offsets a job without a checkpoint resumes
 *       from; a new group starts at the earliest record.
 *   <dt>{@code --kafka-properties FILE}
 *   <dd>For kafka: client properties (a Java properties file): security ({@code security.protocol},
 *       {@code sasl.*}, {@code ssl.*}) and tuning.
 *   <dt>{@code --stop-at-latest}
 *   <dd>For kafka: the job ends at the offsets that were the latest when it started (a backfill).
 *   <dt>{@code --out DIR} [work/stream]
 *   <dd>Where {@code dead-letter-*.jsonl}, {@code late-events-*.jsonl} and {@code
 *       accepted-counts-*.jsonl} are written. Files are committed at checkpoints (and at the end of
 *       a replay); until then they are hidden {@code .in-progress} files.
 *   <dt>{@code --parallelism N} [2]
 *   <dd>Parallel instances of every operator.
 *   <dt>{@code --out-of-orderness D} [30s]
 *   <dd>How far event time may go backwards within one stream before the watermark has passed an
 *       event. Durations: 90s, 30m, 24h, 3d, or ISO-8601 (PT30S).
 *   <dt>{@code --idleness D} [10s]
 *   <dd>A source split (file stream, Kafka partition) that sends nothing for this long stops
 *       holding the watermark back.
 *   <dt>{@code --allowed-lateness D} [5m]
 *   <dd>An event whose time is this much or more behind the watermark is late: it goes to the
 *       late-events output, not into the live figures.
 *   <dt>{@code --checkpoint-interval D} [10s]
 *   <dd>How often state is checkpointed and output files are committed.
 *   <dt>{@code --checkpoint-dir DIR|URI} [OUT/checkpoints]
 *   <dd>Where checkpoints are written (durable storage on a cluster: {@code s3://…}, {@code
 *       hdfs://…}).
 *   <dt>{@code --warehouse FILE} [work/demo/live.duckdb]
 *   <dd>The live tables' DuckDB file, published (replaced atomically) every {@code
 *       --publish-interval}; the job's one writer works in {@code FILE.writer} beside it.
 *   <dt>{@code --publish-interval D} [1s]
 *   <dd>How often the live tables are published; less often while the last write is still running
 *       (a backlog or a full-speed replay: one write at a time).
 *   <dt>{@code --rating-window D} [3d]
 *   <dd>How long after a session closed its rating may still arrive and be counted (buyers rate up
 *       to two days later); a session's last state is kept that long.
 *   <dt>{@code --sim-agents N} [12], {@code --sim-seed S} [today's date]
 *   <dd>For simulate: the generated shop's agents and random seed.
 *   <dt>{@code --report-latency}
 *   <dd>For benchmarks: anchor the replay to the wall clock and print the event-to-table latency of
 *       the live tables at the end (needs {@code --speed} above 0).
 *   <dt>{@code --config FILE} [built-in defaults]
 *   <dd>The product's configuration ({@code conf/kefu.properties}): the shop time zone, the wait
 *       limits of the live wall, the session idle timeout and the turn rules.
 *   <dt>{@code --rulebook FILE} [built-in Chinese]
 *   <dd>The quality rulebook ({@code conf/qa-rulebook.zh.ini} style) whose critical rules raise
 *       live alerts: the same file as the batch job's, so a message flagged live is the one the
 *       batch scores.
 *   <dt>{@code --help}
 *   <dd>Prints the usage and exits 0.
 * </dl>
 */
public record StreamOptions(
    SourceKind source,
    Path input,
    double speed,
    String bootstrapServers,
    Path out,
    int parallelism,
    Duration outOfOrderness,
    Duration idleness,
    Duration allowedLateness,
    Duration checkpointInterval,
    KefuConfig config,
    Path warehouse,
    Duration publishInterval,
    Duration ratingWindow,
    int simAgents,
    long simSeed,
    boolean reportLatency,
    String checkpointDir,
    String kafkaGroup,
    boolean kafkaStopAtLatest,
    Map<String, String> kafkaProperties,
    Rulebook rulebook) {

  /** Where the raw lines come from. */
  public enum SourceKind {
    REPLAY,
    KAFKA,
    SIMULATE
  }

  public static final String USAGE =
      """
      Usage: kefu stream [--source replay|kafka|simulate] [options]

      The live job: reads chat and order events, validates every line against the event contract,
      stamps event time, tracks every session (turns, responses, waiting buyers, alerts) and keeps
      the live tables (live_agent_minute, live_shop_minute, live_waiting, live_alert) in a DuckDB
      file; also writes dead letters, late events and per-minute accepted counts.

        --source replay|kafka|simulate   where events come from                 [replay]
                                    simulate: today's events of a generated shop, in real time
        --input DIR                 replay: folder of chat-events*/order-events*.jsonl[.gz]
                                                                                [sample-data/sample]
        --speed X                   replay, simulate: event time runs X times real time;
                                    60 = one hour per minute, 0 = as fast as possible
                                                                        [0; simulate: 1]
        --bootstrap-servers LIST    kafka: brokers, host:port[,host:port]       [localhost:9092]
                                    topics cs.chat-events and cs.order-events
        --kafka-group ID            kafka: consumer group; a new group starts at the earliest
                                    record, a known one at its committed offsets
                                                                        [kefu-live-events]
        --kafka-properties FILE     kafka: client properties (security.protocol, sasl.*, ssl.*)
        --stop-at-latest            kafka: end at the offsets that were the latest at the start
                                    (backfills, tests); without it the job runs until cancelled
        --out DIR                   output folder                               [work/stream]
        --warehouse FILE            the live tables (DuckDB), published every interval
                                                                        [work/demo/live.duckdb]
        --publish-interval D        how often the live tables are published     [1s]
                                    (less often while the last write still runs)
        --rating-window D           how long after a session a rating counts    [3d]
        --sim-agents N              simulate: agents of the generated shop      [12]
        --sim-seed S                simulate: random seed                       [today, yyyymmdd]
        --report-latency            benchmark: print event-to-table latency (speed > 0)
        --parallelism N             parallel instances of each operator         [2]
        --out-of-orderness D        how far event time may go backwards         [30s]
        --idleness D                a silent split stops holding back time      [10s]
        --allowed-lateness D        behind the watermark by this much = late    [5m]
        --checkpoint-interval D     checkpoints and output file commits         [10s]
        --checkpoint-dir DIR|URI    where checkpoints go                        [OUT/checkpoints]
        --config FILE               conf/kefu.properties (time zone, wait limits,
                                    session idle timeout, turn rules)           [defaults]
        --rulebook FILE             the quality rulebook of the live quality alerts; give
                                    the batch job's, so live and batch flag alike
                                                                        [built-in Chinese]
        --jobmanager HOST:PORT      (bin/kefu) submit to a Flink cluster's REST address
                                    instead of running in the local mini-cluster
        --help                      this text

      Durations: 90s, 30m, 24h, 3d or ISO-8601 (PT30S).
      Output in DIR: dead-letter-*.jsonl, late-events-*.jsonl, accepted-counts-*.jsonl;
      the live tables in FILE (read it with: duckdb -readonly FILE).
      Exit code 0 when a replay finished, 1 when the job failed, 2 for bad arguments.
      """;

  public StreamOptions {
    Objects.requireNonNull(source);
    Objects.requireNonNull(out);
    Objects.requireNonNull(config);
    Objects.requireNonNull(kafkaGroup);
    Objects.requireNonNull(rulebook);
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  /** The defaults: replay the bundled sample as fast as possible at parallelism 2. */
  public static StreamOptions defaults() {
    return new StreamOptions(
        SourceKind.REPLAY,
        Path.of("sample-data/sample"),
        0,
        "localhost:9092",
        Path.of("work/stream"),
        2,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        KefuConfig.defaults(),
        Path.of("work/demo/live.duckdb"),
        Duration.ofSeconds(1),
        Duration.ofDays(3),
        12,
        0,
        false,
        null,
        KafkaLines.GROUP_ID,
        false,
        Map.of(),
        Rulebook.defaultChinese());
  }

  /** Bad command-line arguments; the message says which and why. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  /** Thrown for {@code --help}: not an error, the caller prints {@link #USAGE}. */
  public static final class HelpRequested extends Exception {
    public HelpRequested() {
      super("help");
    }
  }

  /**
   * Parses the command line. Every problem is reported at once, so a person fixes them in one go.
   */
  public static StreamOptions parse(String... args) throws UsageException, HelpRequested {
    StreamOptions d = defaults();
    SourceKind source = d.source;
    Path input = d.input;
    double speed = d.speed;
    String servers = d.bootstrapServers;
    Path out = d.out;
    int parallelism = d.parallelism;
    Duration outOfOrderness = d.outOfOrderness;
    Duration idleness = d.idleness;
    Duration lateness = d.allowedLateness;
    Duration checkpoints = d.checkpointInterval;
    KefuConfig config = d.config;
    Path warehouse = d.warehouse;
    Duration publishInterval = d.publishInterval;
    Duration ratingWindow = d.ratingWindow;
    int simAgents = d.simAgents;
    long simSeed = d.simSeed;
    boolean reportLatency = false;
    String checkpointDir = null;
    String kafkaGroup = d.kafkaGroup;
    boolean stopAtLatest = false;
    Map<String, String> kafkaProperties = d.kafkaProperties;
    Rulebook rulebook = d.rulebook;
    boolean speedGiven = false;
    List<String> problems = new ArrayList<>();

    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new HelpRequested();
      }
      if (!flag.startsWith("--")) {
        problems.add("unexpected argument '" + flag + "'");
        continue;
      }
      if (flag.equals("--report-latency")) {
        reportLatency = true;
        continue;
      }
      if (flag.equals("--stop-at-latest")) {
        stopAtLatest = true;
        continue;
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        problems.add(flag + " needs a value");
        continue;
      }
      String value = args[++i];
      try {
        switch (flag) {
          case "--source" -> source = sourceKind(value);
          case "--input" -> input = Path.of(value);
          case "--speed" -> {
            speed = speed(value);
            speedGiven = true;
          }
          case "--bootstrap-servers" -> servers = value;
          case "--out" -> out = Path.of(value);
          case "--parallelism" -> parallelism = parallelism(value);
          case "--out-of-orderness" -> outOfOrderness = duration(value, true);
          case "--idleness" -> idleness = duration(value, false);
          case "--allowed-lateness" -> lateness = duration(value, true);
          case "--checkpoint-interval" -> checkpoints = duration(value, false);
          case "--config" -> config = config(value);
          case "--warehouse" -> warehouse = Path.of(value);
          case "--publish-interval" -> publishInterval = duration(value, false);
          case "--rating-window" -> ratingWindow = duration(value, false);
          case "--sim-agents" -> simAgents = parallelism(value);
          case "--sim-seed" -> simSeed = Long.parseLong(value);
          case "--checkpoint-dir" -> checkpointDir = value;
          case "--kafka-group" -> kafkaGroup = nonBlank(value);
          case "--kafka-properties" -> kafkaProperties = kafkaProperties(value);
          case "--rulebook" -> rulebook = rulebook(value);
          default -> problems.add("unknown option '" + flag + "'");
        }
      } catch (IllegalArgumentException | ConfigException e) {
        problems.add(flag + " " + value + ": " + e.getMessage());
      }
    }
    if (source == SourceKind.REPLAY && !Files.isDirectory(input)) {
      problems.add("--input " + input + ": no such folder");
    }
    if (source == SourceKind.KAFKA && servers.isBlank()) {
      problems.add("--bootstrap-servers must name at least one broker");
    }
    if (stopAtLatest && source != SourceKind.KAFKA) {
      problems.add("--stop-at-latest is for --source kafka");
    }
    if (source == SourceKind.SIMULATE && !speedGiven) {
      speed = 1;
    }
    if (reportLatency && speed == 0) {
      problems.add("--report-latency needs a --speed above 0 (a paced replay)");
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("\n", problems));
    }
    return new StreamOptions(
        source,
        input,
        speed,
        servers,
        out,
        parallelism,
        outOfOrderness,
        idleness,
        lateness,
        checkpoints,
        config,
        warehouse,
        publishInterval,
        ratingWindow,
        simAgents,
        simSeed,
        reportLatency,
        checkpointDir,
        kafkaGroup,
        stopAtLatest,
        kafkaProperties,
        rulebook);
  }

  /**
   * Where checkpoints go, as a URI: {@code --checkpoint-dir} (a path or a URI such as {@code
   * s3://bucket/kefu/checkpoints}), by default {@code OUT/checkpoints}.
   */
  public String checkpointDirUri() {
    if (checkpointDir != null && checkpointDir.contains("://")) {
      return checkpointDir;
    }
    Path dir = checkpointDir != null ? Path.of(checkpointDir) : out.resolve("checkpoints");
    return dir.toAbsolutePath().toUri().toString();
  }

  /**
   * Whether the job ends by itself: a replay reads its files and stops (a simulation at the end of
   * its day), Kafka never ends unless told to stop at the offsets of its start.
   */
  public boolean bounded() {
    return source != SourceKind.KAFKA || kafkaStopAtLatest;
  }

  /**
   * How long a live agent-minute is kept open for changes: a rating may come {@link #ratingWindow}
   * after its session closed, and a session may last a day.
   */
  public Duration windowRetention() {
    return ratingWindow.plus(Duration.ofDays(1));
  }

  private static SourceKind sourceKind(String v) {
    return switch (v) {
      case "replay" -> SourceKind.REPLAY;
      case "kafka" -> SourceKind.KAFKA;
      case "simulate" -> SourceKind.SIMULATE;
      default -> throw new IllegalArgumentException("expected replay, kafka or simulate");
    };
  }

  private static double speed(String v) {
    double s;
    try {
      s = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, e.g. 60 or 0");
    }
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("must be 0 (as fast as possible) or positive");
    }
    return s;
  }

  private static int parallelism(String v) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number");
    }
    if (n < 1) {
      throw new IllegalArgumentException("must be at least 1");
    }
    return n;
  }

  private static Duration duration(String v, boolean zeroAllowed) {
    Duration d;
    try {
      d = KefuConfig.parseDuration(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("expected a duration such as 30s, 5m or PT30S");
    }
    if (d.isNegative() || (!zeroAllowed && d.isZero())) {
      throw new IllegalArgumentException(zeroAllowed ? "must not be negative" : "must be positive");
    }
    return d;
  }

  private static String nonBlank(String v) {
    if (v.isBlank()) {
      throw new IllegalArgumentException("must not be blank");
    }
    return v;
  }

  /**
   * Kafka client properties from a Java properties file: security (security.protocol, sasl.*,
   * ssl.*) and tuning. The ones the job sets itself are refused, so a file cannot quietly change
   * what is read or how offsets are committed.
   */
  static Map<String, String> kafkaProperties(String v) {
    Path file = Path.of(v);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot be read: " + e.getMessage());
    }
    Map<String, String> out = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (KafkaLines.RESERVED_PROPERTIES.contains(key)) {
        throw new IllegalArgumentException(
            key + " is set by the job itself (use --bootstrap-servers or --kafka-group)");
      }
      out.put(key, p.getProperty(key));
    }
    return out;
  }

  private static Rulebook rulebook(String v) {
    Path file = Path.of(v);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file");
    }
    try {
      return Rulebook.load(file);
    } catch (RulebookException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static KefuConfig config(String v) {
    Path file = Path.of(v);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file");
    }
    return KefuConfig.load(file);
  }
}
