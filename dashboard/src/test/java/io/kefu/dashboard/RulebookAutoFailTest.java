package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kefu.dashboard.QualityRepository.SessionHead;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's head says whether its rulebook fails critical sessions when the warehouse records its
 * rulebooks (qa_rulebook, written by the batch job), and says nothing for a warehouse published
 * before that table existed, so the rescoring falls back to reading the score.
 */
class RulebookAutoFailTest {

  @Test
  void theHeadCarriesTheRecordedRulebooksAutoFailOrNothing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      ReviewFixture.fill(c, true);
      QualityRepository quality = new QualityRepository();
      SessionHead old =
          quality
              .session(c, ReviewFixture.SHOP, ReviewFixture.RUDE, ReviewFixture.V1)
              .orElseThrow();
      assertNull(old.rulebookAutoFail(), "no qa_rulebook table: unknown");

      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE qa_rulebook (rulebook_version VARCHAR PRIMARY KEY, auto_fail BOOLEAN"
                + " NOT NULL, grade_a INTEGER, grade_b INTEGER, grade_c INTEGER, rules VARCHAR,"
                + " first_run_id VARCHAR, last_run_id VARCHAR)");
        st.execute(
            "INSERT INTO qa_rulebook (rulebook_version, auto_fail) VALUES ('"
                + ReviewFixture.V1
                + "', true)");
      }
      assertEquals(
          Boolean.TRUE,
          quality
              .session(c, ReviewFixture.SHOP, ReviewFixture.RUDE, ReviewFixture.V1)
              .orElseThrow()
              .rulebookAutoFail());
      assertNull(
          quality
              .session(c, ReviewFixture.SHOP, ReviewFixture.RUDE, ReviewFixture.V2)
              .orElseThrow()
              .rulebookAutoFail(),
          "a version without a row: unknown");
    }
  }
}
