package io.kefu.stream.replay;

/**
 * When should a replayed line be emitted? Event time is mapped onto wall time at a speed factor
 * from a common origin: at speed 60 an event one hour after the origin is emitted one minute after
 * the replay started. Speed 0 means as fast as possible: everything is due at once.
 *
 * @param eventOrigin the event time that maps to {@code wallOrigin}
 * @param wallOrigin the wall time the replay started
 * @param speed event-time milliseconds per wall-clock millisecond; 0 = no pacing
 */
public record ReplayClock(long eventOrigin, long wallOrigin, double speed) {

  /** The wall time at which an event at {@code eventTs} is due. Unknown times are due at once. */
  public long dueAt(long eventTs) {
    if (speed == 0 || eventTs == LineTimes.UNKNOWN || eventTs <= eventOrigin) {
      return wallOrigin;
    }
    return wallOrigin + (long) ((eventTs - eventOrigin) / speed);
  }
}
