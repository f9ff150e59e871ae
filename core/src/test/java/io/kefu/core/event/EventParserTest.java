package io.kefu.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

  private static final EventParser PARSER = new EventParser();

  private static final String HEAD =
      "\"event_id\":\"e-1\",\"ts\":\"2026-11-02T10:15:05+08:00\",\"shop_id\":\"sunshine-baby\",";
  private static final String CHAT = HEAD + "\"session_id\":\"s-1\",\"buyer_id\":\"tb_lily88\",";
  private static final String ORDER = HEAD + "\"order_id\":\"o-1\",\"buyer_id\":\"tb_lily88\",";

  private static Event accept(String line) {
    ParseResult r = PARSER.parse(line);
    if (r instanceof ParseResult.Rejected rej) {
      throw new AssertionError("rejected " + rej.rejection() + ": " + line);
    }
    return ((ParseResult.Accepted) r).event();
  }

  private static Rejection reject(String line) {
    ParseResult r = PARSER.parse(line);
    return assertInstanceOf(ParseResult.Rejected.class, r, line).rejection();
  }

  /** A source stamping raw lines reads the same event time as the parser, or none. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"a\",\"ts\":\"2026-11-02T10:15:05.120+08:00\",\"x\":{\"ts\":1}}"
            + " | 2026-11-02T02:15:05.120Z",
        "{\"ts\":\"2026-11-02T02:15:05Z\",\"type\":\"x\",\"ts\":\"2026-11-02T10:15:06+08:00\"}"
            + " | 2026-11-02T02:15:06Z",
        "{\"a\":[{\"ts\":\"2030-01-01T00:00:00Z\"}],\"ts\":\"2026-11-02T10:15:05+08:00\"}"
            + " | 2026-11-02T02:15:05Z",
      })
  void eventTimeOfARawLineIsTheParsersTs(String line, String expected) {
    assertEquals(Instant.parse(expected).toEpochMilli(), EventParser.eventTimeMillis(line), line);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json",
        "[1,2]",
        "{\"ts\":\"2026-11-02 10:15:05\"}",
        "{\"ts\":\"1999-12-31T23:59:59Z\"}",
        "{\"ts\":12345}",
        "{\"type\":\"x\"}",
        "{\"ts\":\"2026-11-02T10:15:05+08:00\"",
      })
  void aLineWithoutAValidTsHasNoEventTime(String line) {
    assertEquals(Long.MIN_VALUE, EventParser.eventTimeMillis(line), line);
  }

  @Test
  void everyExampleOfTheContractParses() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/contract/events-md-examples.jsonl")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertEquals(5, lines.size());
      for (String line : lines) {
        accept(line);
      }
    }
  }

  /** The contract itself, when it sits beside the project: no example in it may be rejected. */
  @Test
  void everyJsonLineInTheLiveContractParses() throws IOException {
    Path contract = Path.of("../../shared/contract/EVENTS.md");
    Assumptions.assumeTrue(Files.exists(contract), "shared/contract not beside the project");
    Matcher m = Pattern.compile("(?m)^\\{\"event_id\".*\\}$").matcher(Files.readString(contract));
    int n = 0;
    while (m.find()) {
      accept(m.group());
      n++;
    }
    assertTrue(n >= 5, "examples found: " + n);
  }

  @Test
  void shouldReadTheExampleInquiryWithExactMoney() {
    Event e =
        accept(
            "{\"event_id\":\"o-1\",\"type\":\"order_created\",\"ts\":\"2026-11-02T10:21:40+08:00\","
                + "\"shop_id\":\"sunshine-baby\",\"order_id\":\"20261102-0001\",\"buyer_id\":\"tb_lily88\","
                + "\"amount\":\"459.00\",\"items\":[{\"sku\":\"stroller-x1\",\"qty\":1,\"price\":\"459.00\"}]}");
    OrderCreated o = assertInstanceOf(OrderCreated.class, e);
    assertEquals(new BigDecimal("459.00"), o.amount());
    assertEquals(List.of(new OrderItem("stroller-x1", 1, new BigDecimal("459.00"))), o.items());
    assertEquals(Instant.parse("2026-11-02T02:21:40Z"), o.ts());
  }

  @Test
  void shouldKeepMoneyExactWhenGivenAsJsonNumber() {
    OrderPaid p = (OrderPaid) accept("{" + ORDER + "\"type\":\"order_paid\",\"amount\":0.1}");
    assertEquals(new BigDecimal("0.10"), p.amount());
    OrderPaid big =
        (OrderPaid) accept("{" + ORDER + "\"type\":\"order_paid\",\"amount\":12345678.99}");
    assertEquals(new BigDecimal("12345678.99"), big.amount());
  }

  @Test
  void shouldIgnoreUnknownExtraFields() {
    Message m =
        (Message)
            accept(
                "{"
                    + CHAT
                    + "\"type\":\"message\",\"sender\":\"buyer\",\"text\":\"在吗\","
                    + "\"client\":{\"os\":\"ios\",\"v\":[1,2]},\"trace\":[{\"a\":1}],\"x\":null}");
    assertEquals(Sender.BUYER, m.sender());
    assertEquals("在吗", m.text());
    assertEquals("", m.channel());
    assertEquals(ContentType.TEXT, m.contentType());
  }

  @Test
  void shouldDefaultOptionalFields() {
    Message bot = (Message) accept("{" + CHAT + "\"type\":\"message\",\"sender\":\"bot\"}");
    assertEquals("", bot.text());
    assertEquals("", bot.agentId());
    SessionEnd end = (SessionEnd) accept("{" + CHAT + "\"type\":\"session_end\"}");
    assertEquals(EndReason.CLOSED, end.reason());
    Message card =
        (Message)
            accept(
                "{"
                    + CHAT
                    + "\"type\":\"message\",\"sender\":\"buyer\",\"content_type\":\"sticker\"}");
    assertEquals(ContentType.OTHER, card.contentType());
  }

  @Test
  void shouldReadEveryTypeOfTheContract() {
    assertInstanceOf(
        SessionStart.class,
        accept(
            "{"
                + CHAT
                + "\"type\":\"session_start\",\"agent_id\":\"a-1\",\"queue\":\"pre_sale\"}"));
    assertInstanceOf(
        Transfer.class,
        accept(
            "{"
                + CHAT
                + "\"type\":\"transfer\",\"from_agent_id\":\"a-1\",\"to_agent_id\":\"a-2\"}"));
    Rating r = (Rating) accept("{" + CHAT + "\"type\":\"rating\",\"score\":5,\"comment\":\"好评\"}");
    assertEquals(5, r.score());
    assertInstanceOf(
        OrderShipped.class,
        accept(
            "{" + ORDER + "\"type\":\"order_shipped\",\"carrier\":\"中通\",\"tracking_no\":\"7\"}"));
    assertInstanceOf(OrderCompleted.class, accept("{" + ORDER + "\"type\":\"order_completed\"}"));
    assertInstanceOf(
        OrderCancelled.class,
        accept("{" + ORDER + "\"type\":\"order_cancelled\",\"reason\":\"拍错了\"}"));
    RefundRequested rr =
        (RefundRequested)
            accept(
                "{"
                    + ORDER
                    + "\"type\":\"refund_requested\",\"refund_id\":\"r-1\",\"amount\":\"59.9\","
                    + "\"refund_type\":\"return_refund\",\"reason\":\"色差\"}");
    assertEquals(RefundType.RETURN_REFUND, rr.refundType());
    assertEquals(new BigDecimal("59.90"), rr.amount());
    assertInstanceOf(
        RefundCompleted.class,
        accept(
            "{" + ORDER + "\"type\":\"refund_completed\",\"refund_id\":\"r-1\",\"amount\":59.9}"));
    assertInstanceOf(
        RefundRejected.class,
        accept(
            "{" + ORDER + "\"type\":\"refund_rejected\",\"refund_id\":\"r-1\",\"reason\":\"x\"}"));
  }

  @Test
  void shouldConvertAnyOffsetToTheSameInstant() {
    Event utc =
        accept(
            "{\"event_id\":\"e\",\"type\":\"order_completed\",\"ts\":\"2026-11-02T16:30:00Z\","
                + "\"shop_id\":\"s\",\"order_id\":\"o\",\"buyer_id\":\"b\"}");
    Event local =
        accept(
            "{\"event_id\":\"e\",\"type\":\"order_completed\",\"ts\":\"2026-11-03T00:30:00.000+08:00\","
                + "\"shop_id\":\"s\",\"order_id\":\"o\",\"buyer_id\":\"b\"}");
    assertEquals(utc.ts(), local.ts());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``|blank_line",
        "`   `|blank_line",
        "not json at all|not_json",
        "{\"event_id\":\"e-1\",\"type\":|not_json",
        "{\"event_id\":\"e-1\"} trailing|not_json",
        "[1,2,3]|not_object",
        "\"just a string\"|not_object",
        "{\"type\":\"message\"}|missing_field:event_id",
        "{\"event_id\":\"\",\"type\":\"message\"}|missing_field:event_id",
        "{\"event_id\":17,\"type\":\"message\"}|bad_field:event_id",
        "{\"event_id\":\"e-1\",\"ts\":\"2026-11-02T10:15:05+08:00\"}|missing_field:type",
        "{\"event_id\":\"e-1\",\"type\":\"chat_message\",\"ts\":\"2026-11-02T10:15:05+08:00\"}|unknown_type",
        "{\"event_id\":\"e-1\",\"type\":\"message\",\"shop_id\":\"s\"}|missing_field:ts",
        "{\"event_id\":\"e-1\",\"type\":\"message\",\"ts\":\"2026-11-02T10:15:05\"}|bad_timestamp",
        "{\"event_id\":\"e-1\",\"type\":\"message\",\"ts\":\"02/11/2026 10:15\"}|bad_timestamp",
        "{\"event_id\":\"e-1\",\"type\":\"message\",\"ts\":\"2026-13-02T10:15:05+08:00\"}|bad_timestamp",
        "{\"event_id\":\"e-1\",\"type\":\"message\",\"ts\":\"1970-01-01T00:00:00Z\"}|bad_timestamp",
        "{\"event_id\":\"e-1\",\"type\":\"message\",\"ts\":1762049705}|bad_field:ts",
        "{\"event_id\":\"e-1\",\"type\":\"message\",\"ts\":\"2026-11-02T10:15:05+08:00\"}|missing_field:shop_id",
      })
  void shouldRejectBadEnvelopes(String line, String reason) {
    assertEquals(reason, reject(line).reason());
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"type\":\"message\",\"sender\":\"buyer\"|missing_field:session_id|chat",
        "\"type\":\"message\"|missing_field:sender|full",
        "\"type\":\"message\",\"sender\":\"robot\"|bad_value:sender|full",
        "\"type\":\"message\",\"sender\":\"agent\",\"text\":\"亲\"|missing_field:agent_id|full",
        "\"type\":\"message\",\"sender\":\"buyer\",\"text\":{\"a\":1}|bad_field:text|full",
        "\"type\":\"session_start\",\"agent_id\":\"a\"|missing_field:queue|full",
        "\"type\":\"session_start\",\"agent_id\":\"a\",\"queue\":\"vip\"|bad_value:queue|full",
        "\"type\":\"transfer\",\"from_agent_id\":\"a\"|missing_field:to_agent_id|full",
        "\"type\":\"session_end\",\"reason\":\"exploded\"|bad_value:reason|full",
        "\"type\":\"rating\"|missing_field:score|full",
        "\"type\":\"rating\",\"score\":7|bad_score|full",
        "\"type\":\"rating\",\"score\":0|bad_score|full",
        "\"type\":\"rating\",\"score\":4.5|bad_score|full",
        "\"type\":\"rating\",\"score\":\"five\"|bad_score|full",
      })
  void shouldRejectBadChatEvents(String fields, String reason, String variant) {
    String prefix = variant.equals("chat") ? HEAD : CHAT;
    assertEquals(reason, reject("{" + prefix + fields + "}").reason());
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"type\":\"order_paid\"|missing_field:amount",
        "\"type\":\"order_paid\",\"amount\":-5|negative_amount",
        "\"type\":\"order_paid\",\"amount\":\"-0.01\"|negative_amount",
        "\"type\":\"order_paid\",\"amount\":\"12.345\"|bad_amount",
        "\"type\":\"order_paid\",\"amount\":\"¥12\"|bad_amount",
        "\"type\":\"order_paid\",\"amount\":true|bad_amount",
        "\"type\":\"order_paid\",\"amount\":1e30|bad_amount",
        "\"type\":\"order_created\",\"amount\":\"10\",\"items\":{}|bad_field:items",
        "\"type\":\"order_created\",\"amount\":\"10\",\"items\":[{\"sku\":\"x\",\"qty\":0,\"price\":1}]|bad_field:items",
        "\"type\":\"order_created\",\"amount\":\"10\",\"items\":[{\"sku\":\"x\",\"qty\":1,\"price\":-1}]|negative_amount",
        "\"type\":\"refund_requested\",\"refund_id\":\"r\",\"amount\":5|missing_field:refund_type",
        "\"type\":\"refund_requested\",\"refund_id\":\"r\",\"amount\":5,\"refund_type\":\"gift\"|bad_value:refund_type",
        "\"type\":\"refund_completed\",\"amount\":5|missing_field:refund_id",
      })
  void shouldRejectBadOrderEvents(String fields, String reason) {
    assertEquals(reason, reject("{" + ORDER + fields + "}").reason());
  }

  @Test
  void shouldMissOrderIdBeforeLookingAtAmounts() {
    assertEquals(
        "missing_field:order_id",
        reject("{" + HEAD + "\"type\":\"order_paid\",\"buyer_id\":\"b\",\"amount\":-1}").reason());
  }

  @Test
  void shouldCarryTheEventIdAndAReadableMessageInRejections() {
    Rejection r = reject("{" + ORDER + "\"type\":\"order_paid\",\"amount\":\"-3.50\"}");
    assertEquals("e-1", r.eventId());
    assertTrue(r.message().contains("-3.50"), r.message());
    Rejection ts =
        reject("{\"event_id\":\"x\",\"type\":\"message\",\"ts\":\"2026-11-02T10:15:05\"}");
    assertTrue(ts.message().contains("no UTC offset"), ts.message());
  }

  @Test
  void shouldNeverThrowOnGarbage() {
    String[] garbage = {"{", "}", "{{}}", "null", "{\"a\":}", "\u0000\u0001", "{\"items\":[", "💥"};
    for (String g : garbage) {
      assertInstanceOf(ParseResult.Rejected.class, PARSER.parse(g), g);
    }
  }
}
