package io.kefu.stream.live;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.ContentType;
import io.kefu.core.event.EndReason;
import io.kefu.core.event.Message;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Rating;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionEnd;
import io.kefu.core.event.SessionStart;
import io.kefu.core.event.Transfer;
import java.time.Instant;

/** Named chat events of one session, {@code s-1} of buyer {@code tb_lily88}, for the tests. */
final class SessionEvents {

  static final String SHOP = "sunshine-baby";
  static final String SESSION = "s-1";
  static final String BUYER = "tb_lily88";
  static final String XIAOMEI = "a-xiaomei";
  static final String AJIE = "a-ajie";

  /** 2026-11-02 10:00:00 +08:00. */
  static final Instant T0 = Instant.parse("2026-11-02T02:00:00Z");

  private SessionEvents() {}

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  static SessionStart start(String id, int seconds, String agent) {
    return new SessionStart(id, at(seconds), SHOP, SESSION, BUYER, "tmall", agent, Queue.PRE_SALE);
  }

  static Message buyer(String id, int seconds) {
    return message(id, seconds, Sender.BUYER, null, "在吗");
  }

  static Message agent(String id, int seconds, String agent) {
    return message(id, seconds, Sender.AGENT, agent, "亲，您好！");
  }

  static Message bot(String id, int seconds) {
    return message(id, seconds, Sender.BOT, null, "亲，稍等哦");
  }

  static Message message(String id, int seconds, Sender sender, String agent, String text) {
    return new Message(
        id, at(seconds), SHOP, SESSION, BUYER, "tmall", sender, agent, text, ContentType.TEXT);
  }

  static Transfer transfer(String id, int seconds, String from, String to) {
    return new Transfer(id, at(seconds), SHOP, SESSION, BUYER, "tmall", from, to);
  }

  static SessionEnd end(String id, int seconds) {
    return new SessionEnd(id, at(seconds), SHOP, SESSION, BUYER, "tmall", EndReason.CLOSED);
  }

  static Rating rating(String id, int seconds, int score) {
    return new Rating(id, at(seconds), SHOP, SESSION, BUYER, "tmall", score, "");
  }

  static long ms(ChatEvent e) {
    return e.ts().toEpochMilli();
  }
}
