package io.kefu.stream;

import io.kefu.core.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * How many accepted, on-time events did each stream of each shop carry per minute of event time?
 * The pieces of a keyed, 1-minute tumbling event-time window: the key, a count, and a trigger that
 * writes each minute once, when it can no longer change.
 */
public final class CountAcceptedPerMinute {

  public static final Duration MINUTE = Duration.ofMinutes(1);

  private CountAcceptedPerMinute() {}

  /** The key of a count: the shop, and the stream by its file prefix ({@code chat-events}). */
  public static Tuple2<String, String> shopAndStream(Event event) {
    return Tuple2.of(event.shopId(), event.type().stream().filePrefix());
  }

  /** Counts the elements of a window. */
  public static final class CountEvents
      implements AggregateFunction<Tuple2<String, String>, Long, Long> {

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Tuple2<String, String> value, Long count) {
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

  /** Labels a window's count with its shop, stream and minute. */
  public static final class ToAcceptedCount
      extends ProcessWindowFunction<Long, AcceptedCount, Tuple2<String, String>, TimeWindow> {

    @Override
    public void process(
        Tuple2<String, String> key,
        Context ctx,
        Iterable<Long> counts,
        Collector<AcceptedCount> out) {
      out.collect(
          new AcceptedCount(key.f0, key.f1, ctx.window().getStart(), counts.iterator().next()));
    }
  }

  /**
   * Fires a window once, when the watermark has passed its end by the allowed lateness: the moment
   * no event can still be added to it. Flink's default trigger fires at the window's end and again
   * for every allowed-late event, which would write the same minute several times.
   */
  public static final class WhenFinal extends Trigger<Object, TimeWindow> {

    private final long allowedLatenessMillis;

    public WhenFinal(Duration allowedLateness) {
      this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    /** When a window is final: its last millisecond plus the allowed lateness (saturating). */
    static long finalAt(TimeWindow window, long allowedLatenessMillis) {
      long end = window.maxTimestamp();
      return end > Long.MAX_VALUE - allowedLatenessMillis
          ? Long.MAX_VALUE
          : end + allowedLatenessMillis;
    }

    @Override
    public TriggerResult onElement(
        Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
      ctx.registerEventTimeTimer(finalAt(window, allowedLatenessMillis));
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
      return time == finalAt(window, allowedLatenessMillis)
          ? TriggerResult.FIRE
          : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
      ctx.deleteEventTimeTimer(finalAt(window, allowedLatenessMillis));
    }
  }
}
