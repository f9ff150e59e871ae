package io.kefu.core.event;

/** What one input line became: an accepted event or a rejection. Never both, never neither. */
public sealed interface ParseResult {

  record Accepted(Event event) implements ParseResult {}

  record Rejected(Rejection rejection) implements ParseResult {}

  default boolean isAccepted() {
    return this instanceof Accepted;
  }
}
