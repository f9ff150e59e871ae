package io.kefu.stream.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one writer's keyed upserts and atomic publishing, without Flink. */
class LiveWarehouseTest {

  static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);

  @TempDir Path dir;

  static AgentMinute minute(int turns, boolean deleted) {
    return new AgentMinute(
        "shop",
        "a-1",
        60_000,
        NOV_2,
        turns,
        turns,
        turns,
        1000L * turns,
        turns,
        1000.0,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        deleted);
  }

  static WaitingBuyer waiting(boolean deleted) {
    return new WaitingBuyer("shop", "s-1", "b-1", "a-1", 60_000, "waiting", deleted);
  }

  @Test
  void shouldKeepOneRowPerKeyRemoveRemovalsAndPublishAtomically() throws Exception {
    Path published = dir.resolve("live.duckdb");
    try (LiveWarehouse w = new LiveWarehouse(published, true)) {
      w.apply(List.of(minute(1, false), waiting(false)));
      w.publish(60_000);
      try (Connection before = readOnly(published)) {
        w.apply(List.of(minute(1, false))); // sent again: still one row
        w.apply(List.of(minute(2, false), waiting(true)));
        w.publish(120_000);

        assertEquals("1|1", counts(before), "a reader keeps the file it opened");
        try (Connection after = readOnly(published)) {
          assertEquals("1|0", counts(after));
          assertEquals(2, single(after, "SELECT turns FROM live_agent_minute"));
        }
      }
      w.apply(List.of(minute(2, true)));
      w.publish(180_000);
      try (Connection c = readOnly(published)) {
        assertEquals("0|0", counts(c));
      }
    }
    assertTrue(Files.exists(published.resolveSibling("live.duckdb.writer")));
    try (LiveWarehouse restarted = new LiveWarehouse(published, false)) {
      restarted.apply(List.of(minute(3, false)));
      restarted.publish(240_000);
    }
    try (Connection c = readOnly(published)) {
      assertEquals(3, single(c, "SELECT turns FROM live_agent_minute"));
    }
  }

  static Connection readOnly(Path file) throws Exception {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("jdbc_instance_cache", "false");
    return DriverManager.getConnection("jdbc:duckdb:" + file, p);
  }

  static String counts(Connection c) throws Exception {
    return single(c, "SELECT count(*) FROM live_agent_minute")
        + "|"
        + single(c, "SELECT count(*) FROM live_waiting");
  }

  static long single(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
