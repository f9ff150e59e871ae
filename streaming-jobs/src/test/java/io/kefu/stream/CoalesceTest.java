package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.stream.live.MinuteChange;
import io.kefu.stream.live.MinuteSums;
import io.kefu.stream.warehouse.LiveRow;
import io.kefu.stream.warehouse.LiveRowTypeInfo;
import io.kefu.stream.warehouse.ShopMinute;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A task's output held for a moment and merged per key, never lost, never ahead of a watermark. */
class CoalesceTest {

  private static final long MINUTE = 1_793_600_100_000L - 1_793_600_100_000L % 60_000;

  @Test
  void changesOfOneAgentMinuteAddUpToOneWithTheSameEffectOnTheWindow() {
    // A session answers in 5 s; a late message shows it was 7 s; another session answers in 9 s.
    MinuteChange first = change("a", 1, 1, new long[] {5_000}, new long[0]);
    MinuteChange replaced = change("a", 0, 0, new long[] {7_000}, new long[] {5_000});
    MinuteChange other = change("a", 1, 1, new long[] {9_000}, new long[0]);
    MinuteChange merged = first.plus(replaced).plus(other);
    assertEquals(2, merged.turns());
    assertEquals(2, merged.answered());
    assertArrayEquals(new long[] {7_000, 9_000}, sorted(merged.addedResponseMillis()));
    assertArrayEquals(new long[0], merged.removedResponseMillis(), "5 s came and went");
    assertEquals(16_000, merged.responseSumMillis());
    assertTrue(first.plus(negated(first)).isZero());
  }

  @Test
  void mergedChangesLeaveEveryWindowAsTheChangesOneByOneWould() {
    Random random = new Random(7);
    for (int round = 0; round < 3_000; round++) {
      MinuteSums before = new MinuteSums();
      List<Long> present = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        long v = 1_000L * random.nextInt(6);
        before.add(change("a", 1, 1, new long[] {v}, new long[0]));
        present.add(v);
      }
      MinuteSums oneByOne = copy(before);
      MinuteChange merged = null;
      for (int i = 1 + random.nextInt(6); i > 0; i--) {
        // Take away some times the window holds (now and then one it does not, which it ignores),
        // add some new ones, and change every count: what sessions send.
        List<Long> removed = new ArrayList<>();
        for (int r = random.nextInt(3); r > 0; r--) {
          if (!present.isEmpty() && random.nextInt(5) > 0) {
            removed.add(present.remove(random.nextInt(present.size())));
          } else {
            removed.add(1_000L * random.nextInt(6));
          }
        }
        long[] added = new long[random.nextInt(3)];
        for (int a = 0; a < added.length; a++) {
          added[a] = 1_000L * random.nextInt(6);
          present.add(added[a]);
        }
        MinuteChange c =
            new MinuteChange(
                "shop",
                "a",
                MINUTE,
                random.nextInt(5) - 2,
                random.nextInt(5) - 2,
                random.nextInt(5) - 2,
                random.nextInt(20_000) - 10_000,
                added,
                removed.stream().mapToLong(Long::longValue).toArray(),
                random.nextInt(5) - 2,
                random.nextInt(20_000) - 10_000,
                random.nextInt(5) - 2,
                random.nextInt(5) - 2,
                random.nextInt(5) - 2,
                random.nextInt(11) - 5,
                random.nextInt(3) - 1);
        oneByOne.add(c);
        merged = merged == null ? c : merged.plus(c);
      }
      MinuteSums atOnce = copy(before);
      atOnce.add(merged);
      assertEquals(describe(oneByOne), describe(atOnce), "round " + round);
    }
  }

  @Test
  void theUpstreamRecordObjectMayBeReused() throws Exception {
    try (var h = changes()) {
      StreamRecord<MinuteChange> reused =
          new StreamRecord<>(change("a", 1, 0, new long[0], new long[0]), MINUTE);
      h.processElement(reused);
      reused.replace(change("b", 1, 0, new long[0], new long[0]), MINUTE + 1);
      h.processElement(reused);
      reused.replace(change("a", 1, 0, new long[0], new long[0]), MINUTE + 2);
      h.processElement(reused);
      h.prepareSnapshotPreBarrier(1);
      List<MinuteChange> out = h.extractOutputValues();
      assertEquals(List.of("a", "b"), out.stream().map(MinuteChange::agentId).toList());
      assertEquals(List.of(2, 1), out.stream().map(MinuteChange::turns).toList());
    }
  }

  @Test
  void watermarksAreHeldTooAndSentAfterWhatCameBeforeThem() throws Exception {
    try (var h = changes()) {
      h.setProcessingTime(1_000);
      h.processElement(change("a", 1, 1, new long[] {5_000}, new long[0]), MINUTE + 3_000);
      h.processElement(change("b", 1, 0, new long[0], new long[0]), MINUTE + 4_000);
      h.processWatermark(new Watermark(MINUTE - 1));
      h.processElement(change("a", 1, 1, new long[] {6_000}, new long[0]), MINUTE + 2_000);
      h.processWatermark(new Watermark(MINUTE));
      assertTrue(h.getOutput().isEmpty(), "held, watermarks too");
      h.setProcessingTime(1_000 + LiveEventsJob.HOLD_MILLIS);
      List<Object> out = new ArrayList<>(h.getOutput());
      assertEquals(3, out.size(), "the merged changes, then the latest watermark: " + out);
      StreamRecord<?> a = (StreamRecord<?>) out.get(0);
      assertEquals("a", ((MinuteChange) a.getValue()).agentId());
      assertEquals(2, ((MinuteChange) a.getValue()).turns());
      assertEquals(MINUTE + 2_000, a.getTimestamp(), "the earliest of the merged");
      assertEquals("b", ((MinuteChange) ((StreamRecord<?>) out.get(1)).getValue()).agentId());
      assertEquals(new Watermark(MINUTE), out.get(2));
    }
  }

  @Test
  void sentWithinTheIntervalBeforeABarrierAndAtTheEnd() throws Exception {
    try (var h = changes()) {
      h.setProcessingTime(1_000);
      h.processElement(change("a", 1, 0, new long[0], new long[0]), MINUTE);
      h.setProcessingTime(1_049);
      assertTrue(h.getOutput().isEmpty());
      h.setProcessingTime(1_050);
      assertEquals(1, h.extractOutputValues().size(), "sent when the interval is up");
      h.processElement(change("a", 1, 0, new long[0], new long[0]), MINUTE);
      h.prepareSnapshotPreBarrier(1);
      assertEquals(2, h.extractOutputValues().size(), "nothing held at a checkpoint");
      h.processElement(change("a", 1, 0, new long[0], new long[0]), MINUTE);
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      assertEquals(3, h.extractOutputValues().size(), "nothing held when the task goes idle");
      h.processElement(change("a", 1, 0, new long[0], new long[0]), MINUTE);
      h.getOneInputOperator().finish();
      assertEquals(4, h.extractOutputValues().size(), "nothing held at the end");
    }
  }

  @Test
  void theEndOfInputSendsEverythingHeldThenTheLastWatermarkThenTheEnd() throws Exception {
    try (var h = changes()) {
      h.processElement(change("a", 1, 0, new long[0], new long[0]), MINUTE);
      h.processWatermark(new Watermark(MINUTE));
      h.processWatermark(Watermark.MAX_WATERMARK);
      List<Object> out = new ArrayList<>(h.getOutput());
      assertEquals(3, out.size(), out.toString());
      assertTrue(out.get(0) instanceof StreamRecord<?>);
      assertEquals(List.of(new Watermark(MINUTE), Watermark.MAX_WATERMARK), out.subList(1, 3));
    }
  }

  @Test
  void changesThatCancelOutAreNotSent() throws Exception {
    try (var h = changes()) {
      MinuteChange c = change("a", 1, 1, new long[] {5_000}, new long[0]);
      h.processElement(c, MINUTE);
      h.processElement(negated(c), MINUTE);
      h.processWatermark(new Watermark(MINUTE));
      h.prepareSnapshotPreBarrier(1);
      assertEquals(List.of(new Watermark(MINUTE)), new ArrayList<>(h.getOutput()));
    }
  }

  @Test
  void rowsKeepTheLatestOfEachKey() throws Exception {
    try (var h =
        new OneInputStreamOperatorTestHarness<LiveRow, LiveRow>(
            new Coalesce.Rows(LiveEventsJob.HOLD_MILLIS))) {
      h.setup(LiveRowTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl()));
      h.open();
      h.processElement(shopMinute(MINUTE, 1), MINUTE + 1);
      h.processElement(shopMinute(MINUTE + 60_000, 1), MINUTE + 60_001);
      h.processElement(shopMinute(MINUTE, 2), MINUTE + 2);
      h.prepareSnapshotPreBarrier(1);
      assertEquals(
          List.of(shopMinute(MINUTE, 2), shopMinute(MINUTE + 60_000, 1)), h.extractOutputValues());
    }
  }

  private static OneInputStreamOperatorTestHarness<MinuteChange, MinuteChange> changes()
      throws Exception {
    var h =
        new OneInputStreamOperatorTestHarness<MinuteChange, MinuteChange>(
            new Coalesce.MinuteChanges(LiveEventsJob.HOLD_MILLIS));
    h.setup(TypeInformation.of(MinuteChange.class).createSerializer(new SerializerConfigImpl()));
    h.open();
    return h;
  }

  private static MinuteChange change(
      String agent, int turns, int answered, long[] added, long[] removed) {
    long sum = Arrays.stream(added).sum() - Arrays.stream(removed).sum();
    return new MinuteChange(
        "shop", agent, MINUTE, turns, answered, answered, sum, added, removed, 0, 0, 0, 0, 0, 0, 0);
  }

  private static MinuteChange negated(MinuteChange c) {
    return new MinuteChange(
        c.shopId(),
        c.agentId(),
        c.minute(),
        -c.turns(),
        -c.answered(),
        -c.repliedInTime(),
        -c.responseSumMillis(),
        c.removedResponseMillis(),
        c.addedResponseMillis(),
        -c.firstResponses(),
        -c.firstResponseSumMillis(),
        -c.ratings(),
        -c.satisfied(),
        -c.dissatisfied(),
        -c.ratingSum(),
        -c.activeSessions());
  }

  private static ShopMinute shopMinute(long minute, int orders) {
    return new ShopMinute(
        "shop",
        minute,
        LocalDate.of(2026, 11, 2),
        orders,
        BigDecimal.TEN,
        0,
        BigDecimal.ZERO,
        0,
        BigDecimal.ZERO);
  }

  private static MinuteSums copy(MinuteSums s) {
    MinuteSums c = new MinuteSums();
    c.turns = s.turns;
    c.answered = s.answered;
    c.repliedInTime = s.repliedInTime;
    c.responseSumMillis = s.responseSumMillis;
    c.responseMillis = s.responseMillis.clone();
    c.firstResponses = s.firstResponses;
    c.firstResponseSumMillis = s.firstResponseSumMillis;
    c.ratings = s.ratings;
    c.satisfied = s.satisfied;
    c.dissatisfied = s.dissatisfied;
    c.ratingSum = s.ratingSum;
    c.activeSessions = s.activeSessions;
    return c;
  }

  /** Every figure of a window, the response times in order. */
  private static String describe(MinuteSums s) {
    return List.of(
            s.turns,
            s.answered,
            s.repliedInTime,
            s.responseSumMillis,
            Arrays.toString(sorted(s.responseMillis)),
            s.firstResponses,
            s.firstResponseSumMillis,
            s.ratings,
            s.satisfied,
            s.dissatisfied,
            s.ratingSum,
            s.activeSessions)
        .toString();
  }

  private static long[] sorted(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return s;
  }
}
