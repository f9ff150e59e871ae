package io.kefu.stream;

import io.kefu.core.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Which accepted events arrived too late for the live figures? An event whose time is at least the
 * allowed lateness behind the current watermark belongs to minutes the live side has already
 * closed; it goes to {@link #LATE_EVENTS} (and is counted) instead of silently vanishing in a
 * window operator. Everything else passes on unchanged.
 *
 * <p>The rule is Flink's own for windows ({@code timestamp + allowedLateness <= watermark}), so an
 * event this function lets through is never dropped as late by a downstream window that has the
 * same allowed lateness.
 */
public final class RouteLateEvents extends ProcessFunction<Event, Event> {

  public static final OutputTag<LateEvent> LATE_EVENTS = new OutputTag<>("late-events") {};

  /** Accumulator name of the late-event count, reported by a finished replay. */
  public static final String LATE = "late";

  private final long allowedLatenessMillis;

  private transient Counter late;
  private transient LongCounter lateTotal;

  public RouteLateEvents(Duration allowedLateness) {
    this.allowedLatenessMillis = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    lateTotal = getRuntimeContext().getLongCounter(LATE);
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<Event> onTime) {
    long watermark = ctx.timerService().currentWatermark();
    if (isLate(event.ts().toEpochMilli(), watermark, allowedLatenessMillis)) {
      late.inc();
      lateTotal.add(1L);
      ctx.output(LATE_EVENTS, new LateEvent(event, watermark));
    } else {
      onTime.collect(event);
    }
  }

  /**
   * Whether an event at {@code eventTs} is late against {@code watermark}: its time plus the
   * allowed lateness does not pass the watermark. Before the first watermark ({@link
   * Long#MIN_VALUE}) nothing is late.
   */
  static boolean isLate(long eventTs, long watermark, long allowedLatenessMillis) {
    if (watermark == Long.MIN_VALUE) {
      return false;
    }
    // Saturating: an event near Long.MIN_VALUE plus a lateness must not wrap around.
    long deadline =
        eventTs > Long.MAX_VALUE - allowedLatenessMillis
            ? Long.MAX_VALUE
            : eventTs + allowedLatenessMillis;
    return deadline <= watermark;
  }
}
