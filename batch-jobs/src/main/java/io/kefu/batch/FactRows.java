package io.kefu.batch;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Event;
import io.kefu.core.event.Message;
import io.kefu.core.event.OrderEvent;
import io.kefu.core.event.RejectKind;
import io.kefu.core.event.Rejection;
import io.kefu.core.event.Sender;
import io.kefu.core.metrics.AgentMessages;
import io.kefu.core.metrics.Assignment;
import io.kefu.core.metrics.Attribution;
import io.kefu.core.metrics.Inquiry;
import io.kefu.core.metrics.OrderAnalyzer;
import io.kefu.core.metrics.OrderFacts;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.metrics.SessionFacts;
import io.kefu.core.metrics.Turn;
import io.kefu.core.qa.QaEngine;
import io.kefu.core.qa.RuleHit;
import io.kefu.core.qa.SessionScore;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The per-buyer step of the batch job: every line of one buyer in one shop (their sessions, their
 * orders) → the rows of the fact tables. Everything a KPI needs about a buyer is decided here, in
 * one place and from that buyer's events alone: who answered their turns and how fast ({@link
 * SessionAnalyzer}), what became of their orders ({@link OrderAnalyzer}) and which inquiry each
 * order is credited to ({@link Attribution}) — the same shared code the streaming job calls. This
 * class only converts: events in, rows out.
 *
 * <p>The rows already have the published layout of METRICS.md's fact tables (shop-local DATE days,
 * UTC TIMESTAMPs), so the KPI SQL and the warehouse read the same thing.
 */
final class FactRows implements Serializable {

  private static final long serialVersionUID = 1L;

  // Table numbers: each fact row is tagged with the table it belongs to.
  static final int SESSION = 0;
  static final int TURN = 1;
  static final int ASSIGNMENT = 2;
  static final int INQUIRY = 3;
  static final int AGENT_MESSAGE = 4;
  static final int ORDER = 5;
  static final int REJECT = 6;
  static final int SESSION_QUALITY = 7;
  static final int QUALITY_HIT = 8;
  static final int MESSAGE = 9;

  private static StructField f(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  private static final DataType STR = DataTypes.StringType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType BOOL = DataTypes.BooleanType;
  private static final DataType DATE = DataTypes.DateType;
  private static final DataType TS = DataTypes.TimestampNTZType;
  private static final DataType MONEY = DataTypes.createDecimalType(18, 2);

  /** The staged tables, by table number: name and layout. */
  static final String[] NAMES = {
    "session_fact",
    "turn_fact",
    "assignment_fact",
    "inquiry_fact",
    "agent_message_fact",
    "order_fact",
    "reject",
    "session_quality",
    "session_quality_hit",
    "chat_message"
  };

  static final StructType[] SCHEMAS = {
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("session_id", STR),
          f("buyer_id", STR),
          f("channel", STR),
          f("queue", STR),
          f("start_at", TS),
          f("day", DATE),
          f("first_owner", STR),
          f("last_owner", STR),
          f("credit_agent", STR),
          f("rating", INT),
          f("ended", BOOL),
          f("end_at", TS),
          f("events", INT),
          f("duplicates", INT)
        }),
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("session_id", STR),
          f("buyer_id", STR),
          f("agent_id", STR),
          f("turn_start", TS),
          f("day", DATE),
          f("buyer_messages", INT),
          f("answered", BOOL),
          f("answered_by", STR),
          f("response_ms", LONG),
          f("replied_in_time", BOOL),
          f("first_turn", BOOL),
          f("counted", BOOL)
        }),
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("session_id", STR),
          f("buyer_id", STR),
          f("agent_id", STR),
          f("day", DATE)
        }),
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("session_id", STR),
          f("buyer_id", STR),
          f("agent_id", STR),
          f("inquiry_at", TS),
          f("day", DATE)
        }),
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("session_id", STR),
          f("agent_id", STR),
          f("day", DATE),
          f("messages", INT)
        }),
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("order_id", STR),
          f("buyer_id", STR),
          f("day", DATE),
          f("created_at", TS),
          f("created_amount", MONEY),
          f("paid_amount", MONEY),
          f("paid_at", TS),
          f("paid_day", DATE),
          f("refunded_amount", MONEY),
          f("refund_requests", INT),
          f("cancelled", BOOL),
          f("credited", BOOL),
          f("credited_session_id", STR),
          f("credited_agent_id", STR),
          f("credited_inquiry_at", TS),
          f("credited_day", DATE),
          f("events", INT),
          f("duplicates", INT)
        }),
    new StructType(
        new StructField[] {
          f("file", STR),
          f("line_no", LONG),
          f("event_id", STR),
          f("reason", STR),
          f("message", STR),
          f("raw", STR)
        }),
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("session_id", STR),
          f("agent_id", STR),
          f("buyer_id", STR),
          f("day", DATE),
          f("rulebook_version", STR),
          f("qa_score", INT),
          f("grade", STR),
          f("critical", BOOL),
          f("hits", INT),
          f("deductions", INT)
        }),
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("session_id", STR),
          f("rulebook_version", STR),
          f("seq", INT),
          f("rule_id", STR),
          f("severity", STR),
          f("deduction", INT),
          f("event_id", STR),
          f("agent_id", STR),
          f("excerpt", STR),
          f("day", DATE)
        }),
    new StructType(
        new StructField[] {
          f("shop_id", STR),
          f("session_id", STR),
          f("event_id", STR),
          f("ts", TS),
          f("day", DATE),
          f("seq", INT),
          f("sender", STR),
          f("agent_id", STR),
          f("content_type", STR),
          f("text", STR),
          f("response_ms", LONG)
        })
  };

  private final SessionAnalyzer sessions;
  private final QaEngine quality;
  private final Attribution attribution;
  private final ZoneId zone;
  private final String[] files;

  /**
   * @param quality scores each finished session's transcript (QA_RULES.md)
   * @param files the input files, by the index the lines carry
   */
  FactRows(
      SessionAnalyzer sessions,
      QaEngine quality,
      Attribution attribution,
      ZoneId zone,
      String[] files) {
    this.sessions = sessions;
    this.quality = quality;
    this.attribution = attribution;
    this.zone = zone;
    this.files = files;
  }

  private static LocalDateTime utc(Instant t) {
    return t == null ? null : LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), UTC);
  }

  private static final ZoneOffset UTC = ZoneOffset.UTC;

  private LocalDate day(Instant t) {
    return t == null ? null : LocalDate.ofInstant(t, zone);
  }

  /** Receives the fact rows: each with its table number, values in the table's column order. */
  interface Out {
    void row(int table, Object[] values);
  }

  private static Object[] row(Object... values) {
    return values;
  }

  /** A rejected line → its row of the reject table. */
  Object[] reject(LineRecord r) {
    return row(files[r.file()], r.line(), r.eventId(), r.reason(), r.message(), r.raw());
  }

  /** Input order: the first delivery of a repeated event_id is the one that counts. */
  static final Comparator<LineRecord> INPUT_ORDER =
      Comparator.comparingInt(LineRecord::file).thenComparingLong(LineRecord::line);

  /**
   * The accepted lines of one buyer in one shop, in any order → the rows of every fact table, each
   * handed to {@code out} with its table number. Repeated event_ids count once (the first in input
   * order) and are counted as duplicates of their session or order.
   */
  void buyer(List<LineRecord> lines, Out out) {
    lines.sort(INPUT_ORDER);
    Map<String, List<ChatEvent>> chats = new LinkedHashMap<>();
    Map<String, List<OrderEvent>> orders = new LinkedHashMap<>();
    Map<String, LineRecord> orderLines = new HashMap<>();
    Map<String, int[]> duplicates = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (LineRecord r : lines) {
      Event e = r.event();
      String group =
          e instanceof ChatEvent c ? "c" + c.sessionId() : "o" + ((OrderEvent) e).orderId();
      if (!seen.add(e.eventId())) {
        duplicates.computeIfAbsent(group, k -> new int[1])[0]++;
        continue;
      }
      if (e instanceof ChatEvent c) {
        chats.computeIfAbsent(c.sessionId(), k -> new ArrayList<>()).add(c);
      } else {
        OrderEvent o = (OrderEvent) e;
        orders.computeIfAbsent(o.orderId(), k -> new ArrayList<>()).add(o);
        orderLines.put(o.eventId(), r);
      }
    }
    List<Inquiry> inquiries = new ArrayList<>();
    for (Map.Entry<String, List<ChatEvent>> s : chats.entrySet()) {
      SessionFacts facts = sessions.analyze(s.getValue());
      int[] dup = duplicates.get("c" + s.getKey());
      session(facts, s.getValue().size(), dup == null ? 0 : dup[0], out);
      transcript(s.getValue(), facts, out);
      inquiries.addAll(facts.inquiries());
    }
    inquiries.sort(Attribution.ORDER);
    for (Map.Entry<String, List<OrderEvent>> o : orders.entrySet()) {
      OrderAnalyzer.Result result = OrderAnalyzer.analyze(o.getValue());
      OrderFacts facts = result.facts();
      Inquiry credit =
          facts.createdAt() == null ? null : attribution.credit(facts.createdAt(), inquiries);
      int[] dup = duplicates.get("o" + o.getKey());
      order(facts, credit, o.getValue().size(), dup == null ? 0 : dup[0], out);
      for (Rejection rej : result.rejected()) {
        LineRecord line = orderLines.get(rej.eventId());
        out.row(
            REJECT,
            row(
                files[line.file()],
                line.line(),
                rej.eventId(),
                rej.reason(),
                rej.message(),
                line.raw()));
      }
    }
  }

  private void session(SessionFacts s, int events, int duplicates, Out out) {
    out.row(
        SESSION,
        row(
            s.shopId(),
            s.sessionId(),
            s.buyerId(),
            s.channel(),
            s.queue() == null ? null : s.queue().wireName(),
            utc(s.start()),
            s.day(),
            s.firstOwnerId(),
            s.lastOwnerId(),
            s.creditAgentId(),
            s.rated() ? s.ratingScore() : null,
            s.ended(),
            utc(s.end()),
            events,
            duplicates));
    for (Turn t : s.turns()) {
      out.row(
          TURN,
          row(
              s.shopId(),
              s.sessionId(),
              s.buyerId(),
              t.ownerAgentId(),
              utc(t.start()),
              t.day(),
              t.buyerMessages(),
              t.answered(),
              t.answeredBy(),
              t.answered() ? t.responseMillis() : null,
              t.repliedInTime(),
              t.first(),
              t.counted()));
    }
    for (Assignment a : s.assignments()) {
      out.row(ASSIGNMENT, row(s.shopId(), s.sessionId(), s.buyerId(), a.agentId(), a.day()));
    }
    for (Inquiry q : s.inquiries()) {
      out.row(
          INQUIRY, row(s.shopId(), s.sessionId(), s.buyerId(), q.agentId(), utc(q.at()), q.day()));
    }
    for (AgentMessages m : s.agentMessages()) {
      out.row(AGENT_MESSAGE, row(s.shopId(), s.sessionId(), m.agentId(), m.day(), m.count()));
    }
  }

  /** An agent's reply: when and who, the key that ties a message to the turn it answered. */
  private record Reply(Instant at, String agent) {}

  /**
   * The session's messages in transcript order (by ts, then event_id), each agent reply that
   * answered a buyer turn with its real response time; and, once the session has ended, its quality
   * score with every rule hit tied to its message.
   */
  private void transcript(List<ChatEvent> events, SessionFacts s, Out out) {
    List<ChatEvent> sorted = SessionAnalyzer.dedupAndSort(events);
    Map<Reply, Long> answers = new HashMap<>();
    for (Turn t : s.turns()) {
      if (t.answered()) {
        answers.putIfAbsent(
            new Reply(t.answeredAt(), t.answeredBy()),
            t.answeredAt().toEpochMilli() - t.start().toEpochMilli());
      }
    }
    Map<String, String> senders = new HashMap<>();
    int seq = 0;
    for (ChatEvent e : sorted) {
      if (!(e instanceof Message m)) {
        continue;
      }
      String agent = m.agentId();
      Long response = m.sender() == Sender.AGENT ? answers.remove(new Reply(m.ts(), agent)) : null;
      if (agent != null) {
        senders.put(m.eventId(), agent);
      }
      out.row(
          MESSAGE,
          row(
              s.shopId(),
              s.sessionId(),
              m.eventId(),
              utc(m.ts()),
              day(m.ts()),
              ++seq,
              m.sender().wireName(),
              agent,
              m.contentType() == null ? null : m.contentType().wireName(),
              m.text(),
              response));
    }
    if (!s.ended() || quality == null) {
      return;
    }
    SessionScore score = quality.score(sorted, s);
    int deductions = 0;
    int hit = 0;
    for (RuleHit h : score.hits()) {
      deductions += h.deduction();
      out.row(
          QUALITY_HIT,
          row(
              s.shopId(),
              s.sessionId(),
              score.rulebookVersion(),
              ++hit,
              h.ruleId(),
              h.severity().id(),
              h.deduction(),
              h.eventId(),
              h.eventId() == null ? null : senders.get(h.eventId()),
              h.excerpt(),
              s.day()));
    }
    out.row(
        SESSION_QUALITY,
        row(
            s.shopId(),
            s.sessionId(),
            s.creditAgentId(),
            s.buyerId(),
            s.day(),
            score.rulebookVersion(),
            score.score(),
            score.grade(),
            score.critical(),
            score.hits().size(),
            deductions));
  }

  private void order(OrderFacts o, Inquiry q, int events, int duplicates, Out out) {
    LocalDate created = day(o.createdAt());
    LocalDate paid = day(o.paidAt());
    out.row(
        ORDER,
        row(
            o.shopId(),
            o.orderId(),
            o.buyerId(),
            created != null ? created : paid,
            utc(o.createdAt()),
            o.createdAmount(),
            o.paidAmount(),
            utc(o.paidAt()),
            paid,
            o.refundedAmount(),
            o.refundRequests(),
            o.cancelled(),
            q != null,
            q == null ? null : q.sessionId(),
            q == null ? null : q.agentId(),
            q == null ? null : utc(q.at()),
            q == null ? null : q.day(),
            events,
            duplicates));
  }

  /** The pseudo-rejection standing for the cut in a truncated compressed file. */
  static Rejection truncated(String detail) {
    return new Rejection(
        RejectKind.TRUNCATED_FILE,
        null,
        "the compressed file ends in the middle ("
            + detail
            + "); the lines before the cut were read",
        null);
  }
}
