package io.kefu.stream.warehouse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The live tables of the warehouse, their columns and keys. TIMESTAMP columns hold UTC and DATE
 * columns shop-local days, as in the batch tables.
 */
public enum LiveTable {
  AGENT_MINUTE(
      "live_agent_minute",
      List.of(
          "shop_id VARCHAR",
          "agent_id VARCHAR",
          "window_start TIMESTAMP",
          "day DATE",
          "turns INTEGER",
          "answered INTEGER",
          "replied_in_time INTEGER",
          "rt_sum_ms BIGINT",
          "rt_count INTEGER",
          "rt_p90_ms DOUBLE",
          "frt_count INTEGER",
          "frt_sum_ms BIGINT",
          "ratings INTEGER",
          "satisfied INTEGER",
          "dissatisfied INTEGER",
          "rating_sum INTEGER",
          "sessions_active INTEGER"),
      List.of("shop_id", "agent_id", "window_start")),
  SHOP_MINUTE(
      "live_shop_minute",
      List.of(
          "shop_id VARCHAR",
          "window_start TIMESTAMP",
          "day DATE",
          "orders_created INTEGER",
          "orders_amount DECIMAL(18,2)",
          "paid_orders INTEGER",
          "paid_sales DECIMAL(18,2)",
          "refund_requests INTEGER",
          "refund_requested_amount DECIMAL(18,2)"),
      List.of("shop_id", "window_start")),
  WAITING(
      "live_waiting",
      List.of(
          "shop_id VARCHAR",
          "session_id VARCHAR",
          "buyer_id VARCHAR",
          "agent_id VARCHAR",
          "waiting_since TIMESTAMP",
          "level VARCHAR"),
      List.of("shop_id", "session_id")),
  ALERT(
      "live_alert",
      List.of(
          "alert_id VARCHAR",
          "shop_id VARCHAR",
          "agent_id VARCHAR",
          "session_id VARCHAR",
          "kind VARCHAR",
          "raised_at TIMESTAMP",
          "detail VARCHAR",
          "cleared_at TIMESTAMP"),
      List.of("alert_id"));

  private final String tableName;
  private final List<String> columns;
  private final List<String> keyColumns;

  LiveTable(String tableName, List<String> columns, List<String> keyColumns) {
    this.tableName = tableName;
    this.columns = columns;
    this.keyColumns = keyColumns;
  }

  public String tableName() {
    return tableName;
  }

  /** Column definitions, {@code name TYPE}. */
  public List<String> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  /** A TIMESTAMP value: the UTC wall time of an instant. */
  static LocalDateTime timestamp(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }
}
