package io.kefu.stream;

import io.kefu.stream.warehouse.LiveRow;
import io.kefu.stream.warehouse.LiveWarehouseSink;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Wraps the live warehouse sink and fails the job once, mid-stream: at the first row written after
 * the barrier of the {@code afterCheckpoints}-th checkpoint reached the sink (Flink triggers a
 * checkpoint only when the one before has completed, so a checkpoint to restore from exists).
 * Records whether the writer that took over was restored from a checkpoint (in a static map: the
 * sink object is serialized to the task).
 */
final class FailOnceSink implements Sink<LiveRow>, SupportsWriterState<LiveRow, Long> {

  private static final Map<String, Boolean> FAILED = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> RESTORED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final LiveWarehouseSink delegate;
  private final int afterCheckpoints;

  FailOnceSink(LiveWarehouseSink delegate, int afterCheckpoints) {
    this.delegate = delegate;
    this.afterCheckpoints = afterCheckpoints;
    FAILED.put(id, false);
    RESTORED.put(id, false);
  }

  boolean failed() {
    return FAILED.get(id);
  }

  boolean restored() {
    return RESTORED.get(id);
  }

  @Override
  public StatefulSinkWriter<LiveRow, Long> createWriter(WriterInitContext context)
      throws IOException {
    return failing(delegate.createWriter(context));
  }

  @Override
  public StatefulSinkWriter<LiveRow, Long> restoreWriter(
      WriterInitContext context, Collection<Long> state) throws IOException {
    RESTORED.put(id, true);
    return failing(delegate.restoreWriter(context, state));
  }

  @Override
  public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
    return delegate.getWriterStateSerializer();
  }

  private StatefulSinkWriter<LiveRow, Long> failing(StatefulSinkWriter<LiveRow, Long> writer) {
    return new StatefulSinkWriter<>() {
      int barriers;

      @Override
      public void write(LiveRow row, Context ctx) throws IOException, InterruptedException {
        if (!FAILED.get(id) && barriers >= afterCheckpoints) {
          FAILED.put(id, true);
          throw new IOException("injected failure, mid-stream");
        }
        writer.write(row, ctx);
      }

      @Override
      public void flush(boolean endOfInput) throws IOException, InterruptedException {
        barriers++; // called before each checkpoint barrier is passed on
        writer.flush(endOfInput);
      }

      @Override
      public List<Long> snapshotState(long checkpointId) throws IOException {
        return writer.snapshotState(checkpointId);
      }

      @Override
      public void close() throws Exception {
        writer.close();
      }
    };
  }
}
