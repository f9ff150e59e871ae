package io.kefu.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.config.KefuConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch job end to end on {@link ShopFixture}, whose every figure is worked out by hand below:
 * parse → facts → attribution → Spark SQL → published DuckDB tables, read back as the dashboard
 * reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiBatchJobTest {

  private static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
  private static final LocalDate NOV_3 = LocalDate.of(2026, 11, 3);

  @TempDir static Path tmp;
  private Path warehouse;
  private BatchCommand.Summary summary;

  @BeforeAll
  void runOnce() throws Exception {
    Path input = ShopFixture.write(tmp.resolve("events"), true);
    warehouse = tmp.resolve("wh/kefu.duckdb");
    summary =
        BatchCommand.runJob(
            SparkTests.spark(), KefuConfig.defaults(), input.toString(), warehouse, null, null);
  }

  private static Map<String, Object> expect(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Compares only the named columns, numbers by value (1 == 1L == 1.0 == 1.00). */
  private static void assertColumns(Map<String, Object> expected, Map<String, Object> actual) {
    expected.forEach(
        (k, v) -> {
          assertTrue(actual.containsKey(k), "no column " + k + " in " + actual.keySet());
          Object a = actual.get(k);
          if (v == null) {
            assertNull(a, k);
          } else if (v instanceof Number n) {
            assertTrue(a instanceof Number, k + " = " + a);
            assertEquals(
                0,
                new BigDecimal(n.toString()).compareTo(new BigDecimal(a.toString())),
                k + ": expected " + v + " got " + a);
          } else {
            assertEquals(v, a, k);
          }
        });
  }

  private Map<String, Object> agentDay(Path wh, String agent, LocalDate day) throws Exception {
    return Warehouse.row(
        wh,
        "SELECT * FROM agent_daily_kpi WHERE agent_id = '"
            + agent
            + "' AND day = DATE '"
            + day
            + "'");
  }

  @Test
  void agentWithTwoSessionsAndATransferredTurn() throws Exception {
    // a owns S1's three turns (20 s, 240 s, unanswered) and S2's first turn (answered by b, 40 s).
    assertColumns(
        expect(
            "received_buyers",
            2,
            "assignments",
            2,
            "buyer_turns",
            4,
            "answered_turns",
            3,
            "replied_in_time_turns",
            2,
            "rt_sum_ms",
            300_000,
            "art_avg_s",
            100.0,
            // P90 of 20, 40, 240 s: position 0.9 × 2 = 1.8 → 40 + 0.8 × 200 = 200 s
            "rt_p90_s",
            200.0,
            "frt_sessions",
            2,
            "frt_sum_ms",
            60_000,
            "frt_avg_s",
            30.0,
            "reply_rate",
            0.75,
            "reply_3min_rate",
            0.5,
            // a sent 2 messages; buyer messages in a's turns: 2 + 1 (duplicate counted once) + 1 +
            // 1
            "agent_messages",
            2,
            "buyer_messages",
            5,
            "answer_question_ratio",
            0.4,
            "inquiries",
            2,
            "inquiring_buyers",
            2,
            // O1 exactly 24 h after b1's inquiry is credited; O3 goes to b (last touch)
            "ordering_buyers",
            1,
            "paying_buyers",
            1,
            "inquiry_conversion_rate",
            0.5,
            "payment_conversion_rate",
            0.5,
            "credited_orders",
            1,
            "paid_orders",
            1,
            "sales",
            459,
            "aov",
            459,
            "refunded_orders",
            1,
            "refund_rate",
            1.0,
            "refund_amount",
            100,
            "sessions",
            1,
            "ratings",
            1,
            "satisfied_ratings",
            1,
            "dissatisfied_ratings",
            0,
            "satisfaction_rate",
            1.0,
            "avg_rating",
            5.0,
            "rating_rate",
            1.0),
        agentDay(warehouse, "a", NOV_2));
  }

  @Test
  void agentWhoTookOverMidTurnGetsOnlyTheTurnsTheyOwned() throws Exception {
    assertColumns(
        expect(
            "received_buyers",
            1,
            "buyer_turns",
            1,
            "answered_turns",
            1,
            "rt_sum_ms",
            30_000,
            "art_avg_s",
            30.0,
            "rt_p90_s",
            30.0,
            // the session's first turn was a's: b has no first response time (0/0 → NULL)
            "frt_sessions",
            0,
            "frt_avg_s",
            null,
            "agent_messages",
            2,
            "buyer_messages",
            1,
            "answer_question_ratio",
            2.0,
            "inquiring_buyers",
            1,
            "ordering_buyers",
            1,
            "inquiry_conversion_rate",
            1.0,
            "sales",
            300,
            "aov",
            300,
            // the 500.00 refund of a 300.00 order was rejected: nothing refunded
            "refunded_orders",
            0,
            "refund_rate",
            0.0,
            "refund_amount",
            0,
            "sessions",
            1,
            "ratings",
            0,
            "satisfaction_rate",
            null,
            "avg_rating",
            null,
            "rating_rate",
            0.0),
        agentDay(warehouse, "b", NOV_2));
  }

  @Test
  void utcTimestampsCountOnTheShopLocalDayAndZeroDenominatorsAreNull() throws Exception {
    // S3 runs 2026-11-02T16:30Z = 11-03 00:30 in Asia/Shanghai.
    assertEquals(
        List.of(),
        Warehouse.rows(
            warehouse,
            "SELECT * FROM agent_daily_kpi WHERE agent_id = 'c' AND day = DATE '2026-11-02'"));
    assertColumns(
        expect(
            "received_buyers",
            1,
            "buyer_turns",
            1,
            "frt_avg_s",
            10.0,
            "art_avg_s",
            10.0,
            "inquiries",
            0,
            "inquiry_conversion_rate",
            null,
            "payment_conversion_rate",
            null,
            "paid_orders",
            0,
            "sales",
            0,
            "aov",
            null,
            "refund_rate",
            null,
            // the late rating (hours after the session, next UTC day) counts on the start day
            "sessions",
            1,
            "ratings",
            1,
            "satisfied_ratings",
            0,
            "dissatisfied_ratings",
            1,
            "satisfaction_rate",
            0.0,
            "avg_rating",
            2.0,
            "rating_rate",
            1.0),
        agentDay(warehouse, "c", NOV_3));
  }

  @Test
  void shopDaysCountDistinctBuyersSilentOrdersAndServiceShare() throws Exception {
    assertColumns(
        expect(
            "received_buyers",
            2,
            "buyer_turns",
            5,
            "answered_turns",
            4,
            "inquiring_buyers",
            2,
            "inquiries",
            3,
            "ordering_buyers",
            2,
            "paying_buyers",
            2,
            "credited_orders",
            2,
            "paid_orders",
            2,
            "sales",
            759,
            "aov",
            379.5,
            "silent_orders",
            0,
            "silent_sales",
            0,
            "shop_sales",
            759,
            "service_sales_share",
            1.0,
            "orders_created",
            1,
            "paid_orders_by_payment_day",
            1,
            "paid_sales_by_payment_day",
            300),
        Warehouse.row(warehouse, "SELECT * FROM shop_daily_kpi WHERE day = DATE '2026-11-02'"));
    assertColumns(
        expect(
            "received_buyers",
            1,
            // O2 (24 h 1 s after the inquiry, paid 88.00) and O4 (never paid) are silent
            "silent_orders",
            2,
            "silent_sales",
            88,
            "sales",
            0,
            "shop_sales",
            88,
            "service_sales_share",
            0.0,
            "orders_created",
            3,
            "paid_orders_by_payment_day",
            2,
            "paid_sales_by_payment_day",
            547),
        Warehouse.row(warehouse, "SELECT * FROM shop_daily_kpi WHERE day = DATE '2026-11-03'"));
  }

  @Test
  void weeksAreSummedFromCountsNotAveragedFromDays() throws Exception {
    Map<String, Object> a =
        Warehouse.row(
            warehouse,
            "SELECT * FROM agent_weekly_kpi WHERE agent_id = 'a' AND week_start = DATE '2026-11-02'");
    assertColumns(expect("buyer_turns", 4, "art_avg_s", 100.0, "rt_p90_s", 200.0, "sales", 459), a);
    assertEquals(
        3L, Warehouse.row(warehouse, "SELECT count(*) AS n FROM agent_weekly_kpi").get("n"));
  }

  @Test
  void everyLineIsAccountedFor() throws Exception {
    WarehousePublisher.Run run = summary.run();
    // 22 chat lines (one a duplicate) + 8 bad + 10 order lines + 1 late rating = 41
    assertEquals(41, run.linesRead());
    assertEquals(1, run.duplicates());
    assertEquals(9, run.rejected());
    assertEquals(31, run.accepted());
    assertEquals(run.linesRead(), run.accepted() + run.duplicates() + run.rejected());
    Map<String, Object> stored =
        Warehouse.row(warehouse, "SELECT * FROM ingest_run WHERE run_id = '" + run.runId() + "'");
    assertColumns(expect("lines_read", 41, "accepted", 31, "duplicates", 1, "rejected", 9), stored);
    assertTrue(stored.get("config").toString().contains("attribution.window=24h"));
    List<Map<String, Object>> rejects =
        Warehouse.rows(
            warehouse,
            "SELECT reason, file, line_no FROM ingest_reject WHERE run_id = '"
                + run.runId()
                + "' ORDER BY reason");
    Map<String, Object> byReason = new LinkedHashMap<>();
    rejects.forEach(r -> byReason.put((String) r.get("reason"), r.get("line_no")));
    for (String[] bad : ShopFixture.BAD) {
      assertTrue(byReason.containsKey(bad[1]), bad[1] + " missing from " + byReason);
    }
    assertTrue(byReason.containsKey("refund_exceeds_payment"), byReason.toString());
    assertEquals(23L, byReason.get("blank_line"), "the blank line is line 23 of the chat file");
    assertEquals(9, rejects.size());
  }

  @Test
  void transferredTurnKeepsItsOwnerAndRecordsWhoAnswered() throws Exception {
    Map<String, Object> t =
        Warehouse.row(
            warehouse,
            "SELECT agent_id, answered_by, response_ms, first_turn FROM turn_fact WHERE session_id ="
                + " 'S2' AND first_turn");
    assertColumns(expect("agent_id", "a", "answered_by", "b", "response_ms", 40_000), t);
    Map<String, Object> o3 =
        Warehouse.row(warehouse, "SELECT * FROM order_fact WHERE order_id = 'O3'");
    assertColumns(expect("credited", true, "credited_agent_id", "b"), o3);
  }

  @Test
  void rerunningTheSameRangeGivesIdenticalTables() throws Exception {
    Path input = ShopFixture.write(tmp.resolve("events-again"), true);
    Path wh = tmp.resolve("twice/kefu.duckdb");
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, null, null);
    Map<String, List<Map<String, Object>>> first = snapshot(wh);
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, null, null);
    assertEquals(first, snapshot(wh));
    assertEquals(2L, Warehouse.row(wh, "SELECT count(*) AS n FROM ingest_run").get("n"));
  }

  private static Map<String, List<Map<String, Object>>> snapshot(Path wh) throws Exception {
    Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
    for (String table : WarehousePublisher.DAY_COLUMN.keySet()) {
      all.put(table, Warehouse.rows(wh, "SELECT * FROM " + table + " ORDER BY ALL"));
    }
    return all;
  }

  @Test
  void aNewRangeAddsItsDaysAndLeavesTheOthers() throws Exception {
    Path input = ShopFixture.write(tmp.resolve("events-ranges"), true);
    Path wh = tmp.resolve("ranges/kefu.duckdb");
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, NOV_2, NOV_2);
    assertEquals(
        List.of(Map.of("agent_id", "a"), Map.of("agent_id", "b")),
        Warehouse.rows(wh, "SELECT DISTINCT agent_id FROM agent_daily_kpi ORDER BY 1"));
    Map<String, Object> aBefore = agentDay(wh, "a", NOV_2);
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, NOV_3, NOV_3);
    assertEquals(aBefore, agentDay(wh, "a", NOV_2));
    assertEquals(agentDay(warehouse, "c", NOV_3), agentDay(wh, "c", NOV_3));
    // a range run computes with all the input: its days equal the full run's
    assertEquals(agentDay(warehouse, "a", NOV_2), aBefore);
  }

  @Test
  void lateEventsAreIncludedWhenTheRangeIsRecomputed() throws Exception {
    Path input = ShopFixture.write(tmp.resolve("events-late"), false);
    Path wh = tmp.resolve("late/kefu.duckdb");
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, null, null);
    assertColumns(expect("ratings", 0, "satisfaction_rate", null), agentDay(wh, "c", NOV_3));
    Files.write(input.resolve("chat-events-2.jsonl"), List.of(ShopFixture.LATE_RATING));
    try (Connection before = Warehouse.open(wh)) {
      BatchCommand.runJob(
          SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, NOV_3, NOV_3);
      // A reader that opened the warehouse before the publish keeps a complete old version ...
      assertColumns(
          expect("ratings", 0),
          Warehouse.rows(
                  before,
                  "SELECT * FROM agent_daily_kpi WHERE agent_id = 'c' AND day = DATE '2026-11-03'")
              .get(0));
    }
    // ... and the next reader sees the new one.
    assertColumns(expect("ratings", 1, "dissatisfied_ratings", 1), agentDay(wh, "c", NOV_3));
  }

  @Test
  void firstTouchCreditsTheEarlierAgentAndTheRuleIsRecorded() throws Exception {
    Properties p = new Properties();
    p.setProperty("attribution.touch", "first");
    KefuConfig firstTouch = KefuConfig.fromProperties(p, "test");
    Path input = ShopFixture.write(tmp.resolve("events-first"), true);
    Path wh = tmp.resolve("first/kefu.duckdb");
    BatchCommand.runJob(SparkTests.spark(), firstTouch, input.toString(), wh, null, null);
    // O3 (b2) now goes to a's inquiry at 11:00:10 instead of b's at 11:01:00
    assertColumns(expect("ordering_buyers", 2, "sales", 759), agentDay(wh, "a", NOV_2));
    assertColumns(expect("ordering_buyers", 0, "sales", 0), agentDay(wh, "b", NOV_2));
    assertEquals(
        "first touch, 24h window",
        Warehouse.row(wh, "SELECT DISTINCT attribution_rule FROM kpi_day_config")
            .get("attribution_rule"));
  }

  @Test
  void parquetMadeFromTheJsonFilesGivesTheSameKpis() throws Exception {
    // Parquet as another tool would write it from the JSON form: one column per field, one
    // folder per stream. Lines that are not JSON objects cannot become Parquet rows.
    Path json = ShopFixture.write(tmp.resolve("for-parquet/json"), true);
    Path parquet = tmp.resolve("for-parquet/parquet");
    for (String stream : List.of("chat-events", "order-events")) {
      List<String> objects =
          Files.readAllLines(json.resolve(stream + "-1.jsonl")).stream()
              .filter(l -> l.startsWith("{") && l.endsWith("}"))
              .toList();
      if (stream.equals("chat-events")) {
        objects = new java.util.ArrayList<>(objects);
        objects.add(ShopFixture.LATE_RATING);
      }
      SparkTests.spark()
          .read()
          .json(SparkTests.spark().createDataset(objects, org.apache.spark.sql.Encoders.STRING()))
          .coalesce(1)
          .write()
          .parquet(parquet.resolve(stream).toString());
    }
    Path wh = tmp.resolve("for-parquet/kefu.duckdb");
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), parquet.toString(), wh, null, null);
    for (String table : List.of("agent_daily_kpi", "agent_weekly_kpi", "shop_daily_kpi")) {
      assertEquals(
          Warehouse.rows(warehouse, "SELECT * FROM " + table + " ORDER BY ALL"),
          Warehouse.rows(wh, "SELECT * FROM " + table + " ORDER BY ALL"),
          table);
    }
  }

  @Test
  void aTruncatedGzipFileKeepsItsLinesAndRecordsTheCut() throws Exception {
    Path input = ShopFixture.write(tmp.resolve("events-cut"), true);
    // The order file, gzipped and cut short, as an interrupted upload leaves it.
    Path orders = input.resolve("order-events-1.jsonl");
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(Files.readAllBytes(orders));
    }
    byte[] bytes = gz.toByteArray();
    Files.delete(orders);
    Files.write(
        input.resolve("order-events-1.jsonl.gz"),
        java.util.Arrays.copyOf(bytes, bytes.length - 30));
    Path wh = tmp.resolve("cut/kefu.duckdb");
    BatchCommand.Summary s =
        BatchCommand.runJob(
            SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, null, null);
    assertEquals(1L, s.rejectsByReason().get("truncated_file"));
    Map<String, Object> cut =
        Warehouse.row(
            wh, "SELECT file, message FROM ingest_reject WHERE reason = 'truncated_file'");
    assertTrue(cut.get("file").toString().endsWith("order-events-1.jsonl.gz"), cut.toString());
    assertTrue(cut.get("message").toString().contains("ends in the middle"), cut.toString());
    assertEquals(
        s.run().linesRead(), s.run().accepted() + s.run().duplicates() + s.run().rejected());
  }
}
