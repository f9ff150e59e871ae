package io.kefu.core.event;

import java.time.Instant;

/** The session is over. */
public record SessionEnd(
    String eventId,
    Instant ts,
    String shopId,
    String sessionId,
    String buyerId,
    String channel,
    EndReason reason)
    implements ChatEvent {

  @Override
  public EventType type() {
    return EventType.SESSION_END;
  }
}
