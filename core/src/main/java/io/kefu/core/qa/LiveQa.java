package io.kefu.core.qa;

import io.kefu.core.event.Message;
import io.kefu.core.event.Sender;
import io.kefu.core.qa.ContactScanner.Contact;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The live side of quality scoring: judges each message as it arrives by the rules that need no
 * more than the message itself and the buyer's earlier contact details (impolite, privacy_leak,
 * unsafe_link, over_promise), and reports at once the hits of those the rulebook calls critical, so
 * a supervisor can step in while the buyer is still there.
 *
 * <p>A link and a request to log in again may come in two consecutive messages of the same sender
 * (a phisher's "账号异常，需要重新登录验证" followed by the bare link): the second message is the hit.
 *
 * <p>Usage in a streaming job: one {@code LiveQa} per job (serializable; compile it once from the
 * rulebook), one {@link SessionQaState} per session in keyed state; call {@link #onMessage} for
 * every message of the session and drop the state when the session ends.
 *
 * <p>Batch scoring ({@link QaEngine}) judges messages through the very same {@link #check} method,
 * so on the same messages in the same order live and batch report the same critical hits. Live sees
 * messages in arrival order: when a buyer's own number arrives after the agent read it back (late
 * delivery), live flags a leak that batch, which orders by timestamp, does not.
 */
public final class LiveQa implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final RuleId[] MESSAGE_RULES =
      java.util.Arrays.stream(RuleId.values()).filter(RuleId::perMessage).toArray(RuleId[]::new);

  private final Rulebook rulebook;
  private final QaMatchers matchers;

  public LiveQa(Rulebook rulebook) {
    this(rulebook, new QaMatchers(rulebook));
  }

  LiveQa(Rulebook rulebook, QaMatchers matchers) {
    this.rulebook = rulebook;
    this.matchers = matchers;
  }

  /** Travels as its rulebook ({@link RulebookForm}). */
  private Object writeReplace() {
    return new RulebookForm(rulebook, false);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("a LiveQa is serialized as its rulebook");
  }

  /**
   * Feeds one message of a session and returns the critical hits it causes (usually none), each
   * with the deduction batch scoring gives it. Remembers what the buyer gives in {@code state}.
   */
  public List<RuleHit> onMessage(SessionQaState state, Message message) {
    if (message.sender() == Sender.SYSTEM || message.text().isEmpty()) {
      return List.of();
    }
    List<RuleHit> hits = check(state, message, matchers.scan(message.text()));
    if (hits.isEmpty()) {
      return hits;
    }
    List<RuleHit> critical = new ArrayList<>(1);
    for (RuleHit h : hits) {
      if (h.severity() == Severity.CRITICAL) {
        RuleHit d =
            new RuleHit(
                h.rule(),
                h.severity(),
                state.deduct(rulebook.rule(h.rule())),
                h.eventId(),
                h.excerpt());
        critical.add(d);
      }
    }
    return critical;
  }

  /**
   * Every per-message rule hit of one message, with no deduction yet (deduction 0): the one place
   * these rules are decided, for live and batch alike. Records the buyer's contact details.
   */
  List<RuleHit> check(SessionQaState state, Message m, MessageScan scan) {
    List<RuleHit> hits = null;
    Sender sender = m.sender();
    for (RuleId id : MESSAGE_RULES) {
      RuleSettings r = rulebook.rule(id);
      if (!r.enabled()) {
        continue;
      }
      Match match = null;
      switch (id) {
        case IMPOLITE:
          match = sender == Sender.AGENT ? matchers.impolite(scan) : null;
          break;
        case OVER_PROMISE:
          match = sender == Sender.AGENT ? matchers.overPromise(scan) : null;
          break;
        case UNSAFE_LINK:
          // Also when the buyer sends it: a phishing link is a risk to the agent too.
          if (sender != Sender.SYSTEM) {
            int who = sender.ordinal();
            QaMatchers.LinkVerdict v =
                matchers.unsafeLink(scan, state.askedToLogIn(who), state.sentLink(who));
            match = v.hit();
            state.linkFacts(who, match == null && v.link(), match == null && v.loginAsk());
          }
          break;
        case PRIVACY_LEAK:
          match = privacy(state, sender, scan);
          break;
        default:
          break;
      }
      if (match != null) {
        if (hits == null) {
          hits = new ArrayList<>(2);
        }
        hits.add(
            new RuleHit(
                id,
                r.severity(),
                0,
                m.eventId(),
                Excerpts.around(m.text(), match.start(), match.end(), rulebook.excerptChars())));
      }
    }
    return hits == null ? List.of() : hits;
  }

  /**
   * A buyer's message adds its contact details to what the buyer gave; an agent's message leaks
   * when it holds one the buyer did not give earlier in this session.
   */
  private Match privacy(SessionQaState state, Sender sender, MessageScan scan) {
    if (sender == Sender.BUYER) {
      for (Contact c : matchers.contacts(scan, false)) {
        if (c.kind() == ContactScanner.Kind.ADDRESS) {
          state.buyerAddresses.add(c.key());
        } else {
          state.buyerNumbers.add(c.key());
        }
      }
      return null;
    }
    if (sender != Sender.AGENT) {
      return null;
    }
    for (Contact c : matchers.contacts(scan, true)) {
      boolean given =
          c.kind() == ContactScanner.Kind.ADDRESS
              ? state.buyerGaveAddress(c.key())
              : state.buyerGaveNumber(c.key());
      if (!given) {
        return new Match(c.start(), c.end());
      }
    }
    return null;
  }
}
