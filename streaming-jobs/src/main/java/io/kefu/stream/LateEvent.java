package io.kefu.stream;

import io.kefu.core.event.Event;

/**
 * A valid event that arrived after the live figures it belongs to were closed: its event time was
 * already more than the allowed lateness behind the watermark. The batch job still counts it; the
 * live side records it here instead of dropping it.
 *
 * @param event the accepted event
 * @param watermark the watermark (epoch milliseconds) it was judged against
 */
public record LateEvent(Event event, long watermark) {

  /** How far behind the watermark the event was, in milliseconds. */
  public long lateByMillis() {
    return watermark - event.ts().toEpochMilli();
  }
}
