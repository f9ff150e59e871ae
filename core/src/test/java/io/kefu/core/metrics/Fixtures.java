package io.kefu.core.metrics;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.ContentType;
import io.kefu.core.event.EndReason;
import io.kefu.core.event.Message;
import io.kefu.core.event.OrderCreated;
import io.kefu.core.event.OrderItem;
import io.kefu.core.event.OrderPaid;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Rating;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionEnd;
import io.kefu.core.event.SessionStart;
import io.kefu.core.event.Transfer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Named builders for metric tests, in the style of the Flink training exercises: one line per
 * event, times written as offsets from {@link #T0}.
 *
 * <p>Every builder draws a fresh {@code event_id} from a zero-padded counter, so ids sort in the
 * order the test wrote the events; a test that needs a particular tie-break on {@code ts} (ties are
 * broken by {@code event_id}) sets ids explicitly with {@link #withId}.
 */
final class Fixtures {

  static final String SHOP = "sunshine-baby";
  static final String BUYER = "tb_lily88";
  static final String CHANNEL = "tmall";

  static final String XIAOMEI = "a-xiaomei";
  static final String DAWEI = "a-dawei";
  static final String LINGLING = "a-lingling";

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** Monday 2026-11-02 10:00 in the shop's zone (02:00 UTC). */
  static final Instant T0 = at("2026-11-02T10:00:00+08:00");

  static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
  static final LocalDate NOV_3 = LocalDate.of(2026, 11, 3);

  private static final AtomicLong SEQ = new AtomicLong();

  private Fixtures() {}

  private static String nextId() {
    return String.format("e-%06d", SEQ.incrementAndGet());
  }

  /** An ISO-8601 time with offset, as the wire carries it. */
  static Instant at(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant();
  }

  // ---- chat events ------------------------------------------------------------------------

  static SessionStart start(String session, String agent, Queue queue, Instant at) {
    return new SessionStart(nextId(), at, SHOP, session, BUYER, CHANNEL, agent, queue);
  }

  static Message buyer(String session, Instant at, String text) {
    return message(session, at, Sender.BUYER, "", text);
  }

  static Message agent(String session, String agentId, Instant at) {
    return agent(session, agentId, at, "亲，在的～");
  }

  static Message agent(String session, String agentId, Instant at, String text) {
    return message(session, at, Sender.AGENT, agentId, text);
  }

  static Message bot(String session, Instant at, String text) {
    return message(session, at, Sender.BOT, "", text);
  }

  static Message system(String session, Instant at, String text) {
    return message(session, at, Sender.SYSTEM, "", text);
  }

  private static Message message(
      String session, Instant at, Sender sender, String agentId, String text) {
    return new Message(
        nextId(), at, SHOP, session, BUYER, CHANNEL, sender, agentId, text, ContentType.TEXT);
  }

  static Transfer transfer(String session, String from, String to, Instant at) {
    return new Transfer(nextId(), at, SHOP, session, BUYER, CHANNEL, from, to);
  }

  static SessionEnd end(String session, Instant at) {
    return new SessionEnd(nextId(), at, SHOP, session, BUYER, CHANNEL, EndReason.CLOSED);
  }

  static Rating rating(String session, int score, Instant at) {
    return new Rating(nextId(), at, SHOP, session, BUYER, CHANNEL, score, "");
  }

  /** The same chat event with another {@code event_id} (for tie-breaks on equal {@code ts}). */
  @SuppressWarnings("unchecked")
  static <E extends ChatEvent> E withId(String id, E e) {
    ChatEvent out;
    if (e instanceof SessionStart s) {
      out =
          new SessionStart(
              id,
              s.ts(),
              s.shopId(),
              s.sessionId(),
              s.buyerId(),
              s.channel(),
              s.agentId(),
              s.queue());
    } else if (e instanceof Message m) {
      out =
          new Message(
              id,
              m.ts(),
              m.shopId(),
              m.sessionId(),
              m.buyerId(),
              m.channel(),
              m.sender(),
              m.agentId(),
              m.text(),
              m.contentType());
    } else if (e instanceof Transfer t) {
      out =
          new Transfer(
              id,
              t.ts(),
              t.shopId(),
              t.sessionId(),
              t.buyerId(),
              t.channel(),
              t.fromAgentId(),
              t.toAgentId());
    } else if (e instanceof SessionEnd x) {
      out =
          new SessionEnd(
              id, x.ts(), x.shopId(), x.sessionId(), x.buyerId(), x.channel(), x.reason());
    } else if (e instanceof Rating r) {
      out =
          new Rating(
              id,
              r.ts(),
              r.shopId(),
              r.sessionId(),
              r.buyerId(),
              r.channel(),
              r.score(),
              r.comment());
    } else {
      throw new IllegalArgumentException("unknown chat event " + e);
    }
    return (E) out;
  }

  // ---- order events -----------------------------------------------------------------------

  static OrderCreated order(String orderId, String amount, Instant at) {
    return order(orderId, BUYER, amount, at);
  }

  static OrderCreated order(String orderId, String buyer, String amount, Instant at) {
    BigDecimal a = new BigDecimal(amount);
    return new OrderCreated(
        nextId(), at, SHOP, orderId, buyer, a, List.of(new OrderItem("sku-1", 1, a)));
  }

  static OrderPaid paid(String orderId, String amount, Instant at) {
    return new OrderPaid(nextId(), at, SHOP, orderId, BUYER, new BigDecimal(amount));
  }

  static RefundCompleted refund(String orderId, String refundId, String amount, Instant at) {
    return new RefundCompleted(
        nextId(), at, SHOP, orderId, BUYER, refundId, new BigDecimal(amount));
  }

  // ---- derived values and configuration ---------------------------------------------------

  /** An inquiry of {@link #BUYER} in {@link #SHOP}; its day is the Shanghai day of {@code at}. */
  static Inquiry inquiry(String session, String agent, Instant at) {
    return new Inquiry(SHOP, BUYER, session, agent, at, at.atZone(SHANGHAI).toLocalDate());
  }

  /** The defaults with some keys overridden, e.g. {@code config("attribution.window", "48h")}. */
  static KefuConfig config(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return KefuConfig.fromProperties(p, "test");
  }

  static SessionFacts analyze(KefuConfig config, ChatEvent... events) {
    return new SessionAnalyzer(config).analyze(List.of(events));
  }

  static SessionFacts analyze(ChatEvent... events) {
    return analyze(KefuConfig.defaults(), events);
  }
}
