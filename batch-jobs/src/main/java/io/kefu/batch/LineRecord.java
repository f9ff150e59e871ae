package io.kefu.batch;

import io.kefu.core.event.Event;
import io.kefu.core.event.EventCodec;
import io.kefu.core.event.Rejection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One input line as it crosses the job's single shuffle: where it came from (file index, line
 * number) and either the accepted event in its {@link EventCodec binary form} or the parser's
 * rejection with the raw text. Plain bytes, so Spark moves them without Catalyst conversion or
 * per-field serialization; {@link #read} turns them back.
 *
 * <p>Layout: kind byte, file index, line number, then for an event its codec bytes and (for refunds
 * only, the one kind the job may still reject once it sees the whole order) the raw line; for a
 * rejection its event id, reason, message and raw line.
 */
record LineRecord(
    int file, long line, Event event, String raw, String eventId, String reason, String message) {

  private static final byte EVENT = 0;
  private static final byte REJECTED = 1;

  boolean accepted() {
    return event != null;
  }

  static byte[] accepted(int file, long line, Event e, String raw) {
    Out out = new Out(160);
    out.b(EVENT).vint(file).vlong(line);
    out.bytes(EventCodec.encode(e));
    out.str(raw);
    return out.toBytes();
  }

  static byte[] rejected(int file, long line, Rejection r, String raw) {
    Out out = new Out(64 + raw.length() * 3);
    out.b(REJECTED).vint(file).vlong(line);
    out.str(r.eventId()).str(r.reason()).str(r.message()).str(raw);
    return out.toBytes();
  }

  static LineRecord read(byte[] data) {
    In in = new In(data);
    byte kind = in.b();
    int file = in.vint();
    long line = in.vlong();
    if (kind == EVENT) {
      Event e = EventCodec.decode(in.bytes());
      return new LineRecord(file, line, e, in.str(), e.eventId(), null, null);
    }
    String eventId = in.str();
    String reason = in.str();
    String message = in.str();
    return new LineRecord(file, line, null, in.str(), eventId, reason, message);
  }

  /** A growable byte buffer with unsigned varints and length-prefixed UTF-8 (null-aware). */
  private static final class Out extends ByteArrayOutputStream {
    Out(int size) {
      super(size);
    }

    Out b(int v) {
      write(v);
      return this;
    }

    Out vlong(long v) {
      while ((v & ~0x7FL) != 0) {
        write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      write((int) v);
      return this;
    }

    Out vint(int v) {
      return vlong(v & 0xFFFFFFFFL);
    }

    Out bytes(byte[] b) {
      vint(b.length);
      write(b, 0, b.length);
      return this;
    }

    /** Length + 1, then UTF-8; 0 stands for null. */
    Out str(String s) {
      if (s == null) {
        return b(0);
      }
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      vint(u.length + 1);
      write(u, 0, u.length);
      return this;
    }

    byte[] toBytes() {
      return toByteArray();
    }
  }

  private static final class In {
    private final byte[] d;
    private int p;

    In(byte[] d) {
      this.d = d;
    }

    byte b() {
      return d[p++];
    }

    long vlong() {
      long v = 0;
      int shift = 0;
      while (true) {
        byte x = d[p++];
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
        shift += 7;
      }
    }

    int vint() {
      return (int) vlong();
    }

    byte[] bytes() {
      int n = vint();
      byte[] b = java.util.Arrays.copyOfRange(d, p, p + n);
      p += n;
      return b;
    }

    String str() {
      int n = vint();
      if (n == 0) {
        return null;
      }
      String s = new String(d, p, n - 1, StandardCharsets.UTF_8);
      p += n - 1;
      return s;
    }
  }
}
