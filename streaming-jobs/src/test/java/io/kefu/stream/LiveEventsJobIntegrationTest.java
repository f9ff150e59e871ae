package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kefu.core.event.Event;
import io.kefu.core.io.EventFiles;
import io.kefu.stream.live.MessageCheck;
import io.kefu.stream.replay.ReplaySource;
import io.kefu.stream.warehouse.LiveWarehouseSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The very graph of {@link LiveEventsJob}, on a two-slot mini-cluster at parallelism 2, replaying
 * the bundled sample shop as fast as possible into collecting sinks and the real live warehouse:
 * every line must be accounted for, exactly as the sample's manifest says, and the live tables must
 * agree with what core's {@link io.kefu.core.metrics.SessionAnalyzer} (the batch definitions) gives
 * for the same events, per agent and day.
 */
class LiveEventsJobIntegrationTest {

  static final Path SAMPLE = Path.of("../sample-data/sample");

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static long linesInSample;
  static Map<String, Long> rejectsExpected;
  static List<DeadLetter> deadLetters;
  static List<LateEvent> lateEvents;
  static List<AcceptedCount> acceptedCounts;
  static JobExecutionResult result;
  static Path warehouse;
  static StreamOptions options;

  @TempDir static Path tmp;

  @BeforeAll
  static void replayTheSample() throws Exception {
    linesInSample = countLines(SAMPLE);
    rejectsExpected = rejectsExpected(SAMPLE.resolve("manifest.json"));

    CollectSink<DeadLetter> deadLetterSink = new CollectSink<>();
    CollectSink<LateEvent> lateEventSink = new CollectSink<>();
    CollectSink<AcceptedCount> acceptedCountSink = new CollectSink<>();
    warehouse = tmp.resolve("live.duckdb");
    options =
        StreamOptions.parse(
            "--input",
            SAMPLE.toString(),
            "--speed",
            "0",
            "--checkpoint-interval",
            "1s",
            "--out",
            tmp.resolve("out").toString());
    result =
        new LiveEventsJob(
                ReplaySource.of(SAMPLE, 0),
                deadLetterSink,
                lateEventSink,
                acceptedCountSink,
                new LiveWarehouseSink(warehouse, Duration.ofSeconds(1), true, null),
                MessageCheck.NONE,
                options)
            .execute();
    deadLetters = deadLetterSink.values();
    lateEvents = lateEventSink.values();
    acceptedCounts = acceptedCountSink.values();
  }

  @Test
  void everyLineIsAcceptedOrDeadLettered() {
    long accepted = result.<Long>getAccumulatorResult(ParseEvents.ACCEPTED);
    assertEquals(linesInSample, (long) result.<Long>getAccumulatorResult(ParseEvents.LINES_READ));
    assertEquals(linesInSample, accepted + deadLetters.size());
  }

  @Test
  void deadLettersByReasonAreExactlyTheManifestsRejects() {
    Map<String, Long> byReason =
        deadLetters.stream()
            .collect(
                Collectors.groupingBy(DeadLetter::reason, TreeMap::new, Collectors.counting()));
    assertEquals(rejectsExpected, byReason);
    assertEquals(
        rejectsExpected, StreamCommand.deadLettersByReason(result.getAllAccumulatorResults()));
  }

  @Test
  void deadLettersPointAtTheirLine() throws IOException {
    Map<String, Map<Long, String>> sampleLines = new HashMap<>();
    for (DeadLetter d : deadLetters.subList(0, Math.min(20, deadLetters.size()))) {
      Map<Long, String> lines = sampleLines.computeIfAbsent(d.origin(), f -> readLines(Path.of(f)));
      assertEquals(lines.get(d.offset()), d.line(), d.origin() + ":" + d.offset());
      assertTrue(!d.message().isBlank());
    }
  }

  @Test
  void everyAcceptedEventIsOnTimeAndCountedOrLate() {
    long accepted = result.<Long>getAccumulatorResult(ParseEvents.ACCEPTED);
    long counted = acceptedCounts.stream().mapToLong(AcceptedCount::count).sum();
    assertEquals(lateEvents.size(), (long) result.<Long>getAccumulatorResult(RouteLateEvents.LATE));
    assertEquals(accepted, counted + lateEvents.size());
  }

  @Test
  void eachMinuteIsWrittenOnce() {
    Map<String, Long> rows =
        acceptedCounts.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.shopId() + "|" + c.stream() + "|" + c.minuteStart(),
                    Collectors.counting()));
    assertTrue(rows.values().stream().allMatch(n -> n == 1), "a minute written twice");
  }

  @Test
  void lateEventsAreThoseBehindTheWatermarkByTheAllowedLateness() {
    assertTrue(!lateEvents.isEmpty(), "the sample has events hours late");
    for (LateEvent late : lateEvents) {
      assertTrue(late.lateByMillis() >= 5 * 60 * 1000, late.toString());
    }
  }

  // ---------------------------------------------------------------- the live tables

  @Test
  void liveAgentFiguresAgreeWithTheBatchDefinitionsPerAgentAndDay() throws Exception {
    List<Event> onTime = LiveFigures.onTime(LiveFigures.accepted(SAMPLE), lateEvents);
    Map<String, long[]> expected = LiveFigures.expected(onTime, options.config());
    Map<String, long[]> live = LiveFigures.live(warehouse);
    assertTrue(expected.size() > 100, "12 agents over 14 days");
    assertEquals("", LiveFigures.diff(expected, live), "batch vs live, per agent|day");
  }

  @Test
  void liveShopFiguresCountEveryOnTimeOrderEventOnce() throws Exception {
    List<Event> onTime = LiveFigures.onTime(LiveFigures.accepted(SAMPLE), lateEvents);
    long created =
        onTime.stream()
            .filter(e -> e instanceof io.kefu.core.event.OrderCreated)
            .map(Event::eventId)
            .distinct()
            .count();
    try (var c = LiveFigures.readOnly(warehouse);
        var s = c.createStatement();
        var r = s.executeQuery("SELECT sum(orders_created) FROM live_shop_minute")) {
      r.next();
      assertEquals(created, r.getLong(1));
    }
  }

  @Test
  void nobodyWaitsOnceEverySessionIsClosedAndEveryKeyHasOneRow() throws Exception {
    try (var c = LiveFigures.readOnly(warehouse);
        var s = c.createStatement()) {
      var r = s.executeQuery("SELECT count(*) FROM live_waiting");
      r.next();
      assertEquals(0, r.getLong(1));
      r =
          s.executeQuery(
              "SELECT count(*) - count(DISTINCT (shop_id, agent_id, window_start)) FROM"
                  + " live_agent_minute");
      r.next();
      assertEquals(0, r.getLong(1));
      r = s.executeQuery("SELECT count(*), count(DISTINCT alert_id) FROM live_alert");
      r.next();
      assertTrue(r.getLong(1) > 0, "some buyers of the sample wait more than a minute");
      assertEquals(r.getLong(1), r.getLong(2));
    }
  }

  @Test
  void theStatusShowsHowFarEventTimeGot() throws Exception {
    long maxTs =
        LiveFigures.accepted(SAMPLE).stream()
            .mapToLong(e -> e.ts().toEpochMilli())
            .max()
            .orElseThrow();
    try (var c = LiveFigures.readOnly(warehouse);
        var s = c.createStatement()) {
      var r = s.executeQuery("SELECT epoch_ms(watermark) FROM live_status");
      r.next();
      long watermark = r.getLong(1);
      // The last watermark of the replay trails the last event by the out-of-orderness, and by at
      // most the event time one stream's last minutes hold over the other's.
      long outOfOrderness = options.outOfOrderness().toMillis();
      assertTrue(watermark <= maxTs - outOfOrderness, "watermark " + watermark + ", last " + maxTs);
      assertTrue(
          watermark >= maxTs - outOfOrderness - 3_600_000,
          "the status trails the last event by " + (maxTs - watermark) / 1000 + " s");
    }
  }

  @Test
  void aFailureMidStreamAndARestartFromTheCheckpointEndWithTheSameTables() throws Exception {
    Path restarted = tmp.resolve("restarted.duckdb");
    StreamOptions fast =
        StreamOptions.parse(
            "--input",
            SAMPLE.toString(),
            "--speed",
            "0",
            "--checkpoint-interval",
            "PT0.3S",
            "--out",
            tmp.resolve("out-restarted").toString());
    FailOnceSink failing =
        new FailOnceSink(new LiveWarehouseSink(restarted, Duration.ofSeconds(1), true, null), 2);
    new LiveEventsJob(
            ReplaySource.of(SAMPLE, 0),
            new CollectSink<>(),
            new CollectSink<>(),
            new CollectSink<>(),
            failing,
            MessageCheck.NONE,
            fast)
        .execute();
    assertTrue(failing.failed(), "the failure was injected");
    assertTrue(failing.restored(), "restarted from a checkpoint, not from scratch");
    assertEquals(LiveFigures.dump(warehouse), LiveFigures.dump(restarted));
  }

  // ---------------------------------------------------------------- the sample's own accounts

  static long countLines(Path dir) throws IOException {
    long n = 0;
    for (Path f : EventFiles.list(dir)) {
      n += readLines(f).size();
    }
    return n;
  }

  static Map<Long, String> readLines(Path file) {
    Map<Long, String> lines = new HashMap<>();
    try {
      EventFiles.forEachLine(file, l -> lines.put(l.lineNo(), l.text()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return lines;
  }

  /** The manifest's {@code rejects_expected} block: reason → count. */
  static Map<String, Long> rejectsExpected(Path manifest) throws IOException {
    Map<String, Long> expected = new TreeMap<>();
    try (JsonParser p = new JsonFactory().createParser(manifest.toFile())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("rejects_expected")) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String reason = p.currentName();
            p.nextToken();
            expected.put(reason, p.getLongValue());
          }
        } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
          p.skipChildren();
        }
      }
    }
    return expected;
  }
}
