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

  @Override
  public EventType type() {
    return EventType.RATING;
  }
}
