package io.kefu.core.event;

import java.time.Instant;

/**
 * One accepted input event. Parsed and validated by {@link EventParser}; every implementation is an
 * immutable record so the same value can travel through Spark, Flink and tests unchanged.
 */
public sealed interface Event permits ChatEvent, OrderEvent {

  /** Globally unique; a repeated id is a duplicate delivery and counts once. */
  String eventId();

  EventType type();

  /** Event time (not arrival time). Shop-local days are derived with the configured zone. */
  Instant ts();

  /** The shop (tenant). */
  String shopId();

  /** The buyer's platform nick; both streams carry it, attribution joins on it. */
  String buyerId();
}
