package io.kefu.stream.warehouse;

import java.time.LocalDate;

/**
 * One agent's live figures in one minute of event time ({@code live_agent_minute}): buyer turns
 * that started in the minute and belong to the agent (METRICS.md), how many were answered and how
 * fast, first responses, ratings of sessions that started in the minute credited to the agent, and
 * the sessions the agent had activity in.
 *
 * @param windowStart epoch milliseconds of the minute's start
 * @param day the shop-local day of the minute
 * @param responseP90Millis the 90th percentile of the minute's response times; NaN when none
 * @param deleted the minute no longer has any figure (its only turn moved to another minute)
 */
public record AgentMinute(
    String shopId,
    String agentId,
    long windowStart,
    LocalDate day,
    int turns,
    int answered,
    int repliedInTime,
    long responseSumMillis,
    int responseCount,
    double responseP90Millis,
    int firstResponses,
    long firstResponseSumMillis,
    int ratings,
    int satisfied,
    int dissatisfied,
    int ratingSum,
    int sessionsActive,
    boolean deleted)
    implements LiveRow {

  @Override
  public LiveTable table() {
    return LiveTable.AGENT_MINUTE;
  }

  @Override
  public String key() {
    return shopId + '|' + agentId + '|' + windowStart;
  }

  @Override
  public Object[] values() {
    return new Object[] {
      shopId,
      agentId,
      LiveTable.timestamp(windowStart),
      day,
      turns,
      answered,
      repliedInTime,
      responseSumMillis,
      responseCount,
      Double.isNaN(responseP90Millis) ? null : responseP90Millis,
      firstResponses,
      firstResponseSumMillis,
      ratings,
      satisfied,
      dissatisfied,
      ratingSum,
      sessionsActive
    };
  }
}
