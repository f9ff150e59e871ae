package io.kefu.core.io;

import io.kefu.core.event.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The file form of the event contract: which files under a folder are event files ({@code
 * chat-events*.jsonl[.gz]}, {@code order-events*.jsonl[.gz]}), and reading them line by line with
 * the file and line number every rejection must carry. Undecodable bytes become U+FFFD so that a
 * broken line is rejected by the parser, never fatal to the reader.
 */
public final class EventFiles {

  private EventFiles() {}

  /** One line of an event file. {@code lineNo} counts from 1. */
  public record Line(Path file, long lineNo, String text) {}

  /** A consumer that may fail with an I/O error. */
  @FunctionalInterface
  public interface LineConsumer {
    void accept(Line line) throws IOException;
  }

  /** Event files of one stream under {@code dir} (recursively), sorted by path. */
  public static List<Path> list(Path dir, EventType.Stream stream) throws IOException {
    if (Files.isRegularFile(dir)) {
      return matches(dir, stream) ? List.of(dir) : List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw new IOException("no such folder: " + dir);
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> matches(p, stream))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
  }

  /** All event files of both streams under {@code dir}, chat first. */
  public static List<Path> list(Path dir) throws IOException {
    List<Path> all = new ArrayList<>();
    for (EventType.Stream s : EventType.Stream.values()) {
      all.addAll(list(dir, s));
    }
    return all;
  }

  static boolean matches(Path p, EventType.Stream stream) {
    String name = p.getFileName().toString();
    return name.startsWith(stream.filePrefix())
        && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"));
  }

  /** Opens a file as UTF-8 text, un-gzipping {@code .gz} files. */
  public static BufferedReader open(Path file) throws IOException {
    return reader(Files.newInputStream(file), file.getFileName().toString());
  }

  /**
   * The lines of an event file's bytes, from any file system: un-gzipped when {@code name} ends in
   * {@code .gz}; undecodable bytes become U+FFFD so that the parser rejects the line.
   */
  public static BufferedReader reader(InputStream raw, String name) throws IOException {
    InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new BufferedReader(
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
        1 << 16);
  }

  /** Feeds every line of {@code file} to {@code consumer}, in order. */
  public static void forEachLine(Path file, LineConsumer consumer) throws IOException {
    try (BufferedReader r = open(file)) {
      String text;
      long n = 0;
      while ((text = r.readLine()) != null) {
        consumer.accept(new Line(file, ++n, text));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
