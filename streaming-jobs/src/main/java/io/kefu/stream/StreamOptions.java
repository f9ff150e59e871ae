package io.kefu.stream;

import io.kefu.core.config.ConfigException;
import io.kefu.core.config.KefuConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of the live job, parsed once from the command line into typed values. Every default
 * runs on one machine against the bundled sample.
 *
 * <dl>
 *   <dt>{@code --source replay|kafka} [replay]
 *   <dd>{@code replay} reads the event files under {@code --input}; {@code kafka} reads the topics
 *       {@code cs.chat-events} and {@code cs.order-events} from {@code --bootstrap-servers}.
 *   <dt>{@code --input DIR} [sample-data/sample]
 *   <dd>For replay: the folder holding {@code chat-events*.jsonl[.gz]} and {@code
 *       order-events*.jsonl[.gz]} (searched recursively), each stream replayed in file-name order.
 *   <dt>{@code --speed X} [0]
 *   <dd>For replay: how many times faster than real time event time passes; 60 replays one hour of
 *       events per minute, 0 replays as fast as the job can read. Bounded: the job ends with the
 *       files.
 *   <dt>{@code --bootstrap-servers HOST:PORT[,HOST:PORT…]} [localhost:9092]
 *   <dd>For kafka: the brokers. Unbounded: the job runs until cancelled.
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
 *   <dt>{@code --config FILE} [built-in defaults]
 *   <dd>The product's configuration ({@code conf/kefu.properties}); its {@code shop.timezone}
 *       renders minutes in the shop's local time.
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
    KefuConfig config) {

  /** Where the raw lines come from. */
  public enum SourceKind {
    REPLAY,
    KAFKA
  }

  public static final String USAGE =
      """
      Usage: kefu stream [--source replay|kafka] [options]

      The live job: reads chat and order events, validates every line against the event contract,
      stamps event time, and writes dead letters, late events and per-minute accepted counts.

        --source replay|kafka       where events come from                      [replay]
        --input DIR                 replay: folder of chat-events*/order-events*.jsonl[.gz]
                                                                                [sample-data/sample]
        --speed X                   replay: event time runs X times real time;
                                    60 = one hour per minute, 0 = as fast as possible   [0]
        --bootstrap-servers LIST    kafka: brokers, host:port[,host:port]       [localhost:9092]
                                    topics cs.chat-events and cs.order-events
        --out DIR                   output folder                               [work/stream]
        --parallelism N             parallel instances of each operator         [2]
        --out-of-orderness D        how far event time may go backwards         [30s]
        --idleness D                a silent split stops holding back time      [10s]
        --allowed-lateness D        behind the watermark by this much = late    [5m]
        --checkpoint-interval D     checkpoints and output file commits         [10s]
        --config FILE               conf/kefu.properties (shop time zone)       [defaults]
        --help                      this text

      Durations: 90s, 30m, 24h, 3d or ISO-8601 (PT30S).
      Output in DIR: dead-letter-*.jsonl, late-events-*.jsonl, accepted-counts-*.jsonl.
      Exit code 0 when a replay finished, 1 when the job failed, 2 for bad arguments.
      """;

  public StreamOptions {
    Objects.requireNonNull(source);
    Objects.requireNonNull(out);
    Objects.requireNonNull(config);
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
        KefuConfig.defaults());
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
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        problems.add(flag + " needs a value");
        continue;
      }
      String value = args[++i];
      try {
        switch (flag) {
          case "--source" -> source = sourceKind(value);
          case "--input" -> input = Path.of(value);
          case "--speed" -> speed = speed(value);
          case "--bootstrap-servers" -> servers = value;
          case "--out" -> out = Path.of(value);
          case "--parallelism" -> parallelism = parallelism(value);
          case "--out-of-orderness" -> outOfOrderness = duration(value, true);
          case "--idleness" -> idleness = duration(value, false);
          case "--allowed-lateness" -> lateness = duration(value, true);
          case "--checkpoint-interval" -> checkpoints = duration(value, false);
          case "--config" -> config = config(value);
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
        config);
  }

  /** Whether the job ends by itself: a replay reads its files and stops, Kafka never ends. */
  public boolean bounded() {
    return source == SourceKind.REPLAY;
  }

  private static SourceKind sourceKind(String v) {
    return switch (v) {
      case "replay" -> SourceKind.REPLAY;
      case "kafka" -> SourceKind.KAFKA;
      default -> throw new IllegalArgumentException("expected replay or kafka");
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

  private static KefuConfig config(String v) {
    Path file = Path.of(v);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file");
    }
    return KefuConfig.load(file);
  }
}
