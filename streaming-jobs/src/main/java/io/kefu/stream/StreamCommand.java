package io.kefu.stream;

import io.kefu.core.qa.LiveQa;
import io.kefu.sample.GenerateCommand;
import io.kefu.stream.live.CoreQualityCheck;
import io.kefu.stream.replay.ReplaySource;
import io.kefu.stream.warehouse.LiveWarehouseSink;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Source;

/**
 * {@code kefu stream}: runs {@link LiveEventsJob} with its production source and sinks — a replay
 * of event files, a live simulation or the Kafka topics in; the live tables in a DuckDB file and
 * JSON Lines files out — in Flink's local mini-cluster, or on a cluster when submitted with {@code
 * flink run}. A replay ends with a summary that accounts for every line read. Options: {@link
 * StreamOptions}.
 */
public final class StreamCommand {

  private StreamCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    StreamOptions options;
    try {
      options = StreamOptions.parse(args);
    } catch (StreamOptions.HelpRequested h) {
      out.print(StreamOptions.USAGE);
      return 0;
    } catch (StreamOptions.UsageException e) {
      err.println("kefu stream: " + e.getMessage().replace("\n", "\nkefu stream: "));
      err.println("(kefu stream --help lists the options)");
      return 2;
    }
    try {
      Files.createDirectories(options.out());
      LiveEventsJob job = productionJob(options);
      out.println(describe(options));
      JobExecutionResult result = job.execute();
      if (options.bounded()) {
        out.print(summary(result));
        out.println("output in " + options.out().toAbsolutePath());
      }
      return 0;
    } catch (Exception e) {
      err.println("kefu stream: the job failed: " + rootMessage(e));
      return 1;
    }
  }

  /** The job wired to its production source and the JSON Lines files in {@code --out}. */
  static LiveEventsJob productionJob(StreamOptions options) throws Exception {
    var zone = options.config().zone();
    LiveWarehouseSink.LatencyClock latency = null;
    Source<RawLine, ?, ?> source;
    switch (options.source()) {
      case KAFKA -> source = KafkaLines.source(options);
      case SIMULATE -> {
        long now = System.currentTimeMillis();
        source = ReplaySource.of(simulatedShop(options), options.speed()).anchored(now, now);
      }
      default -> {
        ReplaySource replay = ReplaySource.of(options.input(), options.speed());
        if (options.reportLatency()) {
          // The clock starts a few seconds ahead, after the mini-cluster has started.
          long wall = System.currentTimeMillis() + 3_000;
          latency = new LiveWarehouseSink.LatencyClock(replay.eventOrigin(), wall, options.speed());
          replay = replay.anchored(replay.eventOrigin(), wall);
        }
        source = replay;
      }
    }
    Files.createDirectories(options.warehouse().toAbsolutePath().getParent());
    return new LiveEventsJob(
        source,
        OutputFiles.deadLetters(options.out()),
        OutputFiles.lateEvents(options.out(), zone),
        OutputFiles.acceptedCounts(options.out(), zone),
        new LiveWarehouseSink(
            options.warehouse(), options.publishInterval(), options.bounded(), latency),
        new CoreQualityCheck(new LiveQa(options.rulebook())),
        options);
  }

  /**
   * Generates today's events of a sample shop (the sample-data generator, {@code kefu generate})
   * into {@code OUT/simulated-shop}; the replay then plays them as the clock reaches them.
   */
  static Path simulatedShop(StreamOptions options) throws Exception {
    LocalDate today = LocalDate.now(options.config().zone());
    long seed =
        options.simSeed() != 0
            ? options.simSeed()
            : Long.parseLong(today.format(DateTimeFormatter.BASIC_ISO_DATE));
    Path dir = options.out().resolve("simulated-shop");
    String[] args = {
      "--out", dir.toString(),
      "--agents", Integer.toString(options.simAgents()),
      "--days", "1",
      "--start", today.toString(),
      "--seed", Long.toString(seed),
      "--rate", "30",
      "--timezone", options.config().zone().getId(),
      "--quiet"
    };
    if (GenerateCommand.run(args, System.out, System.err) != 0) {
      throw new IllegalStateException("the shop simulation could not be generated");
    }
    return dir;
  }

  static String describe(StreamOptions o) {
    String from =
        switch (o.source()) {
          case KAFKA ->
              "Kafka "
                  + o.bootstrapServers()
                  + " (group "
                  + o.kafkaGroup()
                  + (o.kafkaStopAtLatest() ? ", up to the latest offsets at the start)" : ")");
          case SIMULATE -> "a simulated shop (" + o.simAgents() + " agents) live at x" + o.speed();
          default ->
              "replay of "
                  + o.input()
                  + (o.speed() == 0 ? " as fast as possible" : " at x" + o.speed());
        };
    return String.format(
        "kefu stream: %s, parallelism %d, out-of-orderness %s, idleness %s, allowed lateness %s;"
            + " live tables in %s every %s; quality alerts by rulebook %s",
        from,
        o.parallelism(),
        o.outOfOrderness(),
        o.idleness(),
        o.allowedLateness(),
        o.warehouse(),
        o.publishInterval(),
        o.rulebook().version());
  }

  /** Every line read, accounted for: accepted (on time or late) or dead-lettered by reason. */
  static String summary(JobExecutionResult result) {
    Map<String, Object> acc = result.getAllAccumulatorResults();
    long read = count(acc, ParseEvents.LINES_READ);
    long accepted = count(acc, ParseEvents.ACCEPTED);
    long late = count(acc, RouteLateEvents.LATE);
    Map<String, Long> dead = deadLettersByReason(acc);
    long deadTotal = dead.values().stream().mapToLong(Long::longValue).sum();
    long millis = Math.max(1, result.getNetRuntime());
    StringBuilder s = new StringBuilder();
    s.append(String.format("read          %,12d lines%n", read));
    s.append(String.format("accepted      %,12d events%n", accepted));
    s.append(String.format("  on time     %,12d%n", accepted - late));
    s.append(
        String.format(
            "  late        %,12d (behind the watermark by the allowed lateness)%n", late));
    s.append(String.format("dead letters  %,12d%n", deadTotal));
    dead.forEach((reason, n) -> s.append(String.format("  %-28s %,8d%n", reason, n)));
    s.append(
        read == accepted + deadTotal
            ? "every line accounted for (read = accepted + dead letters)\n"
            : "LINES UNACCOUNTED FOR\n");
    s.append(
        String.format(
            "job ran %.1f s (start-up and final checkpoint included)%n", millis / 1000.0));
    long parsing = count(acc, ParseEvents.LAST_LINE_AT) - count(acc, ParseEvents.FIRST_LINE_AT);
    if (parsing > 0) {
      s.append(
          String.format(
              "throughput %,d lines/s (%,d lines in %.1f s from first to last line)%n",
              read * 1000 / parsing, read, parsing / 1000.0));
      String warm = warmRate(acc.get(ParseEvents.BLOCKS_BY_SECOND));
      if (warm != null) {
        s.append(warm);
      }
    }
    return s.toString();
  }

  /**
   * The rate over the second half of the parsing time, when the JIT has compiled most of the hot
   * code: nearer what a long-running job sustains than the whole run's rate, which includes the
   * warm-up. Null when the run was too short to tell (under 20 s).
   *
   * @param blocks {@link ParseEvents#BLOCKS_BY_SECOND}: epoch second → blocks of lines parsed
   */
  static String warmRate(Object blocks) {
    if (!(blocks instanceof Map<?, ?> bySecond) || bySecond.isEmpty()) {
      return null;
    }
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    bySecond.forEach((k, v) -> counts.put(((Number) k).intValue(), ((Number) v).intValue()));
    int first = counts.firstKey();
    int last = counts.lastKey();
    if (last - first < 20) {
      return null;
    }
    int from = first + (last - first + 1) / 2;
    long lines = 0;
    for (int n : counts.tailMap(from).values()) {
      lines += (long) n * ParseEvents.CLOCK_EVERY;
    }
    int seconds = last - from + 1;
    return String.format(
        "  second half %,d lines/s (%,d lines in the last %d s: the rate once warmed up)%n",
        lines / seconds, lines, seconds);
  }

  /** Dead-letter counts by reason, from the accumulators {@link ParseEvents} keeps. */
  static Map<String, Long> deadLettersByReason(Map<String, Object> accumulators) {
    Map<String, Long> byReason = new TreeMap<>();
    accumulators.forEach(
        (name, value) -> {
          if (name.startsWith(ParseEvents.DEAD_LETTER_PREFIX)) {
            byReason.put(
                name.substring(ParseEvents.DEAD_LETTER_PREFIX.length()),
                ((Number) value).longValue());
          }
        });
    return byReason;
  }

  private static long count(Map<String, Object> accumulators, String name) {
    Object v = accumulators.get(name);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t + ")";
  }
}
