package io.kefu.stream.live;

import io.kefu.core.event.Message;
import io.kefu.core.qa.LiveQa;
import io.kefu.core.qa.RuleHit;
import io.kefu.core.qa.Rulebook;
import io.kefu.core.qa.SessionQaState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The live quality check backed by core's quality engine ({@link LiveQa}): the critical rules of
 * the rulebook (impolite, privacy_leak, unsafe_link by default) judged on each message as it
 * arrives, by the same code batch scoring uses, with the buyer's earlier contact details kept per
 * session ({@link SessionQaState}).
 */
public final class CoreQualityCheck implements MessageCheck {

  private static final long serialVersionUID = 1L;

  private final LiveQa qa;

  public CoreQualityCheck(LiveQa qa) {
    this.qa = qa;
  }

  /** The check with the default Chinese rulebook shipped in core. */
  public static CoreQualityCheck defaultRulebook() {
    return new CoreQualityCheck(new LiveQa(Rulebook.defaultChinese()));
  }

  @Override
  public Serializable newSession() {
    return new SessionQaState();
  }

  @Override
  public List<Hit> check(Message message, Serializable sessionState) {
    List<RuleHit> hits = qa.onMessage((SessionQaState) sessionState, message);
    if (hits.isEmpty()) {
      return List.of();
    }
    List<Hit> out = new ArrayList<>(hits.size());
    for (RuleHit h : hits) {
      out.add(new Hit(h.ruleId(), h.excerpt()));
    }
    return out;
  }
}
