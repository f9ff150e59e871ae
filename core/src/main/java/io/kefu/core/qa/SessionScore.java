package io.kefu.core.qa;

import java.io.Serializable;
import java.util.List;

/**
 * The quality score of one session (QA_RULES.md "Scoring").
 *
 * @param sessionId the session scored
 * @param score 100 minus the deductions, floored at 0; 0 when a critical hit fails the session and
 *     the rulebook says auto_fail
 * @param grade A, B, C or D by the rulebook's bands
 * @param critical whether any critical rule was hit: the session goes to the review queue whatever
 *     its score
 * @param rulebookVersion the version of the rulebook that produced this score
 * @param hits every rule hit, in transcript order
 */
public record SessionScore(
    String sessionId,
    int score,
    String grade,
    boolean critical,
    String rulebookVersion,
    List<RuleHit> hits)
    implements Serializable {

  /**
   * The score of a session (QA_RULES.md "Scoring"): 100 minus its deductions, floored at 0; 0 when
   * it has a critical hit and the rulebook fails such sessions. The one definition, used by the
   * automatic scoring and by a review's rescoring of the hits a reviewer confirmed.
   */
  public static int score(int deductions, boolean critical, boolean autoFail) {
    return critical && autoFail ? 0 : Math.max(0, 100 - deductions);
  }

  /** How many times a rule was hit in this session. */
  public int hitCount(RuleId rule) {
    int n = 0;
    for (RuleHit h : hits) {
      if (h.rule() == rule) {
        n++;
      }
    }
    return n;
  }
}
