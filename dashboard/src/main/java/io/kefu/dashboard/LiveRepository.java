package io.kefu.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All SQL on the live file ({@code live.duckdb}, written by the Flink job's single sink and
 * published by atomic rename, read-only here): what is the shop doing right now? Reads {@code
 * live_status}, {@code live_agent_minute}, {@code live_shop_minute}, {@code live_waiting} and
 * {@code live_alert} (streaming-jobs/README.md) into one {@link LiveWall}.
 *
 * <p><b>Now.</b> The wall's "now" is the clock, except when the live figures are a replay of past
 * events (the watermark in {@code live_status} is more than {@link #REPLAY_GAP} away from the
 * clock): then it is the watermark, so waits and "today" are those of the replayed moment.
 */
public final class LiveRepository {

  public static final List<String> TABLES =
      List.of("live_agent_minute", "live_shop_minute", "live_waiting", "live_alert");

  static final Duration REPLAY_GAP = Duration.ofMinutes(10);
  static final int MINUTES = 60;
  static final int ALERTS = 50;

  /** Sums of {@code live_agent_minute} rows. */
  record Sums(
      long turns,
      long answered,
      long inTime,
      long rtSumMs,
      long rtCount,
      long frtCount,
      long frtSumMs,
      long ratings,
      long satisfied,
      long dissatisfied) {

    static final Sums ZERO = new Sums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    Sums plus(Sums o) {
      return new Sums(
          turns + o.turns,
          answered + o.answered,
          inTime + o.inTime,
          rtSumMs + o.rtSumMs,
          rtCount + o.rtCount,
          frtCount + o.frtCount,
          frtSumMs + o.frtSumMs,
          ratings + o.ratings,
          satisfied + o.satisfied,
          dissatisfied + o.dissatisfied);
    }

    Double avgRtS() {
      return rtCount == 0 ? null : rtSumMs / 1000.0 / rtCount;
    }

    Double frtAvgS() {
      return frtCount == 0 ? null : frtSumMs / 1000.0 / frtCount;
    }

    Double reply3minRate() {
      return turns == 0 ? null : (double) inTime / turns;
    }

    Double satisfaction() {
      return ratings == 0 ? null : (double) satisfied / ratings;
    }
  }

  private static final String SUMS =
      "sum(turns), sum(answered), sum(replied_in_time), sum(rt_sum_ms), sum(rt_count),"
          + " sum(frt_count), sum(frt_sum_ms), sum(ratings), sum(satisfied), sum(dissatisfied)";

  /** Reads the wall; {@code clock} is the wall-clock time of the request. */
  public LiveWall load(
      Connection c,
      WarehouseRepository tables,
      Instant clock,
      ZoneId zone,
      Map<String, String> names,
      int warnS,
      int breachS)
      throws SQLException {
    List<String> missing = tables.missingTables(c, TABLES);
    if (!missing.isEmpty()) {
      return LiveWall.missing(missing);
    }
    Instant published = null;
    Instant watermark = null;
    if (WarehouseRepository.hasTable(c, "live_status")) {
      try (PreparedStatement p =
              c.prepareStatement("SELECT published_at, watermark FROM live_status LIMIT 1");
          ResultSet rs = p.executeQuery()) {
        if (rs.next()) {
          published = instant(rs, 1);
          watermark = instant(rs, 2);
        }
      }
    }
    boolean replay =
        watermark != null && Duration.between(watermark, clock).abs().compareTo(REPLAY_GAP) > 0;
    Instant now = replay ? watermark : clock;
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDateTime nowUtc = utc(now);
    LocalDateTime hourAgo = nowUtc.minusMinutes(MINUTES);
    LocalDateTime lastMinute = nowUtc.withSecond(0).withNano(0).minusMinutes(1);

    Map<String, Sums> agentToday = agentSums(c, "day = ?", today, null);
    Map<String, Sums> agentHour =
        agentSums(c, "window_start > ? AND window_start <= ?", hourAgo, nowUtc);
    Map<String, Long> active = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT agent_id, sum(sessions_active) FROM live_agent_minute"
                + " WHERE window_start = ? GROUP BY agent_id")) {
      p.setObject(1, lastMinute);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          active.put(rs.getString(1), rs.getLong(2));
        }
      }
    }

    List<LiveWall.Waiting> waiting = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT shop_id, session_id, buyer_id, agent_id, waiting_since FROM live_waiting"
                    + " ORDER BY waiting_since, session_id");
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        Instant since = instant(rs, 5);
        long waitS = since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
        String agent = rs.getString(4);
        waiting.add(
            new LiveWall.Waiting(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                agent,
                names.get(agent),
                since,
                waitS,
                LiveWall.level(waitS, warnS, breachS)));
      }
    }

    List<LiveWall.Alert> alerts = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT alert_id, kind, agent_id, session_id, raised_at, detail, cleared_at"
                + " FROM live_alert WHERE raised_at <= ? ORDER BY raised_at DESC, alert_id"
                + " LIMIT ?")) {
      p.setObject(1, nowUtc.plusMinutes(1));
      p.setInt(2, ALERTS);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String agent = rs.getString(3);
          alerts.add(
              new LiveWall.Alert(
                  rs.getString(1),
                  rs.getString(2),
                  agent,
                  names.get(agent),
                  rs.getString(4),
                  instant(rs, 5),
                  rs.getString(6),
                  instant(rs, 7)));
        }
      }
    }

    List<LiveWall.Minute> minutes = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT window_start, "
                + SUMS
                + ", sum(sessions_active) FROM live_agent_minute"
                + " WHERE window_start > ? AND window_start <= ? GROUP BY window_start"
                + " ORDER BY window_start")) {
      p.setObject(1, hourAgo);
      p.setObject(2, nowUtc);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          minutes.add(new LiveWall.Minute(instant(rs, 1), sums(rs, 2), rs.getLong(12)));
        }
      }
    }

    LiveWall.Sales sales;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT coalesce(sum(orders_created), 0), coalesce(sum(paid_orders), 0),"
                + " coalesce(sum(paid_sales), 0), coalesce(sum(refund_requests), 0)"
                + " FROM live_shop_minute WHERE day = ?")) {
      p.setObject(1, today);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        sales =
            new LiveWall.Sales(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4));
      }
    }
    return LiveWall.of(
        published,
        watermark,
        now,
        replay,
        today,
        agentToday,
        agentHour,
        active,
        waiting,
        alerts,
        minutes,
        sales,
        names);
  }

  private static Map<String, Sums> agentSums(Connection c, String where, Object a, Object b)
      throws SQLException {
    Map<String, Sums> out = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT agent_id, "
                + SUMS
                + " FROM live_agent_minute WHERE "
                + where
                + " GROUP BY agent_id")) {
      p.setObject(1, a);
      if (b != null) {
        p.setObject(2, b);
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), sums(rs, 2));
        }
      }
    }
    return out;
  }

  private static Sums sums(ResultSet rs, int from) throws SQLException {
    long[] v = new long[10];
    for (int i = 0; i < 10; i++) {
      v[i] = rs.getLong(from + i);
    }
    return new Sums(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
  }

  private static LocalDateTime utc(Instant i) {
    return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    return rs.getObject(col) == null
        ? null
        : rs.getObject(col, LocalDateTime.class).toInstant(ZoneOffset.UTC);
  }
}
