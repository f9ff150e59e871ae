package io.kefu.stream;

/**
 * A line the contract rejects, kept with everything a person needs to find and fix it at the
 * producer: where it came from, the machine-readable reason, the reason in words, and the line.
 *
 * @param origin the event file or {@code topic-partition}
 * @param offset the line number (from 1) or the Kafka offset
 * @param reason as in core's reject tables, e.g. {@code missing_field:ts}
 * @param message what was wrong, in words
 * @param eventId the line's {@code event_id} when it could be read, else {@code null}
 * @param line the raw line
 */
public record DeadLetter(
    String origin, long offset, String reason, String message, String eventId, String line) {}
