package io.kefu.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one input line into an {@link Event} or a {@link Rejection}: the single gate every event
 * passes, in batch and in streaming alike, so both jobs accept and reject exactly the same lines.
 *
 * <p>It never throws on bad input. Unknown extra fields are ignored (forward compatibility); the
 * first problem found decides the reason, checked in the order event_id, type, ts, shop_id, then
 * the type's own fields. Thread-safe and allocation-light: one instance serves a whole job.
 */
public final class EventParser {

  /** Amounts beyond this do not fit DECIMAL(18,2) and are treated as garbage. */
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");

  private static final int MIN_YEAR = 2000;
  private static final int MAX_YEAR = 2099;

  private static final JsonFactory JSON = new JsonFactory();

  /** Marker for a field whose JSON value was an object or a non-items array. */
  private static final Object NESTED = new Object();

  /** Marker for an explicit JSON null. */
  private static final Object NULL = new Object();

  /** A JSON number, kept as its exact text so money never passes through a double. */
  private record Num(String text) {}

  /** Parses one line (without its line terminator). */
  public ParseResult parse(String line) {
    if (line == null || line.isBlank()) {
      return reject(RejectKind.BLANK_LINE, null, "empty line", null);
    }
    Map<String, Object> fields;
    try {
      fields = readObject(line);
    } catch (NotAnObject e) {
      return reject(RejectKind.NOT_OBJECT, null, e.getMessage(), null);
    } catch (JsonProcessingException e) {
      return reject(RejectKind.NOT_JSON, null, "not valid JSON: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      return reject(RejectKind.NOT_JSON, null, "not valid JSON: " + e.getMessage(), null);
    }
    try {
      return new ParseResult.Accepted(toEvent(new Fields(fields)));
    } catch (Invalid e) {
      return new ParseResult.Rejected(e.rejection);
    }
  }

  /**
   * Parses one line given as UTF-8 bytes (without its line terminator): the same result as {@link
   * #parse(String)} on the line decoded with undecodable bytes replaced by U+FFFD, without decoding
   * the line into a String first. Only a line that reads as an accepted event takes the fast path;
   * anything else (a rejection, bytes that are not clean UTF-8, a byte-order mark) is decoded and
   * judged by {@link #parse(String)}, so the two can never disagree.
   */
  public ParseResult parse(byte[] utf8, int off, int len) {
    // '{' first and no zero byte among the first four: Jackson then reads the bytes as UTF-8 (it
    // would guess UTF-16/32 from zero bytes, and skip a byte-order mark the text path keeps).
    boolean plain = len >= 2 && utf8[off] == '{';
    for (int i = off; plain && i < off + Math.min(4, len); i++) {
      plain = utf8[i] != 0;
    }
    if (plain) {
      try (JsonParser p = JSON.createParser(utf8, off, len)) {
        Map<String, Object> fields = readObject(p);
        return new ParseResult.Accepted(toEvent(new Fields(fields)));
      } catch (IOException | Invalid e) {
        // judged again below, from the decoded text, for the exact reason and message
      }
    }
    return parse(new String(utf8, off, len, java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * The event time of a line as {@link #parse} reads it, in epoch milliseconds, without building
   * the event: for a stream source that stamps records before they are parsed (Kafka partitions,
   * each with its own watermark). {@link Long#MIN_VALUE} when the line has no valid {@code ts} (the
   * parser rejects it). Like the parser, a repeated field's last value counts.
   */
  public static long eventTimeMillis(String line) {
    if (line == null) {
      return Long.MIN_VALUE;
    }
    String ts = null;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Long.MIN_VALUE;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        boolean isTs = p.currentName().equals("ts");
        JsonToken v = p.nextToken();
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
          p.skipChildren();
        }
        if (isTs) {
          ts = v == JsonToken.VALUE_STRING ? p.getText() : null;
        }
      }
      if (t != JsonToken.END_OBJECT || ts == null || ts.isEmpty()) {
        return Long.MIN_VALUE;
      }
      return timestamp(ts).toEpochMilli();
    } catch (IOException | BadTimestamp e) {
      return Long.MIN_VALUE;
    }
  }

  /** The {@code ts} rule: ISO-8601 with an offset, in 2000–2099. */
  private static Instant timestamp(String text) throws BadTimestamp {
    Instant fast = IsoTimestamps.parse(text);
    if (fast != null) {
      int year = fast.atOffset(java.time.ZoneOffset.UTC).getYear();
      if (year >= MIN_YEAR && year <= MAX_YEAR) {
        return fast;
      }
    }
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      String why =
          Fields.looksLocal(text)
              ? "has no UTC offset (write e.g. 2026-11-02T10:15:30+08:00)"
              : "is not an ISO-8601 time with offset";
      throw new BadTimestamp("ts '" + text + "' " + why);
    }
    int year = t.get(ChronoField.YEAR);
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new BadTimestamp("ts '" + text + "' is outside 2000–2099");
    }
    return t.toInstant();
  }

  private static final class BadTimestamp extends Exception {
    BadTimestamp(String message) {
      super(message, null, false, false);
    }
  }

  private static ParseResult reject(RejectKind kind, String field, String msg, String eventId) {
    return new ParseResult.Rejected(new Rejection(kind, field, msg, eventId));
  }

  // ---------------------------------------------------------------- JSON reading

  private static final class NotAnObject extends IOException {
    NotAnObject(String message) {
      super(message);
    }
  }

  private static Map<String, Object> readObject(String line) throws IOException {
    try (JsonParser p = JSON.createParser(line)) {
      return readObject(p);
    }
  }

  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      if (first == JsonToken.START_ARRAY || first == JsonToken.START_OBJECT) {
        p.skipChildren();
      }
      requireEnd(p);
      throw new NotAnObject("a JSON " + describe(first) + ", not an object");
    }
    Map<String, Object> fields = new HashMap<>(32);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      fields.put(name, readValue(p, v, name.equals("items")));
    }
    if (t != JsonToken.END_OBJECT) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "unterminated object");
    }
    requireEnd(p);
    return fields;
  }

  private static void requireEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "text after the JSON value");
    }
  }

  private static Object readValue(JsonParser p, JsonToken v, boolean allowObjectArray)
      throws IOException {
    switch (v) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Num(p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      case START_ARRAY:
        if (!allowObjectArray) {
          p.skipChildren();
          return NESTED;
        }
        List<Object> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          if (e == JsonToken.START_OBJECT) {
            Map<String, Object> item = new HashMap<>(8);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String n = p.currentName();
              item.put(n, readValue(p, p.nextToken(), false));
            }
            list.add(item);
          } else {
            list.add(readValue(p, e, false));
          }
        }
        return list;
      case START_OBJECT:
        p.skipChildren();
        return NESTED;
      default:
        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + v);
    }
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  // ---------------------------------------------------------------- validation

  private static final class Invalid extends Exception {
    final Rejection rejection;

    Invalid(Rejection rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }
  }

  /** Typed access to the raw fields of one line; every getter rejects with the right reason. */
  private static final class Fields {
    private final Map<String, Object> raw;
    private String eventId;

    Fields(Map<String, Object> raw) {
      this.raw = raw;
    }

    Invalid invalid(RejectKind kind, String field, String message) {
      return new Invalid(new Rejection(kind, field, message, eventId));
    }

    String requiredString(String name) throws Invalid {
      Object v = raw.get(name);
      if (v == null || v == NULL || "".equals(v)) {
        throw invalid(RejectKind.MISSING_FIELD, name, "required field '" + name + "' is missing");
      }
      if (!(v instanceof String s)) {
        throw invalid(
            RejectKind.BAD_FIELD, name, "field '" + name + "' must be a string, got " + kindOf(v));
      }
      return s;
    }

    String optionalString(String name) throws Invalid {
      Object v = raw.get(name);
      if (v == null || v == NULL) {
        return "";
      }
      if (!(v instanceof String s)) {
        throw invalid(
            RejectKind.BAD_FIELD, name, "field '" + name + "' must be a string, got " + kindOf(v));
      }
      return s;
    }

    <E extends Enum<E> & WireNamed> E requiredEnum(String name, Class<E> type) throws Invalid {
      String s = requiredString(name);
      E e = WireNamed.find(type, s);
      if (e == null) {
        throw invalid(RejectKind.BAD_VALUE, name, "'" + name + "' has unknown value '" + s + "'");
      }
      return e;
    }

    BigDecimal amount(String name) throws Invalid {
      return money(raw.get(name), name, name);
    }

    BigDecimal money(Object v, String field, String label) throws Invalid {
      if (v == null || v == NULL || "".equals(v)) {
        throw invalid(RejectKind.MISSING_FIELD, field, "required field '" + label + "' is missing");
      }
      String text;
      if (v instanceof Num n) {
        text = n.text();
      } else if (v instanceof String s) {
        text = s.strip();
      } else {
        throw invalid(RejectKind.BAD_AMOUNT, null, "'" + label + "' is not a number: " + kindOf(v));
      }
      BigDecimal d;
      try {
        d = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw invalid(RejectKind.BAD_AMOUNT, null, "'" + label + "' is not a decimal: " + text);
      }
      if (d.signum() < 0) {
        throw invalid(RejectKind.NEGATIVE_AMOUNT, null, "'" + label + "' is negative: " + text);
      }
      if (d.stripTrailingZeros().scale() > 2) {
        throw invalid(
            RejectKind.BAD_AMOUNT, null, "'" + label + "' has more than 2 decimals: " + text);
      }
      if (d.compareTo(MAX_AMOUNT) > 0) {
        throw invalid(RejectKind.BAD_AMOUNT, null, "'" + label + "' is implausibly large: " + text);
      }
      return d.setScale(2);
    }

    Instant timestamp() throws Invalid {
      try {
        return EventParser.timestamp(requiredString("ts"));
      } catch (BadTimestamp e) {
        throw invalid(RejectKind.BAD_TIMESTAMP, null, e.getMessage());
      }
    }

    int score() throws Invalid {
      Object v = raw.get("score");
      if (v == null || v == NULL) {
        throw invalid(RejectKind.MISSING_FIELD, "score", "required field 'score' is missing");
      }
      String text = v instanceof Num n ? n.text() : v instanceof String s ? s.strip() : null;
      int score;
      try {
        score = text == null ? 0 : Integer.parseInt(text);
      } catch (NumberFormatException e) {
        score = 0;
      }
      if (score < 1 || score > 5) {
        throw invalid(
            RejectKind.BAD_SCORE,
            null,
            "rating score must be an integer from 1 to 5, got "
                + (text == null ? kindOf(v) : text));
      }
      return score;
    }

    List<OrderItem> items() throws Invalid {
      Object v = raw.get("items");
      if (v == null || v == NULL) {
        return List.of();
      }
      if (!(v instanceof List<?> list)) {
        throw invalid(RejectKind.BAD_FIELD, "items", "'items' must be an array of objects");
      }
      List<OrderItem> items = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> item)) {
          throw invalid(RejectKind.BAD_FIELD, "items", "items[" + i + "] is not an object");
        }
        Object sku = item.get("sku");
        if (!(sku instanceof String s) || s.isEmpty()) {
          throw invalid(RejectKind.BAD_FIELD, "items", "items[" + i + "].sku is missing");
        }
        int qty = quantity(item.get("qty"), i);
        BigDecimal price = money(item.get("price"), "items", "items[" + i + "].price");
        items.add(new OrderItem(s, qty, price));
      }
      return List.copyOf(items);
    }

    private int quantity(Object v, int i) throws Invalid {
      if (v instanceof Num n) {
        try {
          int q = Integer.parseInt(n.text());
          if (q > 0) {
            return q;
          }
        } catch (NumberFormatException e) {
          // falls through to the rejection below
        }
      }
      throw invalid(
          RejectKind.BAD_FIELD, "items", "items[" + i + "].qty must be a positive integer");
    }

    /** A date and time with no zone: the commonest mistake of exporters, worth its own message. */
    private static boolean looksLocal(String text) {
      return text.matches("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    }

    private static String kindOf(Object v) {
      if (v instanceof Num) {
        return "a number";
      }
      if (v instanceof Boolean) {
        return "a boolean";
      }
      if (v == NESTED || v instanceof List) {
        return "an object or array";
      }
      return "a string";
    }
  }

  private static Event toEvent(Fields f) throws Invalid {
    f.eventId = f.requiredString("event_id");
    String typeName = f.requiredString("type");
    EventType type = EventType.fromWireName(typeName);
    if (type == null) {
      throw f.invalid(RejectKind.UNKNOWN_TYPE, null, "unknown event type '" + typeName + "'");
    }
    Instant ts = f.timestamp();
    String shop = f.requiredString("shop_id");
    String id = f.eventId;
    if (type.stream() == EventType.Stream.CHAT) {
      String session = f.requiredString("session_id");
      String buyer = f.requiredString("buyer_id");
      String channel = f.optionalString("channel");
      return switch (type) {
        case SESSION_START ->
            new SessionStart(
                id,
                ts,
                shop,
                session,
                buyer,
                channel,
                f.requiredString("agent_id"),
                f.requiredEnum("queue", Queue.class));
        case MESSAGE -> message(f, id, ts, shop, session, buyer, channel);
        case TRANSFER ->
            new Transfer(
                id,
                ts,
                shop,
                session,
                buyer,
                channel,
                f.requiredString("from_agent_id"),
                f.requiredString("to_agent_id"));
        case SESSION_END ->
            new SessionEnd(
                id, ts, shop, session, buyer, channel, endReason(f.optionalString("reason"), f));
        case RATING ->
            new Rating(
                id, ts, shop, session, buyer, channel, f.score(), f.optionalString("comment"));
        default -> throw new AssertionError(type);
      };
    }
    String order = f.requiredString("order_id");
    String buyer = f.requiredString("buyer_id");
    return switch (type) {
      case ORDER_CREATED ->
          new OrderCreated(id, ts, shop, order, buyer, f.amount("amount"), f.items());
      case ORDER_PAID -> new OrderPaid(id, ts, shop, order, buyer, f.amount("amount"));
      case ORDER_SHIPPED ->
          new OrderShipped(
              id,
              ts,
              shop,
              order,
              buyer,
              f.optionalString("carrier"),
              f.optionalString("tracking_no"));
      case ORDER_COMPLETED -> new OrderCompleted(id, ts, shop, order, buyer);
      case ORDER_CANCELLED ->
          new OrderCancelled(id, ts, shop, order, buyer, f.optionalString("reason"));
      case REFUND_REQUESTED ->
          new RefundRequested(
              id,
              ts,
              shop,
              order,
              buyer,
              f.requiredString("refund_id"),
              f.amount("amount"),
              f.requiredEnum("refund_type", RefundType.class),
              f.optionalString("reason"));
      case REFUND_COMPLETED ->
          new RefundCompleted(
              id, ts, shop, order, buyer, f.requiredString("refund_id"), f.amount("amount"));
      case REFUND_REJECTED ->
          new RefundRejected(
              id,
              ts,
              shop,
              order,
              buyer,
              f.requiredString("refund_id"),
              f.optionalString("reason"));
      default -> throw new AssertionError(type);
    };
  }

  private static Message message(
      Fields f, String id, Instant ts, String shop, String session, String buyer, String channel)
      throws Invalid {
    Sender sender = f.requiredEnum("sender", Sender.class);
    String agent =
        sender == Sender.AGENT ? f.requiredString("agent_id") : f.optionalString("agent_id");
    String contentType = f.optionalString("content_type");
    ContentType ct =
        contentType.isEmpty()
            ? ContentType.TEXT
            : java.util.Objects.requireNonNullElse(
                WireNamed.find(ContentType.class, contentType), ContentType.OTHER);
    return new Message(
        id, ts, shop, session, buyer, channel, sender, agent, f.optionalString("text"), ct);
  }

  /** A missing reason reads as {@code closed}; an unknown one is rejected. */
  private static EndReason endReason(String s, Fields f) throws Invalid {
    if (s.isEmpty()) {
      return EndReason.CLOSED;
    }
    EndReason r = WireNamed.find(EndReason.class, s);
    if (r == null) {
      throw f.invalid(RejectKind.BAD_VALUE, "reason", "'reason' has unknown value '" + s + "'");
    }
    return r;
  }
}
