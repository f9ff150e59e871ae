package io.kefu.stream.warehouse;

/**
 * An alert for the service manager's live wall ({@code live_alert}): a buyer waited too long
 * ({@code wait_warning}, {@code wait_breach}) or a message broke a critical quality rule (the
 * rule's id: {@code impolite}, {@code privacy_leak}, {@code unsafe_link}).
 *
 * @param alertId deterministic: the same alert gets the same id in every run and after a restart
 * @param raisedAt epoch milliseconds (event time) at which the condition became true
 * @param clearedAt epoch milliseconds at which a wait ended with an answer; {@code null} while open
 * @param deleted the alert turned out to be unfounded (an out-of-order answer came in time)
 */
public record LiveAlert(
    String alertId,
    String shopId,
    String agentId,
    String sessionId,
    String kind,
    long raisedAt,
    String detail,
    Long clearedAt,
    boolean deleted)
    implements LiveRow {

  public static final String WAIT_WARNING = "wait_warning";
  public static final String WAIT_BREACH = "wait_breach";

  @Override
  public LiveTable table() {
    return LiveTable.ALERT;
  }

  @Override
  public String key() {
    return alertId;
  }

  @Override
  public Object[] values() {
    return new Object[] {
      alertId,
      shopId,
      agentId,
      sessionId,
      kind,
      LiveTable.timestamp(raisedAt),
      detail,
      clearedAt == null ? null : LiveTable.timestamp(clearedAt)
    };
  }
}
