package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** The watermark rule, and when it is emitted. */
class EventTimeWatermarksTest {

  static final long THIRTY_SECONDS = 30_000;

  @Test
  void theWatermarkTrailsTheLatestEventByTheOutOfOrderness() {
    assertEquals(
        100_000 - THIRTY_SECONDS - 1, EventTimeWatermarks.watermarkFor(100_000, THIRTY_SECONDS));
  }

  @Test
  void thereIsNoWatermarkBeforeTheFirstEvent() {
    assertEquals(Long.MIN_VALUE, EventTimeWatermarks.watermarkFor(Long.MIN_VALUE, THIRTY_SECONDS));
  }

  @Test
  void aWatermarkIsWorthEmittingOncePerStepOfEventTime() {
    assertTrue(EventTimeWatermarks.worthEmitting(5, Long.MIN_VALUE));
    assertFalse(EventTimeWatermarks.worthEmitting(Long.MIN_VALUE, Long.MIN_VALUE));
    assertFalse(EventTimeWatermarks.worthEmitting(1_999, 1_000));
    assertTrue(EventTimeWatermarks.worthEmitting(2_000, 1_000));
  }

  @Test
  void shouldEmitAsEventTimeAdvancesNotOnlyPeriodically() {
    var generator = new EventTimeWatermarks.EagerBoundedOutOfOrderness<String>(THIRTY_SECONDS);
    Recorder out = new Recorder();
    generator.onEvent("a", 100_000, out);
    generator.onEvent("b", 100_500, out); // less than a step: waits for the periodic emit
    generator.onEvent("c", 90_000, out); // out of order: the watermark never goes back
    generator.onEvent("d", 101_000, out);
    assertEquals(List.of(69_999L, 70_999L), out.watermarks);

    generator.onEvent("e", 101_200, out);
    generator.onPeriodicEmit(out);
    generator.onPeriodicEmit(out); // nothing new: nothing emitted
    assertEquals(List.of(69_999L, 70_999L, 71_199L), out.watermarks);
  }

  static final class Recorder implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  }
}
