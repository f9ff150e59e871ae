package io.kefu.core.event;

import java.time.Instant;

/**
 * The buyer's rating of a session, 5 非常满意 … 1 非常不满意; may arrive hours after the session ended.
 * {@code comment} is never null.
 */
public record Rating(
    String eventId,
    Instant ts,
    String shopId,
    String sessionId,
    String buyerId,
    String channel,
    int score,
    String comment)
    implements ChatEvent {

  /** METRICS.md 满意度: a score of 4 or more is a satisfied rating. */
  public static final int SATISFIED_MIN_SCORE = 4;

  /** METRICS.md 不满意数: a score of 2 or less (1 or 2) is a dissatisfied rating. */
  public static final int DISSATISFIED_MAX_SCORE = 2;

  /** Whether a score counts as satisfied (满意): the one rule both jobs apply. */
  public static boolean satisfied(int score) {
    return score >= SATISFIED_MIN_SCORE;
  }

  /** Whether a score counts as dissatisfied (不满意). */
  public static boolean dissatisfied(int score) {
    return score >= 1 && score <= DISSATISFIED_MAX_SCORE;
  }

  @Override
  public EventType type() {
    return EventType.RATING;
  }
}
