package io.kefu.stream;

import io.kefu.core.event.Event;
import io.kefu.stream.live.Minutes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;

/**
 * How many accepted, on-time events did each stream of each shop carry per minute of event time?
 * Each parallel task first counts its own events ({@link PreCount}), so only a few partial counts
 * cross the network, not every event; a keyed, 1-minute tumbling event-time window then adds them
 * up per shop and stream ({@link SumCounts}), with a trigger that writes each minute once, when it
 * can no longer change.
 */
public final class CountAcceptedPerMinute {

  public static final Duration MINUTE = Duration.ofMinutes(1);

  private CountAcceptedPerMinute() {}

  /**
   * The key of a count: the shop, and the stream by its file prefix ({@code chat-events}), of a
   * task's partial count (shop, stream, events; stamped with its minute's start).
   */
  public static Tuple2<String, String> shopAndStream(Tuple3<String, String, Long> partial) {
    return Tuple2.of(partial.f0, partial.f1);
  }

  /**
   * Counts a task's events per shop, stream and minute, and hands the counts on (each stamped with
   * its minute's start) before every watermark or idle mark it forwards, before every checkpoint
   * barrier and at the end of the input. So a partial count reaches the window ahead of the
   * watermark that could close its minute, exactly as its events would have, and a checkpoint never
   * holds a count in this operator: it needs no state of its own, and a restart neither loses nor
   * repeats a count.
   */
  public static final class PreCount extends HeldOutput<Event, Tuple3<String, String, Long>> {

    private static final long serialVersionUID = 1L;

    private record Key(String shop, String stream, long minute) {}

    private transient Map<Key, long[]> counts;

    @Override
    public void open() throws Exception {
      super.open();
      counts = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<Event> record) {
      Event e = record.getValue();
      long minute = Minutes.startOf(record.getTimestamp());
      counts
          .computeIfAbsent(
              new Key(e.shopId(), e.type().stream().filePrefix(), minute), k -> new long[1])[0]++;
    }

    @Override
    protected void flush() {
      if (counts.isEmpty()) {
        return;
      }
      counts.forEach(
          (k, n) ->
              output.collect(
                  new StreamRecord<>(Tuple3.of(k.shop(), k.stream(), n[0]), k.minute())));
      counts.clear();
    }
  }

  /** Adds up the partial counts of a window. */
  public static final class SumCounts
      implements AggregateFunction<Tuple3<String, String, Long>, Long, Long> {

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Tuple3<String, String, Long> partial, Long count) {
      return count + partial.f2;
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
