package io.kefu.stream;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * An operator that holds some of its output back and sends it all ({@link #flush()}) before every
 * watermark or idle mark it forwards, before every checkpoint barrier and at the end of the input.
 * So downstream never sees a watermark ahead of an element that came before it, a task that goes
 * idle holds nothing the others' watermarks could overtake, and a checkpoint never finds anything
 * held: the operator needs no state, and a restart neither loses nor repeats anything.
 *
 * @param <I> what comes in
 * @param <O> what goes out
 */
public abstract class HeldOutput<I, O> extends AbstractStreamOperator<O>
    implements OneInputStreamOperator<I, O> {

  private static final long serialVersionUID = 1L;

  /** Sends on everything held. */
  protected abstract void flush();

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    flush();
    super.processWatermarkStatus(status);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }
}
