package io.kefu.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class KpiSqlTest {

  /**
   * The warm-up must run the real query template to the end: a made-up grain that no longer fits
   * the totals' layout would make it fail quietly in its thread, and the first-query cost would be
   * back on the run's critical path unnoticed.
   */
  @Test
  void warmUpRunsEveryTableQueryOverItsMadeUpGrain() {
    List<Row> rows = new KpiSql(SparkTests.spark()).warmUpQueries();
    assertEquals(3, rows.size(), "one row per table: agent-day, agent-week, shop-day");
    for (Row r : rows) {
      // every measure is 1, so each rate is 1 and each average 1 ms
      assertEquals(1.0, ((Number) r.getAs("reply_rate")).doubleValue());
      assertEquals(0.001, ((Number) r.getAs("art_avg_s")).doubleValue(), 1e-12);
      assertEquals(1L, ((Number) r.getAs("paying_buyers")).longValue());
    }
    assertEquals(1.0, ((Number) rows.get(2).getAs("service_sales_share")).doubleValue() * 2);
  }
}
