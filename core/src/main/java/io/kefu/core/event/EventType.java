package io.kefu.core.event;

import java.util.HashMap;
import java.util.Map;

/** Every event type of the contract (EVENTS.md), with its name on the wire. */
public enum EventType {
  SESSION_START("session_start", Stream.CHAT),
  MESSAGE("message", Stream.CHAT),
  TRANSFER("transfer", Stream.CHAT),
  SESSION_END("session_end", Stream.CHAT),
  RATING("rating", Stream.CHAT),
  ORDER_CREATED("order_created", Stream.ORDER),
  ORDER_PAID("order_paid", Stream.ORDER),
  ORDER_SHIPPED("order_shipped", Stream.ORDER),
  ORDER_COMPLETED("order_completed", Stream.ORDER),
  ORDER_CANCELLED("order_cancelled", Stream.ORDER),
  REFUND_REQUESTED("refund_requested", Stream.ORDER),
  REFUND_COMPLETED("refund_completed", Stream.ORDER),
  REFUND_REJECTED("refund_rejected", Stream.ORDER);

  /** The two input streams: each has its own Kafka topic and file name prefix. */
  public enum Stream {
    CHAT("cs.chat-events", "chat-events"),
    ORDER("cs.order-events", "order-events");

    private final String defaultTopic;
    private final String filePrefix;

    Stream(String defaultTopic, String filePrefix) {
      this.defaultTopic = defaultTopic;
      this.filePrefix = filePrefix;
    }

    public String defaultTopic() {
      return defaultTopic;
    }

    public String filePrefix() {
      return filePrefix;
    }
  }

  private static final Map<String, EventType> BY_WIRE_NAME = new HashMap<>();

  static {
    for (EventType t : values()) {
      BY_WIRE_NAME.put(t.wireName, t);
    }
  }

  private final String wireName;
  private final Stream stream;

  EventType(String wireName, Stream stream) {
    this.wireName = wireName;
    this.stream = stream;
  }

  public String wireName() {
    return wireName;
  }

  public Stream stream() {
    return stream;
  }

  /** The type with this wire name, or {@code null} when the contract has no such type. */
  public static EventType fromWireName(String name) {
    return BY_WIRE_NAME.get(name);
  }
}
