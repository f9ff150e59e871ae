package io.kefu.dashboard.report;

/**
 * The transcript-quality (质检) figures of one agent, team or the shop over one week, as sums, so
 * that a team's week is the mean over all its sessions, never the mean of its agents' means.
 *
 * @param sessions scored sessions
 * @param scoreSum sum of the effective scores (the reviewer's where a session was reviewed, else
 *     the automatic one)
 * @param reviewed sessions whose effective score is a reviewer's
 * @param critical sessions with a critical rule hit
 */
public record QaFigures(long sessions, double scoreSum, long reviewed, long critical) {

  public static final QaFigures NONE = new QaFigures(0, 0, 0, 0);

  /** Mean effective score, null without scored sessions. */
  public Double avgScore() {
    return sessions == 0 ? null : scoreSum / sessions;
  }

  public QaFigures plus(QaFigures o) {
    return new QaFigures(
        sessions + o.sessions, scoreSum + o.scoreSum, reviewed + o.reviewed, critical + o.critical);
  }
}
