package io.kefu.stream;

import static io.kefu.stream.Fixtures.BEGINNING;
import static io.kefu.stream.Fixtures.ONE_MINUTE_LATER;
import static io.kefu.stream.Fixtures.TEN_MINUTES_LATER;
import static io.kefu.stream.Fixtures.buyerMessage;
import static io.kefu.stream.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.Event;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The late-event rule, alone and inside its operator. */
class RouteLateEventsTest {

  static final long FIVE_MINUTES = Duration.ofMinutes(5).toMillis();

  // ---------------------------------------------------------------- the rule

  @Test
  void nothingIsLateBeforeTheFirstWatermark() {
    assertFalse(RouteLateEvents.isLate(0, Long.MIN_VALUE, FIVE_MINUTES));
    assertFalse(RouteLateEvents.isLate(Long.MIN_VALUE, Long.MIN_VALUE, 0));
  }

  @Test
  void anEventWithinTheAllowedLatenessIsOnTime() {
    long watermark = TEN_MINUTES_LATER.toEpochMilli();
    assertFalse(RouteLateEvents.isLate(watermark - FIVE_MINUTES + 1, watermark, FIVE_MINUTES));
    assertFalse(RouteLateEvents.isLate(watermark + 1, watermark, FIVE_MINUTES));
  }

  @Test
  void anEventAsLateAsTheAllowedLatenessIsLateLikeFlinksWindowsSayIt() {
    long watermark = TEN_MINUTES_LATER.toEpochMilli();
    assertTrue(RouteLateEvents.isLate(watermark - FIVE_MINUTES, watermark, FIVE_MINUTES));
    assertTrue(RouteLateEvents.isLate(BEGINNING.toEpochMilli(), watermark, FIVE_MINUTES));
  }

  @Test
  void withNoAllowedLatenessAnEventAtTheWatermarkIsLate() {
    assertTrue(RouteLateEvents.isLate(1000, 1000, 0));
    assertFalse(RouteLateEvents.isLate(1001, 1000, 0));
  }

  @Test
  void hugeTimesDoNotOverflow() {
    assertFalse(RouteLateEvents.isLate(Long.MAX_VALUE - 1, Long.MAX_VALUE - 2, FIVE_MINUTES));
    assertTrue(RouteLateEvents.isLate(Long.MIN_VALUE + 1, 0, FIVE_MINUTES));
  }

  // ---------------------------------------------------------------- the operator

  @Test
  void shouldPassOnTimeEventsAndRouteLateOnesToTheSideOutput() throws Exception {
    try (OneInputStreamOperatorTestHarness<Event, Event> harness = harness()) {
      Event onTime = event(buyerMessage("m-1", TEN_MINUTES_LATER));
      Event late = event(buyerMessage("m-2", BEGINNING));
      harness.processWatermark(TEN_MINUTES_LATER.toEpochMilli() - 1);
      harness.processElement(onTime, onTime.ts().toEpochMilli());
      harness.processElement(late, late.ts().toEpochMilli());

      assertEquals(List.of(onTime), harness.extractOutputValues());
      List<LateEvent> routed =
          harness.getSideOutput(RouteLateEvents.LATE_EVENTS).stream()
              .map(StreamRecord::getValue)
              .toList();
      assertEquals(List.of(new LateEvent(late, TEN_MINUTES_LATER.toEpochMilli() - 1)), routed);
      assertEquals(Duration.ofMinutes(10).toMillis() - 1, routed.get(0).lateByMillis());
    }
  }

  @Test
  void shouldLetAnOutOfOrderEventWithinTheLatenessThrough() throws Exception {
    try (OneInputStreamOperatorTestHarness<Event, Event> harness = harness()) {
      Event outOfOrder = event(buyerMessage("m-1", BEGINNING));
      harness.processWatermark(ONE_MINUTE_LATER.toEpochMilli());
      harness.processElement(outOfOrder, outOfOrder.ts().toEpochMilli());

      assertEquals(List.of(outOfOrder), harness.extractOutputValues());
      assertTrue(
          harness.getSideOutput(RouteLateEvents.LATE_EVENTS) == null
              || harness.getSideOutput(RouteLateEvents.LATE_EVENTS).isEmpty());
    }
  }

  @Test
  void shouldPassEverythingBeforeAnyWatermark() throws Exception {
    try (OneInputStreamOperatorTestHarness<Event, Event> harness = harness()) {
      Event first = event(buyerMessage("m-1", BEGINNING));
      harness.processElement(first, first.ts().toEpochMilli());
      assertEquals(List.of(first), harness.extractOutputValues());
    }
  }

  // Set up with the stream's declared type, as the job has it: left alone, the harness would
  // derive a serializer from the first event's concrete record class and fail on the next type.
  private static OneInputStreamOperatorTestHarness<Event, Event> harness() throws Exception {
    OneInputStreamOperatorTestHarness<Event, Event> harness =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(new RouteLateEvents(Duration.ofMinutes(5))));
    harness.setup(TypeInformation.of(Event.class).createSerializer(new SerializerConfigImpl()));
    harness.open();
    return harness;
  }
}
