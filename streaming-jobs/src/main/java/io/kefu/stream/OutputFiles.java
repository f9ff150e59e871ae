package io.kefu.stream;

import java.nio.file.Path;
import java.time.ZoneId;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * The production sinks: JSON Lines files in one output folder, named {@code <prefix>-<writer
 * id>-<n>.jsonl}. Flink's {@link FileSink} writes hidden in-progress files and makes them visible
 * only at a completed checkpoint (or the end of a replay), so a reader never sees a half-written
 * file and a restarted job never leaves duplicates behind.
 */
public final class OutputFiles {

  public static final String DEAD_LETTER_PREFIX = "dead-letter";
  public static final String LATE_EVENTS_PREFIX = "late-events";
  public static final String ACCEPTED_COUNTS_PREFIX = "accepted-counts";

  private OutputFiles() {}

  public static FileSink<DeadLetter> deadLetters(Path dir) {
    return jsonLines(dir, DEAD_LETTER_PREFIX, new JsonLines.DeadLetterEncoder());
  }

  public static FileSink<LateEvent> lateEvents(Path dir, ZoneId zone) {
    return jsonLines(dir, LATE_EVENTS_PREFIX, new JsonLines.LateEventEncoder(zone));
  }

  public static FileSink<AcceptedCount> acceptedCounts(Path dir, ZoneId zone) {
    return jsonLines(dir, ACCEPTED_COUNTS_PREFIX, new JsonLines.AcceptedCountEncoder(zone));
  }

  static <T> FileSink<T> jsonLines(Path dir, String prefix, Encoder<T> encoder) {
    return FileSink.forRowFormat(
            new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri()), encoder)
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withOutputFileConfig(
            OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".jsonl").build())
        .build();
  }
}
