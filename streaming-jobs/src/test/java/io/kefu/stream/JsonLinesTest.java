package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.core.event.Event;
import io.kefu.core.event.EventWriter;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What a person finds in the output files. */
class JsonLinesTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void aDeadLetterLineNamesOriginReasonAndTheRawLine() {
    DeadLetter d =
        new DeadLetter(
            "chat-events-2026-11-02.jsonl.gz", 7, "not_json", "not valid JSON", null, "{\"a");
    assertEquals(
        "{\"origin\":\"chat-events-2026-11-02.jsonl.gz\",\"offset\":7,\"reason\":\"not_json\","
            + "\"message\":\"not valid JSON\",\"event_id\":null,\"line\":\"{\\\"a\"}",
        JsonLines.deadLetter(d));
  }

  @Test
  void aCountLineShowsTheMinuteInTheShopsZone() {
    long minute = Instant.parse("2026-11-02T02:15:00Z").toEpochMilli();
    assertEquals(
        "{\"shop_id\":\"sunshine-baby\",\"stream\":\"chat-events\",\"minute\":\"2026-11-02T10:15+08:00\",\"count\":42}",
        JsonLines.acceptedCount(
            new AcceptedCount("sunshine-baby", "chat-events", minute, 42), SHANGHAI));
  }

  @Test
  void aLateEventLineCarriesTheEventInTheContractsForm() {
    Event e = Fixtures.event(Fixtures.EVERY_TYPE[1]);
    EventWriter writer = new EventWriter(SHANGHAI);
    long watermark = e.ts().toEpochMilli() + 600_000;
    assertEquals(
        "{\"late_by_ms\":600000,\"watermark\":\"2026-11-02T10:25:05.120+08:00\",\"event\":"
            + writer.write(e)
            + "}",
        JsonLines.lateEvent(new LateEvent(e, watermark), writer));
  }
}
