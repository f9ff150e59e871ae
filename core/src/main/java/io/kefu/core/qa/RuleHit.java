package io.kefu.core.qa;

import java.io.Serializable;

/**
 * One rule broken at one message: what a reviewer sees highlighted on the transcript line.
 *
 * @param rule the rule
 * @param severity the rule's severity in the rulebook that scored it
 * @param deduction the points this hit took off (0 once the rule's max_deduction is reached)
 * @param eventId the message's event_id
 * @param excerpt a short quote of the offending text, as typed (timing rules prefix the delay)
 */
public record RuleHit(RuleId rule, Severity severity, int deduction, String eventId, String excerpt)
    implements Serializable {

  /** The rule's id as stored ({@code privacy_leak}). */
  public String ruleId() {
    return rule.id();
  }
}
