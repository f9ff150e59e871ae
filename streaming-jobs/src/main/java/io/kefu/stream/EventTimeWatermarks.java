package io.kefu.stream;

import io.kefu.core.event.Event;
import io.kefu.core.event.EventParser;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * How far has event time got? The watermark trails the largest event time seen by a bounded
 * out-of-orderness (Flink's rule: {@code max - outOfOrderness - 1 ms}); a split that sends nothing
 * for the idleness period stops holding it back.
 *
 * <p>Unlike Flink's periodic {@code forBoundedOutOfOrderness}, the watermark is also emitted as
 * soon as event time has advanced by {@link #EMIT_STEP_MILLIS}. A replay at full speed reads days
 * of event time between two 200 ms periodic ticks; with only periodic watermarks the late-event
 * routing would depend on the machine's speed. Emitting as event time advances makes it depend on
 * the input order alone, so a replay routes the same events as late every time. The step bounds the
 * watermark traffic to one per second of event time.
 */
public final class EventTimeWatermarks {

  /** Emit at most one watermark per this much event time, besides the periodic ones. */
  static final long EMIT_STEP_MILLIS = 1_000;

  private EventTimeWatermarks() {}

  /** Watermarks for accepted events, stamped with their {@code ts}. */
  public static WatermarkStrategy<Event> forEvents(Duration outOfOrderness, Duration idleness) {
    long bound = outOfOrderness.toMillis();
    return WatermarkStrategy.<Event>forGenerator(ctx -> new EagerBoundedOutOfOrderness<>(bound))
        .withTimestampAssigner((event, previous) -> event.ts().toEpochMilli())
        .withIdleness(idleness);
  }

  /**
   * Watermarks for raw lines, stamped with the {@code ts} the parser will read ({@link
   * EventParser#eventTimeMillis}); a line without a valid one (it will be dead-lettered) keeps the
   * watermark where it is.
   */
  public static WatermarkStrategy<RawLine> forRawLines(Duration outOfOrderness, Duration idleness) {
    long bound = outOfOrderness.toMillis();
    return WatermarkStrategy.<RawLine>forGenerator(ctx -> new EagerBoundedOutOfOrderness<>(bound))
        .withTimestampAssigner((line, previous) -> EventParser.eventTimeMillis(line.text()))
        .withIdleness(idleness);
  }

  /** The watermark after seeing {@code maxTimestamp}: Flink's bounded out-of-orderness rule. */
  static long watermarkFor(long maxTimestamp, long outOfOrdernessMillis) {
    if (maxTimestamp == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    return Math.max(Long.MIN_VALUE, maxTimestamp - outOfOrdernessMillis - 1);
  }

  /** Whether a watermark is far enough past the last one emitted to be worth emitting now. */
  static boolean worthEmitting(long watermark, long lastEmitted) {
    return lastEmitted == Long.MIN_VALUE
        ? watermark != Long.MIN_VALUE
        : watermark - lastEmitted >= EMIT_STEP_MILLIS;
  }

  /** Bounded out-of-orderness that emits on events as well as periodically. */
  static final class EagerBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {

    private final long outOfOrdernessMillis;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    EagerBoundedOutOfOrderness(long outOfOrdernessMillis) {
      this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
      maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
      long watermark = watermarkFor(maxTimestamp, outOfOrdernessMillis);
      if (worthEmitting(watermark, lastEmitted)) {
        emit(watermark, output);
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      long watermark = watermarkFor(maxTimestamp, outOfOrdernessMillis);
      if (watermark > lastEmitted) {
        emit(watermark, output);
      }
    }

    private void emit(long watermark, WatermarkOutput output) {
      lastEmitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
