package io.kefu.stream.warehouse;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The live tables' one writer: a sink that must run with parallelism 1, buffers the rows it
 * receives keyed by table and key (the latest row per key wins), applies them to {@link
 * LiveWarehouse} and publishes a snapshot every {@code publishInterval}, and before every
 * checkpoint completes.
 *
 * <p>Exactly-once effect without two-phase commit: every row is a keyed upsert (or removal) of a
 * deterministic key, and the job's state and its rows are consistent at each checkpoint. Rows
 * applied after the last checkpoint of a failed run are applied again by the replay after the
 * restart, with the same keys and, once the replay has caught up, the same values; so the tables
 * end exactly as after an uninterrupted run.
 *
 * <p>The writer's checkpointed state is only the count of rows applied; its real role is the
 * signal: a writer restored from a checkpoint continues the tables, a fresh one of a replay starts
 * them empty.
 */
public final class LiveWarehouseSink implements Sink<LiveRow>, SupportsWriterState<LiveRow, Long> {

  private final String published; // a Path is not serializable
  private final Duration publishInterval;
  private final boolean resetOnFreshStart;
  private final LatencyClock latencyClock;

  /**
   * @param published the DuckDB file readers open ({@code work/demo/live.duckdb})
   * @param resetOnFreshStart a job not restored from a checkpoint starts from empty tables (a
   *     replay recomputes everything); otherwise the tables are continued
   * @param latencyClock for benchmarks: maps event time to the wall time the event was due, to
   *     measure event-to-table latency; {@code null} to measure nothing
   */
  public LiveWarehouseSink(
      Path published,
      Duration publishInterval,
      boolean resetOnFreshStart,
      LatencyClock latencyClock) {
    this.published = published.toAbsolutePath().toString();
    this.publishInterval = publishInterval;
    this.resetOnFreshStart = resetOnFreshStart;
    this.latencyClock = latencyClock;
  }

  /**
   * For benchmarks: the wall time an event was due at the source, from its event time (a replay
   * anchored to the wall clock at a speed).
   */
  public record LatencyClock(long eventOrigin, long wallOrigin, double speed)
      implements Serializable {
    public long dueAt(long eventTs) {
      return wallOrigin + (long) ((eventTs - eventOrigin) / speed);
    }
  }

  @Override
  public StatefulSinkWriter<LiveRow, Long> createWriter(WriterInitContext context)
      throws IOException {
    return writer(context, resetOnFreshStart);
  }

  @Override
  public StatefulSinkWriter<LiveRow, Long> restoreWriter(
      WriterInitContext context, Collection<Long> recoveredState) throws IOException {
    return writer(context, false);
  }

  private Writer writer(WriterInitContext context, boolean reset) throws IOException {
    if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
      throw new IllegalStateException(
          "the live warehouse has one writer: run its sink with parallelism 1");
    }
    try {
      return new Writer(
          new LiveWarehouse(Path.of(published), reset),
          context.getProcessingTimeService(),
          publishInterval.toMillis(),
          latencyClock);
    } catch (SQLException e) {
      throw new IOException("cannot open the live warehouse " + published, e);
    }
  }

  @Override
  public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Long rows) {
        return ByteBuffer.allocate(Long.BYTES).putLong(rows).array();
      }

      @Override
      public Long deserialize(int version, byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
      }
    };
  }

  static final class Writer implements StatefulSinkWriter<LiveRow, Long> {

    private final LiveWarehouse warehouse;
    private final ProcessingTimeService time;
    private final long intervalMillis;
    private final LatencyClock latencyClock;
    private final Map<LiveRow.Id, LiveRow> pending = new LinkedHashMap<>();
    private final ArrayList<Long> pendingDue = new ArrayList<>();
    private long[] latencies = new long[1024];
    private int latencyCount;
    private long measureFrom = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private boolean dirty;

    Writer(
        LiveWarehouse warehouse,
        ProcessingTimeService time,
        long intervalMillis,
        LatencyClock latencyClock) {
      this.warehouse = warehouse;
      this.time = time;
      this.intervalMillis = intervalMillis;
      this.latencyClock = latencyClock;
      schedule();
    }

    private void schedule() {
      time.registerTimer(time.getCurrentProcessingTime() + intervalMillis, t -> onTimer());
    }

    private void onTimer() {
      try {
        applyAndPublish();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot write the live warehouse", e);
      }
      schedule();
    }

    @Override
    public void write(LiveRow row, Context context) {
      pending.put(row.id(), row);
      watermark = Math.max(watermark, context.currentWatermark());
      if (latencyClock != null && context.timestamp() != null && measured(row)) {
        pendingDue.add(latencyClock.dueAt(context.timestamp()));
      }
    }

    /**
     * The watermark as it passes too, not only with the rows: the status then shows how far event
     * time got even when the last watermarks bring no row. The end of input is no event time.
     */
    @Override
    public void writeWatermark(Watermark mark) {
      if (mark.getTimestamp() != Long.MAX_VALUE) {
        watermark = Math.max(watermark, mark.getTimestamp());
      }
    }

    // Agent- and shop-minute rows, made by events as they arrive, not the waiting buyers and alerts
    // that event-time timers make: their latency is the pipeline's, not the out-of-orderness the
    // watermark waits for. (An agent-minute row can also carry a change a timer made, merged with
    // those of events: it then counts from the timer's earlier time, so the figure errs high.)
    private static boolean measured(LiveRow row) {
      return row instanceof AgentMinute || row instanceof ShopMinute;
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      try {
        apply();
        if (endOfInput) {
          publishNow();
        }
      } catch (SQLException e) {
        throw new IOException("cannot write the live warehouse", e);
      }
    }

    private void apply() throws SQLException {
      if (pending.isEmpty()) {
        return;
      }
      warehouse.apply(pending.values());
      pending.clear();
      dirty = true;
    }

    private void applyAndPublish() throws SQLException {
      apply();
      if (dirty) {
        publishNow();
      }
    }

    private void publishNow() throws SQLException {
      warehouse.publish(watermark);
      dirty = false;
      if (latencyClock != null) {
        long now = System.currentTimeMillis();
        if (measureFrom == Long.MIN_VALUE) {
          // The first publish comes after start-up and JIT warm-up; measure from 5 s later.
          measureFrom = now + 5_000;
        }
        if (now >= measureFrom) {
          for (long due : pendingDue) {
            if (latencyCount == latencies.length) {
              latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = now - due;
          }
        }
        pendingDue.clear();
      }
    }

    @Override
    public List<Long> snapshotState(long checkpointId) {
      return List.of(warehouse.rowsApplied());
    }

    @Override
    public void close() throws Exception {
      try {
        applyAndPublish();
      } finally {
        warehouse.close();
      }
      if (latencyClock != null && latencyCount > 0) {
        long[] l = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(l);
        System.out.printf(
            "event-to-table latency over %,d rows: p50 %d ms, p99 %d ms, max %d ms%n",
            l.length,
            l[l.length / 2],
            l[(int) Math.min(l.length - 1, l.length * 0.99)],
            l[l.length - 1]);
      }
    }
  }
}
