package io.kefu.core.qa;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.ContentType;
import io.kefu.core.event.Message;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionStart;
import io.kefu.core.metrics.SessionAnalyzer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A small transcript for tests: {@code buyer(0, "…").agent(12, "…")}, seconds from the start. */
final class Transcript {

  static final Instant START = Instant.parse("2026-11-02T02:00:00Z");
  static final SessionAnalyzer ANALYZER = new SessionAnalyzer(KefuConfig.defaults());

  private final List<ChatEvent> events = new ArrayList<>();
  private int n;

  private Transcript() {
    events.add(
        new SessionStart("e-000", START, "shop", "s-1", "b-1", "tmall", "a-1", Queue.PRE_SALE));
  }

  static Transcript session() {
    return new Transcript();
  }

  Transcript buyer(int t, String text) {
    return add(t, Sender.BUYER, text);
  }

  Transcript agent(int t, String text) {
    return add(t, Sender.AGENT, text);
  }

  Transcript bot(int t, String text) {
    return add(t, Sender.BOT, text);
  }

  Transcript system(int t, String text) {
    return add(t, Sender.SYSTEM, text);
  }

  private Transcript add(int t, Sender from, String text) {
    n++;
    events.add(
        new Message(
            String.format("e-%03d", n),
            START.plusSeconds(t),
            "shop",
            "s-1",
            "b-1",
            "tmall",
            from,
            from == Sender.AGENT ? "a-1" : null,
            text,
            ContentType.TEXT));
    return this;
  }

  List<ChatEvent> events() {
    return List.copyOf(events);
  }

  List<Message> messages() {
    List<Message> out = new ArrayList<>();
    for (ChatEvent e : events) {
      if (e instanceof Message m) {
        out.add(m);
      }
    }
    return out;
  }

  SessionScore score(QaEngine engine) {
    return engine.score(events, ANALYZER.analyze(events));
  }
}
