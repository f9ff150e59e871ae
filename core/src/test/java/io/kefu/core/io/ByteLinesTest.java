package io.kefu.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.EventParser;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Byte lines end where BufferedReader's lines end, and parse to the same events or rejections. */
class ByteLinesTest {

  private static List<String> byteLines(byte[] data, String name) throws IOException {
    List<String> out = new ArrayList<>();
    try (ByteLines lines = new ByteLines(new ByteArrayInputStream(data), name)) {
      while (lines.next()) {
        out.add(new String(lines.buffer(), lines.offset(), lines.length(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static List<String> readerLines(byte[] data, String name) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = EventFiles.reader(new ByteArrayInputStream(data), name)) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void endsLinesWhereBufferedReaderDoes() throws IOException {
    String[] cases = {
      "", "\n", "a", "a\n", "a\r", "a\r\n", "a\n\nb", "a\r\rb\r\n\r\nc", "\r\n\r\n", "x\n\r\ny"
    };
    for (String c : cases) {
      byte[] b = c.getBytes(StandardCharsets.UTF_8);
      assertEquals(readerLines(b, "f.jsonl"), byteLines(b, "f.jsonl"), c.replace("\r", "\\r"));
    }
  }

  @Test
  void randomTextAcrossBufferBoundariesAndLongLines() throws IOException {
    Random rnd = new Random(42);
    String[] pieces = {"\n", "\r", "\r\n", "abc", "客服", "{\"a\":1}"};
    for (int round = 0; round < 30; round++) {
      StringBuilder text = new StringBuilder();
      int n = 200 + rnd.nextInt(30_000);
      for (int i = 0; i < n; i++) {
        text.append(pieces[rnd.nextInt(pieces.length)]);
      }
      if (round % 5 == 0) {
        text.append("x".repeat(70_000 + round)).append("\r");
      }
      byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
      assertEquals(readerLines(b, "f.jsonl"), byteLines(b, "f.jsonl"));
      byte[] gz = gzip(b);
      assertEquals(readerLines(gz, "f.jsonl.gz"), byteLines(gz, "f.jsonl.gz"));
    }
  }

  @Test
  void aGzipFileCutShortHandsOutItsCompleteLinesThenFails() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      text.append("{\"line\":").append(i).append(",\"r\":").append(i * 7919 % 10007).append("}\n");
    }
    byte[] gz = gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    List<String> got = new ArrayList<>();
    try (ByteLines lines = new ByteLines(new ByteArrayInputStream(cut), "f.jsonl.gz")) {
      assertThrows(
          EOFException.class,
          () -> {
            while (lines.next()) {
              got.add(new String(lines.buffer(), lines.offset(), lines.length()));
            }
          });
    }
    for (int i = 0; i < got.size(); i++) {
      assertEquals("{\"line\":" + i + ",\"r\":" + (i * 7919 % 10007) + "}", got.get(i));
    }
    assertTrue(got.size() > 1000, "lines before the cut: " + got.size());
  }

  /** Lines that stress the byte path: each must parse as its decoded text does. */
  @Test
  void bytesParseAsTheDecodedTextDoes() {
    String head =
        "\"event_id\":\"e-1\",\"ts\":\"2026-11-02T10:15:05+08:00\",\"shop_id\":\"s\","
            + "\"session_id\":\"s-1\",\"buyer_id\":\"b\",";
    String start = "{" + head + "\"type\":\"session_start\",\"queue\":\"presale\"}";
    String msg = "{" + head + "\"type\":\"message\",\"sender\":\"buyer\",";
    List<byte[]> lines = new ArrayList<>();
    for (String s :
        new String[] {
          msg + "\"text\":\"在吗？\"}",
          msg + "\"text\":\"a\",\"x\":{\"y\":[1]}}",
          "{" + head + "\"type\":\"message\",\"sender\":\"robot\",\"text\":\"x\"}",
          "{" + head + "\"type\":\"rating\",\"score\":7}",
          "{" + head + "\"type\":\"nope\"}",
          "{\"event_id\":\"e\"",
          "[1,2]",
          "",
          "   ",
          " " + start,
          start + " x",
          "\uFEFF" + start,
          start,
          msg + "\"text\":\"\\ud800\"}",
        }) {
      lines.add(s.getBytes(StandardCharsets.UTF_8));
    }
    // Bytes that are not UTF-8: in a value, in a field name, in a skipped array; a UTF-16 line.
    lines.add(concat(msg + "\"text\":\"", 0xC3, 0x28, "\"}"));
    lines.add(concat(msg + "\"te", 0xFF, "xt\":\"a\"}"));
    lines.add(concat(msg + "\"x\":[\"", 0xE4, 0xB8, "\"],\"text\":\"a\"}"));
    lines.add(start.getBytes(StandardCharsets.UTF_16LE));
    EventParser parser = new EventParser();
    for (byte[] b : lines) {
      String text = new String(b, StandardCharsets.UTF_8);
      byte[] padded = new byte[b.length + 6];
      System.arraycopy(b, 0, padded, 3, b.length);
      assertEquals(parser.parse(text), parser.parse(padded, 3, b.length), text);
    }
  }

  /** Every line of the bundled sample parses alike from bytes and from text. */
  @Test
  void theBundledSampleParsesAlike() throws IOException {
    Path dir = Path.of("..", "sample-data", "sample");
    Assumptions.assumeTrue(Files.isDirectory(dir), "sample-data/sample not found");
    EventParser parser = new EventParser();
    long n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*-events-*.jsonl.gz")) {
      for (Path f : files) {
        byte[] data = Files.readAllBytes(f);
        List<String> text = readerLines(data, f.toString());
        try (ByteLines lines = new ByteLines(new ByteArrayInputStream(data), f.toString())) {
          for (String t : text) {
            assertTrue(lines.next());
            assertEquals(
                parser.parse(t), parser.parse(lines.buffer(), lines.offset(), lines.length()), t);
            n++;
          }
          assertEquals(false, lines.next());
        }
      }
    }
    assertTrue(n > 10_000, "lines compared: " + n);
  }

  private static byte[] concat(String a, Object... rest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a.getBytes(StandardCharsets.UTF_8));
    for (Object o : rest) {
      if (o instanceof Integer i) {
        out.write(i);
      } else {
        out.writeBytes(((String) o).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }
}
