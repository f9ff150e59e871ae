package io.kefu.stream.live;

import static io.kefu.stream.live.SessionEvents.AJIE;
import static io.kefu.stream.live.SessionEvents.XIAOMEI;
import static io.kefu.stream.live.SessionEvents.agent;
import static io.kefu.stream.live.SessionEvents.bot;
import static io.kefu.stream.live.SessionEvents.buyer;
import static io.kefu.stream.live.SessionEvents.end;
import static io.kefu.stream.live.SessionEvents.ms;
import static io.kefu.stream.live.SessionEvents.rating;
import static io.kefu.stream.live.SessionEvents.start;
import static io.kefu.stream.live.SessionEvents.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Message;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.metrics.SessionFacts;
import io.kefu.core.metrics.Turn;
import io.kefu.stream.warehouse.LiveAlert;
import io.kefu.stream.warehouse.LiveRow;
import io.kefu.stream.warehouse.WaitingBuyer;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-session operator with its state and event-time timers: waiting buyers and wait alerts
 * raised and cleared, state cleared when a session ends or goes idle, and turns that always equal
 * what core's {@link SessionAnalyzer} finds in the same events, whatever the arrival order.
 */
class TrackSessionsTest {

  static final KefuConfig CONFIG = KefuConfig.defaults(); // warning 60 s, breach 180 s, idle 30 m
  static final Duration LATENESS = Duration.ofMinutes(5);
  static final Duration RATING_WINDOW = Duration.ofDays(3);
  static final long SECOND = 1000;

  @Test
  void shouldWarnThenBreachWhileABuyerWaitsAndClearWhenAnswered() throws Exception {
    try (var h = harness(MessageCheck.NONE)) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      assertEquals(WaitingBuyer.WAITING, waiting(h).level());

      h.processWatermark(ms(buyer("x", 10)) + 60 * SECOND - 1);
      assertTrue(alerts(h).isEmpty(), "not yet 60 s");
      h.processWatermark(ms(buyer("x", 10)) + 60 * SECOND);
      assertEquals(List.of(LiveAlert.WAIT_WARNING), kinds(alerts(h)));
      assertEquals(WaitingBuyer.WARNING, waiting(h).level());

      h.processWatermark(ms(buyer("x", 10)) + 180 * SECOND);
      assertEquals(List.of(LiveAlert.WAIT_WARNING, LiveAlert.WAIT_BREACH), kinds(alerts(h)));
      assertEquals(WaitingBuyer.BREACH, waiting(h).level());

      h.getSideOutput(TrackSessions.LIVE_ROWS).clear();
      add(h, agent("c-3", 200, XIAOMEI));
      List<LiveRow> rows = sideRows(h);
      WaitingBuyer gone =
          (WaitingBuyer) rows.stream().filter(r -> r instanceof WaitingBuyer).findFirst().get();
      assertTrue(gone.deleted(), "the buyer no longer waits");
      for (LiveAlert a : alerts(rows)) {
        assertEquals(ms(agent("x", 200, XIAOMEI)), a.clearedAt(), "cleared by the answer");
        assertFalse(a.deleted());
        assertEquals(XIAOMEI, a.agentId());
      }
      MinuteSums turn = minute(h, XIAOMEI, ms(buyer("x", 10)));
      assertEquals(1, turn.turns);
      assertEquals(1, turn.answered);
      assertEquals(190 * SECOND, turn.responseSumMillis);
      assertEquals(0, turn.repliedInTime, "190 s breaks the 3-minute rule");
      assertEquals(1, turn.firstResponses);
    }
  }

  @Test
  void shouldRemoveAWarningWhenAnOutOfOrderAnswerCameInTime() throws Exception {
    try (var h = harness(MessageCheck.NONE)) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      add(h, buyer("c-4", 100)); // the buyer asked again; the answer at 50 is still on its way
      h.processWatermark(ms(buyer("x", 70)));
      assertEquals(List.of(LiveAlert.WAIT_WARNING), kinds(alerts(h)));

      h.getSideOutput(TrackSessions.LIVE_ROWS).clear();
      add(h, agent("c-3", 50, XIAOMEI));
      List<LiveAlert> changed = alerts(sideRows(h));
      assertEquals(1, changed.size());
      assertTrue(changed.get(0).deleted(), "answered after 40 s: the warning was unfounded");
      assertEquals(ms(buyer("x", 100)), waiting(h).waitingSince(), "the second turn waits now");
    }
  }

  @Test
  void shouldNotAnswerWithABotUnlessBotRepliesCount() throws Exception {
    try (var h = harness(MessageCheck.NONE)) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      add(h, bot("c-3", 12));
      add(h, buyer("c-4", 20)); // the same turn: the bot neither answered nor split it
      add(h, agent("c-5", 40, XIAOMEI));
      MinuteSums cell = minute(h, XIAOMEI, ms(buyer("x", 0)));
      assertEquals(1, cell.turns);
      assertEquals(30 * SECOND, cell.responseSumMillis);
    }
  }

  @Test
  void shouldCountTheTurnForTheOwnerAtItsStartWhoeverAnswers() throws Exception {
    try (var h = harness(MessageCheck.NONE)) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      add(h, transfer("c-3", 20, XIAOMEI, AJIE));
      add(h, agent("c-4", 30, AJIE));
      MinuteSums xiaomei = minute(h, XIAOMEI, ms(buyer("x", 0)));
      assertEquals(1, xiaomei.turns);
      assertEquals(1, xiaomei.answered);
      MinuteSums ajie = minute(h, AJIE, ms(buyer("x", 0)));
      assertEquals(0, ajie.turns);
      assertEquals(1, ajie.activeSessions, "ajie owned the session in that minute");
    }
  }

  @Test
  void shouldClearEveryStateAndTimerOnceTheSessionEndedAndTheRatingWindowPassed() throws Exception {
    try (var h = harness(MessageCheck.NONE)) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      add(h, agent("c-3", 20, XIAOMEI));
      add(h, end("c-4", 30));
      long closeAt = ms(end("x", 30)) + LATENESS.toMillis();
      h.processWatermark(closeAt);
      assertEquals(1, h.numKeyedStateEntries(), "closed, waiting for a rating");

      add(h, rating("c-5", 3600, 5)); // an hour later: still counted, for xiaomei, at the start
      MinuteSums cell = minute(h, XIAOMEI, ms(buyer("x", 0)));
      assertEquals(1, cell.ratings);
      assertEquals(1, cell.satisfied);
      assertEquals(1, cell.turns, "the turns are kept with the rating");

      int written = h.extractOutputValues().size();
      add(h, buyer("c-6", 3700)); // after the close: too late for the live figures
      assertEquals(written, h.extractOutputValues().size(), "nothing changed");

      h.processWatermark(closeAt + RATING_WINDOW.toMillis());
      assertEquals(0, h.numKeyedStateEntries(), "all session state cleared");
      assertEquals(0, h.numEventTimeTimers(), "no timer left behind");
    }
  }

  @Test
  void shouldCloseAnIdleSessionAndLeaveTheBuyerUnanswered() throws Exception {
    try (var h = harness(MessageCheck.NONE)) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      h.processWatermark(ms(buyer("x", 10)) + CONFIG.sessionIdleTimeout().toMillis());
      List<LiveRow> rows = sideRows(h);
      assertTrue(rows.get(rows.size() - 1) instanceof WaitingBuyer w && w.deleted());
      List<LiveAlert> final_ = alerts(h);
      assertEquals(2, final_.size(), "never answered: warning and breach stand");
      assertNull(final_.get(0).clearedAt());
      MinuteSums cell = minute(h, XIAOMEI, ms(buyer("x", 0)));
      assertEquals(1, cell.turns);
      assertEquals(0, cell.answered);
      h.processWatermark(Long.MAX_VALUE);
      assertEquals(0, h.numKeyedStateEntries());
      assertEquals(0, h.numEventTimeTimers());
    }
  }

  @Test
  void shouldCountADuplicateDeliveryOnce() throws Exception {
    try (var h = harness(MessageCheck.NONE)) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      add(h, buyer("c-2", 10));
      add(h, agent("c-3", 20, XIAOMEI));
      add(h, agent("c-3", 20, XIAOMEI));
      MinuteSums cell = minute(h, XIAOMEI, ms(buyer("x", 0)));
      assertEquals(1, cell.turns);
      assertEquals(10 * SECOND, cell.responseSumMillis);
    }
  }

  @Test
  void shouldRaiseAQualityAlertOnTheMessageThatBreaksACriticalRule() throws Exception {
    MessageCheck rude = new Rude();
    try (var h = harness(rude)) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      add(h, SessionEvents.message("c-3", 20, io.kefu.core.event.Sender.AGENT, XIAOMEI, "爱买不买"));
      List<LiveAlert> qa = alerts(h).stream().filter(a -> a.kind().equals("impolite")).toList();
      assertEquals(1, qa.size());
      assertEquals("qa:impolite:sunshine-baby:c-3", qa.get(0).alertId());
      assertEquals(ms(buyer("x", 20)), qa.get(0).raisedAt());
    }
  }

  @Test
  void shouldRaiseCoresCriticalRuleHitsLive() throws Exception {
    try (var h = harness(CoreQualityCheck.defaultRulebook())) {
      add(h, start("c-1", 0, XIAOMEI));
      add(h, buyer("c-2", 10));
      add(
          h,
          SessionEvents.message("c-3", 20, io.kefu.core.event.Sender.AGENT, XIAOMEI, "爱买不买，不买拉倒"));
      add(h, SessionEvents.message("c-4", 30, io.kefu.core.event.Sender.AGENT, XIAOMEI, "亲，您好"));
      List<String> qa =
          alerts(h).stream()
              .filter(a -> a.alertId().startsWith("qa:"))
              .map(LiveAlert::kind)
              .toList();
      assertEquals(List.of("impolite"), qa);
    }
  }

  /** A stand-in for core's quality engine: flags one banned phrase. */
  static final class Rude implements MessageCheck {
    @Override
    public Serializable newSession() {
      return null;
    }

    @Override
    public List<Hit> check(Message m, Serializable state) {
      return m.text().contains("爱买不买") ? List.of(new Hit("impolite", m.text())) : List.of();
    }
  }

  @Test
  void shouldFindTheSameTurnsAsTheSessionAnalyzerWhateverTheArrivalOrder() throws Exception {
    List<ChatEvent> session =
        List.of(
            buyer("c-0", -5), // before the session_start in time
            start("c-1", 0, XIAOMEI),
            buyer("c-2", 10),
            buyer("c-3", 15),
            agent("c-4", 40, XIAOMEI),
            buyer("c-5", 70),
            bot("c-6", 75),
            transfer("c-7", 90, XIAOMEI, AJIE),
            agent("c-8", 130, AJIE),
            buyer("c-9", 200),
            agent("c-10", 450, AJIE),
            buyer("c-11", 500),
            end("c-12", 600),
            rating("c-13", 900, 2));
    Map<String, int[]> expected = expected(session);
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<ChatEvent> arrival = new ArrayList<>(session);
      Collections.shuffle(arrival, random);
      try (var h = harness(MessageCheck.NONE)) {
        for (ChatEvent e : arrival) {
          add(h, e);
        }
        assertEquals(toString(expected), toString(actual(h)), "arrival order " + ids(arrival));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Per agent-minute: turns, answered, response sum (s), first responses, ratings. */
  static Map<String, int[]> expected(List<ChatEvent> events) {
    SessionFacts f = new SessionAnalyzer(CONFIG).analyze(events);
    Map<String, int[]> m = new HashMap<>();
    for (Turn t : f.turns()) {
      int[] v =
          m.computeIfAbsent(
              t.ownerAgentId() + "@" + Minutes.startOf(t.start().toEpochMilli()), k -> new int[5]);
      v[0]++;
      if (t.answered()) {
        v[1]++;
        v[2] += (int) (t.responseMillis() / 1000);
        if (t.first()) {
          v[3]++;
        }
      }
    }
    if (f.rated()) {
      m.computeIfAbsent(
              f.creditAgentId() + "@" + Minutes.startOf(f.start().toEpochMilli()), k -> new int[5])[
          4]++;
    }
    return m;
  }

  static Map<String, int[]> actual(
      KeyedOneInputStreamOperatorTestHarness<String, ChatEvent, MinuteChange> h) {
    Map<String, MinuteSums> sums = new HashMap<>();
    for (MinuteChange c : h.extractOutputValues()) {
      sums.computeIfAbsent(c.agentId() + "@" + c.minute(), k -> new MinuteSums()).add(c);
    }
    Map<String, int[]> m = new HashMap<>();
    sums.forEach(
        (k, c) -> {
          if (c.turns > 0 || c.ratings > 0) {
            m.put(
                k,
                new int[] {
                  c.turns,
                  c.answered,
                  (int) (c.responseSumMillis / 1000),
                  c.firstResponses,
                  c.ratings
                });
          }
        });
    return m;
  }

  static String toString(Map<String, int[]> m) {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(m)
        .forEach(
            (k, v) -> b.append(k).append('=').append(java.util.Arrays.toString(v)).append('\n'));
    return b.toString();
  }

  static String ids(List<ChatEvent> events) {
    return events.stream().map(ChatEvent::eventId).toList().toString();
  }

  static KeyedOneInputStreamOperatorTestHarness<String, ChatEvent, MinuteChange> harness(
      MessageCheck check) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new TrackSessions(CONFIG, LATENESS, RATING_WINDOW, check)),
            TrackSessions::sessionKey,
            Types.STRING);
    h.setup(TypeInformation.of(MinuteChange.class).createSerializer(new SerializerConfigImpl()));
    h.open();
    return h;
  }

  static void add(
      KeyedOneInputStreamOperatorTestHarness<String, ChatEvent, MinuteChange> h, ChatEvent e)
      throws Exception {
    h.processElement(e, ms(e));
  }

  static List<LiveRow> sideRows(
      KeyedOneInputStreamOperatorTestHarness<String, ChatEvent, MinuteChange> h) {
    var out = h.getSideOutput(TrackSessions.LIVE_ROWS);
    return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
  }

  /** The latest state of every alert raised, removals applied. */
  static List<LiveAlert> alerts(
      KeyedOneInputStreamOperatorTestHarness<String, ChatEvent, MinuteChange> h) {
    Map<String, LiveAlert> byId = new java.util.LinkedHashMap<>();
    for (LiveAlert a : alerts(sideRows(h))) {
      if (a.deleted()) {
        byId.remove(a.alertId());
      } else {
        byId.put(a.alertId(), a);
      }
    }
    return new ArrayList<>(byId.values());
  }

  static List<LiveAlert> alerts(List<LiveRow> rows) {
    return rows.stream().filter(r -> r instanceof LiveAlert).map(r -> (LiveAlert) r).toList();
  }

  static List<String> kinds(List<LiveAlert> alerts) {
    return alerts.stream().map(LiveAlert::kind).toList();
  }

  static WaitingBuyer waiting(
      KeyedOneInputStreamOperatorTestHarness<String, ChatEvent, MinuteChange> h) {
    WaitingBuyer last = null;
    for (LiveRow r : sideRows(h)) {
      if (r instanceof WaitingBuyer w) {
        last = w.deleted() ? null : w;
      }
    }
    return last;
  }

  /** An agent-minute's figures: the sum of every change the session sent to it. */
  static MinuteSums minute(
      KeyedOneInputStreamOperatorTestHarness<String, ChatEvent, MinuteChange> h,
      String agent,
      long inMinute) {
    MinuteSums sums = new MinuteSums();
    for (MinuteChange c : h.extractOutputValues()) {
      if (c.agentId().equals(agent) && c.minute() == Minutes.startOf(inMinute)) {
        sums.add(c);
      }
    }
    return sums;
  }
}
