package io.kefu.core.event;

import java.time.Instant;

/** The session moves to another agent; later agent messages belong to {@code toAgentId}. */
public record Transfer(
    String eventId,
    Instant ts,
    String shopId,
    String sessionId,
    String buyerId,
    String channel,
    String fromAgentId,
    String toAgentId)
    implements ChatEvent {

  @Override
  public EventType type() {
    return EventType.TRANSFER;
  }
}
