package io.kefu.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventWriterTest {

  private static final Instant T = Instant.parse("2026-11-02T02:15:05.120Z");
  private final EventWriter writer = new EventWriter(ZoneId.of("Asia/Shanghai"));
  private final EventParser parser = new EventParser();

  @Test
  void shouldWriteShopLocalTimestampsWithOffset() {
    assertEquals("2026-11-02T10:15:05.120+08:00", writer.formatTs(T));
  }

  @Test
  void shouldRoundTripEveryEventTypeThroughJsonAndBinary() {
    List<Event> events =
        List.of(
            new SessionStart("c1", T, "shop", "s", "b", "tmall", "a-1", Queue.PRE_SALE),
            new Message(
                "c2",
                T,
                "shop",
                "s",
                "b",
                "tmall",
                Sender.AGENT,
                "a-1",
                "亲，\"您好\"\n",
                ContentType.TEXT),
            new Message("c3", T, "shop", "s", "b", "", Sender.BUYER, "", "", ContentType.IMAGE),
            new Transfer("c4", T, "shop", "s", "b", "jd", "a-1", "a-2"),
            new SessionEnd("c5", T, "shop", "s", "b", "jd", EndReason.BUYER_LEFT),
            new Rating("c6", T, "shop", "s", "b", "jd", 2, "太慢了"),
            new OrderCreated(
                "o1",
                T,
                "shop",
                "o",
                "b",
                new BigDecimal("459.00"),
                List.of(new OrderItem("sku-1", 2, new BigDecimal("229.50")))),
            new OrderPaid("o2", T, "shop", "o", "b", new BigDecimal("459.00")),
            new OrderShipped("o3", T, "shop", "o", "b", "中通快递", "ZT123"),
            new OrderCompleted("o4", T, "shop", "o", "b"),
            new OrderCancelled("o5", T, "shop", "o", "b", "拍错了"),
            new RefundRequested(
                "o6",
                T,
                "shop",
                "o",
                "b",
                "r",
                new BigDecimal("59.90"),
                RefundType.EXCHANGE,
                "尺码不合适"),
            new RefundCompleted("o7", T, "shop", "o", "b", "r", new BigDecimal("59.90")),
            new RefundRejected("o8", T, "shop", "o", "b", "r", "已超过七天"));
    for (Event e : events) {
      ParseResult back = parser.parse(writer.write(e));
      assertEquals(new ParseResult.Accepted(e), back, writer.write(e));
      assertEquals(e, EventCodec.decode(EventCodec.encode(e)), "binary round trip of " + e);
    }
  }
}
