package io.kefu.core.qa;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Message;
import io.kefu.core.event.Sender;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.metrics.SessionFacts;
import io.kefu.core.metrics.Turn;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one finished session against the rulebook (QA_RULES.md): the automatic 质检 every session
 * gets. The business question: "did this agent serve this buyer the way the shop's rules say?", as
 * a score 0–100, a grade, a critical flag and the exact lines that broke which rule.
 *
 * <p>Timing rules (first_response_sla, slow_response, unanswered) read the turns of {@link
 * SessionFacts}, so a turn, its start and its answer are exactly those of METRICS.md (bots neither
 * answer nor split a turn; turns outside the configured service window are not judged). The
 * per-message rules go through {@link LiveQa#check}, shared with the live check. Thread-safe.
 */
public final class QaEngine implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Rulebook rulebook;
  private final QaMatchers matchers;
  private final LiveQa live;

  public QaEngine(Rulebook rulebook) {
    this.rulebook = rulebook;
    this.matchers = new QaMatchers(rulebook);
    this.live = new LiveQa(rulebook, matchers);
  }

  public Rulebook rulebook() {
    return rulebook;
  }

  /** Travels as its rulebook ({@link RulebookForm}). */
  private Object writeReplace() {
    return new RulebookForm(rulebook, true);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("a QaEngine is serialized as its rulebook");
  }

  /** The live check sharing this engine's compiled matchers. */
  public LiveQa live() {
    return live;
  }

  /**
   * Scores a session from its chat events (any order, duplicates allowed) and the facts {@link
   * SessionAnalyzer} derived from the same events.
   */
  public SessionScore score(List<? extends ChatEvent> events, SessionFacts facts) {
    List<ChatEvent> sorted = SessionAnalyzer.dedupAndSort(events);
    List<Message> messages = new ArrayList<>(sorted.size());
    for (ChatEvent e : sorted) {
      if (e instanceof Message m && m.sender() != Sender.SYSTEM) {
        messages.add(m);
      }
    }
    MessageScan[] scans = new MessageScan[messages.size()];
    for (int i = 0; i < scans.length; i++) {
      scans[i] = matchers.scan(messages.get(i).text());
    }
    List<RuleHit> raw = new ArrayList<>();

    SessionQaState state = new SessionQaState();
    for (int i = 0; i < scans.length; i++) {
      raw.addAll(live.check(state, messages.get(i), scans[i]));
    }
    greetingAndClosing(messages, scans, raw);
    complaints(messages, scans, raw);
    timing(messages, facts, raw);

    return total(facts.sessionId(), messages, raw);
  }

  /** Greeting: the agent's first message; closing: the agent's last one. */
  private void greetingAndClosing(List<Message> messages, MessageScan[] scans, List<RuleHit> raw) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < scans.length; i++) {
      if (messages.get(i).sender() == Sender.AGENT) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    if (first < 0) {
      return; // the agent never wrote: neither rule applies (unanswered / SLA cover the silence)
    }
    RuleSettings greeting = rulebook.rule(RuleId.GREETING);
    if (greeting.enabled() && matchers.greeting(scans[first]) == null) {
      raw.add(wholeMessage(greeting, messages.get(first)));
    }
    RuleSettings closing = rulebook.rule(RuleId.CLOSING);
    if (closing.enabled() && matchers.closing(scans[last]) == null) {
      raw.add(wholeMessage(closing, messages.get(last)));
    }
  }

  /**
   * 先处理感情，后处理事件: after a buyer message that complains, the agent's next message must apologise or
   * empathise. One check per complaint turn; a complaint nobody answers is left to the unanswered
   * rule.
   */
  private void complaints(List<Message> messages, MessageScan[] scans, List<RuleHit> raw) {
    RuleSettings r = rulebook.rule(RuleId.COMPLAINT_EMPATHY);
    if (!r.enabled()) {
      return;
    }
    boolean pending = false;
    for (int i = 0; i < scans.length; i++) {
      Sender s = messages.get(i).sender();
      if (s == Sender.BUYER && !pending && matchers.complaint(scans[i]) != null) {
        pending = true;
      } else if (s == Sender.AGENT && pending) {
        pending = false;
        if (matchers.empathy(scans[i]) == null) {
          raw.add(wholeMessage(r, messages.get(i)));
        }
      }
    }
  }

  /** The timing rules, on the turns of METRICS.md. */
  private void timing(List<Message> messages, SessionFacts facts, List<RuleHit> raw) {
    RuleSettings frt = rulebook.rule(RuleId.FIRST_RESPONSE_SLA);
    RuleSettings slow = rulebook.rule(RuleId.SLOW_RESPONSE);
    RuleSettings unanswered = rulebook.rule(RuleId.UNANSWERED);
    long slaMillis = frt.number("sla_seconds") * 1000L;
    long limitMillis = slow.number("limit_seconds") * 1000L;
    int cursor = 0;
    for (Turn t : facts.turns()) {
      int opener = find(messages, cursor, t, false);
      if (opener < 0) {
        continue; // cannot happen for facts of the same events; be lenient
      }
      cursor = opener + 1;
      if (!t.counted()) {
        continue;
      }
      if (!t.answered()) {
        if (t.first() && frt.enabled()) {
          raw.add(timed(frt, messages.get(opener), "no reply"));
        }
        if (unanswered.enabled()) {
          raw.add(wholeMessage(unanswered, messages.get(opener)));
        }
        continue;
      }
      int answer = find(messages, cursor, t, true);
      Message by = answer >= 0 ? messages.get(answer) : messages.get(opener);
      long delay = Duration.between(t.start(), t.answeredAt()).toMillis();
      String waited = seconds(delay);
      if (t.first() && frt.enabled() && delay > slaMillis) {
        raw.add(timed(frt, by, waited));
      }
      if (slow.enabled() && delay > limitMillis) {
        raw.add(timed(slow, by, waited));
      }
    }
  }

  /**
   * The message that opens ({@code answer} false) or answers a turn: the first buyer message at the
   * turn's start, or the first agent (or counted bot) message at its answer time.
   */
  private static int find(List<Message> messages, int from, Turn t, boolean answer) {
    for (int i = from; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (!answer) {
        if (m.sender() == Sender.BUYER && m.ts().equals(t.start())) {
          return i;
        }
      } else if (m.ts().equals(t.answeredAt())
          && ((m.sender() == Sender.AGENT && m.agentId().equals(t.answeredBy()))
              || (m.sender() == Sender.BOT && SessionAnalyzer.BOT.equals(t.answeredBy())))) {
        return i;
      }
    }
    return -1;
  }

  private RuleHit wholeMessage(RuleSettings r, Message m) {
    return new RuleHit(
        r.rule(), r.severity(), 0, m.eventId(), Excerpts.head(m.text(), rulebook.excerptChars()));
  }

  private RuleHit timed(RuleSettings r, Message m, String waited) {
    return new RuleHit(
        r.rule(),
        r.severity(),
        0,
        m.eventId(),
        "(" + waited + ") " + Excerpts.head(m.text(), rulebook.excerptChars()));
  }

  private static String seconds(long millis) {
    long tenths = (millis + 50) / 100;
    return tenths % 10 == 0 ? tenths / 10 + " s" : tenths / 10 + "." + tenths % 10 + " s";
  }

  /** Orders the hits as the transcript, applies each rule's cap, and sums. */
  private SessionScore total(String sessionId, List<Message> messages, List<RuleHit> raw) {
    if (raw.size() > 1) {
      Map<String, Integer> position = new HashMap<>(messages.size() * 2);
      for (int i = 0; i < messages.size(); i++) {
        position.putIfAbsent(messages.get(i).eventId(), i);
      }
      raw.sort(
          Comparator.comparingInt((RuleHit h) -> position.getOrDefault(h.eventId(), 0))
              .thenComparing(RuleHit::rule));
    }
    int[] taken = new int[RuleId.values().length];
    List<RuleHit> hits = new ArrayList<>(raw.size());
    int total = 0;
    boolean critical = false;
    for (RuleHit h : raw) {
      RuleSettings r = rulebook.rule(h.rule());
      int i = h.rule().ordinal();
      int d = r.nextDeduction(taken[i]);
      taken[i] += d;
      total += d;
      critical |= h.severity() == Severity.CRITICAL;
      hits.add(new RuleHit(h.rule(), h.severity(), d, h.eventId(), h.excerpt()));
    }
    int score = SessionScore.score(total, critical, rulebook.autoFail());
    return new SessionScore(
        sessionId, score, rulebook.grade(score), critical, rulebook.version(), List.copyOf(hits));
  }
}
