package io.kefu.core.event;

import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compact binary form of an {@link Event}, for moving accepted events between the workers of a
 * job (Spark's shuffle, Flink's network) at a third of the size of their JSON and without parsing
 * them again. {@code decode(encode(e))} equals {@code e}. Not a storage or wire format: it may
 * change with the model, and nothing outside one job run reads it.
 *
 * <p>Layout: the type's ordinal, then the fields in a fixed order per type: strings as their UTF-8
 * length plus one (0 for null) and bytes, whole numbers as varints (signed ones zig-zagged), money
 * as its cents, enums as ordinals. {@link Sink} and {@link Source} are plain array cursors (no
 * streams, so no lock per byte), and a caller can frame an event among fields of its own.
 */
public final class EventCodec {

  private static final EventType[] TYPES = EventType.values();
  private static final Queue[] QUEUES = Queue.values();
  private static final Sender[] SENDERS = Sender.values();
  private static final ContentType[] CONTENT = ContentType.values();
  private static final EndReason[] ENDS = EndReason.values();
  private static final RefundType[] REFUNDS = RefundType.values();

  private EventCodec() {}

  public static byte[] encode(Event e) {
    Sink out = new Sink(160);
    encode(e, out);
    return out.toBytes();
  }

  public static Event decode(byte[] data) {
    return decode(new Source(data));
  }

  /** Appends {@code e} to {@code out}. */
  public static void encode(Event e, Sink out) {
    out.b(e.type().ordinal()).str(e.eventId());
    out.vlong(e.ts().getEpochSecond()).vint(e.ts().getNano());
    out.str(e.shopId()).str(e.buyerId());
    if (e instanceof ChatEvent c) {
      out.str(c.sessionId()).str(c.channel());
    } else {
      out.str(((OrderEvent) e).orderId());
    }
    if (e instanceof SessionStart s) {
      out.str(s.agentId()).b(s.queue().ordinal());
    } else if (e instanceof Message m) {
      out.b(m.sender().ordinal()).str(m.agentId()).str(m.text()).b(m.contentType().ordinal());
    } else if (e instanceof Transfer t) {
      out.str(t.fromAgentId()).str(t.toAgentId());
    } else if (e instanceof SessionEnd s) {
      out.b(s.reason().ordinal());
    } else if (e instanceof Rating r) {
      out.zlong(r.score()).str(r.comment());
    } else if (e instanceof OrderCreated o) {
      out.money(o.amount()).vint(o.items().size());
      for (OrderItem i : o.items()) {
        out.str(i.sku()).zlong(i.qty()).money(i.price());
      }
    } else if (e instanceof OrderPaid o) {
      out.money(o.amount());
    } else if (e instanceof OrderShipped o) {
      out.str(o.carrier()).str(o.trackingNo());
    } else if (e instanceof OrderCancelled o) {
      out.str(o.reason());
    } else if (e instanceof RefundRequested r) {
      out.str(r.refundId()).money(r.amount()).b(r.refundType().ordinal()).str(r.reason());
    } else if (e instanceof RefundCompleted r) {
      out.str(r.refundId()).money(r.amount());
    } else if (e instanceof RefundRejected r) {
      out.str(r.refundId()).str(r.reason());
    }
  }

  /** Reads the event that starts at {@code in}'s position and moves past it. */
  public static Event decode(Source in) {
    EventType type = TYPES[in.b()];
    String id = in.str();
    Instant ts = Instant.ofEpochSecond(in.vlong(), in.vint());
    String shop = in.str();
    String buyer = in.str();
    if (type.stream() == EventType.Stream.CHAT) {
      String session = in.str();
      String channel = in.str();
      return switch (type) {
        case SESSION_START ->
            new SessionStart(id, ts, shop, session, buyer, channel, in.str(), QUEUES[in.b()]);
        case MESSAGE ->
            new Message(
                id,
                ts,
                shop,
                session,
                buyer,
                channel,
                SENDERS[in.b()],
                in.str(),
                in.str(),
                CONTENT[in.b()]);
        case TRANSFER -> new Transfer(id, ts, shop, session, buyer, channel, in.str(), in.str());
        case SESSION_END -> new SessionEnd(id, ts, shop, session, buyer, channel, ENDS[in.b()]);
        case RATING ->
            new Rating(id, ts, shop, session, buyer, channel, (int) in.zlong(), in.str());
        default -> throw new IllegalStateException(type.toString());
      };
    }
    String order = in.str();
    return switch (type) {
      case ORDER_CREATED -> {
        BigDecimal amount = in.money();
        int n = in.vint();
        List<OrderItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(new OrderItem(in.str(), (int) in.zlong(), in.money()));
        }
        yield new OrderCreated(id, ts, shop, order, buyer, amount, List.copyOf(items));
      }
      case ORDER_PAID -> new OrderPaid(id, ts, shop, order, buyer, in.money());
      case ORDER_SHIPPED -> new OrderShipped(id, ts, shop, order, buyer, in.str(), in.str());
      case ORDER_COMPLETED -> new OrderCompleted(id, ts, shop, order, buyer);
      case ORDER_CANCELLED -> new OrderCancelled(id, ts, shop, order, buyer, in.str());
      case REFUND_REQUESTED ->
          new RefundRequested(
              id, ts, shop, order, buyer, in.str(), in.money(), REFUNDS[in.b()], in.str());
      case REFUND_COMPLETED ->
          new RefundCompleted(id, ts, shop, order, buyer, in.str(), in.money());
      case REFUND_REJECTED -> new RefundRejected(id, ts, shop, order, buyer, in.str(), in.str());
      default -> throw new IllegalStateException(type.toString());
    };
  }

  /** A growing byte array written front to back. */
  public static final class Sink {
    private byte[] buf;
    private int n;

    public Sink(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    private void room(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    /** One byte (the low 8 bits of {@code v}). */
    public Sink b(int v) {
      room(1);
      buf[n++] = (byte) v;
      return this;
    }

    /** An unsigned varint: 7 bits a byte, low bits first. */
    public Sink vlong(long v) {
      room(10);
      while ((v & ~0x7FL) != 0) {
        buf[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
      return this;
    }

    /** An int as an unsigned varint of its 32 bits. */
    public Sink vint(int v) {
      return vlong(v & 0xFFFFFFFFL);
    }

    /** A signed number, zig-zagged so small negative values stay short. */
    public Sink zlong(long v) {
      return vlong((v << 1) ^ (v >> 63));
    }

    /** Money in cents (scale 2; it must have no finer fraction). */
    public Sink money(BigDecimal v) {
      return zlong(v.movePointRight(2).longValueExact());
    }

    /** A string: its UTF-8 length plus one (0 for null), then the UTF-8 bytes. */
    public Sink str(String s) {
      if (s == null) {
        return b(0);
      }
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      vint(u.length + 1);
      room(u.length);
      System.arraycopy(u, 0, buf, n, u.length);
      n += u.length;
      return this;
    }

    /** A copy of what was written. */
    public byte[] toBytes() {
      return Arrays.copyOf(buf, n);
    }

    /** How many bytes were written. */
    public int length() {
      return n;
    }

    /** Writes what was written to {@code out}, without a copy. */
    public void writeTo(DataOutput out) throws IOException {
      out.write(buf, 0, n);
    }

    /** Starts over, keeping the array: one sink can encode one event after another. */
    public Sink reset() {
      n = 0;
      return this;
    }
  }

  /** A cursor over bytes written by a {@link Sink}, read in the same order. */
  public static final class Source {
    private final byte[] d;
    private final int end;
    private int p;

    public Source(byte[] data) {
      this(data, data.length);
    }

    /** Over the first {@code length} bytes of {@code data} (a reused, longer buffer). */
    public Source(byte[] data, int length) {
      this.d = data;
      this.end = length;
    }

    /** How many of the bytes are still unread (negative once a read went past the end). */
    public int remaining() {
      return end - p;
    }

    /**
     * Checks that every byte was read: what was written ends exactly here, neither cut short (a
     * read past the end) nor followed by more.
     */
    public void requireEnd() {
      if (p != end) {
        throw new IllegalStateException(
            p > end ? (p - end) + " bytes read past the end" : (end - p) + " bytes left over");
      }
    }

    public int b() {
      return d[p++];
    }

    public long vlong() {
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

    public int vint() {
      return (int) vlong();
    }

    public long zlong() {
      long v = vlong();
      return (v >>> 1) ^ -(v & 1);
    }

    public BigDecimal money() {
      return BigDecimal.valueOf(zlong(), 2);
    }

    public String str() {
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
