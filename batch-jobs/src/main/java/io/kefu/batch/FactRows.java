package io.kefu.batch;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.OrderEvent;
import io.kefu.core.event.Rejection;
import io.kefu.core.metrics.AgentMessages;
import io.kefu.core.metrics.Assignment;
import io.kefu.core.metrics.Attribution;
import io.kefu.core.metrics.Inquiry;
import io.kefu.core.metrics.OrderAnalyzer;
import io.kefu.core.metrics.OrderFacts;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.metrics.SessionFacts;
import io.kefu.core.metrics.Turn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The per-group steps of the batch job: one session's rows → its facts, one order's rows → its
 * facts, one buyer's inquiries and orders → the credit of each order. Each step only converts rows
 * and calls the shared core logic ({@link SessionAnalyzer}, {@link OrderAnalyzer}, {@link
 * Attribution}), the same code the streaming job calls. Days are carried as epoch days and times as
 * epoch milliseconds until the final SQL turns them into DATE and TIMESTAMP.
 */
final class FactRows {

  private FactRows() {}

  private static StructField f(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  private static StructType struct(StructField... fields) {
    return new StructType(fields);
  }

  private static final DataType STR = DataTypes.StringType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType BOOL = DataTypes.BooleanType;
  private static final DataType MONEY = DataTypes.createDecimalType(18, 2);

  static final StructType TURN =
      struct(
          f("owner", STR),
          f("start_ms", LONG),
          f("day", INT),
          f("buyer_messages", INT),
          f("answered", BOOL),
          f("answered_by", STR),
          f("response_ms", LONG),
          f("replied_in_time", BOOL),
          f("first", BOOL),
          f("counted", BOOL));
  static final StructType ASSIGNMENT = struct(f("agent_id", STR), f("day", INT));
  static final StructType INQUIRY = struct(f("agent_id", STR), f("at_ms", LONG), f("day", INT));
  static final StructType AGENT_MESSAGES =
      struct(f("agent_id", STR), f("day", INT), f("count", INT));
  static final StructType REJECT =
      struct(
          f("event_id", STR),
          f("file", STR),
          f("line_no", LONG),
          f("reason", STR),
          f("message", STR),
          f("raw", STR));

  static final StructType SESSION =
      struct(
          f("shop_id", STR),
          f("session_id", STR),
          f("buyer_id", STR),
          f("channel", STR),
          f("queue", STR),
          f("start_ms", LONG),
          f("day", INT),
          f("first_owner", STR),
          f("last_owner", STR),
          f("credit_agent", STR),
          f("rating_score", INT),
          f("ended", BOOL),
          f("end_ms", LONG),
          f("events", INT),
          f("duplicates", INT),
          f("turns", new ArrayType(TURN, false)),
          f("assignments", new ArrayType(ASSIGNMENT, false)),
          f("inquiries", new ArrayType(INQUIRY, false)),
          f("agent_messages", new ArrayType(AGENT_MESSAGES, false)));

  static final StructType ORDER =
      struct(
          f("shop_id", STR),
          f("order_id", STR),
          f("buyer_id", STR),
          f("created_ms", LONG),
          f("created_day", INT),
          f("created_amount", MONEY),
          f("paid_amount", MONEY),
          f("paid_ms", LONG),
          f("paid_day", INT),
          f("refunded_amount", MONEY),
          f("refund_requests", INT),
          f("cancelled", BOOL),
          f("events", INT),
          f("duplicates", INT),
          f("rejected", new ArrayType(REJECT, false)));

  /** One group's result: exactly one of the three is set. */
  static final StructType FACT =
      struct(f("session", SESSION), f("order", ORDER), f("reject", REJECT));

  static Row fact(Row session, Row order, Row reject) {
    return RowFactory.create(session, order, reject);
  }

  /** A rejected parse row → one row of {@link #REJECT}. */
  static Row reject(Row r) {
    return RowFactory.create(
        r.getString(EventRows.EVENT_ID),
        r.getString(EventRows.FILE),
        r.getLong(EventRows.LINE),
        r.getString(EventRows.REASON),
        r.getString(EventRows.MESSAGE),
        r.getString(EventRows.RAW));
  }

  static final StructType CREDIT =
      struct(
          f("shop_id", STR),
          f("order_id", STR),
          f("buyer_id", STR),
          f("credited", BOOL),
          f("session_id", STR),
          f("agent_id", STR),
          f("inquiry_ms", LONG),
          f("inquiry_day", INT));

  /** Spark rows hold arrays as Scala sequences. */
  private static scala.collection.immutable.Seq<Row> seq(List<Row> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }

  private static int epochDay(Instant t, ZoneId zone) {
    return (int) t.atZone(zone).toLocalDate().toEpochDay();
  }

  private static int epochDay(LocalDate d) {
    return (int) d.toEpochDay();
  }

  /**
   * One session's accepted rows, in input order (file, line) → one row of {@link #SESSION}. The
   * first delivery of a repeated event_id counts; the others are counted as duplicates.
   */
  static Row session(List<Row> input, SessionAnalyzer analyzer, ZoneId zone) {
    List<ChatEvent> events = new ArrayList<>(input.size());
    Set<String> ids = new HashSet<>();
    for (Row r : input) {
      if (ids.add(r.getString(EventRows.EVENT_ID))) {
        events.add((ChatEvent) EventRows.event(r));
      }
    }
    SessionFacts s = analyzer.analyze(events);
    List<Row> turns = new ArrayList<>(s.turns().size());
    for (Turn t : s.turns()) {
      turns.add(
          RowFactory.create(
              t.ownerAgentId(),
              t.start().toEpochMilli(),
              epochDay(t.day()),
              t.buyerMessages(),
              t.answered(),
              t.answeredBy(),
              t.answered() ? t.responseMillis() : null,
              t.repliedInTime(),
              t.first(),
              t.counted()));
    }
    List<Row> assignments = new ArrayList<>();
    for (Assignment a : s.assignments()) {
      assignments.add(RowFactory.create(a.agentId(), epochDay(a.day())));
    }
    List<Row> inquiries = new ArrayList<>();
    for (Inquiry q : s.inquiries()) {
      inquiries.add(RowFactory.create(q.agentId(), q.at().toEpochMilli(), epochDay(q.day())));
    }
    List<Row> sent = new ArrayList<>();
    for (AgentMessages m : s.agentMessages()) {
      sent.add(RowFactory.create(m.agentId(), epochDay(m.day()), m.count()));
    }
    return RowFactory.create(
        s.shopId(),
        s.sessionId(),
        s.buyerId(),
        s.channel(),
        s.queue() == null ? null : s.queue().wireName(),
        s.start().toEpochMilli(),
        epochDay(s.day()),
        s.firstOwnerId(),
        s.lastOwnerId(),
        s.creditAgentId(),
        s.ratingScore(),
        s.ended(),
        s.end() == null ? null : s.end().toEpochMilli(),
        events.size(),
        input.size() - events.size(),
        seq(turns),
        seq(assignments),
        seq(inquiries),
        seq(sent));
  }

  /** One order's accepted rows → one row of {@link #ORDER}, with any refund it had to reject. */
  static Row order(List<Row> input, ZoneId zone) {
    List<OrderEvent> events = new ArrayList<>(input.size());
    List<Row> firstRows = new ArrayList<>(input.size());
    Set<String> ids = new HashSet<>();
    for (Row r : input) {
      if (ids.add(r.getString(EventRows.EVENT_ID))) {
        events.add((OrderEvent) EventRows.event(r));
        firstRows.add(r);
      }
    }
    OrderAnalyzer.Result result = OrderAnalyzer.analyze(events);
    OrderFacts o = result.facts();
    List<Row> rejected = new ArrayList<>();
    for (Rejection rej : result.rejected()) {
      for (Row r : firstRows) {
        if (r.getString(EventRows.EVENT_ID).equals(rej.eventId())) {
          rejected.add(
              RowFactory.create(
                  rej.eventId(),
                  r.getString(EventRows.FILE),
                  r.getLong(EventRows.LINE),
                  rej.reason(),
                  rej.message(),
                  r.getString(EventRows.RAW)));
        }
      }
    }
    return RowFactory.create(
        o.shopId(),
        o.orderId(),
        o.buyerId(),
        o.createdAt() == null ? null : o.createdAt().toEpochMilli(),
        o.createdAt() == null ? null : epochDay(o.createdAt(), zone),
        o.createdAmount(),
        o.paidAmount(),
        o.paidAt() == null ? null : o.paidAt().toEpochMilli(),
        o.paidAt() == null ? null : epochDay(o.paidAt(), zone),
        o.refundedAmount(),
        o.refundRequests(),
        o.cancelled(),
        events.size(),
        input.size() - events.size(),
        seq(rejected));
  }

  /** One buyer's inquiries and orders in one shop → the credit of each order. */
  static Iterator<Row> credits(Iterator<Row> rows, Attribution attribution, ZoneId zone) {
    List<Inquiry> inquiries = new ArrayList<>();
    List<Row> orders = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      if ("inquiry".equals(r.getString(2))) {
        Instant at = Instant.ofEpochMilli(r.getLong(5));
        inquiries.add(
            new Inquiry(
                r.getString(0),
                r.getString(1),
                r.getString(3),
                r.getString(4),
                at,
                at.atZone(zone).toLocalDate()));
      } else {
        orders.add(r);
      }
    }
    inquiries.sort(Attribution.ORDER);
    orders.sort(Comparator.comparing((Row r) -> r.getString(7)));
    List<Row> out = new ArrayList<>(orders.size());
    for (Row o : orders) {
      Inquiry q = attribution.credit(Instant.ofEpochMilli(o.getLong(5)), inquiries);
      out.add(
          RowFactory.create(
              o.getString(0),
              o.getString(7),
              o.getString(1),
              q != null,
              q == null ? null : q.sessionId(),
              q == null ? null : q.agentId(),
              q == null ? null : q.at().toEpochMilli(),
              q == null ? null : epochDay(q.at(), zone)));
    }
    return out.iterator();
  }
}
