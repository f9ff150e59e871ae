package io.kefu.stream.warehouse;

/**
 * A buyer waiting for an answer right now ({@code live_waiting}): the session, whom the wait counts
 * against, since when, and how far it has gone. The row exists while the buyer waits and is removed
 * when the turn is answered or the session ends; a dashboard shows {@code now − waiting_since}.
 *
 * @param waitingSince epoch milliseconds of the turn's first buyer message
 * @param level {@code waiting}, {@code warning} (past the warning limit) or {@code breach}
 */
public record WaitingBuyer(
    String shopId,
    String sessionId,
    String buyerId,
    String agentId,
    long waitingSince,
    String level,
    boolean deleted)
    implements LiveRow {

  public static final String WAITING = "waiting";
  public static final String WARNING = "warning";
  public static final String BREACH = "breach";

  @Override
  public LiveTable table() {
    return LiveTable.WAITING;
  }

  @Override
  public String key() {
    return shopId + '|' + sessionId;
  }

  @Override
  public Object[] values() {
    return new Object[] {
      shopId, sessionId, buyerId, agentId, LiveTable.timestamp(waitingSince), level
    };
  }
}
