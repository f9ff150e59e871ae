package io.kefu.stream.live;

import io.kefu.core.event.Message;
import java.io.Serializable;
import java.util.List;

/**
 * The live quality check: which critical rule (impolite, privacy_leak, unsafe_link of QA_RULES.md)
 * does this message break, given what the session said before? The rules themselves belong to
 * core's quality engine, which batch scoring uses too; this interface is the seam where the live
 * job plugs it in. Each session keeps one state object (held in Flink's keyed state with the rest
 * of the session), because a rule such as privacy_leak depends on what the buyer gave earlier.
 */
public interface MessageCheck extends Serializable {

  /** A rule broken by one message. */
  record Hit(String ruleId, String detail) implements Serializable {}

  /** A new session's state (e.g. the phone numbers the buyer gave); may be {@code null}. */
  Serializable newSession();

  /** The critical rules {@code message} breaks, in arrival order within its session. */
  List<Hit> check(Message message, Serializable sessionState);

  /**
   * No live check: what runs until core's quality engine offers a per-message API ({@code
   * core/src/main/java/io/kefu/core/qa}).
   */
  MessageCheck NONE = NoCheck.INSTANCE;

  /** The check that finds nothing. */
  enum NoCheck implements MessageCheck {
    INSTANCE;

    @Override
    public Serializable newSession() {
      return null;
    }

    @Override
    public List<Hit> check(Message message, Serializable sessionState) {
      return List.of();
    }
  }
}
