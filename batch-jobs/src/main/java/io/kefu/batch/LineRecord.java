package io.kefu.batch;

import io.kefu.core.event.Event;
import io.kefu.core.event.EventCodec;
import io.kefu.core.event.Rejection;

/**
 * One input line as it crosses the job's single shuffle: where it came from (file index, line
 * number) and either the accepted event in its {@link EventCodec binary form} or the parser's
 * rejection with the raw text. Plain bytes, so Spark moves them without Catalyst conversion or
 * per-field serialization; {@link #read} turns them back.
 *
 * <p>Layout ({@link EventCodec.Sink}'s varints and strings): kind byte, file index, line number,
 * then for an event its codec fields and (for refunds only, the one kind the job may still reject
 * once it sees the whole order) the raw line; for a rejection its event id, reason, message and raw
 * line.
 */
record LineRecord(
    int file, long line, Event event, String raw, String eventId, String reason, String message) {

  private static final byte EVENT = 0;
  private static final byte REJECTED = 1;

  boolean accepted() {
    return event != null;
  }

  static byte[] accepted(int file, long line, Event e, String raw) {
    EventCodec.Sink out = new EventCodec.Sink(192);
    out.b(EVENT).vint(file).vlong(line);
    EventCodec.encode(e, out);
    out.str(raw);
    return out.toBytes();
  }

  static byte[] rejected(int file, long line, Rejection r, String raw) {
    EventCodec.Sink out = new EventCodec.Sink(64 + raw.length() * 3);
    out.b(REJECTED).vint(file).vlong(line);
    out.str(r.eventId()).str(r.reason()).str(r.message()).str(raw);
    return out.toBytes();
  }

  static LineRecord read(byte[] data) {
    EventCodec.Source in = new EventCodec.Source(data);
    int kind = in.b();
    int file = in.vint();
    long line = in.vlong();
    if (kind == EVENT) {
      Event e = EventCodec.decode(in);
      return new LineRecord(file, line, e, in.str(), e.eventId(), null, null);
    }
    String eventId = in.str();
    String reason = in.str();
    String message = in.str();
    return new LineRecord(file, line, null, in.str(), eventId, reason, message);
  }
}
