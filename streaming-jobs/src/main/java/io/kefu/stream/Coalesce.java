package io.kefu.stream;

import io.kefu.stream.live.MinuteChange;
import io.kefu.stream.warehouse.LiveRow;
import java.util.LinkedHashMap;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Holds a task's output for a moment and sends one element per key instead of many: the changes of
 * an agent-minute added up ({@link MinuteChanges}), or only the latest of a row ({@link Rows}).
 * Chained to the operator that makes them, before the network: a fast replay answers the same
 * agent-minute thousands of times a second, and each of those would cross the network, update a
 * window and reach the one writer, which keeps only the latest row per key anyway.
 *
 * <p>What is held is sent on within {@code intervalMillis} of processing time (the first element or
 * watermark held starts the clock), and before every idle mark, checkpoint barrier and the end of
 * the input ({@link HeldOutput}). Watermarks are held too and sent after the elements that came
 * before them, so a watermark never overtakes an element, and merging is not cut short by the
 * watermarks a fast replay brings many times a second. The stages downstream (the agent-minute
 * windows, the writer) see watermarks at most one interval later; what they compute does not depend
 * on it. The elements of one key are merged in the order they came, and all of a key's elements
 * pass the same task, so the order per key is kept. A merged element carries the earliest timestamp
 * of those merged: what a latency measurement downstream sees is the wait of the oldest event in
 * it.
 *
 * @param <T> the element
 * @param <K> its key
 */
public abstract class Coalesce<T, K> extends HeldOutput<T, T> {

  private static final long serialVersionUID = 1L;

  /** Held keys at which a task sends everything on at once, bounding the memory held. */
  static final int MAX_HELD = 20_000;

  private final long intervalMillis;
  private transient LinkedHashMap<K, StreamRecord<T>> held;
  private transient Watermark heldMark;
  private transient boolean timerSet;

  protected Coalesce(long intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("the interval must be positive: " + intervalMillis);
    }
    this.intervalMillis = intervalMillis;
  }

  /** The key whose elements are merged. */
  protected abstract K key(T element);

  /** One element standing for {@code earlier} followed by {@code later}, of the same key. */
  protected abstract T merge(T earlier, T later);

  /** Whether a merged element changes nothing downstream, so it need not be sent. */
  protected boolean changesNothing(T merged) {
    return false;
  }

  @Override
  public void open() throws Exception {
    super.open();
    held = new LinkedHashMap<>();
  }

  @Override
  public void processElement(StreamRecord<T> record) {
    // The upstream operator reuses its StreamRecord: keep the value and timestamp, not the record.
    T value = record.getValue();
    K key = key(value);
    StreamRecord<T> before = held.get(key);
    if (before == null) {
      held.put(
          key,
          record.hasTimestamp()
              ? new StreamRecord<>(value, record.getTimestamp())
              : new StreamRecord<>(value));
      if (held.size() >= MAX_HELD) {
        flush();
      } else {
        sendWithinTheInterval();
      }
      return;
    }
    T merged = merge(before.getValue(), value);
    if (before.hasTimestamp() && record.hasTimestamp()) {
      before.replace(merged, Math.min(before.getTimestamp(), record.getTimestamp()));
    } else {
      before.replace(merged);
    }
  }

  /** Holds the watermark too, until what came before it is sent. */
  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      // The end of input: nothing more will come to merge with. The last event time reached goes
      // first (the live status shows it).
      flush();
      heldMark = mark;
      flush();
      return;
    }
    heldMark = mark;
    sendWithinTheInterval();
  }

  private void sendWithinTheInterval() {
    if (!timerSet) {
      timerSet = true;
      getProcessingTimeService()
          .registerTimer(
              getProcessingTimeService().getCurrentProcessingTime() + intervalMillis,
              time -> {
                timerSet = false;
                flush();
              });
    }
  }

  /** Sends the elements held, then the watermark held. */
  @Override
  protected void flush() {
    for (StreamRecord<T> r : held.values()) {
      if (!changesNothing(r.getValue())) {
        output.collect(r);
      }
    }
    held.clear();
    if (heldMark != null) {
      Watermark mark = heldMark;
      heldMark = null;
      output.emitWatermark(mark); // what AbstractStreamOperator does; this operator has no timers
    }
  }

  /**
   * The changes a task's sessions send to each agent-minute, added up: one change per agent-minute
   * and interval, whatever the number of sessions and answers behind it.
   */
  public static final class MinuteChanges extends Coalesce<MinuteChange, String> {

    private static final long serialVersionUID = 1L;

    public MinuteChanges(long intervalMillis) {
      super(intervalMillis);
    }

    @Override
    protected String key(MinuteChange c) {
      return c.windowKey(); // the key of the window the change goes to
    }

    @Override
    protected MinuteChange merge(MinuteChange earlier, MinuteChange later) {
      return earlier.plus(later);
    }

    @Override
    protected boolean changesNothing(MinuteChange merged) {
      return merged.isZero();
    }
  }

  /** The rows for the warehouse: only the latest of each key, as the writer would keep. */
  public static final class Rows extends Coalesce<LiveRow, LiveRow.Id> {

    private static final long serialVersionUID = 1L;

    public Rows(long intervalMillis) {
      super(intervalMillis);
    }

    @Override
    protected LiveRow.Id key(LiveRow row) {
      return row.id();
    }

    @Override
    protected LiveRow merge(LiveRow earlier, LiveRow later) {
      return later;
    }
  }
}
