package io.kefu.stream.warehouse;

import static io.kefu.stream.warehouse.LiveWarehouseTest.minute;
import static io.kefu.stream.warehouse.LiveWarehouseTest.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's hand-over between the task's thread and its DuckDB thread: the task never waits for
 * a batch being written, except before a checkpoint barrier and at the end, when every row it
 * received must be in the tables.
 */
@Timeout(20) // a task that waits for the held writer thread would wait forever
class LiveWarehouseSinkTest {

  @TempDir Path dir;

  private final ManualTime time = new ManualTime();
  private final CountDownLatch release = new CountDownLatch(1);
  private ExecutorService writerThread;

  @AfterEach
  void stop() {
    release.countDown();
    if (writerThread != null) {
      writerThread.shutdownNow();
    }
  }

  private LiveWarehouseSink.Writer writer(Path published) throws Exception {
    writerThread = LiveWarehouseSink.writerThread();
    return new LiveWarehouseSink.Writer(
        new LiveWarehouse(published, true), writerThread, time, 1000, null);
  }

  /** Occupies the writer thread until {@link #release} opens: a slow DuckDB checkpoint. */
  private void holdWriterThread() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    writerThread.submit(
        () -> {
          started.countDown();
          release.await();
          return null;
        });
    assertTrue(started.await(10, TimeUnit.SECONDS));
  }

  @Test
  void theTaskGoesOnWhileABatchIsWrittenAndACheckpointWaitsForEveryRow() throws Exception {
    Path published = dir.resolve("live.duckdb");
    LiveSinkWriterUnderTest w = new LiveSinkWriterUnderTest(writer(published));
    holdWriterThread();

    w.write(minute(1, false));
    w.write(waiting(false));
    time.fire(); // hands the first batch over; the writer thread is busy: it waits in the queue
    w.write(minute(2, false)); // the task reads on meanwhile
    time.fire(); // a batch is still in hand: nothing handed over, the row waits
    w.write(minute(3, false)); // and is replaced by the key's next row
    assertEquals(2, time.fired, "each timer returned at once and scheduled the next");

    release.countDown();
    w.writer.flush(false); // before a checkpoint barrier: waits until every row is applied
    assertEquals(List.of(3L), w.writer.snapshotState(1), "2 rows, then 1: every row is in");

    w.writer.close();
    try (Connection c = readOnly(published);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT turns FROM live_agent_minute")) {
      assertTrue(r.next());
      assertEquals(3, r.getInt(1), "the last row of the key, published at the close");
      assertFalse(r.next());
    }
    // The close waited for the file to be closed: a restarted writer can open it at once.
    try (LiveWarehouse again = new LiveWarehouse(published, false)) {
      assertEquals(0, again.rowsApplied());
    }
  }

  @Test
  void aFailureOnTheWriterThreadFailsTheTaskAndNothingIsPublishedAfterIt() throws Exception {
    Path published = dir.resolve("live.duckdb");
    LiveSinkWriterUnderTest w = new LiveSinkWriterUnderTest(writer(published));
    w.write(minute(1, false));
    time.fire(); // applied and published
    w.writer.flush(false);
    // A row with a value DuckDB has no mapping for: the batch fails on the writer thread.
    w.write(
        new LiveRow() {
          @Override
          public LiveTable table() {
            return LiveTable.WAITING;
          }

          @Override
          public String key() {
            return "unstorable";
          }

          @Override
          public boolean deleted() {
            return false;
          }

          @Override
          public Object[] values() {
            Object[] v = waiting(false).values();
            v[0] = new Object();
            return v;
          }
        });
    time.fire();
    w.write(minute(2, false)); // after the failed batch
    IOException e = assertThrows(IOException.class, () -> w.writer.flush(false));
    assertTrue(e.getMessage().contains("cannot write the live warehouse"), e.getMessage());
    assertThrows(IOException.class, w.writer::close, "the failure is never lost");
    try (Connection c = readOnly(published);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT turns FROM live_agent_minute")) {
      assertTrue(r.next());
      assertEquals(1, r.getInt(1), "no row after a failed batch is published without it");
    }
    try (LiveWarehouse again = new LiveWarehouse(published, false)) {
      assertEquals(0, again.rowsApplied());
    }
  }

  private static Connection readOnly(Path file) throws Exception {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + file, p);
  }

  /** The writer and a sink context with no event time. */
  private record LiveSinkWriterUnderTest(LiveWarehouseSink.Writer writer) {
    void write(LiveRow row) {
      writer.write(
          row,
          new SinkWriter.Context() {
            @Override
            public long currentWatermark() {
              return 60_000;
            }

            @Override
            public Long timestamp() {
              return null;
            }
          });
    }
  }

  /** Processing time the test moves: {@link #fire} runs the one timer the writer keeps. */
  private static final class ManualTime implements ProcessingTimeService {
    private final List<ProcessingTimeCallback> timers = new ArrayList<>();
    private long now;
    int fired;

    @Override
    public long getCurrentProcessingTime() {
      return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
      timers.add(callback);
      return null;
    }

    void fire() throws Exception {
      assertEquals(1, timers.size(), "one timer at a time");
      ProcessingTimeCallback t = timers.remove(0);
      now += 1000;
      t.onProcessingTime(now);
      fired++;
    }
  }
}
