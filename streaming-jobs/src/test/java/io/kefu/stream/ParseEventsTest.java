package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.Event;
import io.kefu.core.event.RejectKind;
import io.kefu.core.event.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The parse-and-validate step: accepted events go on, every rejected line becomes a dead letter.
 */
class ParseEventsTest {

  static final String FILE = "chat-events-2026-11-02.jsonl.gz";

  @Test
  void aDeadLetterKeepsOriginReasonMessageAndLine() {
    RawLine line = new RawLine(FILE, 17, Fixtures.MISSING_TS);
    Rejection rejection =
        new Rejection(RejectKind.MISSING_FIELD, "ts", "required field 'ts' is missing", "c-9");
    assertEquals(
        new DeadLetter(
            FILE,
            17,
            "missing_field:ts",
            "required field 'ts' is missing",
            "c-9",
            Fixtures.MISSING_TS),
        ParseEvents.deadLetter(line, rejection));
  }

  @Test
  void shouldPassEveryValidEventType() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, Event> harness = harness()) {
      List<Event> expected = new ArrayList<>();
      long offset = 0;
      for (String text : Fixtures.EVERY_TYPE) {
        harness.processElement(new RawLine(FILE, ++offset, text), 0);
        expected.add(Fixtures.event(text));
      }
      assertEquals(expected, harness.extractOutputValues());
      assertTrue(deadLetters(harness).isEmpty());
    }
  }

  @Test
  void shouldDeadLetterARejectedLineWithItsReason() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, Event> harness = harness()) {
      harness.processElement(new RawLine(FILE, 3, Fixtures.MISSING_TS), 0);
      harness.processElement(new RawLine(FILE, 4, Fixtures.TRUNCATED), 0);
      harness.processElement(new RawLine("cs.chat-events-1", 99, null), 0);

      assertTrue(harness.extractOutputValues().isEmpty());
      List<DeadLetter> dead = deadLetters(harness);
      assertEquals(
          List.of("missing_field:ts", "not_json", "blank_line"),
          dead.stream().map(DeadLetter::reason).toList());
      assertEquals(FILE, dead.get(0).origin());
      assertEquals(3, dead.get(0).offset());
      assertEquals("c-9", dead.get(0).eventId());
      assertEquals(Fixtures.MISSING_TS, dead.get(0).line());
      assertNull(dead.get(1).eventId());
      assertEquals("cs.chat-events-1", dead.get(2).origin());
      assertEquals(99, dead.get(2).offset());
    }
  }

  @Test
  void shouldNeverFailOnGarbage() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, Event> harness = harness()) {
      String[] garbage = {
        "", "   ", "[]", "42", "\"x\"", "{", "{}", "{\"type\":17}", "\uFFFD\uFFFD", "{\"a\":1} tail"
      };
      long offset = 0;
      for (String g : garbage) {
        harness.processElement(new RawLine(FILE, ++offset, g), 0);
      }
      assertEquals(garbage.length, deadLetters(harness).size());
    }
  }

  private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<RawLine, Event> h) {
    var out = h.getSideOutput(ParseEvents.DEAD_LETTERS);
    return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
  }

  // Set up with the stream's declared type, as the job has it: left alone, the harness would
  // derive a serializer from the first event's concrete record class and fail on the next type.
  private static OneInputStreamOperatorTestHarness<RawLine, Event> harness() throws Exception {
    OneInputStreamOperatorTestHarness<RawLine, Event> harness =
        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseEvents()));
    harness.setup(TypeInformation.of(Event.class).createSerializer(new SerializerConfigImpl()));
    harness.open();
    return harness;
  }
}
