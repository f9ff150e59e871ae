package io.kefu.core.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary form used between workers: exact round trips, framed among a caller's fields. */
class EventCodecTest {

  private static final Instant T = Instant.parse("2026-11-02T01:59:59.123456789Z");

  @Test
  void eventsFramedAmongOtherFieldsComeBackInOrder() {
    Message m =
        new Message(
            "e-1",
            T,
            "shop",
            "s-1",
            "b-1",
            "tmall",
            Sender.AGENT,
            "a-1",
            "亲，在的 😊 包邮哦",
            ContentType.TEXT);
    Rating r = new Rating("e-2", Instant.EPOCH, "shop", "s-1", "b-1", "tmall", 5, null);
    OrderCreated o =
        new OrderCreated(
            "e-3",
            T,
            "shop",
            "o-1",
            "b-1",
            new BigDecimal("1234567.89"),
            List.of(new OrderItem("sku", 3, new BigDecimal("0.05"))));
    EventCodec.Sink out = new EventCodec.Sink(1);
    out.b(7).vlong(Long.MAX_VALUE).zlong(-3);
    EventCodec.encode(m, out);
    out.str(null).str("");
    EventCodec.encode(r, out);
    EventCodec.encode(o, out);
    out.vint(-1);

    EventCodec.Source in = new EventCodec.Source(out.toBytes());
    assertEquals(7, in.b());
    assertEquals(Long.MAX_VALUE, in.vlong());
    assertEquals(-3, in.zlong());
    assertEquals(m, EventCodec.decode(in));
    assertNull(in.str());
    assertEquals("", in.str());
    assertEquals(r, EventCodec.decode(in), "a null comment stays null");
    assertEquals(o, EventCodec.decode(in));
    assertEquals(-1, in.vint());
  }

  @Test
  void moneyKeepsItsCentsAndRefusesFinerFractions() {
    EventCodec.Sink out = new EventCodec.Sink(8);
    out.money(new BigDecimal("-12.30")).money(new BigDecimal("7")).money(new BigDecimal("0.1"));
    EventCodec.Source in = new EventCodec.Source(out.toBytes());
    assertEquals(new BigDecimal("-12.30"), in.money());
    assertEquals(new BigDecimal("7.00"), in.money());
    assertEquals(new BigDecimal("0.10"), in.money());
    assertThrows(ArithmeticException.class, () -> out.money(new BigDecimal("0.001")));
  }

  @Test
  void aResetSinkWritesOnlyWhatCameAfterTheReset() throws Exception {
    EventCodec.Sink out = new EventCodec.Sink(4);
    out.str("a long string that grows the array");
    out.reset().str("x").vint(300);
    assertEquals(4, out.length(), "1 + 1 bytes of string, 2 of varint");
    var bytes = new java.io.ByteArrayOutputStream();
    out.writeTo(new java.io.DataOutputStream(bytes));
    assertArrayEquals(out.toBytes(), bytes.toByteArray());
    EventCodec.Source in = new EventCodec.Source(bytes.toByteArray());
    assertEquals("x", in.str());
    assertEquals(300, in.vint());
  }

  /** Zig-zag varints carry every long, small ones in few bytes (the batch job's KPI parts). */
  @Test
  void everyLongComesBackAndSmallOnesAreShort() {
    long[] values = new long[1000];
    long[] edges = {
      0, 1, -1, 63, 64, -64, -65, 127, 128, 16_383, 16_384, Long.MAX_VALUE, Long.MIN_VALUE
    };
    System.arraycopy(edges, 0, values, 0, edges.length);
    java.util.Random random = new java.util.Random(3);
    for (int i = edges.length; i < values.length; i++) {
      values[i] = random.nextLong() >> random.nextInt(64);
    }
    EventCodec.Sink out = new EventCodec.Sink(16);
    for (long v : values) {
      out.zlong(v);
    }
    byte[] bytes = out.toBytes();
    EventCodec.Source in = new EventCodec.Source(bytes);
    for (long v : values) {
      assertEquals(v, in.zlong());
    }
    in.requireEnd(); // nothing left over
    EventCodec.Source longer = new EventCodec.Source(Arrays.copyOf(bytes, bytes.length + 1));
    for (long v : values) {
      assertEquals(v, longer.zlong());
    }
    assertEquals(1, longer.remaining());
    assertThrows(IllegalStateException.class, longer::requireEnd, "a byte left over");
    EventCodec.Source cut = new EventCodec.Source(bytes, 1); // a buffer longer than the record
    cut.zlong();
    cut.zlong();
    assertThrows(IllegalStateException.class, cut::requireEnd, "read past the record's end");
    assertEquals(1 + 3, new EventCodec.Sink(4).zlong(0).zlong(60_000).length(), "0, then a minute");
  }
}
