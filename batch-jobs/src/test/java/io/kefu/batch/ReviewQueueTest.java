package io.kefu.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The review queue is picked in plain Java on the driver from the tasks' lists of scored sessions;
 * on random sessions (tied scores, missing scores, sessions without an agent, several shops and
 * weeks, spread over three tasks) it must pick exactly the sessions, with exactly the reasons, that
 * QA_RULES.md's definition written in Spark SQL with {@code percent_rank}, {@code row_number} and
 * {@code xxhash64} picks.
 */
class ReviewQueueTest {

  /** The definition, written the direct way: a window over each shop-week and agent-week. */
  private static final String REFERENCE =
      """
      WITH q AS (SELECT *, date_sub(day, pmod(dayofweek(day) + 5, 7)) AS week_start,
                   (xxhash64(session_id, 'kefu-review') & 2147483647) / 2147483648.0 AS draw
                 FROM session_quality),
      r AS (SELECT *,
              percent_rank() OVER (PARTITION BY shop_id, week_start ORDER BY qa_score) AS low_rank,
              row_number() OVER (PARTITION BY shop_id, agent_id, week_start ORDER BY draw, session_id)
                AS draw_rank
            FROM q)
      SELECT shop_id, session_id, agent_id, day, week_start, rulebook_version,
        CASE WHEN critical THEN 'critical'
             WHEN low_rank <= %s THEN 'low_score'
             ELSE 'sample' END AS reason,
        qa_score
      FROM r
      WHERE (critical OR low_rank <= %s
             OR (agent_id IS NOT NULL AND (draw < %s OR draw_rank = 1)))
        AND day BETWEEN DATE'%s' AND DATE'%s'
      """;

  @Test
  void picksTheSessionsThePercentRankDefinitionPicks() {
    picksAsTheDefinition(0.05, 0.1);
    picksAsTheDefinition(0.3, 0.25);
    // A rate the SQL text writes in exponent form is a DOUBLE there, not a DECIMAL.
    picksAsTheDefinition(1.0E-4, 0.1);
  }

  private static void picksAsTheDefinition(double rate, double lowest) {
    SparkSession spark = SparkTests.spark();
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    LocalDate first = LocalDate.of(2026, 11, 2);
    String[] agents = {"a1", "a2", "a3", "a4", "a5", null};
    for (int i = 0; i < 4000; i++) {
      // NULL shops, days and critical flags now and then: the grouping and the joins keep NULLs.
      String shop = random.nextInt(50) == 0 ? null : random.nextInt(4) == 0 ? "shop-b" : "shop-a";
      // A small shop-week (one session) must rank 0, as percent_rank does.
      LocalDate day =
          i == 0
              ? first.plusDays(27)
              : random.nextInt(60) == 0 ? null : first.plusDays(random.nextInt(21));
      Integer score = random.nextInt(40) == 0 ? null : 60 + 5 * random.nextInt(9);
      rows.add(
          RowFactory.create(
              i == 0 ? "shop-c" : shop,
              "S" + i,
              agents[random.nextInt(agents.length)],
              "b" + random.nextInt(900),
              day,
              "zh-1",
              score,
              "B",
              random.nextInt(40) == 0 ? null : random.nextInt(30) == 0,
              0,
              0));
    }
    spark
        .createDataFrame(rows, FactRows.SCHEMAS[FactRows.SESSION_QUALITY])
        .createOrReplaceTempView("session_quality");
    LocalDate from = first.plusDays(3);
    LocalDate to = first.plusDays(27);
    TreeSet<String> expected =
        strings(spark.sql(REFERENCE.formatted(lowest, lowest, rate, from, to)).collectAsList());
    ReviewQueue.Sessions[] tasks = {
      new ReviewQueue.Sessions(), new ReviewQueue.Sessions(), new ReviewQueue.Sessions()
    };
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Object[] values = new Object[r.length()];
      for (int c = 0; c < values.length; c++) {
        values[c] = r.get(c);
      }
      tasks[i % tasks.length].add(values);
    }
    List<byte[]> parts = new ArrayList<>();
    for (ReviewQueue.Sessions t : tasks) {
      parts.add(t.drain());
    }
    List<Row> picked = new ArrayList<>();
    for (Object[] row : ReviewQueue.select(parts, rate, lowest, from, to)) {
      picked.add(RowFactory.create(row));
    }
    TreeSet<String> actual = strings(picked);
    for (String reason : new String[] {"critical", "low_score", "sample"}) {
      assertTrue(
          expected.stream().anyMatch(s -> s.contains("," + reason + ",")),
          "the random sessions give " + reason + " rows");
    }
    assertTrue(expected.stream().anyMatch(s -> s.startsWith("shop-c,")), "the lone session");
    assertEquals(expected, actual);
  }

  /**
   * A tie on the draw goes to the smallest session id as SQL's {@code min} orders strings (UTF-8
   * bytes), not as Java's {@code compareTo} (UTF-16 chars) does.
   */
  @Test
  void tiesGoToTheSmallestIdAsSqlOrdersThem() {
    SparkSession spark = SparkTests.spark();
    String[] ids = {"\uFFFD", "\uD83D\uDE00", "a", "ab", "", "会话", "\uE000x"};
    for (String a : ids) {
      for (String b : ids) {
        String least =
            spark
                .createDataFrame(
                    List.of(RowFactory.create(a), RowFactory.create(b)),
                    new org.apache.spark.sql.types.StructType()
                        .add("id", org.apache.spark.sql.types.DataTypes.StringType))
                .selectExpr("min(id)")
                .first()
                .getString(0);
        String java = ReviewQueue.utf8Order(a, b) <= 0 ? a : b;
        assertEquals(least, java, a + " vs " + b);
      }
    }
  }

  /** Ids come from the input unbounded: one of 90 KB of UTF-8 travels whole, to the queue. */
  @Test
  void aVeryLongIdTravels() {
    String id = "会".repeat(30_000);
    String shop = "店".repeat(25_000);
    ReviewQueue.Sessions task = new ReviewQueue.Sessions();
    LocalDate day = LocalDate.of(2026, 11, 3);
    task.add(new Object[] {shop, id, "a1", "b1", day, "zh-1", 80, "B", false, 0, 0});
    List<Object[]> queue = ReviewQueue.select(List.of(task.drain()), 0.05, 0.1, day, day);
    assertEquals(1, queue.size(), "a lone session is its shop-week's lowest and its agent's draw");
    assertEquals(shop, queue.get(0)[0]);
    assertEquals(id, queue.get(0)[1]);
  }

  /** A damaged part is reported as such, never read as fewer or different sessions or KPIs. */
  @Test
  void aDamagedPartIsReportedNotMisread() {
    ReviewQueue.Sessions task = new ReviewQueue.Sessions();
    LocalDate day = LocalDate.of(2026, 11, 3);
    task.add(new Object[] {"shop", "s-1", "a1", "b1", day, "zh-1", 80, "B", false, 0, 0});
    task.add(new Object[] {"shop", "s-2", "a1", "b1", day, "zh-1", null, "B", null, 0, 0});
    byte[] twoSessions = task.drain();
    ReviewQueue.Sessions first = new ReviewQueue.Sessions();
    first.add(new Object[] {"shop", "s-1", "a1", "b1", day, "zh-1", 80, "B", false, 0, 0});
    int cut = first.drain().length; // the second session cut off whole, at its boundary
    byte[] atBoundary = java.util.Arrays.copyOf(twoSessions, cut);
    byte[] inside = java.util.Arrays.copyOf(twoSessions, twoSessions.length - 2);
    byte[] longer = java.util.Arrays.copyOf(twoSessions, twoSessions.length + 1);
    for (byte[] bad : new byte[][] {atBoundary, inside, longer}) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> ReviewQueue.select(List.of(bad), 0.05, 0.1, day, day));
      assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
    assertEquals(
        2, ReviewQueue.select(List.of(twoSessions), 1.0, 1.0, day, day).size(), "the whole reads");

    byte[] empty = {0, 0, 0}; // no sums, no response times, no reach
    new KpiRollup(List.of(empty));
    for (byte[] bad : new byte[][] {{0, 0, 0, 7}, {1}, {}}) {
      IllegalStateException k =
          assertThrows(IllegalStateException.class, () -> new KpiRollup(List.of(bad)));
      assertTrue(k.getMessage().contains("a task's KPI part is damaged"), k.getMessage());
    }
  }

  /** The draw's hash is Spark SQL's, for any id (ASCII, Chinese, empty). */
  @Test
  void drawsWithSparksHash() {
    SparkSession spark = SparkTests.spark();
    List<Row> ids = new ArrayList<>();
    Random random = new Random(5);
    for (int i = 0; i < 300; i++) {
      ids.add(RowFactory.create(i % 50 == 0 ? "" : "会话-" + Long.toHexString(random.nextLong())));
    }
    List<Row> hashed =
        spark
            .createDataFrame(
                ids,
                new org.apache.spark.sql.types.StructType()
                    .add("session_id", org.apache.spark.sql.types.DataTypes.StringType))
            .selectExpr("session_id", "xxhash64(session_id, 'kefu-review') & 2147483647")
            .collectAsList();
    for (Row r : hashed) {
      assertEquals(r.getLong(1), ReviewQueue.drawHash(r.getString(0)), r.getString(0));
    }
  }

  private static TreeSet<String> strings(List<Row> rows) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        b.append(i == 0 ? "" : ",").append(r.get(i));
      }
      out.add(b.toString());
    }
    return out;
  }
}
