package io.kefu.stream.replay;

import io.kefu.core.io.ByteLines;
import io.kefu.stream.RawLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Replays the splits (streams) it was given, line by line, in the order the lines were logged. When
 * it holds more than one stream it always emits the line with the earliest event time next, so the
 * streams interleave as they happened instead of one running days ahead of the other; at a speed
 * factor it waits until each line is due. Runs in the task thread: it never blocks, it returns
 * {@link InputStatus#NOTHING_AVAILABLE} and completes {@link #isAvailable()} when the next line is
 * due.
 */
final class ReplayReader implements SourceReader<RawLine, ReplaySplit> {

  private final double speed;
  private final long sourceEventOrigin;
  private final List<Cursor> cursors = new ArrayList<>();
  private boolean noMoreSplits;
  private ReplayClock clock;
  private CompletableFuture<Void> available = CompletableFuture.completedFuture(null);

  ReplayReader(double speed, long sourceEventOrigin) {
    this.speed = speed;
    this.sourceEventOrigin = sourceEventOrigin;
  }

  /** A reader whose clock is fixed in advance (a replay anchored to the wall clock). */
  ReplayReader(double speed, ReplayClock anchoredClock) {
    this(speed, anchoredClock.eventOrigin());
    this.clock = anchoredClock;
  }

  @Override
  public void start() {}

  @Override
  public InputStatus pollNext(ReaderOutput<RawLine> output) throws IOException {
    Cursor next = earliest();
    if (next == null) {
      return noMoreSplits ? InputStatus.END_OF_INPUT : waitForSplits();
    }
    if (speed > 0) {
      long wait = dueIn(next);
      if (wait > 0) {
        return waitFor(wait);
      }
    }
    output.collect(next.take());
    return InputStatus.MORE_AVAILABLE;
  }

  /** The stream whose next line happened first; {@code null} when every stream is done. */
  private Cursor earliest() throws IOException {
    for (int i = cursors.size() - 1; i >= 0; i--) {
      if (!cursors.get(i).hasNext()) {
        cursors.remove(i);
      }
    }
    if (cursors.size() == 1) {
      return cursors.get(0);
    }
    Cursor best = null;
    for (Cursor c : cursors) {
      if (best == null || c.nextTime() < best.nextTime()) {
        best = c;
      }
    }
    return best;
  }

  /** Milliseconds until the cursor's next line is due at the replay speed. */
  private long dueIn(Cursor c) {
    long ts = c.nextTime();
    if (ts == LineTimes.UNKNOWN) {
      return 0;
    }
    long now = System.currentTimeMillis();
    if (clock == null) {
      clock = new ReplayClock(eventOrigin(ts), now, speed);
    }
    return clock.dueAt(ts) - now;
  }

  // A fresh replay starts every reader from the same event time, so parallel readers stay in step;
  // a restored one starts from where it stands, or it would wait out the time already replayed.
  private long eventOrigin(long firstTs) {
    boolean fresh = cursors.stream().allMatch(c -> c.split.atStart());
    return fresh && sourceEventOrigin != LineTimes.UNKNOWN ? sourceEventOrigin : firstTs;
  }

  private InputStatus waitFor(long millis) {
    CompletableFuture<Void> due = new CompletableFuture<>();
    available = due;
    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)
        .execute(() -> due.complete(null));
    return InputStatus.NOTHING_AVAILABLE;
  }

  private InputStatus waitForSplits() {
    if (available.isDone()) {
      available = new CompletableFuture<>();
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public List<ReplaySplit> snapshotState(long checkpointId) {
    List<ReplaySplit> positions = new ArrayList<>(cursors.size());
    for (Cursor c : cursors) {
      positions.add(c.position());
    }
    return positions;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<ReplaySplit> splits) {
    for (ReplaySplit s : splits) {
      cursors.add(new Cursor(s));
    }
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() throws IOException {
    for (Cursor c : cursors) {
      c.close();
    }
    available.complete(null);
  }

  /** A position in one split: its file, its line, and the next line read ahead. */
  private static final class Cursor {
    private final ReplaySplit split;
    private int fileIndex;
    private long linesDone;
    private ByteLines in;
    private RawLine next;
    private long nextTime;
    private boolean nextTimeKnown;

    Cursor(ReplaySplit split) {
      this.split = split;
      this.fileIndex = split.fileIndex();
      this.linesDone = split.linesDone();
    }

    boolean hasNext() throws IOException {
      while (next == null) {
        if (fileIndex >= split.files().size()) {
          return false;
        }
        String file = split.files().get(fileIndex);
        if (in == null) {
          in = new ByteLines(Files.newInputStream(Path.of(file)), file);
          skip(linesDone);
        }
        if (!in.next()) {
          close();
          fileIndex++;
          linesDone = 0;
          continue;
        }
        int from = in.offset();
        next =
            RawLine.ofUtf8(
                file, linesDone + 1, Arrays.copyOfRange(in.buffer(), from, from + in.length()));
        nextTimeKnown = false;
      }
      return true;
    }

    // Peeked only when needed: a reader holding a single stream at full speed never looks.
    long nextTime() {
      if (!nextTimeKnown) {
        nextTime = LineTimes.peekEpochMillis(next.utf8());
        nextTimeKnown = true;
      }
      return nextTime;
    }

    RawLine take() {
      RawLine line = next;
      next = null;
      linesDone++;
      return line;
    }

    ReplaySplit position() {
      return new ReplaySplit(split.stream(), split.index(), split.files(), fileIndex, linesDone);
    }

    private void skip(long lines) throws IOException {
      for (long i = 0; i < lines && in.next(); i++) {
        // restoring: these lines were emitted before the checkpoint
      }
    }

    void close() throws IOException {
      if (in != null) {
        in.close();
        in = null;
      }
    }
  }
}
