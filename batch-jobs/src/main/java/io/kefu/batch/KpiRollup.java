package io.kefu.batch;

import io.kefu.core.event.EventCodec;
import io.kefu.core.metrics.Percentiles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tasks' KPI parts ({@link KpiBase#drain}) added up per grain on the driver: for a KPI table
 * (by agent or for the shop, per day or per ISO week) and a range of days, one row per key with
 * every additive measure summed, the distinct-buyer figures of that grain, and the P90 of the
 * grain's response times (core's {@link Percentiles} over the union of its agent-days' lists, the
 * very function the live job calls). {@link KpiSql} computes the rates from these totals.
 *
 * <p>The rows are few (one per agent-day at most: 5,548 for 200 agents and 30 days, from 88,000
 * task parts), so adding them up is a matter of milliseconds here, where Spark SQL spent most of 20
 * seconds planning, generating and compiling code for them.
 *
 * <p>Which rows count, per table: sums and response times of days in the range (a week's Monday
 * from the day), by agent leaving out the shop's own rows (no agent); distinct buyers from the
 * reach rows of the table's grain whose day (or Monday) is in the range. A key without a shop gets
 * no distinct buyers and no P90, as a join on NULL keys would give.
 */
final class KpiRollup {

  private record Sum(String shop, String agent, LocalDate day, long[] measures) {}

  private record Times(String shop, String agent, LocalDate day, long[] values) {}

  private record Reach(String scope, String shop, String agent, LocalDate g, long[] measures) {}

  /** A grain's key: shop, agent (NULL for the shop) and day or Monday. */
  private record Key(String shop, String agent, LocalDate g) {}

  private final List<Sum> sums = new ArrayList<>();
  private final List<Times> times = new ArrayList<>();
  private final List<Reach> reach = new ArrayList<>();

  /** Reads the tasks' parts. */
  KpiRollup(List<byte[]> parts) {
    for (byte[] part : parts) {
      read(part);
    }
  }

  private void read(byte[] part) {
    try {
      EventCodec.Source in = new EventCodec.Source(part);
      for (int n = in.vint(); n > 0; n--) {
        String shop = in.str();
        String agent = in.str();
        LocalDate day = KpiBase.readDay(in);
        sums.add(new Sum(shop, agent, day, longs(in, KpiBase.MEASURES.length)));
      }
      for (int n = in.vint(); n > 0; n--) {
        String shop = in.str();
        String agent = in.str();
        LocalDate day = KpiBase.readDay(in);
        times.add(new Times(shop, agent, day, longs(in, in.vint())));
      }
      for (int n = in.vint(); n > 0; n--) {
        String scope = in.str();
        String shop = in.str();
        String agent = in.str();
        LocalDate g = KpiBase.readDay(in);
        reach.add(new Reach(scope, shop, agent, g, longs(in, KpiBase.REACH_MEASURES.length)));
      }
      in.requireEnd();
    } catch (RuntimeException e) {
      // A truncated part reads past its end (ArrayIndexOutOfBounds), a garbled one gives
      // impossible lengths or leftovers: the same report either way.
      throw new IllegalStateException("a task's KPI part is damaged", e);
    }
  }

  /** The next n measures; each takes at least a byte, so n can be no more than the bytes left. */
  private static long[] longs(EventCodec.Source in, int n) {
    if (n < 0 || n > in.remaining()) {
      throw new IllegalStateException(n + " measures in " + in.remaining() + " bytes");
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.zlong();
    }
    return v;
  }

  /**
   * The layout of a grain's totals: shop_id, agent_id (by agent), g, every measure of {@link
   * KpiBase#MEASURES}, every one of {@link KpiBase#REACH_MEASURES} (NULL when the grain has no
   * buyer), rt_p90_ms (NULL without an answered turn).
   */
  static StructType schema(boolean byAgent) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("shop_id", DataTypes.StringType, true));
    if (byAgent) {
      f.add(DataTypes.createStructField("agent_id", DataTypes.StringType, true));
    }
    f.add(DataTypes.createStructField("g", DataTypes.DateType, true));
    for (String m : KpiBase.MEASURES) {
      f.add(DataTypes.createStructField(m, DataTypes.LongType, false));
    }
    for (String m : KpiBase.REACH_MEASURES) {
      f.add(DataTypes.createStructField(m, DataTypes.LongType, true));
    }
    f.add(DataTypes.createStructField("rt_p90_ms", DataTypes.DoubleType, true));
    return new StructType(f.toArray(StructField[]::new));
  }

  /**
   * One table's totals, a row per key in the layout of {@link #schema}: by agent or for the shop,
   * per ISO week (g the Monday) or per day, over days in [lo, hi] (whole weeks, for weekly tables).
   */
  List<Row> grains(boolean byAgent, boolean weekly, LocalDate lo, LocalDate hi) {
    Map<Key, long[]> totals = new LinkedHashMap<>();
    for (Sum s : sums) {
      if (inRange(s.day(), lo, hi) && (!byAgent || s.agent() != null)) {
        long[] t =
            totals.computeIfAbsent(
                key(s.shop(), s.agent(), s.day(), byAgent, weekly),
                k -> new long[KpiBase.MEASURES.length]);
        for (int i = 0; i < t.length; i++) {
          t[i] += s.measures()[i];
        }
      }
    }
    String scope = KpiBase.reachScope(byAgent, weekly);
    Map<Key, long[]> buyers = new LinkedHashMap<>();
    for (Reach r : reach) {
      if (r.scope().equals(scope)
          && inRange(r.g(), lo, hi)
          && (!byAgent || r.agent() != null)
          && r.shop() != null) {
        long[] t =
            buyers.computeIfAbsent(
                new Key(r.shop(), byAgent ? r.agent() : null, r.g()),
                k -> new long[KpiBase.REACH_MEASURES.length]);
        for (int i = 0; i < t.length; i++) {
          t[i] += r.measures()[i];
        }
      }
    }
    Map<Key, KpiBase.Longs> lists = new LinkedHashMap<>();
    for (Times t : times) {
      if (inRange(t.day(), lo, hi) && t.shop() != null) {
        lists
            .computeIfAbsent(
                key(t.shop(), t.agent(), t.day(), byAgent, weekly), k -> new KpiBase.Longs())
            .addAll(t.values());
      }
    }
    List<Row> rows = new ArrayList<>(totals.size());
    int width = (byAgent ? 3 : 2) + KpiBase.MEASURES.length + KpiBase.REACH_MEASURES.length + 1;
    totals.forEach(
        (k, measures) -> {
          Object[] row = new Object[width];
          int c = 0;
          row[c++] = k.shop();
          if (byAgent) {
            row[c++] = k.agent();
          }
          row[c++] = k.g();
          for (long m : measures) {
            row[c++] = m;
          }
          long[] b = buyers.get(k);
          for (int i = 0; i < KpiBase.REACH_MEASURES.length; i++) {
            row[c++] = b == null ? null : b[i];
          }
          KpiBase.Longs l = lists.get(k);
          row[c] = l == null || l.n == 0 ? null : Percentiles.p90(l.toArray());
          rows.add(RowFactory.create(row));
        });
    return rows;
  }

  private static boolean inRange(LocalDate day, LocalDate lo, LocalDate hi) {
    return day != null && !day.isBefore(lo) && !day.isAfter(hi);
  }

  private static Key key(
      String shop, String agent, LocalDate day, boolean byAgent, boolean weekly) {
    return new Key(shop, byAgent ? agent : null, weekly ? KpiSql.monday(day) : day);
  }
}
