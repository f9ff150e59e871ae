package io.kefu.stream;

/**
 * One input line as it arrived, before parsing: the unit every count of the job is made of (read =
 * accepted + dead-lettered).
 *
 * @param origin where it came from: the event file's path, or {@code topic-partition} for Kafka
 * @param offset the line number in the file (from 1), or the Kafka offset
 * @param text the line without its terminator; {@code null} for a Kafka record without a value
 */
public record RawLine(String origin, long offset, String text) {}
