package io.kefu.core.qa;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One rule's section of a rulebook, validated.
 *
 * @param deduction points taken off per hit
 * @param maxDeduction the most the rule takes off one session, however many hits (slow_response: 5
 *     per turn, at most 15); equal to {@code deduction} when the rule counts once per session
 * @param numbers the rule's thresholds ({@code sla_seconds}, {@code limit_seconds})
 * @param flags the rule's switches ({@code phone}, {@code id_card}, {@code address})
 * @param lists the rule's word lists, as written (normalised only when compiled)
 */
public record RuleSettings(
    RuleId rule,
    boolean enabled,
    Severity severity,
    int deduction,
    int maxDeduction,
    Map<String, Integer> numbers,
    Map<String, Boolean> flags,
    Map<String, List<String>> lists)
    implements Serializable {

  /**
   * What one more hit takes off a session when earlier hits of this rule already took {@code
   * alreadyDeducted}: the rule's deduction, within its max_deduction.
   */
  public int nextDeduction(int alreadyDeducted) {
    return Math.max(0, Math.min(deduction, maxDeduction - alreadyDeducted));
  }

  public int number(String key) {
    Integer v = numbers.get(key);
    if (v == null) {
      throw new IllegalArgumentException(rule.id() + " has no number " + key);
    }
    return v;
  }

  public boolean flag(String key) {
    return Boolean.TRUE.equals(flags.get(key));
  }

  public List<String> list(String key) {
    return lists.getOrDefault(key, List.of());
  }
}
