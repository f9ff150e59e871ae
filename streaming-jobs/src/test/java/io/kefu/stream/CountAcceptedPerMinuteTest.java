package io.kefu.stream;

import static io.kefu.stream.Fixtures.BEGINNING;
import static io.kefu.stream.Fixtures.buyerMessage;
import static io.kefu.stream.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The pieces of the per-minute count. */
class CountAcceptedPerMinuteTest {

  private static final long MINUTE = BEGINNING.toEpochMilli(); // 02:15:00, a minute's start

  @Test
  void aMinuteIsFinalWhenTheWatermarkPassedItByTheAllowedLateness() {
    TimeWindow minute = new TimeWindow(60_000, 120_000);
    assertEquals(119_999 + 300_000, CountAcceptedPerMinute.WhenFinal.finalAt(minute, 300_000));
    assertEquals(119_999, CountAcceptedPerMinute.WhenFinal.finalAt(minute, 0));
  }

  @Test
  void theLastMinuteOfTimeDoesNotOverflow() {
    TimeWindow last = new TimeWindow(Long.MAX_VALUE - 60_000, Long.MAX_VALUE);
    assertEquals(
        Long.MAX_VALUE,
        CountAcceptedPerMinute.WhenFinal.finalAt(last, Duration.ofMinutes(5).toMillis()));
  }

  @Test
  void aTaskCountsPerShopStreamAndMinuteAndHandsTheCountsOnBeforeTheWatermark() throws Exception {
    try (OneInputStreamOperatorTestHarness<Event, Tuple3<String, String, Long>> h = harness()) {
      add(h, event(buyerMessage("m-1", BEGINNING)));
      add(h, event(buyerMessage("m-2", BEGINNING.plusSeconds(59))));
      add(h, event(buyerMessage("m-3", BEGINNING.plusSeconds(60))));
      add(h, event(Fixtures.EVERY_TYPE[6])); // an order at 02:21:40 UTC
      assertTrue(h.getOutput().isEmpty(), "nothing is handed on before a watermark");
      h.processWatermark(new Watermark(MINUTE + 30_000));
      List<Object> out = new ArrayList<>(h.getOutput());
      // the counts first, each stamped with its minute's start; then the watermark itself
      assertEquals(new Watermark(MINUTE + 30_000), out.remove(out.size() - 1));
      assertEquals(
          List.of(
              new StreamRecord<>(Tuple3.of("sunshine-baby", "chat-events", 2L), MINUTE),
              new StreamRecord<>(Tuple3.of("sunshine-baby", "chat-events", 1L), MINUTE + 60_000),
              new StreamRecord<>(
                  Tuple3.of("sunshine-baby", "order-events", 1L), MINUTE + 6 * 60_000)),
          out.stream()
              .sorted(java.util.Comparator.comparingLong(r -> ((StreamRecord<?>) r).getTimestamp()))
              .toList());
      // handed on once: the next watermark carries nothing but itself
      h.getOutput().clear();
      h.processWatermark(new Watermark(MINUTE + 40_000));
      assertEquals(List.of(new Watermark(MINUTE + 40_000)), new ArrayList<>(h.getOutput()));
    }
  }

  @Test
  void aCheckpointBarrierAnIdleMarkAndTheEndOfInputFindNoCountHeldBack() throws Exception {
    CountAcceptedPerMinute.PreCount operator = new CountAcceptedPerMinute.PreCount();
    try (OneInputStreamOperatorTestHarness<Event, Tuple3<String, String, Long>> h =
        harness(operator)) {
      add(h, event(buyerMessage("m-1", BEGINNING)));
      h.prepareSnapshotPreBarrier(1);
      assertEquals(List.of(Tuple3.of("sunshine-baby", "chat-events", 1L)), h.extractOutputValues());
      add(h, event(buyerMessage("m-2", BEGINNING)));
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      add(h, event(buyerMessage("m-3", BEGINNING)));
      operator.finish();
      assertEquals(
          List.of(
              Tuple3.of("sunshine-baby", "chat-events", 1L),
              Tuple3.of("sunshine-baby", "chat-events", 1L),
              Tuple3.of("sunshine-baby", "chat-events", 1L)),
          h.extractOutputValues());
    }
  }

  @Test
  void partialCountsAreKeyedAndSummedPerShopAndStream() {
    Tuple3<String, String, Long> partial = Tuple3.of("sunshine-baby", "order-events", 3L);
    assertEquals(
        Tuple2.of("sunshine-baby", "order-events"), CountAcceptedPerMinute.shopAndStream(partial));
    CountAcceptedPerMinute.SumCounts sum = new CountAcceptedPerMinute.SumCounts();
    assertEquals(5L, sum.add(Tuple3.of("s", "chat-events", 2L), sum.add(partial, 0L)));
  }

  private static void add(OneInputStreamOperatorTestHarness<Event, ?> h, Event e) throws Exception {
    h.processElement(e, e.ts().toEpochMilli());
  }

  // Set up with the output's declared type, as the job has it.
  private static OneInputStreamOperatorTestHarness<Event, Tuple3<String, String, Long>> harness()
      throws Exception {
    return harness(new CountAcceptedPerMinute.PreCount());
  }

  private static OneInputStreamOperatorTestHarness<Event, Tuple3<String, String, Long>> harness(
      CountAcceptedPerMinute.PreCount operator) throws Exception {
    OneInputStreamOperatorTestHarness<Event, Tuple3<String, String, Long>> h =
        new OneInputStreamOperatorTestHarness<>(operator);
    h.setup(
        Types.<Tuple3<String, String, Long>>TUPLE(Types.STRING, Types.STRING, Types.LONG)
            .createSerializer(new SerializerConfigImpl()));
    h.open();
    return h;
  }
}
