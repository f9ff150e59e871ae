package io.kefu.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged file holds exactly the values written, read back by DuckDB as the warehouse load does,
 * across many pages.
 */
class PartWriterTest {

  private static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("s", DataTypes.StringType, true),
            DataTypes.createStructField("i", DataTypes.IntegerType, true),
            DataTypes.createStructField("l", DataTypes.LongType, true),
            DataTypes.createStructField("b", DataTypes.BooleanType, true),
            DataTypes.createStructField("d", DataTypes.DateType, true),
            DataTypes.createStructField("t", DataTypes.TimestampNTZType, true),
            DataTypes.createStructField("m", DataTypes.createDecimalType(18, 2), true),
            DataTypes.createStructField("x", DataTypes.DoubleType, true)
          });

  /** Row n: a string of varying length, every type, a NULL now and then. */
  private static Object[] row(int n) {
    return new Object[] {
      n % 97 == 0 ? null : "第" + n + "条消息" + "亲".repeat(n % 40),
      n % 89 == 0 ? null : n,
      (long) n * 1_000_003L,
      n % 2 == 0,
      LocalDate.of(2026, 11, 1).plusDays(n % 30),
      LocalDateTime.of(2026, 11, 2, 8, 0).plusNanos(n * 1_001_000L),
      n % 83 == 0 ? null : BigDecimal.valueOf(n, 2),
      n % 79 == 0 ? null : n / 8.0
    };
  }

  @Test
  void everyValueComesBackAcrossManyPages(@TempDir Path dir) throws Exception {
    int rows = 300_000;
    String file = dir.resolve("part.parquet").toString();
    try (PartWriter w = new PartWriter("t", SCHEMA, file, new Configuration(false))) {
      for (int n = 0; n < rows; n++) {
        w.write(row(n));
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("CREATE VIEW p AS SELECT * FROM read_parquet('" + file + "')");
      // Row by row against what was written, in bulk: a value lost or garbled anywhere, in any
      // page, breaks one of these sums or the spot checks below.
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*), count(s), sum(length(s)), count(i), sum(i), sum(l),"
                  + " count(*) FILTER (WHERE b), count(DISTINCT d), count(m), sum(m),"
                  + " count(x), sum(x)"
                  + " FROM p")) {
        rs.next();
        long strings = 0;
        long chars = 0;
        long ints = 0;
        long intSum = 0;
        long longSum = 0;
        long money = 0;
        long moneyCents = 0;
        long doubles = 0;
        double doubleSum = 0;
        for (int n = 0; n < rows; n++) {
          Object[] r = row(n);
          if (r[0] != null) {
            strings++;
            chars += ((String) r[0]).length();
          }
          if (r[1] != null) {
            ints++;
            intSum += n;
          }
          longSum += (Long) r[2];
          if (r[6] != null) {
            money++;
            moneyCents += n;
          }
          if (r[7] != null) {
            doubles++;
            doubleSum += (Double) r[7];
          }
        }
        assertEquals(rows, rs.getLong(1));
        assertEquals(strings, rs.getLong(2));
        assertEquals(chars, rs.getLong(3));
        assertEquals(ints, rs.getLong(4));
        assertEquals(intSum, rs.getLong(5));
        assertEquals(longSum, rs.getLong(6));
        assertEquals(rows / 2, rs.getLong(7));
        assertEquals(30, rs.getLong(8));
        assertEquals(money, rs.getLong(9));
        assertEquals(BigDecimal.valueOf(moneyCents, 2), rs.getBigDecimal(10));
        assertEquals(doubles, rs.getLong(11));
        assertEquals(doubleSum, rs.getDouble(12));
      }
      List<Map<String, Object>> spot =
          Warehouse.rows(
              c,
              "SELECT s, i, d::VARCHAR AS d, t::VARCHAR AS t, m, x FROM p"
                  + " WHERE l IN (198 * 1000003::BIGINT, 299999 * 1000003::BIGINT) ORDER BY l");
      assertEquals("第198条消息" + "亲".repeat(38), spot.get(0).get("s"));
      assertEquals(198, spot.get(0).get("i"));
      assertEquals("2026-11-19", spot.get(0).get("d"));
      assertEquals("2026-11-02 08:00:00.198198", spot.get(0).get("t"));
      assertEquals(new BigDecimal("1.98"), spot.get(0).get("m"));
      assertEquals(24.75, spot.get(0).get("x"));
      assertEquals(37499.875, spot.get(1).get("x"));
    }
  }
}
