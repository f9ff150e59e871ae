package io.kefu.batch;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.ContentType;
import io.kefu.core.event.EndReason;
import io.kefu.core.event.Event;
import io.kefu.core.event.EventType;
import io.kefu.core.event.Message;
import io.kefu.core.event.OrderCancelled;
import io.kefu.core.event.OrderCompleted;
import io.kefu.core.event.OrderCreated;
import io.kefu.core.event.OrderEvent;
import io.kefu.core.event.OrderPaid;
import io.kefu.core.event.OrderShipped;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Rating;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.RefundRejected;
import io.kefu.core.event.RefundRequested;
import io.kefu.core.event.RefundType;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionEnd;
import io.kefu.core.event.SessionStart;
import io.kefu.core.event.Transfer;
import io.kefu.core.event.WireNamed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One input line as a Spark row: either an accepted event, flattened into the columns the jobs
 * need, or a rejection with its reason and raw text. The flat form is what crosses Spark's
 * shuffles; {@link #toEvent(Row)} turns it back into the core event records so the shared logic
 * decides. Order items, carriers and tracking numbers are not carried: no KPI reads them.
 */
final class EventRows {

  private EventRows() {}

  static final String ACCEPTED = "A";
  static final String REJECTED = "R";

  /** The parse output: status, where the line came from, the event's fields or the rejection. */
  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            field("status", DataTypes.StringType),
            field("file", DataTypes.StringType),
            field("line_no", DataTypes.LongType),
            field("event_id", DataTypes.StringType),
            field("type", DataTypes.StringType),
            field("stream", DataTypes.StringType),
            field("ts_ms", DataTypes.LongType),
            field("shop_id", DataTypes.StringType),
            field("key", DataTypes.StringType), // session_id or order_id: the grouping key
            field("buyer_id", DataTypes.StringType),
            field("channel", DataTypes.StringType),
            field("agent_id", DataTypes.StringType), // start, message; transfer: to_agent_id
            field("from_agent_id", DataTypes.StringType),
            field("queue", DataTypes.StringType),
            field("sender", DataTypes.StringType),
            field("text", DataTypes.StringType),
            field("content_type", DataTypes.StringType),
            field("reason", DataTypes.StringType),
            field("score", DataTypes.IntegerType),
            field("amount", DataTypes.createDecimalType(18, 2)),
            field("refund_id", DataTypes.StringType),
            field("refund_type", DataTypes.StringType),
            field("reject_reason", DataTypes.StringType),
            field("reject_message", DataTypes.StringType),
            field("raw", DataTypes.StringType),
          });

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  static Row rejected(
      String file, long lineNo, String eventId, String reason, String msg, String raw) {
    Object[] v = new Object[SCHEMA.size()];
    v[0] = REJECTED;
    v[1] = file;
    v[2] = lineNo;
    v[3] = eventId;
    v[22] = reason;
    v[23] = msg;
    v[24] = raw;
    return RowFactory.create(v);
  }

  /**
   * An accepted event's row. The raw line is kept only for refunds, the one kind the batch job may
   * still reject once it sees the whole order (a refund larger than the payment).
   */
  static Row accepted(String file, long lineNo, Event e, String raw) {
    Object[] v = new Object[SCHEMA.size()];
    if (e instanceof RefundRequested || e instanceof RefundCompleted) {
      v[24] = raw;
    }
    v[0] = ACCEPTED;
    v[1] = file;
    v[2] = lineNo;
    v[3] = e.eventId();
    v[4] = e.type().wireName();
    v[5] = e.type().stream() == EventType.Stream.CHAT ? "chat" : "order";
    v[6] = e.ts().toEpochMilli();
    v[7] = e.shopId();
    v[9] = e.buyerId();
    if (e instanceof ChatEvent c) {
      v[8] = c.sessionId();
      v[10] = c.channel();
      if (e instanceof SessionStart s) {
        v[11] = s.agentId();
        v[13] = s.queue().wireName();
      } else if (e instanceof Message m) {
        v[11] = m.agentId();
        v[14] = m.sender().wireName();
        v[15] = m.text();
        v[16] = m.contentType().wireName();
      } else if (e instanceof Transfer t) {
        v[11] = t.toAgentId();
        v[12] = t.fromAgentId();
      } else if (e instanceof SessionEnd s) {
        v[17] = s.reason().wireName();
      } else if (e instanceof Rating r) {
        v[18] = r.score();
        v[17] = r.comment();
      }
    } else if (e instanceof OrderEvent o) {
      v[8] = o.orderId();
      if (e instanceof OrderCreated c) {
        v[19] = c.amount();
      } else if (e instanceof OrderPaid p) {
        v[19] = p.amount();
      } else if (e instanceof OrderCancelled c) {
        v[17] = c.reason();
      } else if (e instanceof RefundRequested r) {
        v[19] = r.amount();
        v[20] = r.refundId();
        v[21] = r.refundType().wireName();
        v[17] = r.reason();
      } else if (e instanceof RefundCompleted r) {
        v[19] = r.amount();
        v[20] = r.refundId();
      } else if (e instanceof RefundRejected r) {
        v[20] = r.refundId();
        v[17] = r.reason();
      }
    }
    return RowFactory.create(v);
  }

  private static String s(Row r, int i) {
    String v = r.getString(i);
    return v == null ? "" : v;
  }

  /** The accepted row's event, as the core model (the inverse of {@link #accepted}). */
  static Event toEvent(Row r) {
    String id = r.getString(3);
    EventType type = EventType.fromWireName(r.getString(4));
    Instant ts = Instant.ofEpochMilli(r.getLong(6));
    String shop = r.getString(7);
    String key = r.getString(8);
    String buyer = r.getString(9);
    String channel = s(r, 10);
    BigDecimal amount = r.isNullAt(19) ? null : r.getDecimal(19);
    return switch (type) {
      case SESSION_START ->
          new SessionStart(
              id,
              ts,
              shop,
              key,
              buyer,
              channel,
              r.getString(11),
              WireNamed.find(Queue.class, r.getString(13)));
      case MESSAGE ->
          new Message(
              id,
              ts,
              shop,
              key,
              buyer,
              channel,
              WireNamed.find(Sender.class, r.getString(14)),
              s(r, 11),
              s(r, 15),
              WireNamed.find(ContentType.class, r.getString(16)));
      case TRANSFER ->
          new Transfer(id, ts, shop, key, buyer, channel, r.getString(12), r.getString(11));
      case SESSION_END ->
          new SessionEnd(
              id, ts, shop, key, buyer, channel, WireNamed.find(EndReason.class, r.getString(17)));
      case RATING -> new Rating(id, ts, shop, key, buyer, channel, r.getInt(18), s(r, 17));
      case ORDER_CREATED -> new OrderCreated(id, ts, shop, key, buyer, amount, List.of());
      case ORDER_PAID -> new OrderPaid(id, ts, shop, key, buyer, amount);
      case ORDER_SHIPPED -> new OrderShipped(id, ts, shop, key, buyer, "", "");
      case ORDER_COMPLETED -> new OrderCompleted(id, ts, shop, key, buyer);
      case ORDER_CANCELLED -> new OrderCancelled(id, ts, shop, key, buyer, s(r, 17));
      case REFUND_REQUESTED ->
          new RefundRequested(
              id,
              ts,
              shop,
              key,
              buyer,
              r.getString(20),
              amount,
              WireNamed.find(RefundType.class, r.getString(21)),
              s(r, 17));
      case REFUND_COMPLETED ->
          new RefundCompleted(id, ts, shop, key, buyer, r.getString(20), amount);
      case REFUND_REJECTED ->
          new RefundRejected(id, ts, shop, key, buyer, r.getString(20), s(r, 17));
    };
  }
}
