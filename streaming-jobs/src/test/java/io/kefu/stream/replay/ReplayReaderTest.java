package io.kefu.stream.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kefu.stream.RawLine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay reader: order of lines, interleaving of streams, pacing and restore. */
class ReplayReaderTest {

  static final Instant BEGINNING = Instant.parse("2026-11-02T02:00:00Z");

  @TempDir Path dir;

  @Test
  void shouldInterleaveTwoStreamsByEventTime() throws IOException {
    write("chat-events-2026-11-02.jsonl", line("c1", 0), line("c2", 20), line("c3", 40));
    write("order-events-2026-11-02.jsonl", line("o1", 10), line("o2", 30));
    ReplaySource source = ReplaySource.of(dir, 0);

    assertEquals(List.of("c1", "o1", "c2", "o2", "c3"), ids(readAll(reader(source.splits()))));
  }

  @Test
  void shouldKeepAStreamsLoggedOrderAcrossFilesAndGzip() throws IOException {
    write("chat-events-2026-11-02.jsonl", line("c1", 0), line("c2", 50), line("c3", 20));
    writeGz("chat-events-2026-11-03.jsonl.gz", line("c4", 10), "not json at all", line("c5", 60));
    ReplaySource source = ReplaySource.of(dir, 0);

    List<RawLine> lines = readAll(reader(source.splits()));
    assertEquals(List.of("c1", "c2", "c3", "c4", "?", "c5"), ids(lines));
    assertEquals(2, lines.get(4).offset());
    assertEquals(dir.resolve("chat-events-2026-11-03.jsonl.gz").toString(), lines.get(4).origin());
  }

  @Test
  void shouldContinueAfterARestoreWithTheNextLine() throws IOException {
    write("chat-events-2026-11-02.jsonl", line("c1", 0), line("c2", 20));
    write("chat-events-2026-11-03.jsonl", line("c3", 30), line("c4", 40));
    write("order-events-2026-11-02.jsonl", line("o1", 10), line("o2", 35));
    ReplaySource source = ReplaySource.of(dir, 0);

    ReplayReader first = reader(source.splits());
    Collector out = new Collector();
    for (int i = 0; i < 3; i++) {
      first.pollNext(out);
    }
    List<ReplaySplit> checkpoint = first.snapshotState(1);
    List<RawLine> rest = readAll(reader(checkpoint));

    assertEquals(List.of("c1", "o1", "c2"), ids(out.lines));
    assertEquals(List.of("c3", "o2", "c4"), ids(rest));
  }

  @Test
  void shouldWaitUntilALineIsDueAtTheReplaySpeed() throws Exception {
    write("chat-events-2026-11-02.jsonl", line("c1", 0), line("c2", 3600));
    ReplaySource source = ReplaySource.of(dir, 1);
    ReplayReader reader = reader(source.splits(), 1);
    Collector out = new Collector();

    assertEquals(InputStatus.MORE_AVAILABLE, reader.pollNext(out));
    assertEquals(InputStatus.NOTHING_AVAILABLE, reader.pollNext(out));
    assertFalse(reader.isAvailable().isDone());
    assertEquals(List.of("c1"), ids(out.lines));
    reader.close();
  }

  @Test
  void theClockMapsEventTimeOntoWallTimeAtTheSpeed() {
    ReplayClock sixty = new ReplayClock(1_000_000, 5_000, 60);
    assertEquals(5_000 + 60_000, sixty.dueAt(1_000_000 + 3_600_000));
    assertEquals(5_000, sixty.dueAt(999_000));
    assertEquals(5_000, sixty.dueAt(LineTimes.UNKNOWN));
    assertEquals(5_000, new ReplayClock(1_000_000, 5_000, 0).dueAt(9_999_999_999L));
  }

  // ---------------------------------------------------------------- helpers

  static String line(String id, int secondsAfterBeginning) {
    return "{\"event_id\":\""
        + id
        + "\",\"type\":\"message\",\"ts\":\""
        + BEGINNING.plusSeconds(secondsAfterBeginning)
        + "\",\"shop_id\":\"s\",\"session_id\":\"x\",\"buyer_id\":\"b\",\"sender\":\"buyer\"}";
  }

  void write(String name, String... lines) throws IOException {
    Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  void writeGz(String name, String... lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  static ReplayReader reader(List<ReplaySplit> splits) {
    return reader(splits, 0);
  }

  static ReplayReader reader(List<ReplaySplit> splits, double speed) {
    ReplayReader reader = new ReplayReader(speed, LineTimes.UNKNOWN);
    reader.start();
    reader.addSplits(splits);
    reader.notifyNoMoreSplits();
    return reader;
  }

  static List<RawLine> readAll(ReplayReader reader) throws IOException {
    Collector out = new Collector();
    while (reader.pollNext(out) != InputStatus.END_OF_INPUT) {
      // the reader at speed 0 never waits
    }
    reader.close();
    return out.lines;
  }

  static List<String> ids(List<RawLine> lines) {
    List<String> ids = new ArrayList<>();
    for (RawLine l : lines) {
      int at = l.text().indexOf("\"event_id\":\"");
      ids.add(at < 0 ? "?" : l.text().substring(at + 12, l.text().indexOf('"', at + 12)));
    }
    return ids;
  }

  /** A reader output that keeps the lines. */
  static final class Collector implements ReaderOutput<RawLine> {
    final List<RawLine> lines = new ArrayList<>();

    @Override
    public void collect(RawLine record) {
      lines.add(record);
    }

    @Override
    public void collect(RawLine record, long timestamp) {
      lines.add(record);
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<RawLine> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }
}
