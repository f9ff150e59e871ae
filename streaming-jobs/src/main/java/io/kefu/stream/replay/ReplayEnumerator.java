package io.kefu.stream.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Hands each stream's split to its reader as soon as the reader registers, then tells it there is
 * nothing more. Assignment is fixed (round-robin by split index) rather than on request, because a
 * reader that holds both streams must have them at once to interleave them in event-time order.
 */
final class ReplayEnumerator implements SplitEnumerator<ReplaySplit, List<ReplaySplit>> {

  private final SplitEnumeratorContext<ReplaySplit> context;
  private final List<ReplaySplit> pending;

  ReplayEnumerator(SplitEnumeratorContext<ReplaySplit> context, List<ReplaySplit> pending) {
    this.context = context;
    this.pending = new ArrayList<>(pending);
  }

  @Override
  public void start() {}

  @Override
  public void addReader(int subtaskId) {
    int parallelism = context.currentParallelism();
    List<ReplaySplit> mine = new ArrayList<>();
    for (ReplaySplit s : List.copyOf(pending)) {
      if (s.owner(parallelism) == subtaskId) {
        mine.add(s);
        pending.remove(s);
      }
    }
    // One assignment for all of them: a reader holding two streams must see both before it
    // emits its first line, or it would run ahead in the one it got first.
    if (!mine.isEmpty()) {
      context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, mine)));
    }
    context.signalNoMoreSplits(subtaskId);
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    // Splits are pushed in addReader; readers never ask.
  }

  @Override
  public void addSplitsBack(List<ReplaySplit> splits, int subtaskId) {
    // A failed reader's splits wait here until it registers again.
    pending.addAll(splits);
  }

  @Override
  public List<ReplaySplit> snapshotState(long checkpointId) {
    return List.copyOf(pending);
  }

  @Override
  public void close() {}
}
