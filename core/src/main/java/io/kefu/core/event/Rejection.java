package io.kefu.core.event;

/**
 * A line that was not accepted, with a machine-readable reason and a message a person can act on.
 *
 * @param kind why, as a category
 * @param field the field at fault, or {@code null} when the whole line is at fault
 * @param message what was wrong, in words, quoting the offending value where it helps
 * @param eventId the line's {@code event_id} when it could be read, else {@code null}
 */
public record Rejection(RejectKind kind, String field, String message, String eventId) {

  /** The reason as stored: {@code kind} or {@code kind:field}, e.g. {@code missing_field:ts}. */
  public String reason() {
    return field == null ? kind.code() : kind.code() + ":" + field;
  }

  @Override
  public String toString() {
    return reason() + " (" + message + ")";
  }
}
