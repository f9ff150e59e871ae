package io.kefu.stream.replay;

import io.kefu.core.event.EventType;
import io.kefu.core.io.EventFiles;
import io.kefu.stream.RawLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Replays a folder of event files as if the events were arriving now: the chat and the order stream
 * each become one split, read file by file in name (that is, day) order and line by line, gzip or
 * not, optionally paced to a speed factor of event time. Bounded: the job ends when the files do.
 * Positions are checkpointed, so a restarted replay continues where it stopped.
 *
 * <p>A FLIP-27 source rather than Flink's {@code FileSource}: the file source hands files to
 * readers in no particular order and cannot pace, while a replay must keep each stream in its
 * logged order and interleave the two by event time, or most events would look late.
 */
public final class ReplaySource
    implements Source<RawLine, ReplaySplit, List<ReplaySplit>>, ResultTypeQueryable<RawLine> {

  /** {@link #wallOrigin} when the replay starts its clock when it reads its first line. */
  static final long NOT_ANCHORED = Long.MIN_VALUE;

  private final List<ReplaySplit> splits;
  private final double speed;
  private final long eventOrigin;
  private final long wallOrigin;

  ReplaySource(List<ReplaySplit> splits, double speed, long eventOrigin, long wallOrigin) {
    this.splits = List.copyOf(splits);
    this.speed = speed;
    this.eventOrigin = eventOrigin;
    this.wallOrigin = wallOrigin;
  }

  /**
   * A replay of every event file under {@code dir}.
   *
   * @param speed event time per wall time; 60 = one hour per minute, 0 = as fast as possible
   * @throws IOException when the folder cannot be listed or holds no event file
   */
  public static ReplaySource of(Path dir, double speed) throws IOException {
    List<ReplaySplit> splits = new ArrayList<>();
    long origin = LineTimes.UNKNOWN;
    for (EventType.Stream stream : EventType.Stream.values()) {
      List<Path> files = EventFiles.list(dir, stream);
      if (files.isEmpty()) {
        continue;
      }
      splits.add(
          ReplaySplit.atStart(
              stream.filePrefix(),
              splits.size(),
              // Absolute: on a cluster the files are read by task managers, whose working folder
              // is not this one.
              files.stream().map(p -> p.toAbsolutePath().toString()).toList()));
      origin = earliest(origin, firstTime(files.get(0)));
    }
    if (splits.isEmpty()) {
      throw new IOException("no chat-events*.jsonl[.gz] or order-events*.jsonl[.gz] under " + dir);
    }
    return new ReplaySource(splits, speed, origin, NOT_ANCHORED);
  }

  /**
   * A replay anchored to the wall clock: the event at {@code eventOrigin} is due at wall time
   * {@code wallOrigin}, later events {@code speed} times faster than real time, earlier ones at
   * once. With both origins "now" and speed 1, every event is emitted when the clock reaches its
   * time: a live simulation. A restored replay keeps the same anchor.
   */
  public ReplaySource anchored(long eventOrigin, long wallOrigin) {
    return new ReplaySource(splits, speed, eventOrigin, wallOrigin);
  }

  /** The event time the replay's clock starts from: the earliest first event of its streams. */
  public long eventOrigin() {
    return eventOrigin;
  }

  /** The splits, one per stream that has files. */
  public List<ReplaySplit> splits() {
    return splits;
  }

  // The first readable time of a stream: the replay's clock starts at the earlier of the two
  // streams' first events, so both readers map event time to wall time alike.
  private static long firstTime(Path file) throws IOException {
    try (BufferedReader in = EventFiles.open(file)) {
      String line;
      for (int n = 0; n < 1000 && (line = in.readLine()) != null; n++) {
        long ts = LineTimes.peekEpochMillis(line);
        if (ts != LineTimes.UNKNOWN) {
          return ts;
        }
      }
    }
    return LineTimes.UNKNOWN;
  }

  private static long earliest(long a, long b) {
    if (a == LineTimes.UNKNOWN) {
      return b;
    }
    return b == LineTimes.UNKNOWN ? a : Math.min(a, b);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<RawLine, ReplaySplit> createReader(SourceReaderContext readerContext) {
    return wallOrigin == NOT_ANCHORED
        ? new ReplayReader(speed, eventOrigin)
        : new ReplayReader(speed, new ReplayClock(eventOrigin, wallOrigin, speed));
  }

  @Override
  public SplitEnumerator<ReplaySplit, List<ReplaySplit>> createEnumerator(
      SplitEnumeratorContext<ReplaySplit> context) {
    return new ReplayEnumerator(context, splits);
  }

  @Override
  public SplitEnumerator<ReplaySplit, List<ReplaySplit>> restoreEnumerator(
      SplitEnumeratorContext<ReplaySplit> context, List<ReplaySplit> pending) {
    return new ReplayEnumerator(context, pending);
  }

  @Override
  public SimpleVersionedSerializer<ReplaySplit> getSplitSerializer() {
    return new ReplaySplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<List<ReplaySplit>> getEnumeratorCheckpointSerializer() {
    return new ReplaySplitSerializer.Pending();
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return TypeInformation.of(RawLine.class);
  }
}
