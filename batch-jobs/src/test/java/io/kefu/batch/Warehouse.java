package io.kefu.batch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a published warehouse the way the dashboard does: read-only, a fresh instance each time.
 */
final class Warehouse {

  private Warehouse() {}

  static Connection open(Path file) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("jdbc_instance_cache", "false");
    return DriverManager.getConnection("jdbc:duckdb:" + file, p);
  }

  /** Every row of a query as column → value maps. */
  static List<Map<String, Object>> rows(Connection c, String sql) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  static List<Map<String, Object>> rows(Path file, String sql) throws SQLException {
    try (Connection c = open(file)) {
      return rows(c, sql);
    }
  }

  static Map<String, Object> row(Path file, String sql) throws SQLException {
    List<Map<String, Object>> r = rows(file, sql);
    if (r.size() != 1) {
      throw new AssertionError("expected one row, got " + r.size() + " for " + sql + ": " + r);
    }
    return r.get(0);
  }
}
