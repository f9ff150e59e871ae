package io.kefu.core.qa;

/**
 * The rules of QA_RULES.md, by the id a rulebook and a score use. The set is fixed in code (each
 * rule's check is code); what a rule counts as a violation, how much it costs and whether it is on
 * are data in the rulebook.
 */
public enum RuleId {
  GREETING("greeting", false),
  FIRST_RESPONSE_SLA("first_response_sla", false),
  SLOW_RESPONSE("slow_response", false),
  UNANSWERED("unanswered", false),
  IMPOLITE("impolite", true),
  PRIVACY_LEAK("privacy_leak", true),
  UNSAFE_LINK("unsafe_link", true),
  OVER_PROMISE("over_promise", true),
  COMPLAINT_EMPATHY("complaint_empathy", false),
  CLOSING("closing", false);

  private final String id;
  private final boolean perMessage;

  RuleId(String id, boolean perMessage) {
    this.id = id;
    this.perMessage = perMessage;
  }

  /** The id in rulebooks, scores and the warehouse ({@code privacy_leak}). */
  public String id() {
    return id;
  }

  /**
   * Whether the rule judges one message on its own, without the rest of the session: such rules can
   * be checked live, as each message arrives ({@link LiveQa}).
   */
  public boolean perMessage() {
    return perMessage;
  }

  /** The rule with this id, or {@code null}. */
  public static RuleId of(String id) {
    for (RuleId r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    return null;
  }
}
