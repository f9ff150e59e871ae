package io.kefu.stream.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.core.event.EventParser;
import io.kefu.core.event.ParseResult;
import io.kefu.core.io.EventFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The replay's cheap look at a line's time must agree with the parser wherever both see one. */
class LineTimesTest {

  @Test
  void readsTheCommonFormsDigitByDigit() {
    assertEquals(1_793_585_730_120L, peek("2026-11-02T10:15:30.120+08:00"));
    assertEquals(1_793_585_730_000L, peek("2026-11-02T10:15:30+08:00"));
    assertEquals(1_793_614_530_000L, peek("2026-11-02T10:15:30Z"));
    assertEquals(1_793_643_330_100L, peek("2026-11-02T10:15:30.1-08:00"));
  }

  @Test
  void fallsBackForRareFormsAndGivesUpOnGarbage() {
    assertEquals(1_793_585_700_000L, peek("2026-11-02T10:15+08:00"));
    assertEquals(LineTimes.UNKNOWN, peek("2026-11-02 10:15:30"));
    assertEquals(LineTimes.UNKNOWN, peek("yesterday"));
    assertEquals(LineTimes.UNKNOWN, both("{\"event_id\":\"x\"}"));
    assertEquals(LineTimes.UNKNOWN, both("{\"ts\":17}"));
    assertEquals(LineTimes.UNKNOWN, LineTimes.peekEpochMillis((String) null));
    assertEquals(LineTimes.UNKNOWN, LineTimes.peekEpochMillis((byte[]) null));
  }

  @Test
  void toleratesSpacesAroundTheColon() {
    assertEquals(1_793_585_730_000L, both("{ \"ts\" :  \"2026-11-02T10:15:30+08:00\" }"));
  }

  @Test
  void agreesWithTheParserOnEveryAcceptedLineOfTheSample() throws IOException {
    EventParser parser = new EventParser();
    long[] checked = {0};
    for (Path f : EventFiles.list(Path.of("../sample-data/sample"))) {
      EventFiles.forEachLine(
          f,
          line -> {
            if (parser.parse(line.text()) instanceof ParseResult.Accepted a) {
              assertEquals(
                  a.event().ts().toEpochMilli(), both(line.text()), f + ":" + line.lineNo());
              checked[0]++;
            }
          });
    }
    assertEquals(true, checked[0] > 80_000);
  }

  private static long peek(String ts) {
    return both("{\"event_id\":\"x\",\"ts\":\"" + ts + "\"}");
  }

  /** The line's time, read from its text and from its UTF-8 bytes alike. */
  private static long both(String line) {
    long fromText = LineTimes.peekEpochMillis(line);
    assertEquals(fromText, LineTimes.peekEpochMillis(line.getBytes(StandardCharsets.UTF_8)), line);
    return fromText;
  }
}
