package io.kefu.core.qa;

import static io.kefu.core.qa.Transcript.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Message;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.qa.EvalSet.EvalSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live check: critical hits at once, with the same verdicts as batch scoring. */
class LiveQaTest {

  static final QaEngine ENGINE = new QaEngine(Rulebook.defaultChinese());

  @Test
  void reportsCriticalHitsAsTheMessageArrives() {
    LiveQa live = new LiveQa(Rulebook.defaultChinese());
    SessionQaState state = new SessionQaState();
    List<Message> m =
        session()
            .buyer(0, "我电话13812345678")
            .agent(10, "亲，您好，已备注13812345678，保证明天到")
            .agent(20, "仓库电话13957126684，爱买不买")
            .messages();
    assertTrue(live.onMessage(state, m.get(0)).isEmpty());
    assertTrue(
        live.onMessage(state, m.get(1)).isEmpty(), "the buyer's own number; promises are major");
    List<RuleHit> hits = live.onMessage(state, m.get(2));
    assertEquals(
        List.of(RuleId.IMPOLITE, RuleId.PRIVACY_LEAK), hits.stream().map(RuleHit::rule).toList());
    assertEquals(30, hits.get(0).deduction());
    assertEquals("e-003", hits.get(1).eventId());
    assertEquals(1, state.remembered());
  }

  @Test
  void aSecondHitOfTheSameRuleCarriesTheDeductionBatchGivesIt() {
    LiveQa live = new LiveQa(Rulebook.defaultChinese());
    SessionQaState state = new SessionQaState();
    List<Message> m = session().buyer(0, "在吗").agent(5, "你自己看").agent(9, "烦不烦").messages();
    live.onMessage(state, m.get(0));
    assertEquals(30, live.onMessage(state, m.get(1)).get(0).deduction());
    assertEquals(0, live.onMessage(state, m.get(2)).get(0).deduction());
  }

  /** On every labelled session, fed in transcript order, live finds batch's critical hits. */
  @Test
  void agreesWithBatchScoringOnCriticalRules() {
    LiveQa live = ENGINE.live();
    int compared = 0;
    List<EvalSession> sessions = new ArrayList<>(EvalSet.load());
    sessions.addAll(EvalSet.loadHeldOut());
    for (EvalSession es : sessions) {
      List<ChatEvent> events = es.events();
      SessionScore batch = ENGINE.score(events, Transcript.ANALYZER.analyze(events));
      SessionQaState state = new SessionQaState();
      List<RuleHit> liveHits = new ArrayList<>();
      for (ChatEvent e : SessionAnalyzer.dedupAndSort(events)) {
        if (e instanceof Message m) {
          liveHits.addAll(live.onMessage(state, m));
        }
      }
      List<RuleHit> batchCritical =
          batch.hits().stream().filter(h -> h.severity() == Severity.CRITICAL).toList();
      assertEquals(batchCritical, liveHits, es.id());
      compared += batchCritical.size();
    }
    assertTrue(compared > 80, "the eval set has critical hits to compare: " + compared);
  }

  @Test
  void liveAndStateSurviveSerialization() throws Exception {
    LiveQa live = new LiveQa(Rulebook.defaultChinese());
    SessionQaState state = new SessionQaState();
    List<Message> m = session().buyer(0, "我电话13812345678").agent(10, "已备注13812345678").messages();
    live.onMessage(state, m.get(0));
    ByteArrayOutputStream shipped = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(shipped)) {
      out.writeObject(live);
    }
    assertTrue(shipped.size() < 64 * 1024, "travels as its rulebook: " + shipped.size() + " bytes");
    LiveQa live2 = roundTrip(live);
    SessionQaState state2 = roundTrip(state);
    assertTrue(
        live2.onMessage(state2, m.get(1)).isEmpty(), "the restored state remembers the number");
    assertEquals(1, state2.remembered());
    QaEngine engine2 = roundTrip(ENGINE);
    assertEquals(
        ScoringTest.RUDE.score(ENGINE),
        ScoringTest.RUDE.score(engine2),
        "a shipped engine scores alike");
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
