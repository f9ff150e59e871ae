package io.kefu.stream;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes every element on at once, and a watermark only once {@code intervalMillis} of processing
 * time have passed since the last one it sent, or once event time has moved {@code maxLagMillis}
 * past it; in between it holds back the latest one.
 *
 * <p>Why: the event-time watermarks advance with every second of event time ({@link
 * EventTimeWatermarks}), so that late-event routing depends on the input alone. A replay at full
 * speed covers days of event time in seconds: about one watermark for every two or three events,
 * each of which crosses the network to every downstream task, advances its timers and is forwarded
 * along every chain. Placed after the late-event routing, which keeps deciding on every watermark,
 * this operator leaves the stages downstream (sessions, minutes, the writer) far fewer.
 *
 * <p>Why the lag is bounded in event time too: what the stages downstream compute does not depend
 * on when their timers fire (wait alerts carry the time the limit was passed, not the time the
 * timer ran) with one exception: an event that reaches a session its idle or end timer should
 * already have closed is added to it instead of being left out. Held back without bound, the
 * watermark would trail a fast replay by up to hours of event time, and which events were added
 * would depend on the machine's speed. Bounded by the out-of-orderness, the watermark downstream
 * trails the one upstream by no more than the sources' own allowance for disorder. When event time
 * runs no faster than the wall clock (a live stream, the simulator) the periodic watermarks come
 * less often than the interval anyway, and this changes nothing.
 *
 * <p>It has no state: a held watermark is not needed after a restart, whose sources make their
 * watermarks anew. The end of input ({@link Watermark#MAX_WATERMARK}) and an idle mark pass at
 * once, each after the held watermark.
 */
public final class ThinWatermarks<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {

  private static final long serialVersionUID = 1L;

  private final long intervalMillis;
  private final long maxLagMillis;
  private transient Watermark held;
  private transient long lastForwarded;
  private transient long lastForwardedMark;
  private transient boolean timerSet;

  public ThinWatermarks(long intervalMillis, long maxLagMillis) {
    if (intervalMillis <= 0 || maxLagMillis <= 0) {
      throw new IllegalArgumentException(
          "the interval and the lag must be positive: " + intervalMillis + ", " + maxLagMillis);
    }
    this.intervalMillis = intervalMillis;
    this.maxLagMillis = maxLagMillis;
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
        || now - lastForwarded >= intervalMillis
        || mark.getTimestamp() - lastForwardedMark >= maxLagMillis) {
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
    lastForwardedMark = mark.getTimestamp();
    super.processWatermark(mark);
  }
}
