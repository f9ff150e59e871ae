package io.kefu.stream.live;

/**
 * The live figures' minutes of event time: {@code live_agent_minute}, {@code live_shop_minute} and
 * the accepted counts all start a minute at the same epoch millisecond, by this one rule.
 */
public final class Minutes {

  /** One minute, in milliseconds. */
  public static final long MILLIS = 60_000;

  private Minutes() {}

  /** The start of the minute holding {@code epochMillis} (epoch milliseconds, also before 1970). */
  public static long startOf(long epochMillis) {
    return epochMillis - Math.floorMod(epochMillis, MILLIS);
  }
}
