package io.kefu.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-made day of one shop ({@code s}, Asia/Shanghai) whose every KPI is worked out by hand in
 * {@link KpiBatchJobTest}. Three sessions and four orders:
 *
 * <pre>
 * S1 pre_sale, 小美 (a), buyer b1, 2026-11-02
 *   10:00:00 start a
 *   10:00:05 buyer  在吗                 turn 1 starts (first turn)
 *   10:00:06 bot    店小蜜 auto-reply    neither answers nor splits
 *   10:00:10 buyer  能包邮吗             same turn
 *   10:00:25 agent a                     answers turn 1: 20 s (within 3 min)
 *   10:00:40 buyer  什么时候发货          turn 2 (delivered twice: a duplicate)
 *   10:04:40 agent a                     answers turn 2: 240 s (not within 3 min)
 *   10:05:00 buyer  好的                 turn 3, never answered
 *   10:10:00 end; rating 5 at 18:00 (late, same day) → credited to a
 * S2 pre_sale, a → 阿杰 (b) mid-turn, buyer b2, 2026-11-02
 *   11:00:00 start a; 11:00:10 buyer (turn owned by a); 11:00:30 transfer a→b
 *   11:00:50 agent b answers a's turn: 40 s; 11:01:00 buyer (turn owned by b, b's inquiry)
 *   11:01:30 agent b: 30 s; 11:02:00 end; not rated → credited to b (last agent message)
 * S3 after_sale, 王姐 (c), buyer b3, in UTC: 2026-11-02T16:30Z = 11-03 00:30 shop time
 *   start; buyer +5 s; agent c +15 s: 10 s; end; rating 2 at 11-03 10:00 (dissatisfied)
 * O1 b1 created 11-03 10:00:05 = exactly 24 h after b1's inquiry → credited to a (edge inclusive)
 *    paid 459.00, 100.00 refunded
 * O2 b1 created 11-03 10:00:06 = 24 h 1 s after → silent order; paid 88.00
 * O3 b2 created 11-02 11:30 → last touch: b's inquiry (11:01:00), first touch: a's (11:00:10);
 *    paid 300.00; a refund of 500.00 is rejected (refund_exceeds_payment)
 * O4 b3 created 11-03 12:00, never paid, cancelled (silent, unpaid)
 * Bad lines: one of each parser rejection kind.
 * </pre>
 */
final class ShopFixture {

  private ShopFixture() {}

  static final String[] CHAT = {
    start("c1", "2026-11-02T10:00:00+08:00", "S1", "b1", "a", "pre_sale"),
    msg("c2", "2026-11-02T10:00:05+08:00", "S1", "b1", "buyer", null, "在吗"),
    msg("c3", "2026-11-02T10:00:06+08:00", "S1", "b1", "bot", null, "亲，店小蜜为您服务"),
    msg("c4", "2026-11-02T10:00:10+08:00", "S1", "b1", "buyer", null, "这款推车能包邮吗"),
    msg("c5", "2026-11-02T10:00:25+08:00", "S1", "b1", "agent", "a", "亲，您好！满99包邮哦"),
    msg("c6", "2026-11-02T10:00:40+08:00", "S1", "b1", "buyer", null, "什么时候发货"),
    msg("c6", "2026-11-02T10:00:40+08:00", "S1", "b1", "buyer", null, "什么时候发货"),
    msg("c7", "2026-11-02T10:04:40+08:00", "S1", "b1", "agent", "a", "48小时内发货"),
    msg("c8", "2026-11-02T10:05:00+08:00", "S1", "b1", "buyer", null, "好的"),
    end("c9", "2026-11-02T10:10:00+08:00", "S1", "b1"),
    rating("c10", "2026-11-02T18:00:00+08:00", "S1", "b1", 5),
    start("d1", "2026-11-02T11:00:00+08:00", "S2", "b2", "a", "pre_sale"),
    msg("d2", "2026-11-02T11:00:10+08:00", "S2", "b2", "buyer", null, "有优惠吗"),
    "{\"event_id\":\"d3\",\"type\":\"transfer\",\"ts\":\"2026-11-02T11:00:30+08:00\",\"shop_id\":\"s\","
        + "\"session_id\":\"S2\",\"buyer_id\":\"b2\",\"from_agent_id\":\"a\",\"to_agent_id\":\"b\"}",
    msg("d4", "2026-11-02T11:00:50+08:00", "S2", "b2", "agent", "b", "亲，满300减50"),
    msg("d5", "2026-11-02T11:01:00+08:00", "S2", "b2", "buyer", null, "好的我下单"),
    msg("d6", "2026-11-02T11:01:30+08:00", "S2", "b2", "agent", "b", "好的亲"),
    end("d7", "2026-11-02T11:02:00+08:00", "S2", "b2"),
    start("e1", "2026-11-02T16:30:00Z", "S3", "b3", "c", "after_sale"),
    msg("e2", "2026-11-02T16:30:05Z", "S3", "b3", "buyer", null, "我的快递到哪了"),
    msg("e3", "2026-11-02T16:30:15Z", "S3", "b3", "agent", "c", "亲，已经在派送了"),
    end("e4", "2026-11-02T16:31:00Z", "S3", "b3"),
  };

  static final String LATE_RATING = rating("e5", "2026-11-03T02:00:00Z", "S3", "b3", 2);

  static final String[] ORDERS = {
    order("o1", "order_created", "2026-11-03T10:00:05+08:00", "O1", "b1", "\"amount\":\"459.00\""),
    order("o2", "order_paid", "2026-11-03T10:01:00+08:00", "O1", "b1", "\"amount\":459"),
    order(
        "o3",
        "refund_completed",
        "2026-11-05T10:00:00+08:00",
        "O1",
        "b1",
        "\"refund_id\":\"r1\",\"amount\":\"100.00\""),
    order("o4", "order_created", "2026-11-03T10:00:06+08:00", "O2", "b1", "\"amount\":\"88.00\""),
    order("o5", "order_paid", "2026-11-03T02:02:00Z", "O2", "b1", "\"amount\":\"88.00\""),
    order("o6", "order_created", "2026-11-02T11:30:00+08:00", "O3", "b2", "\"amount\":\"300.00\""),
    order("o7", "order_paid", "2026-11-02T11:31:00+08:00", "O3", "b2", "\"amount\":\"300.00\""),
    order(
        "o8",
        "refund_completed",
        "2026-11-04T11:00:00+08:00",
        "O3",
        "b2",
        "\"refund_id\":\"r2\",\"amount\":\"500.00\""),
    order("o9", "order_created", "2026-11-03T12:00:00+08:00", "O4", "b3", "\"amount\":\"59.90\""),
    order("o10", "order_cancelled", "2026-11-04T12:00:00+08:00", "O4", "b3", "\"reason\":\"未付款\""),
  };

  /** One line of each kind the parser rejects, with the reason it must give. */
  static final String[][] BAD = {
    {"", "blank_line"},
    {"{\"event_id\":\"x1\",\"type\":\"message\",", "not_json"},
    {
      "{\"event_id\":\"x2\",\"type\":\"typing\",\"ts\":\"2026-11-02T10:00:00+08:00\",\"shop_id\":\"s\"}",
      "unknown_type"
    },
    {
      "{\"event_id\":\"x3\",\"type\":\"session_end\",\"shop_id\":\"s\",\"session_id\":\"S9\",\"buyer_id\":\"b9\"}",
      "missing_field:ts"
    },
    {
      "{\"event_id\":\"x4\",\"type\":\"session_end\",\"ts\":\"2026-11-02 10:00:00\",\"shop_id\":\"s\","
          + "\"session_id\":\"S9\",\"buyer_id\":\"b9\"}",
      "bad_timestamp"
    },
    {
      "{\"event_id\":\"x5\",\"type\":\"order_paid\",\"ts\":\"2026-11-02T10:00:00+08:00\",\"shop_id\":\"s\","
          + "\"order_id\":\"O9\",\"buyer_id\":\"b9\",\"amount\":\"-5.00\"}",
      "negative_amount"
    },
    {
      "{\"event_id\":\"x6\",\"type\":\"order_paid\",\"ts\":\"2026-11-02T10:00:00+08:00\",\"shop_id\":\"s\","
          + "\"order_id\":\"O9\",\"buyer_id\":\"b9\",\"amount\":\"12.345\"}",
      "bad_amount"
    },
    {
      "{\"event_id\":\"x7\",\"type\":\"rating\",\"ts\":\"2026-11-02T10:00:00+08:00\",\"shop_id\":\"s\","
          + "\"session_id\":\"S1\",\"buyer_id\":\"b1\",\"score\":6}",
      "bad_score"
    },
  };

  static String start(String id, String ts, String session, String buyer, String agent, String q) {
    return "{\"event_id\":\"%s\",\"type\":\"session_start\",\"ts\":\"%s\",\"shop_id\":\"s\",\"session_id\":\"%s\",\"buyer_id\":\"%s\",\"channel\":\"tmall\",\"agent_id\":\"%s\",\"queue\":\"%s\"}"
        .formatted(id, ts, session, buyer, agent, q);
  }

  static String msg(
      String id,
      String ts,
      String session,
      String buyer,
      String sender,
      String agent,
      String text) {
    return ("{\"event_id\":\"%s\",\"type\":\"message\",\"ts\":\"%s\",\"shop_id\":\"s\",\"session_id\":\"%s\",\"buyer_id\":\"%s\",\"channel\":\"tmall\",\"sender\":\"%s\""
            + (agent == null ? "" : ",\"agent_id\":\"" + agent + "\"")
            + ",\"text\":\"%s\"}")
        .formatted(id, ts, session, buyer, sender, text);
  }

  static String end(String id, String ts, String session, String buyer) {
    return "{\"event_id\":\"%s\",\"type\":\"session_end\",\"ts\":\"%s\",\"shop_id\":\"s\",\"session_id\":\"%s\",\"buyer_id\":\"%s\",\"reason\":\"closed\"}"
        .formatted(id, ts, session, buyer);
  }

  static String rating(String id, String ts, String session, String buyer, int score) {
    return "{\"event_id\":\"%s\",\"type\":\"rating\",\"ts\":\"%s\",\"shop_id\":\"s\",\"session_id\":\"%s\",\"buyer_id\":\"%s\",\"score\":%d}"
        .formatted(id, ts, session, buyer, score);
  }

  static String order(String id, String type, String ts, String order, String buyer, String extra) {
    return "{\"event_id\":\"%s\",\"type\":\"%s\",\"ts\":\"%s\",\"shop_id\":\"s\",\"order_id\":\"%s\",\"buyer_id\":\"%s\",%s}"
        .formatted(id, type, ts, order, buyer, extra);
  }

  /** Writes the fixture as event files into {@code dir}; with or without S3's late rating. */
  static Path write(Path dir, boolean withLateRating) throws IOException {
    Files.createDirectories(dir);
    List<String> chat = new ArrayList<>(List.of(CHAT));
    for (String[] bad : BAD) {
      chat.add(bad[0]);
    }
    Files.write(dir.resolve("chat-events-1.jsonl"), chat, StandardCharsets.UTF_8);
    Files.write(dir.resolve("order-events-1.jsonl"), List.of(ORDERS), StandardCharsets.UTF_8);
    if (withLateRating) {
      Files.write(dir.resolve("chat-events-2.jsonl"), List.of(LATE_RATING), StandardCharsets.UTF_8);
    }
    return dir;
  }
}
