package io.kefu.core.event;

import java.time.Instant;

/** The platform routed a buyer's chat to an agent ({@code pre_sale} sessions are inquiries). */
public record SessionStart(
    String eventId,
    Instant ts,
    String shopId,
    String sessionId,
    String buyerId,
    String channel,
    String agentId,
    Queue queue)
    implements ChatEvent {

  @Override
  public EventType type() {
    return EventType.SESSION_START;
  }
}
