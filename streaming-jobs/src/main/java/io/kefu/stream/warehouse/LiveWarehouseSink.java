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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    LiveWarehouse warehouse;
    try {
      warehouse = new LiveWarehouse(Path.of(published), reset);
    } catch (SQLException e) {
      throw new IOException("cannot open the live warehouse " + published, e);
    }
    ExecutorService thread = writerThread();
    try {
      return new Writer(
          warehouse,
          thread,
          context.getProcessingTimeService(),
          publishInterval.toMillis(),
          latencyClock);
    } catch (RuntimeException e) {
      // Nobody else would close them: the file would stay locked for a restarted writer.
      thread.shutdown();
      try {
        warehouse.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
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

  /** The one thread that touches a writer's {@link LiveWarehouse}. */
  static ExecutorService writerThread() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "live warehouse writer");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Collects rows on the task's thread and has DuckDB write them on a thread of its own. Applying a
   * batch and publishing the file (a DuckDB checkpoint and a copy of the whole file) takes from a
   * few tens of milliseconds on a quiet shop to over half a second on a full-speed replay; done on
   * the task's thread, the task would read nothing meanwhile and the whole job would stall behind
   * it. So one batch is written at a time in the background while the task goes on collecting the
   * next, the latest row per key; a timer that comes while a batch is still being written hands
   * nothing over, and the rows wait for the next one. The writer thread is the only one that
   * touches the {@link LiveWarehouse}.
   *
   * <p>Before every checkpoint barrier ({@link #flush}) and at the end the task waits until every
   * row it received is applied: a checkpoint never covers a row the tables do not have.
   */
  static final class Writer implements StatefulSinkWriter<LiveRow, Long> {

    private final LiveWarehouse warehouse;
    private final ExecutorService writerThread;
    private final ProcessingTimeService time;
    private final long intervalMillis;
    // Owned by the writer thread: a publish is due only after rows were applied.
    private boolean dirty;
    private final Latencies latencies;
    // Owned by the task's thread.
    private Map<LiveRow.Id, LiveRow> pending = new LinkedHashMap<>();
    private ArrayList<Long> pendingDue = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    private Future<?> inHand = CompletableFuture.completedFuture(null);

    Writer(
        LiveWarehouse warehouse,
        ExecutorService writerThread,
        ProcessingTimeService time,
        long intervalMillis,
        LatencyClock latencyClock) {
      this.warehouse = warehouse;
      this.writerThread = writerThread;
      this.time = time;
      this.intervalMillis = intervalMillis;
      this.latencies = latencyClock == null ? null : new Latencies(latencyClock);
      schedule();
    }

    private void schedule() {
      time.registerTimer(time.getCurrentProcessingTime() + intervalMillis, t -> onTimer());
    }

    private void onTimer() throws IOException, InterruptedException {
      if (inHand.isDone()) {
        await(); // a failure in the writer thread fails the task here
        inHand = writerThread.submit(handOver(true));
      }
      schedule();
    }

    @Override
    public void write(LiveRow row, Context context) {
      pending.put(row.id(), row);
      watermark = Math.max(watermark, context.currentWatermark());
      if (latencies != null && context.timestamp() != null && measured(row)) {
        pendingDue.add(latencies.clock.dueAt(context.timestamp()));
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

    /** Waits for the batch in hand, then applies (and at the end publishes) the rest. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      await();
      inHand = writerThread.submit(handOver(endOfInput));
      await();
    }

    /** The rows received so far, as a task for the writer thread; the task starts a new batch. */
    private Callable<Void> handOver(boolean publish) {
      boolean any = !pending.isEmpty();
      Collection<LiveRow> rows = any ? pending.values() : List.of();
      List<Long> due = any ? pendingDue : List.of();
      if (any) {
        pending = new LinkedHashMap<>();
        pendingDue = new ArrayList<>();
      }
      long mark = watermark;
      return () -> {
        if (!rows.isEmpty()) {
          warehouse.apply(rows);
          dirty = true;
        }
        if (publish && dirty) {
          warehouse.publish(mark);
          dirty = false;
          if (latencies != null) {
            latencies.published(due);
          }
        } else if (latencies != null) {
          latencies.carry(due);
        }
        return null;
      };
    }

    /** The failure of a finished task, or null. */
    private static Throwable failure(Future<?> done) {
      try {
        done.get();
        return null;
      } catch (ExecutionException e) {
        return e.getCause();
      } catch (InterruptedException e) {
        throw new IllegalStateException("only called on a finished task", e);
      }
    }

    private void await() throws IOException, InterruptedException {
      try {
        inHand.get();
      } catch (ExecutionException e) {
        throw new IOException("cannot write the live warehouse", e.getCause());
      }
    }

    @Override
    public List<Long> snapshotState(long checkpointId) {
      // flush() ran just before, and waited: the count is the writer thread's last.
      return List.of(warehouse.rowsApplied());
    }

    @Override
    public void close() throws Exception {
      // Every row applied and the file closed before this returns, even when interrupted: a
      // restarted writer opens the same file. After a failed batch nothing more is applied or
      // published: the tables would show later rows without the failed batch's.
      Callable<Void> last = handOver(true);
      Future<?> before = inHand;
      Future<?> closing =
          writerThread.submit(
              () -> {
                // The writer thread runs one task after another: the batch before is done.
                Exception failed = null;
                if (failure(before) == null) {
                  try {
                    last.call();
                  } catch (Exception e) {
                    failed = e;
                  }
                }
                try {
                  warehouse.close();
                } catch (Exception e) {
                  if (failed == null) {
                    failed = e;
                  } else {
                    failed.addSuppressed(e);
                  }
                }
                if (failed != null) {
                  throw failed;
                }
                return null;
              });
      writerThread.shutdown();
      Throwable closeFailure = null;
      boolean interrupted = false;
      while (true) {
        try {
          closing.get();
          break;
        } catch (ExecutionException e) {
          closeFailure = e.getCause();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      // A batch's failure is most likely reported already (onTimer or flush), failing the task;
      // it is never lost here.
      Throwable failure = failure(before);
      if (failure == null) {
        failure = closeFailure;
      } else if (closeFailure != null) {
        failure.addSuppressed(closeFailure);
      }
      if (failure != null) {
        throw new IOException("cannot write the live warehouse", failure);
      }
      if (latencies != null) {
        latencies.print();
      }
    }
  }

  /**
   * For benchmarks: the event-to-table latency of each measured row, from the time its event was
   * due at the source to the publish that made it visible. Touched by the writer thread only (and
   * printed after it finished).
   */
  private static final class Latencies {
    private final LatencyClock clock;
    private final ArrayList<Long> carried = new ArrayList<>();
    private long[] values = new long[1024];
    private int count;
    private long measureFrom = Long.MIN_VALUE;

    Latencies(LatencyClock clock) {
      this.clock = clock;
    }

    /** Rows applied but not yet published go with the next publish. */
    void carry(List<Long> due) {
      carried.addAll(due);
    }

    void published(List<Long> due) {
      long now = System.currentTimeMillis();
      if (measureFrom == Long.MIN_VALUE) {
        // The first publish comes after start-up and JIT warm-up; measure from 5 s later.
        measureFrom = now + 5_000;
      }
      if (now >= measureFrom) {
        record(now, carried);
        record(now, due);
      }
      carried.clear();
    }

    private void record(long now, List<Long> due) {
      for (long d : due) {
        if (count == values.length) {
          values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = now - d;
      }
    }

    void print() {
      if (count == 0) {
        return;
      }
      long[] l = Arrays.copyOf(values, count);
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
