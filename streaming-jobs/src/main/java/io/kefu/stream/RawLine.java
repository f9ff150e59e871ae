package io.kefu.stream;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One input line as it arrived, before parsing: the unit every count of the job is made of (read =
 * accepted + dead-lettered). A line read from a file is kept as its UTF-8 bytes and parsed without
 * being decoded; it is decoded only when its text is asked for (a dead letter).
 *
 * @param origin where it came from: the event file's path, or {@code topic-partition} for Kafka
 * @param offset the line number in the file (from 1), or the Kafka offset
 * @param text the line without its terminator; {@code null} for a Kafka record without a value, or
 *     when the line is given as {@code utf8}
 * @param utf8 the line's bytes without its terminator, or {@code null} when given as {@code text}
 */
public record RawLine(String origin, long offset, String text, byte[] utf8) {

  public RawLine(String origin, long offset, String text) {
    this(origin, offset, text, null);
  }

  /** A line read as bytes. */
  public static RawLine ofUtf8(String origin, long offset, byte[] utf8) {
    return new RawLine(origin, offset, null, utf8);
  }

  /**
   * The line's text; a line read as bytes is decoded, undecodable bytes becoming U+FFFD as the text
   * readers of event files do.
   */
  @Override
  public String text() {
    return text != null || utf8 == null ? text : new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawLine r
        && offset == r.offset
        && Objects.equals(origin, r.origin)
        && Objects.equals(text(), r.text());
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, offset, text());
  }

  @Override
  public String toString() {
    return "RawLine[" + origin + ":" + offset + " " + text() + "]";
  }
}
