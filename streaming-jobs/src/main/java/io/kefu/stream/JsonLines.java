package io.kefu.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kefu.core.event.EventWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.flink.api.common.serialization.Encoder;

/**
 * The JSON Lines the job writes for people and later jobs: one object per line, UTF-8, times
 * rendered in the shop's zone like the input's. Each output gets an {@link Encoder} that a file
 * sink calls per record.
 */
public final class JsonLines {

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");
  private static final byte[] NEWLINE = {'\n'};

  private JsonLines() {}

  /**
   * {@code {"origin":…,"offset":…,"reason":…,"message":…,"event_id":…,"line":…}}: enough to find
   * the line at its producer and to see what was wrong with it.
   */
  public static String deadLetter(DeadLetter d) {
    return write(
        g -> {
          g.writeStringField("origin", d.origin());
          g.writeNumberField("offset", d.offset());
          g.writeStringField("reason", d.reason());
          g.writeStringField("message", d.message());
          g.writeStringField("event_id", d.eventId());
          g.writeStringField("line", d.line());
        });
  }

  /**
   * {@code {"late_by_ms":…,"watermark":…,"event":{…}}}: the event in the contract's own form, so it
   * can be re-read by anything that reads events.
   */
  public static String lateEvent(LateEvent late, EventWriter events) {
    String event = events.write(late.event());
    return write(
        g -> {
          g.writeNumberField("late_by_ms", late.lateByMillis());
          g.writeStringField("watermark", events.formatTs(Instant.ofEpochMilli(late.watermark())));
          g.writeFieldName("event");
          g.writeRawValue(event);
        });
  }

  /** {@code {"shop_id":…,"stream":…,"minute":"2026-11-02T10:15+08:00","count":…}}. */
  public static String acceptedCount(AcceptedCount c, ZoneId zone) {
    return write(
        g -> {
          g.writeStringField("shop_id", c.shopId());
          g.writeStringField("stream", c.stream());
          g.writeStringField(
              "minute", MINUTE.withZone(zone).format(Instant.ofEpochMilli(c.minuteStart())));
          g.writeNumberField("count", c.count());
        });
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeLine(String json, OutputStream out) throws IOException {
    out.write(json.getBytes(StandardCharsets.UTF_8));
    out.write(NEWLINE);
  }

  /** Dead letters as JSON Lines. */
  public static final class DeadLetterEncoder implements Encoder<DeadLetter> {
    @Override
    public void encode(DeadLetter d, OutputStream out) throws IOException {
      writeLine(deadLetter(d), out);
    }
  }

  /** Late events as JSON Lines, times in the shop's zone. */
  public static final class LateEventEncoder implements Encoder<LateEvent> {
    private final ZoneId zone;
    private transient EventWriter events;

    public LateEventEncoder(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public void encode(LateEvent late, OutputStream out) throws IOException {
      if (events == null) {
        events = new EventWriter(zone);
      }
      writeLine(lateEvent(late, events), out);
    }
  }

  /** Per-minute counts as JSON Lines, minutes in the shop's zone. */
  public static final class AcceptedCountEncoder implements Encoder<AcceptedCount> {
    private final ZoneId zone;

    public AcceptedCountEncoder(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public void encode(AcceptedCount c, OutputStream out) throws IOException {
      writeLine(acceptedCount(c, zone), out);
    }
  }
}
