package io.kefu.stream.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.assigners.SimpleSplitAssigner;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * A calibration job for the live job's throughput benchmark ({@code streaming-jobs/bench/run.sh}):
 * a "plain Flink window job with JSON parsing", the kind of job the figure of about 0.59 M
 * events/s is quoted for, so that it can be run on the same machine, on the same event files, right
 * next to the benchmark. It is written from that one-line description; the issue does not show the
 * job behind its figure, so this is not necessarily the same job.
 *
 * <p>It measures how many lines per second plain Flink gets through when it reads the gzipped event
 * files with {@link FileSource}, parses every line into a tree with Jackson, parses the {@code ts}
 * with {@link OffsetDateTime}, assigns event time with 30 s of allowed disorder, keys by shop and
 * agent, counts events in one-minute tumbling windows and throws the counts away. There is no
 * checkpointing, no state backend other than the default heap one, and no real sink.
 *
 * <p>Why: the speed of this machine varies by about 20 % over the day, so a figure from the live
 * benchmark alone cannot be compared with a target. Run this job just before or after the benchmark
 * and compare the two through their ratio (live lines/s divided by plain lines/s), which cancels
 * most of the machine's drift.
 *
 * <p>Usage: {@code PlainWindowBench --input DIR [--parallelism N]} (parallelism defaults to 2, as
 * in the benchmark). Only {@code chat-events*.jsonl[.gz]} and {@code order-events*.jsonl[.gz]}
 * files in DIR are read; the benchmark folder also holds {@code manifest.json} and {@code
 * roster.csv}, which are not events.
 */
public final class PlainWindowBench {

  private static final String USAGE = "usage: PlainWindowBench --input DIR [--parallelism N]";

  // Accumulator names; accumulators are summed (or min/max-ed) over all parallel subtasks and
  // handed back in the JobExecutionResult.
  private static final String LINES = "lines";
  private static final String BAD_LINES = "bad-lines";
  private static final String FIRST_LINE_AT = "first-line-at";
  private static final String LAST_LINE_AT = "last-line-at";
  private static final String WINDOWED = "events-in-windows";
  private static final String WINDOWS = "windows";

  private PlainWindowBench() {}

  public static void main(String[] args) throws Exception {
    File input = null;
    int parallelism = 2;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--input" -> input = new File(args[++i]);
          case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (input == null) {
        throw new IllegalArgumentException("--input is required");
      }
      if (parallelism < 1) {
        throw new IllegalArgumentException("--parallelism must be at least 1");
      }
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      // NumberFormatException is an IllegalArgumentException too.
      System.err.println("PlainWindowBench: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
    List<File> files = eventFiles(input);
    if (files.isEmpty()) {
      System.err.println("PlainWindowBench: no chat-events or order-events files in " + input);
      System.exit(2);
    }

    JobExecutionResult result = run(files, parallelism);

    long lines = result.<Long>getAccumulatorResult(LINES);
    long bad = result.<Long>getAccumulatorResult(BAD_LINES);
    long windowed = result.<Long>getAccumulatorResult(WINDOWED);
    long windows = result.<Long>getAccumulatorResult(WINDOWS);
    // The headline time is JobExecutionResult.getNetRuntime(): from the moment the local
    // mini-cluster took the job (status INITIALIZING) until it finished, so it includes scheduling
    // and deploying the tasks and the firing of the last windows, but not the start-up of the
    // mini-cluster itself.
    long netMillis = result.getNetRuntime();
    System.out.println(
        String.format(
            Locale.ROOT,
            "plain window job: %,d lines in %.1f s = %,d lines/s (parallelism %d)",
            lines,
            netMillis / 1000.0,
            perSecond(lines, netMillis),
            parallelism));
    // run.sh reports the live job's lines/s from the first to the last line parsed, leaving out
    // start-up and the end of the job; this is the same kind of span here, for a like-for-like
    // ratio.
    Long firstAt = result.getAccumulatorResult(FIRST_LINE_AT);
    Long lastAt = result.getAccumulatorResult(LAST_LINE_AT);
    if (firstAt != null && lastAt != null && lastAt > firstAt) {
      long readMillis = lastAt - firstAt;
      System.out.println(
          String.format(
              Locale.ROOT,
              "  first to last line parsed: %.1f s = %,d lines/s",
              readMillis / 1000.0,
              perSecond(lines, readMillis)));
    }
    // A check that the windows really did the work: an event the windows drop as late costs less
    // than one they count, so a large number here would flatter the figures above.
    long late = lines - bad - windowed;
    System.out.println(
        String.format(
            Locale.ROOT,
            "  %,d bad lines skipped, %,d events counted in %,d windows, %,d dropped as late",
            bad,
            windowed,
            windows,
            late));
  }

  /** Builds the job and runs it to the end in the local mini-cluster. */
  static JobExecutionResult run(List<File> files, int parallelism) throws Exception {
    Configuration conf = new Configuration();
    // Streaming mode, like the live job. It is the default; it is set here so that it is plain to
    // see.
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    // Fail instead of silently falling back to Kryo, which would make the job slower than plain.
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    // No checkpointing: it is never enabled.

    // Every file is one split (gzip cannot be split). The files are listed oldest first and
    // SimpleSplitAssigner hands them out in that order (it takes them from the end of its list,
    // hence the reversal), so no reader ever goes back to an earlier day. Flink's default assigner
    // keeps the files in a hash set and hands them out in no particular order, so a reader could
    // read a later day before an earlier one and the windows would drop the earlier day as late.
    List<Path> paths = new ArrayList<>();
    for (File f : files) {
      paths.add(Path.fromLocalFile(f.getAbsoluteFile()));
    }
    Collections.reverse(paths);
    FileSource<String> source =
        FileSource.forRecordStreamFormat(new TextLineInputFormat(), paths.toArray(new Path[0]))
            .setSplitAssigner(SimpleSplitAssigner::new)
            .build();

    env.fromSource(source, WatermarkStrategy.noWatermarks(), "event files")
        .flatMap(new ParseLine())
        .name("parse JSON")
        .assignTimestampsAndWatermarks(
            WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(30))
                .withTimestampAssigner((event, previous) -> event.ts()))
        .keyBy(event -> event.shopId() + "|" + event.key())
        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
        .aggregate(new CountEvents())
        .name("count per minute")
        .map(new TallyWindows())
        .name("tally windows")
        .sinkTo(new DiscardingSink<>())
        .name("discard");

    return env.execute("plain window job");
  }

  /**
   * The event files in {@code dir}, oldest first: ordered by the part of the name after {@code
   * -events} (the date in the generator's names), chat before order on the same day.
   */
  static List<File> eventFiles(File dir) {
    File[] all = dir.listFiles();
    List<File> files = new ArrayList<>();
    if (all == null) {
      return files;
    }
    for (File f : all) {
      String name = f.getName();
      if (f.isFile()
          && (name.startsWith("chat-events") || name.startsWith("order-events"))
          && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"))) {
        files.add(f);
      }
    }
    files.sort(
        Comparator.comparing((File f) -> f.getName().substring(f.getName().indexOf("-events")))
            .thenComparing(File::getName));
    return files;
  }

  private static long perSecond(long count, long millis) {
    return millis <= 0 ? 0 : Math.round(count * 1000.0 / millis);
  }

  /**
   * What the job keeps of an event: its shop, the agent it concerns ({@code "-"} when it has none)
   * and its time in epoch milliseconds.
   */
  public record Event(String shopId, String key, long ts) {}

  /**
   * Parses one line with Jackson's tree model; lines that are not a JSON object with a text {@code
   * shop_id} and an ISO-8601 {@code ts} with offset are counted and skipped.
   */
  static final class ParseLine extends RichFlatMapFunction<String, Event> {
    private transient ObjectMapper json;
    private transient LongCounter lines;
    private transient LongCounter badLines;
    private transient LongMinimum firstLineAt;
    private transient LongMaximum lastLineAt;
    private transient boolean started;

    @Override
    public void open(OpenContext context) {
      json = new ObjectMapper();
      lines = getRuntimeContext().getLongCounter(LINES);
      badLines = getRuntimeContext().getLongCounter(BAD_LINES);
      // Wall-clock times of this subtask's first and last line; over all subtasks the earliest
      // first and the latest last are kept. A subtask that reads nothing leaves them at their
      // neutral values (Long.MAX_VALUE and Long.MIN_VALUE).
      firstLineAt = new LongMinimum();
      lastLineAt = new LongMaximum();
      getRuntimeContext().addAccumulator(FIRST_LINE_AT, firstLineAt);
      getRuntimeContext().addAccumulator(LAST_LINE_AT, lastLineAt);
    }

    @Override
    public void flatMap(String line, Collector<Event> out) {
      if (!started) {
        started = true;
        firstLineAt.add(System.currentTimeMillis());
      }
      lines.add(1L);
      try {
        JsonNode node = json.readTree(line);
        JsonNode shop = node.get("shop_id");
        JsonNode ts = node.get("ts");
        if (shop == null || !shop.isTextual() || ts == null || !ts.isTextual()) {
          badLines.add(1L);
          return;
        }
        JsonNode agent = node.get("agent_id");
        String key = agent != null && agent.isTextual() ? agent.textValue() : "-";
        long millis = OffsetDateTime.parse(ts.textValue()).toInstant().toEpochMilli();
        out.collect(new Event(shop.textValue(), key, millis));
      } catch (JsonProcessingException | DateTimeParseException e) {
        badLines.add(1L);
      }
    }

    @Override
    public void close() {
      // Called once this subtask has read its last line (the source and this parser run in the
      // same task and finish together), so this is the time of the last line parsed, give or take
      // a few milliseconds, without reading the clock for every line.
      if (started) {
        lastLineAt.add(System.currentTimeMillis());
      }
    }
  }

  /** Counts the events of one key in one window. */
  static final class CountEvents implements AggregateFunction<Event, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Event event, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /**
   * Adds up the window counts, so the summary can show how many events the windows counted; it sees
   * one record per key and minute, not per event, so it costs next to nothing.
   */
  static final class TallyWindows extends RichMapFunction<Long, Long> {
    private transient LongCounter windowed;
    private transient LongCounter windows;

    @Override
    public void open(OpenContext context) {
      windowed = getRuntimeContext().getLongCounter(WINDOWED);
      windows = getRuntimeContext().getLongCounter(WINDOWS);
    }

    @Override
    public Long map(Long count) {
      windowed.add(count);
      windows.add(1L);
      return count;
    }
  }
}
