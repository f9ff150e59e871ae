package io.kefu.sample;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Event;
import io.kefu.core.event.EventCodec;
import io.kefu.core.event.EventType;
import io.kefu.core.event.EventWriter;
import io.kefu.core.event.Message;
import io.kefu.core.event.OrderPaid;
import io.kefu.core.event.Rating;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes events in the order they would <em>arrive</em>, not the order they happened: each event
 * waits in a queue keyed by arrival time until the simulation clock has passed it, then goes to the
 * file of its stream and arrival day ({@code chat-events-2026-11-02.jsonl.gz}). This is where the
 * defects of {@link DefectRates} are applied and counted, so the manifest states exactly what the
 * files hold. Memory is bounded by the events still in flight, not by the size of the output.
 */
final class EventSink implements Closeable {

  /**
   * An event waiting for its arrival time. Kept in the compact binary form: most waiting events are
   * order follow-ups days ahead, and they are what bounds the generator's memory.
   */
  private record Pending(Instant arrival, long seq, byte[] event, String line, boolean duplicate) {}

  private final Path dir;
  private final boolean gzip;
  private final ZoneId zone;
  private final Instant from;
  private final Instant until;
  private final DefectRates rates;
  private final Manifest manifest;
  private final Random random;
  private final EventWriter localWriter;
  private final EventWriter utcWriter;
  private final PriorityQueue<Pending> queue =
      new PriorityQueue<>(
          (a, b) -> {
            int c = a.arrival.compareTo(b.arrival);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
          });
  private final Map<EventType.Stream, Writer> writers = new EnumMap<>(EventType.Stream.class);
  private final Map<EventType.Stream, LocalDate> writerDay = new EnumMap<>(EventType.Stream.class);
  private long seq;

  EventSink(
      Path dir,
      boolean gzip,
      ZoneId zone,
      Instant from,
      Instant until,
      DefectRates rates,
      long seed,
      Manifest manifest) {
    this.dir = dir;
    this.gzip = gzip;
    this.zone = zone;
    this.from = from;
    this.until = until;
    this.rates = rates;
    this.manifest = manifest;
    this.random = new Random(Seeds.mix(seed, 0xDEFEC7L));
    this.localWriter = new EventWriter(zone);
    this.utcWriter = new EventWriter(ZoneOffset.UTC);
  }

  /** Hands over an event that happened; events outside the generated period are dropped here. */
  void emit(Event e) {
    if (e.ts().isBefore(from) || !e.ts().isBefore(until)) {
      return;
    }
    Instant arrival = e.ts();
    double u = random.nextDouble();
    if (u < rates.late()) {
      arrival = arrival.plusSeconds(3600 + random.nextInt(5 * 3600));
      manifest.count("late");
    } else if (u < rates.late() + rates.outOfOrder()) {
      arrival = arrival.plusSeconds(1 + random.nextInt(120));
      manifest.count("out_of_order");
    }
    queue.add(new Pending(arrival, seq++, EventCodec.encode(e), null, false));
  }

  /** Writes everything that has arrived before {@code now}: no later event can arrive earlier. */
  void advanceTo(Instant now) throws IOException {
    while (!queue.isEmpty() && queue.peek().arrival.isBefore(now)) {
      write(queue.poll());
    }
  }

  int inFlight() {
    return queue.size();
  }

  private void write(Pending p) throws IOException {
    Event e = EventCodec.decode(p.event);
    if (p.duplicate) {
      append(e, p.arrival, p.line);
      manifest.count("duplicate");
      return;
    }
    if (e instanceof Message && random.nextDouble() < rates.unknownType()) {
      append(e, p.arrival, typingLine((ChatEvent) e));
      manifest.reject("unknown_type");
    }
    String line = render(e);
    String broken = breakLine(e, line);
    if (broken != null) {
      append(e, p.arrival, broken);
      return;
    }
    if (random.nextDouble() < rates.truncated()) {
      append(e, p.arrival, line.substring(0, 10 + random.nextInt(line.length() / 2)));
      manifest.reject("not_json");
    }
    append(e, p.arrival, line);
    manifest.count("accepted");
    if (random.nextDouble() < rates.duplicate()) {
      queue.add(
          new Pending(p.arrival.plusSeconds(1 + random.nextInt(600)), seq++, p.event, line, true));
    }
  }

  /** Order systems often log in UTC: 15 % of order events carry a Z offset. Same instant. */
  private String render(Event e) {
    boolean utc = e.type().stream() == EventType.Stream.ORDER && random.nextInt(100) < 15;
    return (utc ? utcWriter : localWriter).write(e);
  }

  /** Replaces the line by a defective one (the event is then lost), or returns null. */
  private String breakLine(Event e, String line) {
    double u = random.nextDouble();
    if (u < rates.missingField()) {
      String field = random.nextBoolean() ? "buyer_id" : "ts";
      manifest.reject("missing_field:" + field);
      return line.replaceFirst(",\"" + field + "\":\"[^\"]*\"", "");
    }
    u -= rates.missingField();
    if (u < rates.badTimestamp()) {
      manifest.reject("bad_timestamp");
      String local = localWriter.formatTs(e.ts());
      String noOffset = local.substring(0, 10) + " " + local.substring(11, 19);
      return line.replaceFirst("\"ts\":\"[^\"]*\"", "\"ts\":\"" + noOffset + "\"");
    }
    if (e instanceof Message && random.nextDouble() < rates.badSender()) {
      manifest.reject("bad_value:sender");
      return line.replaceFirst("\"sender\":\"[a-z]+\"", "\"sender\":\"customer\"");
    }
    if (e instanceof OrderPaid && random.nextDouble() < rates.negativeAmount()) {
      manifest.reject("negative_amount");
      return line.replaceFirst("\"amount\":\"", "\"amount\":\"-");
    }
    if (e instanceof Rating && random.nextDouble() < rates.badScore()) {
      manifest.reject("bad_score");
      return line.replaceFirst("\"score\":[1-5]", "\"score\":" + (random.nextBoolean() ? 0 : 6));
    }
    return null;
  }

  private String typingLine(ChatEvent e) {
    return "{\"event_id\":\""
        + e.eventId()
        + "-typing\",\"type\":\"typing\",\"ts\":\""
        + localWriter.formatTs(e.ts().minusSeconds(2))
        + "\",\"shop_id\":\""
        + e.shopId()
        + "\",\"session_id\":\""
        + e.sessionId()
        + "\",\"buyer_id\":\""
        + e.buyerId()
        + "\"}";
  }

  private void append(Event e, Instant arrival, String line) throws IOException {
    EventType.Stream stream = e.type().stream();
    LocalDate day = arrival.atZone(zone).toLocalDate();
    Writer w = writers.get(stream);
    if (w == null || !day.equals(writerDay.get(stream))) {
      if (w != null) {
        w.close();
      }
      String name = stream.filePrefix() + "-" + day + ".jsonl" + (gzip ? ".gz" : "");
      OutputStream out = Files.newOutputStream(dir.resolve(name));
      if (gzip) {
        out = new GZIPOutputStream(out, 1 << 16);
      }
      w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      writers.put(stream, w);
      writerDay.put(stream, day);
      manifest.file(name);
    }
    w.write(line);
    w.write('\n');
    manifest.line(stream);
  }

  @Override
  public void close() throws IOException {
    while (!queue.isEmpty()) {
      write(queue.poll());
    }
    for (Writer w : writers.values()) {
      w.close();
    }
    writers.clear();
  }
}
