package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, parsed once; bad arguments say what is wrong and exit 2. */
class StreamOptionsTest {

  static final String SAMPLE = "../sample-data/sample";

  @Test
  void defaultsReplayAsFastAsPossibleAtParallelismTwo() throws Exception {
    StreamOptions o = StreamOptions.parse("--input", SAMPLE);
    assertEquals(StreamOptions.SourceKind.REPLAY, o.source());
    assertEquals(0, o.speed());
    assertEquals(2, o.parallelism());
    assertEquals(Duration.ofSeconds(30), o.outOfOrderness());
    assertEquals(Duration.ofSeconds(10), o.idleness());
    assertEquals(Duration.ofMinutes(5), o.allowedLateness());
    assertTrue(o.bounded());
  }

  @Test
  void theLiveAlertsUseTheRulebookGivenOrTheBuiltInOne(@TempDir Path dir) throws Exception {
    assertEquals(
        io.kefu.core.qa.Rulebook.defaultChinese().version(),
        StreamOptions.parse("--input", SAMPLE).rulebook().version());
    StreamOptions en =
        StreamOptions.parse("--input", SAMPLE, "--rulebook", "../conf/qa-rulebook.en.ini");
    assertEquals("en-2026.11-1", en.rulebook().version());
    assertTrue(StreamCommand.describe(en).endsWith("quality alerts by rulebook en-2026.11-1"));

    Path broken = dir.resolve("broken.ini");
    Files.writeString(broken, "version = x\n[scoring]\npass_mark = many\n");
    StreamOptions.UsageException e =
        assertThrows(
            StreamOptions.UsageException.class,
            () -> StreamOptions.parse("--input", SAMPLE, "--rulebook", broken.toString()));
    assertTrue(e.getMessage().startsWith("--rulebook " + broken), e.getMessage());
    e =
        assertThrows(
            StreamOptions.UsageException.class,
            () -> StreamOptions.parse("--input", SAMPLE, "--rulebook", "no/such.ini"));
    assertEquals("--rulebook no/such.ini: no such file", e.getMessage());
  }

  @Test
  void theWarmRateIsTheSecondHalfOfTheParsingTime() {
    // 40 s of parsing: 10 blocks a second for the first 20 s (warming up), 30 after.
    Map<Integer, Integer> blocks = new java.util.HashMap<>();
    for (int s = 0; s < 40; s++) {
      blocks.put(1_800_000_000 + s, s < 20 ? 10 : 30);
    }
    assertEquals(
        String.format(
            "  second half %,d lines/s (%,d lines in the last 20 s: the rate once warmed up)%n",
            30 * ParseEvents.CLOCK_EVERY, 600 * ParseEvents.CLOCK_EVERY),
        StreamCommand.warmRate(blocks));
    // a second with no block at all still counts as time
    blocks.remove(1_800_000_030);
    assertTrue(
        StreamCommand.warmRate(blocks)
            .startsWith(String.format("  second half %,d lines/s", 570 * 1024 / 20)));
    blocks.keySet().removeIf(s -> s >= 1_800_000_015);
    assertEquals(null, StreamCommand.warmRate(blocks), "under 20 s: too short to tell");
    assertEquals(null, StreamCommand.warmRate(null));
  }

  @Test
  void everyFlagIsRead() throws Exception {
    StreamOptions o =
        StreamOptions.parse(
            "--source", "kafka",
            "--bootstrap-servers", "127.0.0.1:9092",
            "--out", "/tmp/x",
            "--speed", "60",
            "--parallelism", "4",
            "--out-of-orderness", "1m",
            "--idleness", "PT20S",
            "--allowed-lateness", "0s",
            "--checkpoint-interval", "30s",
            "--config", "../conf/kefu.properties");
    assertEquals(StreamOptions.SourceKind.KAFKA, o.source());
    assertEquals("127.0.0.1:9092", o.bootstrapServers());
    assertEquals(Path.of("/tmp/x"), o.out());
    assertEquals(60, o.speed());
    assertEquals(4, o.parallelism());
    assertEquals(Duration.ofMinutes(1), o.outOfOrderness());
    assertEquals(Duration.ofSeconds(20), o.idleness());
    assertEquals(Duration.ZERO, o.allowedLateness());
    assertEquals(Duration.ofSeconds(30), o.checkpointInterval());
    assertEquals("Asia/Shanghai", o.config().zone().getId());
  }

  @Test
  void kafkaGroupPropertiesAndABoundedRead(@TempDir Path tmp) throws Exception {
    Path props = tmp.resolve("kafka.properties");
    Files.writeString(props, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
    StreamOptions o =
        StreamOptions.parse(
            "--source",
            "kafka",
            "--kafka-group",
            "backfill-1",
            "--kafka-properties",
            props.toString(),
            "--stop-at-latest");
    assertEquals("backfill-1", o.kafkaGroup());
    assertEquals(
        Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"),
        o.kafkaProperties());
    assertTrue(o.bounded());
    assertTrue(!StreamOptions.parse("--source", "kafka").bounded());
    assertEquals(KafkaLines.GROUP_ID, StreamOptions.parse("--source", "kafka").kafkaGroup());
  }

  @Test
  void aPropertiesFileMayNotChangeWhatTheJobSetsItself(@TempDir Path tmp) throws Exception {
    Path props = tmp.resolve("kafka.properties");
    Files.writeString(props, "enable.auto.commit=true\n");
    var e =
        assertThrows(
            StreamOptions.UsageException.class,
            () ->
                StreamOptions.parse(
                    "--source",
                    "kafka",
                    "--kafka-properties",
                    props.toString(),
                    "--input",
                    SAMPLE,
                    "--stop-at-latest",
                    "--source",
                    "replay"));
    assertTrue(
        e.getMessage().contains("enable.auto.commit is set by the job itself"), e.getMessage());
    assertTrue(e.getMessage().contains("--stop-at-latest is for --source kafka"), e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    var e =
        assertThrows(
            StreamOptions.UsageException.class,
            () ->
                StreamOptions.parse(
                    "--input",
                    "/no/such/dir",
                    "--speed",
                    "-1",
                    "--parallelism",
                    "zero",
                    "--idleness",
                    "0s",
                    "--frobnicate",
                    "1",
                    "--out"));
    String m = e.getMessage();
    assertTrue(m.contains("--input /no/such/dir: no such folder"), m);
    assertTrue(m.contains("--speed -1: must be 0"), m);
    assertTrue(m.contains("--parallelism zero: expected a whole number"), m);
    assertTrue(m.contains("--idleness 0s: must be positive"), m);
    assertTrue(m.contains("unknown option '--frobnicate'"), m);
    assertTrue(m.contains("--out needs a value"), m);
  }

  @Test
  void theLiveOptionsAreRead() throws Exception {
    StreamOptions o =
        StreamOptions.parse(
            "--source", "simulate",
            "--warehouse", "/tmp/live.duckdb",
            "--publish-interval", "2s",
            "--rating-window", "2d",
            "--sim-agents", "30",
            "--sim-seed", "7",
            "--checkpoint-dir", "s3://bucket/checkpoints");
    assertEquals(StreamOptions.SourceKind.SIMULATE, o.source());
    assertEquals(1, o.speed(), "a simulation runs in real time unless told otherwise");
    assertEquals(Path.of("/tmp/live.duckdb"), o.warehouse());
    assertEquals(Duration.ofSeconds(2), o.publishInterval());
    assertEquals(Duration.ofDays(2), o.ratingWindow());
    assertEquals(Duration.ofDays(3), o.windowRetention());
    assertEquals(30, o.simAgents());
    assertEquals(7, o.simSeed());
    assertEquals("s3://bucket/checkpoints", o.checkpointDirUri());
    assertTrue(o.bounded(), "a simulation ends with its day");
    assertEquals(
        Path.of("work/stream/checkpoints").toAbsolutePath().toUri().toString(),
        StreamOptions.parse("--input", SAMPLE).checkpointDirUri());
  }

  @Test
  void latencyReportingNeedsAPacedReplay() {
    var e =
        assertThrows(
            StreamOptions.UsageException.class,
            () -> StreamOptions.parse("--input", SAMPLE, "--report-latency"));
    assertTrue(e.getMessage().contains("--report-latency needs a --speed above 0"));
  }

  @Test
  void badArgumentsExitWithTwoAndAClearMessage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        StreamCommand.run(
            new String[] {"--source", "pigeon"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("--source pigeon: expected replay, kafka or simulate"));
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        StreamCommand.run(
            new String[] {"--help"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream()));
    assertEquals(0, code);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--allowed-lateness D"));
  }
}
