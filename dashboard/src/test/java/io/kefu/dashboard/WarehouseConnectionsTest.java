package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-writer rule from the reader's side: read-only, and every re-publish seen. */
class WarehouseConnectionsTest {

  @TempDir Path dir;

  static void version(Connection c, String v) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE publish (version VARCHAR)");
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO publish VALUES (?)")) {
      p.setString(1, v);
      p.executeUpdate();
    }
  }

  static String version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM publish")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void shouldReportNothingPublishedYetWithoutCreatingAFile() throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    try (WarehouseConnections w = new WarehouseConnections(file)) {
      assertEquals(Optional.empty(), w.read(WarehouseConnectionsTest::version));
      assertEquals(Optional.empty(), w.publishedAt());
      assertFalse(Files.exists(file), "a reader never creates the warehouse");
    }
  }

  @Test
  void shouldSeeEachRepublishWithoutReopeningOtherwise() throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    try (WarehouseConnections w = new WarehouseConnections(file)) {
      TestWarehouse.publish(file, c -> version(c, "monday"));
      assertEquals("monday", w.read(WarehouseConnectionsTest::version).orElseThrow());
      assertEquals("monday", w.read(WarehouseConnectionsTest::version).orElseThrow());
      assertEquals(1, w.opens(), "an unchanged file is not reopened");

      TestWarehouse.publish(file, c -> version(c, "tuesday"));
      assertEquals("tuesday", w.read(WarehouseConnectionsTest::version).orElseThrow());
      assertEquals(2, w.opens());
    }
  }

  @Test
  void shouldFinishARequestOnTheFileItStartedOn() throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    TestWarehouse.publish(file, c -> version(c, "monday"));
    try (WarehouseConnections w = new WarehouseConnections(file)) {
      String[] seen = new String[3];
      w.read(
          c -> {
            seen[0] = version(c);
            try {
              TestWarehouse.publish(file, c2 -> version(c2, "tuesday"));
            } catch (Exception e) {
              throw new SQLException(e);
            }
            // Another request starting now reads the new publish ...
            seen[1] = w.read(WarehouseConnectionsTest::version).orElseThrow();
            // ... while this one still reads the file it began with.
            seen[2] = version(c);
            return "done";
          });
      assertEquals("monday", seen[0]);
      assertEquals("tuesday", seen[1]);
      assertEquals("monday", seen[2]);
      assertEquals("tuesday", w.read(WarehouseConnectionsTest::version).orElseThrow());
    }
  }

  @Test
  void shouldNeverWriteTheWarehouse() throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    TestWarehouse.publish(file, c -> version(c, "monday"));
    try (WarehouseConnections w = new WarehouseConnections(file)) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  w.read(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          return s.executeUpdate("DELETE FROM publish");
                        }
                      }));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      assertEquals("monday", w.read(WarehouseConnectionsTest::version).orElseThrow());
    }
  }

  @Test
  void shouldLetTheBatchJobPublishWhileTheDashboardReads() throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    TestWarehouse.publish(file, c -> version(c, "monday"));
    try (WarehouseConnections w = new WarehouseConnections(file)) {
      assertEquals("monday", w.read(WarehouseConnectionsTest::version).orElseThrow());
      // The reader holds the old file open; publishing a new one must still work.
      TestWarehouse.publish(file, c -> version(c, "tuesday"));
      TestWarehouse.publish(file, c -> version(c, "wednesday"));
      assertEquals("wednesday", w.read(WarehouseConnectionsTest::version).orElseThrow());
    }
  }

  @Test
  void shouldGoBackToNothingPublishedWhenTheFileIsRemoved() throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    TestWarehouse.publish(file, c -> version(c, "monday"));
    try (WarehouseConnections w = new WarehouseConnections(file)) {
      assertTrue(w.read(WarehouseConnectionsTest::version).isPresent());
      Files.delete(file);
      assertEquals(Optional.empty(), w.read(WarehouseConnectionsTest::version));
      assertFalse(w.holdsCurrent());
    }
  }
}
