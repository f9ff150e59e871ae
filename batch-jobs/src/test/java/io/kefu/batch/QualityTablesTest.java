package io.kefu.batch;

import static io.kefu.batch.ShopFixture.end;
import static io.kefu.batch.ShopFixture.msg;
import static io.kefu.batch.ShopFixture.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.qa.Rulebook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcript quality in the batch job: every ended session scored with the rulebook's version, each
 * hit on its message, transcripts with response times, the review queue, the agent QA figures, and
 * re-scoring with a new rulebook version keeping the old scores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityTablesTest {

  @TempDir static Path tmp;
  private Path input;
  private Path warehouse;

  /** Q1: polite and quick; Q2: a rude, dismissive reply (critical); Q3: never ended. */
  private static final List<String> CHAT =
      List.of(
          start("q1", "2026-11-02T10:00:00+08:00", "Q1", "bq1", "a", "pre_sale"),
          msg("q2", "2026-11-02T10:00:05+08:00", "Q1", "bq1", "buyer", null, "这款推车包邮吗"),
          msg("q3", "2026-11-02T10:00:15+08:00", "Q1", "bq1", "agent", "a", "亲，您好！满99元就包邮哦～"),
          msg("q4", "2026-11-02T10:01:00+08:00", "Q1", "bq1", "buyer", null, "好的我拍了"),
          msg("q5", "2026-11-02T10:01:20+08:00", "Q1", "bq1", "agent", "a", "感谢您的支持，祝您生活愉快，再见～"),
          end("q6", "2026-11-02T10:02:00+08:00", "Q1", "bq1"),
          start("r1", "2026-11-02T11:00:00+08:00", "Q2", "bq2", "b", "after_sale"),
          msg("r2", "2026-11-02T11:00:05+08:00", "Q2", "bq2", "buyer", null, "我的快递怎么还没到"),
          msg("r3", "2026-11-02T11:00:20+08:00", "Q2", "bq2", "agent", "b", "不知道，你自己看物流"),
          end("r4", "2026-11-02T11:05:00+08:00", "Q2", "bq2"),
          start("s1", "2026-11-02T12:00:00+08:00", "Q3", "bq3", "a", "pre_sale"),
          msg("s2", "2026-11-02T12:00:05+08:00", "Q3", "bq3", "buyer", null, "在吗"));

  @BeforeAll
  void runOnce() throws Exception {
    input = tmp.resolve("events");
    Files.createDirectories(input);
    Files.write(input.resolve("chat-events-1.jsonl"), CHAT, StandardCharsets.UTF_8);
    warehouse = tmp.resolve("wh/kefu.duckdb");
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), input.toString(), warehouse, null, null);
  }

  private Map<String, Object> row(String sql) throws Exception {
    return Warehouse.row(warehouse, sql);
  }

  @Test
  void everyEndedSessionIsScoredWithTheRulebookVersion() throws Exception {
    String version = Rulebook.defaultChinese().version();
    List<Map<String, Object>> rows =
        Warehouse.rows(warehouse, "SELECT * FROM session_quality ORDER BY session_id");
    assertEquals(2, rows.size(), "Q3 has not ended, so it is not scored yet");
    Map<String, Object> polite = rows.get(0);
    assertEquals("Q1", polite.get("session_id"));
    assertEquals(version, polite.get("rulebook_version"));
    assertEquals(100, ((Number) polite.get("qa_score")).intValue());
    assertEquals("A", polite.get("grade"));
    assertEquals(false, polite.get("critical"));
    Map<String, Object> rude = rows.get(1);
    assertEquals("b", rude.get("agent_id"));
    assertEquals(true, rude.get("critical"));
    assertTrue(((Number) rude.get("qa_score")).intValue() <= 70, "critical deducts 30: " + rude);
  }

  @Test
  void aHitPointsAtTheMessageThatBrokeTheRuleAndItsSender() throws Exception {
    Map<String, Object> hit =
        row("SELECT * FROM session_quality_hit WHERE session_id = 'Q2' AND rule_id = 'impolite'");
    assertEquals("r3", hit.get("event_id"));
    assertEquals("b", hit.get("agent_id"));
    assertEquals("critical", hit.get("severity"));
    assertEquals(30, ((Number) hit.get("deduction")).intValue());
  }

  @Test
  void transcriptsKeepOrderAndTheResponseTimeOfEachAnsweringReply() throws Exception {
    List<Map<String, Object>> q1 =
        Warehouse.rows(
            warehouse,
            "SELECT seq, event_id, sender, response_ms FROM chat_message WHERE session_id = 'Q1'"
                + " ORDER BY seq");
    assertEquals(4, q1.size());
    assertEquals("q3", q1.get(1).get("event_id"));
    assertEquals(10_000L, ((Number) q1.get(1).get("response_ms")).longValue());
    assertEquals(20_000L, ((Number) q1.get(3).get("response_ms")).longValue());
    assertNull(q1.get(0).get("response_ms"), "a buyer message has no response time");
    assertEquals(
        1L,
        row("SELECT count(*) AS n FROM chat_message WHERE session_id = 'Q3'").get("n"),
        "an unfinished session's transcript is published too");
  }

  @Test
  void theQueueHoldsEveryCriticalSessionAndAtLeastOnePerAgentWeek() throws Exception {
    assertEquals(
        "critical", row("SELECT reason FROM review_queue WHERE session_id = 'Q2'").get("reason"));
    assertEquals(
        2L,
        row("SELECT count(DISTINCT agent_id) AS n FROM review_queue WHERE agent_id IS NOT NULL")
            .get("n"),
        "every agent with scored sessions is reviewed");
  }

  @Test
  void agentFiguresCarryTheScoreSumBehindTheAverage() throws Exception {
    Map<String, Object> b =
        row(
            "SELECT qa_sessions, qa_score_sum, qa_avg_score, qa_critical_sessions"
                + " FROM agent_daily_kpi WHERE agent_id = 'b'");
    Map<String, Object> q = row("SELECT qa_score FROM session_quality WHERE session_id = 'Q2'");
    assertEquals(1L, ((Number) b.get("qa_sessions")).longValue());
    assertEquals(1L, ((Number) b.get("qa_critical_sessions")).longValue());
    assertEquals(
        ((Number) q.get("qa_score")).longValue(), ((Number) b.get("qa_score_sum")).longValue());
    assertEquals(
        ((Number) q.get("qa_score")).doubleValue(),
        ((Number) b.get("qa_avg_score")).doubleValue(),
        1e-9);
  }

  @Test
  void reScoringWithANewRulebookVersionKeepsTheOldScores() throws Exception {
    Path wh = tmp.resolve("versions/kefu.duckdb");
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, null, null);
    Rulebook base = Rulebook.defaultChinese();
    String text =
        new String(
                Rulebook.class.getResourceAsStream(Rulebook.DEFAULT_RESOURCE).readAllBytes(),
                StandardCharsets.UTF_8)
            .replaceFirst("(?m)^version\\s*=.*$", "version = test-2");
    Rulebook next = Rulebook.parse(text, "test");
    assertEquals("test-2", next.version());
    BatchCommand.Settings settings = new BatchCommand.Settings(null, 0, next, 0.05, 0.05);
    BatchCommand.runJob(
        SparkTests.spark(), KefuConfig.defaults(), input.toString(), wh, null, null, settings);
    for (String version : List.of(base.version(), "test-2")) {
      assertEquals(
          2L,
          Warehouse.row(
                  wh,
                  "SELECT count(*) AS n FROM session_quality WHERE rulebook_version = '"
                      + version
                      + "'")
              .get("n"),
          version);
    }
  }
}
