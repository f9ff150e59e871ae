package io.kefu.stream;

import io.kefu.core.event.Event;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.ParseResult;
import java.time.Instant;

/** Named input lines and times shared by the tests. */
final class Fixtures {

  static final Instant BEGINNING = Instant.parse("2026-11-02T02:15:00Z");
  static final Instant ONE_MINUTE_LATER = BEGINNING.plusSeconds(60);
  static final Instant TEN_MINUTES_LATER = BEGINNING.plusSeconds(600);

  /** One valid line of every event type of the contract. */
  static final String[] EVERY_TYPE = {
    "{\"event_id\":\"c-1\",\"type\":\"session_start\",\"ts\":\"2026-11-02T10:15:02+08:00\",\"shop_id\":\"sunshine-baby\",\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",\"channel\":\"tmall\",\"agent_id\":\"a-xiaomei\",\"queue\":\"pre_sale\"}",
    "{\"event_id\":\"c-2\",\"type\":\"message\",\"ts\":\"2026-11-02T10:15:05.120+08:00\",\"shop_id\":\"sunshine-baby\",\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",\"channel\":\"tmall\",\"sender\":\"buyer\",\"text\":\"这款婴儿推车能包邮吗？\"}",
    "{\"event_id\":\"c-3\",\"type\":\"message\",\"ts\":\"2026-11-02T10:15:17+08:00\",\"shop_id\":\"sunshine-baby\",\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",\"sender\":\"agent\",\"agent_id\":\"a-xiaomei\",\"text\":\"亲，您好！\",\"content_type\":\"product_card\"}",
    "{\"event_id\":\"c-4\",\"type\":\"transfer\",\"ts\":\"2026-11-02T10:16:00+08:00\",\"shop_id\":\"sunshine-baby\",\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",\"from_agent_id\":\"a-xiaomei\",\"to_agent_id\":\"a-ajie\"}",
    "{\"event_id\":\"c-5\",\"type\":\"session_end\",\"ts\":\"2026-11-02T10:20:00+08:00\",\"shop_id\":\"sunshine-baby\",\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",\"reason\":\"timeout\"}",
    "{\"event_id\":\"c-6\",\"type\":\"rating\",\"ts\":\"2026-11-02T12:00:00+08:00\",\"shop_id\":\"sunshine-baby\",\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",\"score\":5,\"comment\":\"很好\"}",
    "{\"event_id\":\"o-1\",\"type\":\"order_created\",\"ts\":\"2026-11-02T10:21:40+08:00\",\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0001\",\"buyer_id\":\"tb_lily88\",\"amount\":\"459.00\",\"items\":[{\"sku\":\"stroller-x1\",\"qty\":1,\"price\":\"459.00\"}]}",
    "{\"event_id\":\"o-2\",\"type\":\"order_paid\",\"ts\":\"2026-11-02T10:22:05+08:00\",\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0001\",\"buyer_id\":\"tb_lily88\",\"amount\":459}",
    "{\"event_id\":\"o-3\",\"type\":\"order_shipped\",\"ts\":\"2026-11-03T09:00:00+08:00\",\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0001\",\"buyer_id\":\"tb_lily88\",\"carrier\":\"SF\",\"tracking_no\":\"SF123\"}",
    "{\"event_id\":\"o-4\",\"type\":\"order_completed\",\"ts\":\"2026-11-06T09:00:00+08:00\",\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0001\",\"buyer_id\":\"tb_lily88\"}",
    "{\"event_id\":\"o-5\",\"type\":\"order_cancelled\",\"ts\":\"2026-11-02T11:00:00+08:00\",\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0002\",\"buyer_id\":\"tb_lily88\",\"reason\":\"buyer\"}",
    "{\"event_id\":\"o-6\",\"type\":\"refund_requested\",\"ts\":\"2026-11-07T09:00:00+08:00\",\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0001\",\"buyer_id\":\"tb_lily88\",\"refund_id\":\"r-1\",\"amount\":\"100.50\",\"refund_type\":\"refund_only\",\"reason\":\"色差\"}",
    "{\"event_id\":\"o-7\",\"type\":\"refund_completed\",\"ts\":\"2026-11-08T09:00:00+08:00\",\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0001\",\"buyer_id\":\"tb_lily88\",\"refund_id\":\"r-1\",\"amount\":\"100.50\"}",
    "{\"event_id\":\"o-8\",\"type\":\"refund_rejected\",\"ts\":\"2026-11-08T10:00:00+08:00\",\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0001\",\"buyer_id\":\"tb_lily88\",\"refund_id\":\"r-2\",\"reason\":\"超时\"}",
  };

  static final String MISSING_TS =
      "{\"event_id\":\"c-9\",\"type\":\"message\",\"shop_id\":\"sunshine-baby\",\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",\"sender\":\"buyer\",\"text\":\"hi\"}";
  static final String TRUNCATED = "{\"event_id\":\"c-10\",\"type\":\"mess";

  private Fixtures() {}

  /** A buyer message of session s-1 at {@code ts}. */
  static String buyerMessage(String eventId, Instant ts) {
    return "{\"event_id\":\""
        + eventId
        + "\",\"type\":\"message\",\"ts\":\""
        + ts
        + "\",\"shop_id\":\"sunshine-baby\",\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",\"sender\":\"buyer\",\"text\":\"在吗\"}";
  }

  /** The event a valid line parses to. */
  static Event event(String line) {
    ParseResult r = new EventParser().parse(line);
    if (r instanceof ParseResult.Accepted a) {
      return a.event();
    }
    throw new IllegalArgumentException("fixture does not parse: " + r);
  }
}
