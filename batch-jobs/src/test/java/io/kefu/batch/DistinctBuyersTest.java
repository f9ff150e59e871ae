package io.kefu.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.qa.Rulebook;
import io.kefu.sample.GenerateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distinct-buyer figures (接待人数, 询单人数, 下单人数, 付款人数) are counted inside the tasks, per grain, and
 * summed across tasks. On a generated shop over two weeks, run in several tasks, every agent-day,
 * agent-week and shop-day must hold exactly the count of distinct buyers that the published facts
 * give, a buyer seen on several days of a week or by several agents of a day counting once.
 */
class DistinctBuyersTest {

  /** Each figure: its column and the facts (shop_id, agent, day, buyer_id) it counts. */
  private static final Map<String, String> SOURCES =
      Map.of(
          "received_buyers",
          "SELECT shop_id, agent_id AS agent, day, buyer_id FROM assignment_fact",
          "inquiring_buyers",
          "SELECT shop_id, agent_id AS agent, day, buyer_id FROM inquiry_fact",
          "ordering_buyers",
          "SELECT shop_id, credited_agent_id AS agent, credited_day AS day, buyer_id"
              + " FROM order_fact WHERE credited",
          "paying_buyers",
          "SELECT shop_id, credited_agent_id AS agent, credited_day AS day, buyer_id"
              + " FROM order_fact WHERE credited AND paid_at IS NOT NULL");

  /** A KPI table's grain: its period column and how a fact's day maps to it. */
  private record Grain(String table, String period, String periodOfDay, boolean byAgent) {}

  private static final List<Grain> GRAINS =
      List.of(
          new Grain("agent_daily_kpi", "day", "day", true),
          new Grain("agent_weekly_kpi", "week_start", "date_trunc('week', day)", true),
          new Grain("shop_daily_kpi", "day", "day", false));

  @Test
  void everyGrainCountsEachBuyerOnce(@TempDir Path tmp) throws Exception {
    Path events = tmp.resolve("events");
    int exit =
        GenerateCommand.run(
            new String[] {
              "--out",
              events.toString(),
              "--agents",
              "6",
              "--days",
              "11",
              "--start",
              "2026-11-04",
              "--seed",
              "5",
              "--rate",
              "40",
              "--quiet"
            },
            System.out,
            System.err);
    assertEquals(0, exit);
    Path wh = tmp.resolve("kefu.duckdb");
    BatchCommand.runJob(
        SparkTests.spark(),
        KefuConfig.defaults(),
        events.toString(),
        wh,
        null,
        null,
        new BatchCommand.Settings(null, 5, Rulebook.defaultChinese(), 0.05, 0.05));
    for (Map.Entry<String, String> source : SOURCES.entrySet()) {
      String column = source.getKey();
      for (Grain grain : GRAINS) {
        String keys = "shop_id, " + (grain.byAgent() ? "agent_id, " : "") + grain.period();
        // The distinct buyers of each key, straight from the facts.
        String expected =
            "SELECT shop_id, "
                + (grain.byAgent() ? "agent AS agent_id, " : "")
                + "CAST("
                + grain.periodOfDay()
                + " AS DATE) AS "
                + grain.period()
                + ", count(DISTINCT buyer_id) AS n FROM ("
                + source.getValue()
                + ") WHERE day IS NOT NULL"
                + (grain.byAgent() ? " AND agent IS NOT NULL" : "")
                + " GROUP BY ALL";
        String range =
            "(SELECT min(%1$s) FROM %2$s) AND (SELECT max(%1$s) FROM %2$s)"
                .formatted(grain.period(), grain.table());
        String compare =
            ("SELECT count(*) FILTER (WHERE coalesce(k.%1$s, 0) <> coalesce(e.n, 0)) AS wrong,"
                    + " sum(k.%1$s) AS total, count(*) FILTER (WHERE k.shop_id IS NULL) AS missing"
                    + " FROM %2$s k FULL JOIN (%3$s) e USING (%4$s) WHERE %5$s BETWEEN %6$s")
                .formatted(column, grain.table(), expected, keys, grain.period(), range);
        Map<String, Object> r = Warehouse.row(wh, compare);
        String what = grain.table() + "." + column;
        assertEquals(0L, ((Number) r.get("wrong")).longValue(), what + " differs: " + compare);
        assertEquals(0L, ((Number) r.get("missing")).longValue(), what + " lacks a row");
        assertTrue(((Number) r.get("total")).longValue() > 0, what + " counts no buyer");
      }
    }
    // Not vacuous: buyers do come back within a week, so summing days would overcount.
    Map<String, Object> repeat =
        Warehouse.row(
            wh,
            "SELECT (SELECT sum(received_buyers) FROM agent_daily_kpi)"
                + " - (SELECT sum(received_buyers) FROM agent_weekly_kpi) AS extra");
    assertTrue(((Number) repeat.get("extra")).longValue() > 0, repeat.toString());
  }
}
