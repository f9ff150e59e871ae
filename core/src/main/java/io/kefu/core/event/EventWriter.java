package io.kefu.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link Event} as one line of the contract's JSON form, the inverse of {@link
 * EventParser}: {@code parse(write(e))} equals {@code e}. Timestamps are written with millisecond
 * precision in the given zone's offset, money as strings with two decimals.
 */
public final class EventWriter {

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private final DateTimeFormatter ts;

  /** A writer that renders timestamps in {@code zone}, as a shop's systems would. */
  public EventWriter(ZoneId zone) {
    this.ts = TS.withZone(zone);
  }

  public String formatTs(Instant t) {
    return ts.format(t);
  }

  public String write(Event e) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("event_id", e.eventId());
      g.writeStringField("type", e.type().wireName());
      g.writeStringField("ts", ts.format(e.ts()));
      g.writeStringField("shop_id", e.shopId());
      if (e instanceof ChatEvent c) {
        g.writeStringField("session_id", c.sessionId());
        g.writeStringField("buyer_id", c.buyerId());
        if (!c.channel().isEmpty()) {
          g.writeStringField("channel", c.channel());
        }
      } else if (e instanceof OrderEvent o) {
        g.writeStringField("order_id", o.orderId());
        g.writeStringField("buyer_id", o.buyerId());
      }
      writeOwnFields(g, e);
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  private static void writeOwnFields(JsonGenerator g, Event e) throws IOException {
    if (e instanceof SessionStart s) {
      g.writeStringField("agent_id", s.agentId());
      g.writeStringField("queue", s.queue().wireName());
    } else if (e instanceof Message m) {
      g.writeStringField("sender", m.sender().wireName());
      if (!m.agentId().isEmpty()) {
        g.writeStringField("agent_id", m.agentId());
      }
      g.writeStringField("text", m.text());
      if (m.contentType() != ContentType.TEXT) {
        g.writeStringField("content_type", m.contentType().wireName());
      }
    } else if (e instanceof Transfer t) {
      g.writeStringField("from_agent_id", t.fromAgentId());
      g.writeStringField("to_agent_id", t.toAgentId());
    } else if (e instanceof SessionEnd s) {
      g.writeStringField("reason", s.reason().wireName());
    } else if (e instanceof Rating r) {
      g.writeNumberField("score", r.score());
      if (!r.comment().isEmpty()) {
        g.writeStringField("comment", r.comment());
      }
    } else if (e instanceof OrderCreated o) {
      money(g, "amount", o.amount());
      g.writeArrayFieldStart("items");
      for (OrderItem i : o.items()) {
        g.writeStartObject();
        g.writeStringField("sku", i.sku());
        g.writeNumberField("qty", i.qty());
        money(g, "price", i.price());
        g.writeEndObject();
      }
      g.writeEndArray();
    } else if (e instanceof OrderPaid o) {
      money(g, "amount", o.amount());
    } else if (e instanceof OrderShipped o) {
      g.writeStringField("carrier", o.carrier());
      g.writeStringField("tracking_no", o.trackingNo());
    } else if (e instanceof OrderCancelled o) {
      g.writeStringField("reason", o.reason());
    } else if (e instanceof RefundRequested r) {
      g.writeStringField("refund_id", r.refundId());
      money(g, "amount", r.amount());
      g.writeStringField("refund_type", r.refundType().wireName());
      g.writeStringField("reason", r.reason());
    } else if (e instanceof RefundCompleted r) {
      g.writeStringField("refund_id", r.refundId());
      money(g, "amount", r.amount());
    } else if (e instanceof RefundRejected r) {
      g.writeStringField("refund_id", r.refundId());
      g.writeStringField("reason", r.reason());
    }
    // OrderCompleted has no fields of its own.
  }

  private static void money(JsonGenerator g, String name, BigDecimal v) throws IOException {
    g.writeStringField(name, v.setScale(2).toPlainString());
  }
}
