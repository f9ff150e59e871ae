package io.kefu.stream.replay;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One stream's files, replayed in order by one reader, and how far the replay has got: the unit of
 * work and of checkpointed position of a {@link ReplaySource}.
 *
 * @param stream the stream's file prefix ({@code chat-events}); the split's id
 * @param index the stream's position among the source's splits; decides which reader gets it
 * @param files the stream's event files, in replay order
 * @param fileIndex the file being read
 * @param linesDone lines of that file already emitted
 */
public record ReplaySplit(
    String stream, int index, List<String> files, int fileIndex, long linesDone)
    implements SourceSplit, Serializable {

  public ReplaySplit {
    files = List.copyOf(files);
  }

  @Override
  public String splitId() {
    return stream;
  }

  /** A split at the very start of its files. */
  public static ReplaySplit atStart(String stream, int index, List<String> files) {
    return new ReplaySplit(stream, index, files, 0, 0);
  }

  /** Whether nothing of it has been read yet. */
  public boolean atStart() {
    return fileIndex == 0 && linesDone == 0;
  }

  /** The reader that replays this split: splits are spread round-robin over the readers. */
  public int owner(int parallelism) {
    return index % parallelism;
  }
}
