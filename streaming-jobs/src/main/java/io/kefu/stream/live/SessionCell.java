package io.kefu.stream.live;

import java.util.Arrays;

/**
 * What one session contributes to one agent's minute: its buyer turns that started in the minute
 * and belong to the agent, its rating when the minute holds the session's start and the agent is
 * credited with it, and whether the agent owned the session while something happened in the minute.
 * The session remembers the contribution it last wrote and, when it changes (an answer, or an
 * out-of-order event that moved a turn), sends the difference ({@link MinuteChange}), so the
 * minute's sum is always the sum of its sessions' latest contributions: never counted twice.
 *
 * @param minute the window's start, epoch milliseconds
 * @param responseMillis the response times of the answered turns (for the minute's P90)
 * @param active the agent owned the session when one of its events happened in this minute
 */
public record SessionCell(
    String shopId,
    String agentId,
    long minute,
    String sessionId,
    int turns,
    int answered,
    int repliedInTime,
    long responseSumMillis,
    long[] responseMillis,
    int firstResponses,
    long firstResponseSumMillis,
    int ratings,
    int satisfied,
    int dissatisfied,
    int ratingSum,
    boolean active) {

  public boolean isEmpty() {
    return turns == 0 && ratings == 0 && !active;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionCell c
        && shopId.equals(c.shopId)
        && agentId.equals(c.agentId)
        && minute == c.minute
        && sessionId.equals(c.sessionId)
        && turns == c.turns
        && answered == c.answered
        && repliedInTime == c.repliedInTime
        && responseSumMillis == c.responseSumMillis
        && Arrays.equals(responseMillis, c.responseMillis)
        && firstResponses == c.firstResponses
        && firstResponseSumMillis == c.firstResponseSumMillis
        && ratings == c.ratings
        && satisfied == c.satisfied
        && dissatisfied == c.dissatisfied
        && ratingSum == c.ratingSum
        && active == c.active;
  }

  @Override
  public int hashCode() {
    return (agentId.hashCode() * 31 + Long.hashCode(minute)) * 31 + sessionId.hashCode();
  }

  @Override
  public String toString() {
    return "SessionCell["
        + shopId
        + '|'
        + agentId
        + '|'
        + minute
        + " "
        + sessionId
        + " turns="
        + turns
        + " answered="
        + answered
        + " rt="
        + Arrays.toString(responseMillis)
        + " frt="
        + firstResponses
        + "/"
        + firstResponseSumMillis
        + " ratings="
        + ratings
        + " active="
        + active
        + "]";
  }
}
