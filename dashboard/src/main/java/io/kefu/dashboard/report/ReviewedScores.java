package io.kefu.dashboard.report;

import java.util.Collection;
import java.util.Map;

/**
 * The scores quality reviewers set on sessions (QA_RULES.md: "the reviewed score is what weekly
 * reports use"). The review workflow keeps its decisions in the dashboard's {@code app.duckdb}; the
 * report asks through this interface for the sessions it covers and uses a reviewer's score where
 * there is one, the automatic {@code session_quality.qa_score} otherwise.
 *
 * <p>Until the review workflow's "effective score" accessor exists, {@link #NONE} (nobody has
 * reviewed anything) is what the report runs with, so every score is the automatic one; the report
 * says how many of its sessions carried a reviewed score.
 */
@FunctionalInterface
public interface ReviewedScores {

  /** A session of the warehouse. */
  record SessionKey(String shopId, String sessionId) {}

  /** The reviewer's score of each of these sessions that has one (absent: not reviewed). */
  Map<SessionKey, Double> reviewed(Collection<SessionKey> sessions);

  /** No reviews: every session keeps its automatic score. */
  ReviewedScores NONE = sessions -> Map.of();
}
