package io.kefu.stream;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes every element on at once and watermarks at most once per {@code intervalMillis} of
 * processing time, holding back the latest one in between.
 *
 * <p>Why: the event-time watermarks advance with every second of event time ({@link
 * EventTimeWatermarks}), so that late-event routing depends on the input alone. A replay at full
 * speed covers days of event time in seconds: about one watermark for every three events, each of
 * which crosses the network to every downstream task, advances its timers and is forwarded along
 * every chain. Placed after the late-event routing, which keeps deciding on every watermark, this
 * operator leaves the stages downstream (sessions, minutes, the writer) a few watermarks per second
 * of wall time. Their timers fire at most one interval later; what they compute does not depend on
 * when a timer fires (wait alerts carry the time the limit was passed, not the time the timer ran),
 * and no element is held. When event time runs no faster than the wall clock (a live stream, the
 * simulator) the periodic watermarks already come less often than this, and it changes nothing.
 *
 * <p>It has no state: a held watermark is not needed after a restart, whose sources make their
 * watermarks anew. The end of input ({@link Watermark#MAX_WATERMARK}) and an idle mark pass at
 * once, each after the held watermark.
 */
public final class ThinWatermarks<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {

  private static final long serialVersionUID = 1L;

  private final long intervalMillis;
  private transient Watermark held;
  private transient long lastForwarded;
  private transient boolean timerSet;

  public ThinWatermarks(long intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("the interval must be positive: " + intervalMillis);
    }
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    lastForwarded = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    output.collect(element);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    long now = getProcessingTimeService().getCurrentProcessingTime();
    if (mark.getTimestamp() == Long.MAX_VALUE && held != null) {
      // The end of input: the last event time reached still goes first (the live status shows it).
      forward(held, now);
    }
    if (mark.getTimestamp() == Long.MAX_VALUE
        || lastForwarded == Long.MIN_VALUE
        || now - lastForwarded >= intervalMillis) {
      forward(mark, now);
      return;
    }
    held = mark;
    if (!timerSet) {
      timerSet = true;
      getProcessingTimeService()
          .registerTimer(
              lastForwarded + intervalMillis,
              time -> {
                timerSet = false;
                if (held != null) {
                  forward(held, time);
                }
              });
    }
  }

  @Override
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    if (held != null) {
      forward(held, getProcessingTimeService().getCurrentProcessingTime());
    }
    super.processWatermarkStatus(status);
  }

  private void forward(Watermark mark, long now) throws Exception {
    held = null;
    lastForwarded = now;
    super.processWatermark(mark);
  }
}
