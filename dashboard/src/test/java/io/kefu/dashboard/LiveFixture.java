package io.kefu.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Live files the way the Flink job's sink publishes them (streaming-jobs/README.md: the tables of
 * {@code LiveTable} and {@code live_status}), written with {@link TestWarehouse#publish} so a
 * snapshot replaces the last one atomically.
 */
final class LiveFixture {

  private LiveFixture() {}

  static void tables(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE live_agent_minute (shop_id VARCHAR, agent_id VARCHAR,"
              + " window_start TIMESTAMP, day DATE, turns INTEGER, answered INTEGER,"
              + " replied_in_time INTEGER, rt_sum_ms BIGINT, rt_count INTEGER, rt_p90_ms DOUBLE,"
              + " frt_count INTEGER, frt_sum_ms BIGINT, ratings INTEGER, satisfied INTEGER,"
              + " dissatisfied INTEGER, rating_sum INTEGER, sessions_active INTEGER)");
      s.execute(
          "CREATE TABLE live_shop_minute (shop_id VARCHAR, window_start TIMESTAMP, day DATE,"
              + " orders_created INTEGER, orders_amount DECIMAL(18,2), paid_orders INTEGER,"
              + " paid_sales DECIMAL(18,2), refund_requests INTEGER,"
              + " refund_requested_amount DECIMAL(18,2))");
      s.execute(
          "CREATE TABLE live_waiting (shop_id VARCHAR, session_id VARCHAR, buyer_id VARCHAR,"
              + " agent_id VARCHAR, waiting_since TIMESTAMP, level VARCHAR)");
      s.execute(
          "CREATE TABLE live_alert (alert_id VARCHAR, shop_id VARCHAR, agent_id VARCHAR,"
              + " session_id VARCHAR, kind VARCHAR, raised_at TIMESTAMP, detail VARCHAR,"
              + " cleared_at TIMESTAMP)");
      s.execute(
          "CREATE TABLE live_status (published_at TIMESTAMP, watermark TIMESTAMP,"
              + " rows_applied BIGINT)");
    }
  }

  static LocalDateTime utc(Instant i) {
    return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /**
   * A snapshot at {@code now}: 小美 and 阿杰 worked the last 30 minutes, one buyer has waited 30 s
   * (小美), one 90 s (阿杰, amber), plus the given extra waiting buyers; one impolite alert.
   */
  static void snapshot(Connection c, Instant now, String... extraWaiting) throws SQLException {
    tables(c);
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    String day = now.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
    for (int m = 1; m <= 30; m++) {
      LocalDateTime w = utc(minute.minus(m, ChronoUnit.MINUTES));
      ReviewFixture.insert(
          c,
          "INSERT INTO live_agent_minute VALUES ('sunshine-baby', 'a-xiaomei', ?, CAST(? AS DATE),"
              + " 4, 4, 4, 80000, 4, 30000, 1, 15000, 1, 1, 0, 5, 3)",
          w,
          day);
      ReviewFixture.insert(
          c,
          "INSERT INTO live_agent_minute VALUES ('sunshine-baby', 'a-ajie', ?, CAST(? AS DATE),"
              + " 2, 1, 1, 40000, 1, 40000, 0, 0, 0, 0, 0, 0, 2)",
          w,
          day);
      ReviewFixture.insert(
          c,
          "INSERT INTO live_shop_minute VALUES ('sunshine-baby', ?, CAST(? AS DATE), 1, 100.00,"
              + " 1, 99.50, 0, 0.00)",
          w,
          day);
    }
    ReviewFixture.insert(
        c,
        "INSERT INTO live_waiting VALUES ('sunshine-baby', 's-w1', 'b-w1', 'a-xiaomei', ?,"
            + " 'waiting')",
        utc(now.minusSeconds(30)));
    ReviewFixture.insert(
        c,
        "INSERT INTO live_waiting VALUES ('sunshine-baby', 's-w2', 'b-w2', 'a-ajie', ?,"
            + " 'warning')",
        utc(now.minusSeconds(90)));
    int i = 0;
    for (String buyer : extraWaiting) {
      ReviewFixture.insert(
          c,
          "INSERT INTO live_waiting VALUES ('sunshine-baby', ?, ?, 'a-ajie', ?, 'breach')",
          "s-x" + i++,
          buyer,
          utc(now.minusSeconds(200)));
    }
    ReviewFixture.insert(
        c,
        "INSERT INTO live_alert VALUES ('qa:impolite:sunshine-baby:e-9', 'sunshine-baby',"
            + " 'a-ajie', 's-w2', 'impolite', ?, ?, NULL)",
        utc(now.minusSeconds(120)),
        "<img src=x onerror=alert(1)> 爱买不买");
    ReviewFixture.insert(
        c, "INSERT INTO live_status VALUES (?, ?, 1000)", utc(now), utc(now.minusSeconds(2)));
  }
}
