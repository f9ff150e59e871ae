package io.kefu.stream;

/**
 * How many accepted, on-time events one stream of one shop carried in one minute of event time: the
 * first live figure, and a check a person can make against the input files.
 *
 * @param shopId the shop
 * @param stream {@code chat-events} or {@code order-events}
 * @param minuteStart the minute's start, epoch milliseconds
 * @param count accepted on-time events with an event time in that minute
 */
public record AcceptedCount(String shopId, String stream, long minuteStart, long count) {}
