package io.kefu.stream.live;

import java.util.Arrays;

/**
 * How one session's contribution to one agent-minute changed: its new contribution minus the one it
 * sent before ({@link SessionCell}, absent counting as empty). Counts may be negative (an
 * out-of-order event moved a turn to another minute); response times are a multiset, so the change
 * lists the times added and the times taken away. The minute's figures are the sum of all changes
 * sent to it, so they always equal the sum of its sessions' latest contributions, and the minute
 * keeps sums only, never one entry per session.
 *
 * <p>The arrays may be shared between changes ({@link #plus} reuses them) and are never changed
 * after construction.
 *
 * @param minute the window's start, epoch milliseconds
 * @param activeSessions +1 when the agent became active in the session in this minute, -1 when a
 *     replay showed it was not, else 0
 */
public record MinuteChange(
    String shopId,
    String agentId,
    long minute,
    int turns,
    int answered,
    int repliedInTime,
    long responseSumMillis,
    long[] addedResponseMillis,
    long[] removedResponseMillis,
    int firstResponses,
    long firstResponseSumMillis,
    int ratings,
    int satisfied,
    int dissatisfied,
    int ratingSum,
    int activeSessions) {

  private static final long[] NONE = new long[0];

  /**
   * The change from {@code before} to {@code after}, contributions of the same session to the same
   * agent-minute; either may be {@code null} (no contribution). Not both.
   */
  static MinuteChange between(SessionCell before, SessionCell after) {
    SessionCell any = after != null ? after : before;
    long[] was = before == null ? NONE : before.responseMillis();
    long[] now = after == null ? NONE : after.responseMillis();
    return new MinuteChange(
        any.shopId(),
        any.agentId(),
        any.minute(),
        diff(before, after, SessionCell::turns),
        diff(before, after, SessionCell::answered),
        diff(before, after, SessionCell::repliedInTime),
        (after == null ? 0 : after.responseSumMillis())
            - (before == null ? 0 : before.responseSumMillis()),
        minus(now, was),
        minus(was, now),
        diff(before, after, SessionCell::firstResponses),
        (after == null ? 0 : after.firstResponseSumMillis())
            - (before == null ? 0 : before.firstResponseSumMillis()),
        diff(before, after, SessionCell::ratings),
        diff(before, after, SessionCell::satisfied),
        diff(before, after, SessionCell::dissatisfied),
        diff(before, after, SessionCell::ratingSum),
        (after != null && after.active() ? 1 : 0) - (before != null && before.active() ? 1 : 0));
  }

  private static int diff(
      SessionCell before, SessionCell after, java.util.function.ToIntFunction<SessionCell> f) {
    return (after == null ? 0 : f.applyAsInt(after)) - (before == null ? 0 : f.applyAsInt(before));
  }

  /** The multiset difference {@code a - b}. */
  static long[] minus(long[] a, long[] b) {
    if (b.length == 0) {
      return a.clone();
    }
    if (a.length == 0) {
      return NONE;
    }
    long[] x = a.clone();
    long[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    long[] out = new long[x.length];
    int n = 0;
    int j = 0;
    for (long v : x) {
      while (j < y.length && y[j] < v) {
        j++;
      }
      if (j < y.length && y[j] == v) {
        j++;
      } else {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * This change followed by {@code later}, a change of the same agent-minute, as one change with
   * the same effect on a window ({@link MinuteSums#add}: removals first, then additions): counts
   * and sums added; of the response times, those this change adds and {@code later} takes away
   * cancel out (a window that saw both would hold neither), the rest are added or taken away as
   * before. Exact even for a removal of a time the window does not hold, which the window ignores.
   */
  public MinuteChange plus(MinuteChange later) {
    long[] a1 = addedResponseMillis;
    long[] r2 = later.removedResponseMillis;
    long[] added =
        concat(a1.length == 0 || r2.length == 0 ? a1 : minus(a1, r2), later.addedResponseMillis);
    long[] removed =
        concat(removedResponseMillis, a1.length == 0 || r2.length == 0 ? r2 : minus(r2, a1));
    return new MinuteChange(
        shopId,
        agentId,
        minute,
        turns + later.turns,
        answered + later.answered,
        repliedInTime + later.repliedInTime,
        responseSumMillis + later.responseSumMillis,
        added,
        removed,
        firstResponses + later.firstResponses,
        firstResponseSumMillis + later.firstResponseSumMillis,
        ratings + later.ratings,
        satisfied + later.satisfied,
        dissatisfied + later.dissatisfied,
        ratingSum + later.ratingSum,
        activeSessions + later.activeSessions);
  }

  private static long[] concat(long[] a, long[] b) {
    if (b.length == 0) {
      return a;
    }
    if (a.length == 0) {
      return b;
    }
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Whether adding this change to a window leaves it as it was. */
  public boolean isZero() {
    return turns == 0
        && answered == 0
        && repliedInTime == 0
        && responseSumMillis == 0
        && addedResponseMillis.length == 0
        && removedResponseMillis.length == 0
        && firstResponses == 0
        && firstResponseSumMillis == 0
        && ratings == 0
        && satisfied == 0
        && dissatisfied == 0
        && ratingSum == 0
        && activeSessions == 0;
  }

  /** The agent-minute this change belongs to: the key of the window. */
  public String windowKey() {
    return shopId + '|' + agentId + '|' + minute;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinuteChange c
        && shopId.equals(c.shopId)
        && agentId.equals(c.agentId)
        && minute == c.minute
        && turns == c.turns
        && answered == c.answered
        && repliedInTime == c.repliedInTime
        && responseSumMillis == c.responseSumMillis
        && Arrays.equals(addedResponseMillis, c.addedResponseMillis)
        && Arrays.equals(removedResponseMillis, c.removedResponseMillis)
        && firstResponses == c.firstResponses
        && firstResponseSumMillis == c.firstResponseSumMillis
        && ratings == c.ratings
        && satisfied == c.satisfied
        && dissatisfied == c.dissatisfied
        && ratingSum == c.ratingSum
        && activeSessions == c.activeSessions;
  }

  @Override
  public int hashCode() {
    return windowKey().hashCode();
  }

  @Override
  public String toString() {
    return "MinuteChange["
        + windowKey()
        + " turns="
        + turns
        + " answered="
        + answered
        + " +rt="
        + Arrays.toString(addedResponseMillis)
        + " -rt="
        + Arrays.toString(removedResponseMillis)
        + " ratings="
        + ratings
        + " active="
        + activeSessions
        + "]";
  }
}
