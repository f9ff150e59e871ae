package io.kefu.core.event;

import java.time.Instant;

/**
 * One chat message. {@code agentId} is set when the sender is an agent; {@code text} is never null.
 */
public record Message(
    String eventId,
    Instant ts,
    String shopId,
    String sessionId,
    String buyerId,
    String channel,
    Sender sender,
    String agentId,
    String text,
    ContentType contentType)
    implements ChatEvent {

  @Override
  public EventType type() {
    return EventType.MESSAGE;
  }
}
