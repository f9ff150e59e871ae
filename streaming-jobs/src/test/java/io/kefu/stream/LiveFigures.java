package io.kefu.stream;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Event;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.ParseResult;
import io.kefu.core.io.EventFiles;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.metrics.SessionFacts;
import io.kefu.core.metrics.Turn;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The agreement of live and batch: per agent and day, the sums the live tables hold, and the sums
 * core's {@link SessionAnalyzer} (what the batch job runs) gives for the same events.
 */
final class LiveFigures {

  /**
   * turns, answered, replied in time, response-time sum (ms), first responses, FRT sum, ratings.
   */
  static final List<String> MEASURES =
      List.of(
          "turns",
          "answered",
          "in_time",
          "rt_sum_ms",
          "frt",
          "frt_sum_ms",
          "ratings",
          "rating_sum");

  private LiveFigures() {}

  /** Every accepted event of the event files under {@code dir}, in file and line order. */
  static List<Event> accepted(Path dir) throws IOException {
    EventParser parser = new EventParser();
    List<Event> events = new ArrayList<>();
    for (Path f : EventFiles.list(dir)) {
      EventFiles.forEachLine(
          f,
          l -> {
            if (parser.parse(l.text()) instanceof ParseResult.Accepted a) {
              events.add(a.event());
            }
          });
    }
    return events;
  }

  /**
   * The deliveries the live figures saw: all accepted ones but those routed late. An event_id
   * delivered on time at least once is in; the analyzer de-duplicates the rest.
   */
  static List<Event> onTime(List<Event> accepted, Collection<LateEvent> late) {
    Map<String, Integer> lateCount = new HashMap<>();
    for (LateEvent l : late) {
      lateCount.merge(l.event().eventId(), 1, Integer::sum);
    }
    Map<String, Integer> deliveries = new HashMap<>();
    for (Event e : accepted) {
      deliveries.merge(e.eventId(), 1, Integer::sum);
    }
    List<Event> out = new ArrayList<>();
    for (Event e : accepted) {
      if (deliveries.get(e.eventId()) > lateCount.getOrDefault(e.eventId(), 0)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Per {@code agent|day}: the measures of {@link #MEASURES} as the batch definitions give them.
   */
  static Map<String, long[]> expected(List<Event> events, KefuConfig config) {
    Map<String, List<ChatEvent>> sessions = new LinkedHashMap<>();
    for (Event e : events) {
      if (e instanceof ChatEvent c) {
        sessions.computeIfAbsent(c.shopId() + "|" + c.sessionId(), k -> new ArrayList<>()).add(c);
      }
    }
    SessionAnalyzer analyzer = new SessionAnalyzer(config);
    Map<String, long[]> m = new TreeMap<>();
    for (List<ChatEvent> s : sessions.values()) {
      SessionFacts f = analyzer.analyze(s);
      for (Turn t : f.turns()) {
        if (!t.counted() || t.ownerAgentId() == null) {
          continue;
        }
        long[] v = m.computeIfAbsent(t.ownerAgentId() + "|" + t.day(), k -> new long[8]);
        v[0]++;
        if (t.answered()) {
          v[1]++;
          v[3] += t.responseMillis();
          if (t.first()) {
            v[4]++;
            v[5] += t.responseMillis();
          }
        }
        if (t.repliedInTime()) {
          v[2]++;
        }
      }
      if (f.rated() && f.creditAgentId() != null) {
        long[] v = m.computeIfAbsent(f.creditAgentId() + "|" + f.day(), k -> new long[8]);
        v[6]++;
        v[7] += f.ratingScore();
      }
    }
    return m;
  }

  /** Per {@code agent|day}: the same measures summed from {@code live_agent_minute}. */
  static Map<String, long[]> live(Path warehouse) throws SQLException {
    Map<String, long[]> m = new TreeMap<>();
    try (Connection c = readOnly(warehouse);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT agent_id, day, sum(turns), sum(answered), sum(replied_in_time),"
                    + " sum(rt_sum_ms), sum(frt_count), sum(frt_sum_ms), sum(ratings),"
                    + " sum(rating_sum) FROM live_agent_minute GROUP BY 1, 2")) {
      while (r.next()) {
        long[] v = new long[8];
        for (int i = 0; i < 8; i++) {
          v[i] = r.getLong(3 + i);
        }
        if (Arrays.stream(v).anyMatch(x -> x != 0)) {
          m.put(r.getString(1) + "|" + r.getObject(2, java.time.LocalDate.class), v);
        }
      }
    }
    return m;
  }

  static Connection readOnly(Path warehouse) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("jdbc_instance_cache", "false");
    return DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), p);
  }

  /** Every row of every live table, sorted: two runs with equal dumps wrote equal tables. */
  static String dump(Path warehouse) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Connection c = readOnly(warehouse);
        Statement s = c.createStatement()) {
      for (String table :
          List.of("live_agent_minute", "live_shop_minute", "live_waiting", "live_alert")) {
        b.append("== ").append(table).append('\n');
        try (ResultSet r = s.executeQuery("SELECT * FROM " + table + " ORDER BY ALL")) {
          int n = r.getMetaData().getColumnCount();
          while (r.next()) {
            for (int i = 1; i <= n; i++) {
              b.append(r.getString(i)).append(i < n ? "," : "\n");
            }
          }
        }
      }
    }
    return b.toString();
  }

  /** Differences of two per-key measure maps, for a readable failure. */
  static String diff(Map<String, long[]> expected, Map<String, long[]> actual) {
    StringBuilder b = new StringBuilder();
    TreeMap<String, Object> keys = new TreeMap<>();
    expected.keySet().forEach(k -> keys.put(k, k));
    actual.keySet().forEach(k -> keys.put(k, k));
    for (String k : keys.keySet()) {
      long[] e = expected.getOrDefault(k, new long[8]);
      long[] a = actual.getOrDefault(k, new long[8]);
      if (!Arrays.equals(e, a)) {
        b.append(k)
            .append(" batch ")
            .append(Arrays.toString(e))
            .append(" live ")
            .append(Arrays.toString(a))
            .append('\n');
      }
    }
    return b.toString();
  }
}
