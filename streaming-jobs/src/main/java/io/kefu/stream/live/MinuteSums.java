package io.kefu.stream.live;

import io.kefu.core.metrics.Percentiles;
import io.kefu.stream.warehouse.AgentMinute;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * The figures of one agent-minute so far: the sum of every {@link MinuteChange} sent to it. A Flink
 * POJO (public fields, no-argument constructor), so the window's state is written by Flink's own
 * serializers, field by field, not by Kryo.
 */
public final class MinuteSums {
  public int turns;
  public int answered;
  public int repliedInTime;
  public long responseSumMillis;

  /** The response times, a multiset in no particular order. */
  public long[] responseMillis = new long[0];

  public int firstResponses;
  public long firstResponseSumMillis;
  public int ratings;
  public int satisfied;
  public int dissatisfied;
  public int ratingSum;
  public int activeSessions;

  public MinuteSums() {}

  /** Adds one session's change. */
  public void add(MinuteChange c) {
    turns += c.turns();
    answered += c.answered();
    repliedInTime += c.repliedInTime();
    responseSumMillis += c.responseSumMillis();
    responseMillis = apply(responseMillis, c.addedResponseMillis(), c.removedResponseMillis());
    firstResponses += c.firstResponses();
    firstResponseSumMillis += c.firstResponseSumMillis();
    ratings += c.ratings();
    satisfied += c.satisfied();
    dissatisfied += c.dissatisfied();
    ratingSum += c.ratingSum();
    activeSessions += c.activeSessions();
  }

  private static long[] apply(long[] values, long[] added, long[] removed) {
    if (added.length == 0 && removed.length == 0) {
      return values;
    }
    long[] out = Arrays.copyOf(values, values.length + added.length);
    int n = values.length;
    for (long r : removed) {
      for (int i = 0; i < n; i++) {
        if (out[i] == r) {
          out[i] = out[--n];
          break;
        }
      }
    }
    System.arraycopy(added, 0, out, n, added.length);
    return Arrays.copyOf(out, n + added.length);
  }

  /** Whether no session contributes to the minute any more. */
  public boolean isEmpty() {
    return turns == 0 && ratings == 0 && activeSessions == 0;
  }

  /** The minute's row of {@code live_agent_minute}; a deletion when nothing is left in it. */
  public AgentMinute row(String shopId, String agentId, long minute, ZoneId zone) {
    return new AgentMinute(
        shopId,
        agentId,
        minute,
        Instant.ofEpochMilli(minute).atZone(zone).toLocalDate(),
        turns,
        answered,
        repliedInTime,
        responseSumMillis,
        responseMillis.length,
        Percentiles.p90(responseMillis),
        firstResponses,
        firstResponseSumMillis,
        ratings,
        satisfied,
        dissatisfied,
        ratingSum,
        activeSessions,
        isEmpty());
  }
}
