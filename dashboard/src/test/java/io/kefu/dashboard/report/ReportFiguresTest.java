package io.kefu.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.dashboard.KpiFigures;
import io.kefu.dashboard.WarehouseConnections;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers in a report are the warehouse's: every agent's week against the fixture's fact rows
 * counted by hand, the samples behind Welch's test against the published means, the figures as
 * printed in the document, and (when {@code bin/kefu demo} has made it) every agent-week of the
 * real sample warehouse against {@code agent_weekly_kpi}, column for column.
 */
class ReportFiguresTest {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Instant NOW = Instant.parse("2026-11-16T03:00:00Z");

  @TempDir static Path dir;
  static ReportFixture fixture;
  static Path warehouse;
  static WeeklyReport report;

  @BeforeAll
  static void seed() throws Exception {
    fixture = new ReportFixture(7);
    warehouse = fixture.write(dir.resolve("kefu.duckdb"));
    report = build(warehouse, ReportFixture.WEEK, ReportSettings.defaults());
  }

  static WeeklyReport build(Path file, IsoWeek week, ReportSettings s) throws Exception {
    ReportGenerator g =
        new ReportGenerator(s, ReviewedScores.NONE, ZONE, Clock.fixed(NOW, ZoneOffset.UTC), false);
    try (WarehouseConnections w = new WarehouseConnections(file)) {
      return g.report(w, week, null).orElseThrow();
    }
  }

  @Test
  void everyAgentsWeekIsCountedFromTheFacts() {
    IsoWeek w = ReportFixture.WEEK;
    for (ReportFixture.Agent a : ReportFixture.AGENTS) {
      KpiFigures k = report.agents().get(a.id()).now().kpi();
      List<ReportFixture.Session> ss =
          fixture.sessions.stream()
              .filter(s -> s.agent().equals(a.id()) && ReportFixture.inWeek(s.day(), w))
              .toList();
      List<ReportFixture.Turn> ts =
          fixture.turns.stream()
              .filter(t -> t.agent().equals(a.id()) && ReportFixture.inWeek(t.day(), w))
              .toList();
      List<ReportFixture.Turn> answered = ts.stream().filter(t -> t.responseMs() != null).toList();
      List<ReportFixture.Order> os =
          fixture.orders.stream()
              .filter(o -> o.agent().equals(a.id()) && ReportFixture.inWeek(o.day(), w))
              .toList();
      List<ReportFixture.Order> paid = os.stream().filter(o -> o.paid() != null).toList();
      String who = a.id();
      assertEquals(
          distinct(ss.stream().map(ReportFixture.Session::buyer)), k.receivedBuyers(), who);
      assertEquals(ss.size(), k.assignments(), who);
      assertEquals(ts.size(), k.buyerTurns(), who);
      assertEquals(answered.size(), k.answeredTurns(), who);
      assertEquals(
          answered.stream().mapToLong(ReportFixture.Turn::responseMs).sum(), k.rtSumMs(), who);
      assertEquals(
          answered.stream().filter(ReportFixture.Turn::first).count(), k.frtSessions(), who);
      assertEquals(
          distinct(
              fixture.inquiries.stream()
                  .filter(s -> s.agent().equals(a.id()) && ReportFixture.inWeek(s.day(), w))
                  .map(ReportFixture.Session::buyer)),
          k.inquiringBuyers(),
          who);
      assertEquals(distinct(os.stream().map(ReportFixture.Order::buyer)), k.orderingBuyers(), who);
      assertEquals(distinct(paid.stream().map(ReportFixture.Order::buyer)), k.payingBuyers(), who);
      assertEquals(
          paid.stream()
              .map(ReportFixture.Order::paid)
              .reduce(BigDecimal.ZERO, BigDecimal::add)
              .setScale(2),
          k.sales(),
          who);
      assertEquals(paid.size(), k.paidOrders(), who);
      assertEquals(
          paid.stream().filter(o -> o.refunded().signum() > 0).count(), k.refundedOrders(), who);
      assertEquals(ss.stream().filter(s -> s.rating() > 0).count(), k.ratings(), who);
      assertEquals(ss.stream().filter(s -> s.rating() >= 4).count(), k.satisfiedRatings(), who);
      assertEquals(
          ss.stream().filter(s -> s.rating() >= 1 && s.rating() <= 2).count(),
          k.dissatisfiedRatings(),
          who);
      QaFigures q = report.agents().get(a.id()).now().qa();
      assertEquals(ss.size(), q.sessions(), who);
      assertEquals(
          ss.stream().mapToDouble(ReportFixture.Session::qaScore).sum(), q.scoreSum(), 1e-9, who);
      assertEquals(ss.stream().filter(ReportFixture.Session::critical).count(), q.critical(), who);
      assertEquals(0, q.reviewed(), who);

      // Welch's samples are exactly the turns the published means are made of
      double[] art = report.data().sample(w, ReportMetric.Sample.ART, a.id());
      assertEquals(k.answeredTurns(), art.length, who);
      if (art.length > 0) {
        assertEquals(k.artAvgS(), Arrays.stream(art).average().orElseThrow() / 1000, 1e-9, who);
      }
      double[] frt = report.data().sample(w, ReportMetric.Sample.FRT, a.id());
      assertEquals(k.frtSessions(), frt.length, who);
    }
  }

  @Test
  void aTeamIsItsAgentsSummedNeverAveraged() {
    WeeklyReport.Subject team = report.teams().get("售前一组");
    long turns = 0;
    long answered = 0;
    long rtSum = 0;
    for (String id : List.of("a-mei", "a-jie", "a-lin")) {
      KpiFigures k = report.agents().get(id).now().kpi();
      turns += k.buyerTurns();
      answered += k.answeredTurns();
      rtSum += k.rtSumMs();
    }
    KpiFigures t = team.now().kpi();
    assertEquals(turns, t.buyerTurns());
    assertEquals((double) rtSum / answered / 1000, t.artAvgS(), 1e-9);
    // the shop holds everyone, the off-roster agent included
    long all = report.agents().values().stream().mapToLong(a -> a.now().kpi().assignments()).sum();
    assertEquals(all, report.shop().now().kpi().assignments());
    assertTrue(report.teams().containsKey(""), "the agent the roster does not know has a group");
  }

  @Test
  void theDocumentPrintsTheWarehouseFigures() {
    ReportDocuments docs = new ReportDocuments(report, false, NOW, ZONE);
    ReportDocument doc = docs.agent("a-mei");
    WeeklyReport.Subject mei = report.agents().get("a-mei");
    ReportDocument.Table figures = table(doc, "指标", "本周");
    for (ReportMetric m :
        List.of(
            ReportMetric.RECEIVED_BUYERS,
            ReportMetric.INQUIRY_CONVERSION_RATE,
            ReportMetric.SALES,
            ReportMetric.ART_AVG_S,
            ReportMetric.SATISFACTION_RATE,
            ReportMetric.QA_SCORE)) {
      List<ReportDocument.Cell> row =
          figures.rows().stream()
              .filter(r -> r.get(0).text().equals(m.label(false)))
              .findFirst()
              .orElseThrow(() -> new AssertionError(m + " missing"));
      String printed = row.get(1).text();
      assertTrue(
          printed.startsWith(ReportDocuments.Fmt.value(m, m.value(mei.now()))), m + ": " + printed);
      assertEquals(ReportDocuments.Fmt.value(m, m.value(mei.before())), row.get(4).text(), m.id());
    }
    String html = ReportHtml.render(doc);
    assertTrue(html.contains(ReportDocuments.Fmt.money(mei.now().kpi().sales().doubleValue())));
    assertTrue(html.contains("last touch, 24h window"), "the attribution rule is printed");
    assertTrue(html.contains("sla.first_response_seconds"), "the SLA thresholds are printed");
    assertTrue(html.contains("zh-1"), "the rulebook version is printed");
  }

  @Test
  void theWeekIsNotFinalWhileLateOrdersMayArrive() {
    ReportData.Context c = report.data().context();
    // last ingested 2026-11-15, horizon 1 (24 h) + 3 + 7 = 11 days: every day after 11-04 is open
    assertEquals(11, c.finalHorizonDays());
    assertEquals(7, c.provisionalDays().size());
    assertTrue(c.missingDays().isEmpty());
    ReportData.Context earlier =
        assertDoesNotThrowBuild(IsoWeek.parse("2026-W44")).data().context();
    assertTrue(earlier.provisionalDays().isEmpty(), "W44 ended 11-01, 14 days before 11-15");
  }

  private static WeeklyReport assertDoesNotThrowBuild(IsoWeek w) {
    try {
      return build(warehouse, w, ReportSettings.defaults());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void criticalSessionsLinkToTheirTranscripts() {
    List<ReportData.CriticalSession> critical = report.data().critical();
    long expected =
        fixture.sessions.stream()
            .filter(s -> s.critical() && ReportFixture.inWeek(s.day(), ReportFixture.WEEK))
            .count();
    assertEquals(expected, critical.size());
    assertFalse(critical.isEmpty(), "the fixture has critical sessions in the week");
    ReportData.CriticalSession c = critical.get(0);
    assertEquals(List.of("impolite"), c.rules());
    ReportDocuments docs = new ReportDocuments(report, false, NOW, ZONE);
    assertEquals("/review/session?shop=shop-1&session=" + c.sessionId(), docs.transcriptLink(c));
    String html = ReportHtml.render(docs.agent(c.agentId()));
    assertTrue(
        html.contains("href=\"/review/session?shop=shop-1&amp;session=" + c.sessionId() + "\""));
    assertTrue(html.contains("&lt;b&gt;" + c.sessionId()), "transcript excerpts are escaped");
    assertFalse(html.contains("<b>" + c.sessionId()));
  }

  /**
   * Sessions re-scored under later rulebooks: the report takes each session's latest version as the
   * review pages do, digit runs as numbers (zh-10 after zh-9), not as text (where "zh-9" sorts
   * after "zh-10").
   */
  @Test
  void theLatestRulebookVersionIsJudgedNaturally() throws Exception {
    Path file = fixture.write(dir.resolve("rescored.duckdb"));
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + file);
        java.sql.Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO session_quality SELECT * REPLACE ('zh-9' AS rulebook_version,"
              + " 0 AS qa_score, FALSE AS critical) FROM session_quality"
              + " WHERE rulebook_version = 'zh-1'");
      st.execute(
          "INSERT INTO session_quality SELECT * REPLACE ('zh-10' AS rulebook_version)"
              + " FROM session_quality WHERE rulebook_version = 'zh-1'");
      st.execute(
          "INSERT INTO session_quality_hit SELECT * REPLACE ('zh-10' AS rulebook_version)"
              + " FROM session_quality_hit WHERE rulebook_version = 'zh-1'");
    }
    WeeklyReport r = build(file, ReportFixture.WEEK, ReportSettings.defaults());
    assertEquals(List.of("zh-10"), r.data().context().rulebookVersions());
    for (String agent : report.agents().keySet()) {
      QaFigures before = report.agents().get(agent).now().qa();
      QaFigures after = r.agents().get(agent).now().qa();
      assertEquals(before.scoreSum(), after.scoreSum(), 1e-9, agent);
      assertEquals(before.critical(), after.critical(), agent);
    }
    assertEquals(
        report.data().critical().size(), r.data().critical().size(), "critical sessions listed");
  }

  @Test
  void reviewedScoresReplaceAutomaticOnes() throws Exception {
    ReportFixture.Session s =
        fixture.sessions.stream()
            .filter(
                x -> x.agent().equals("a-mei") && ReportFixture.inWeek(x.day(), ReportFixture.WEEK))
            .findFirst()
            .orElseThrow();
    ReviewedScores reviews =
        keys ->
            keys.contains(new ReviewedScores.SessionKey(ReportFixture.SHOP, s.id()))
                ? java.util.Map.of(new ReviewedScores.SessionKey(ReportFixture.SHOP, s.id()), 12.0)
                : java.util.Map.of();
    ReportGenerator g =
        new ReportGenerator(
            ReportSettings.defaults(), reviews, ZONE, Clock.fixed(NOW, ZoneOffset.UTC), false);
    WeeklyReport r;
    try (WarehouseConnections w = new WarehouseConnections(warehouse)) {
      r = g.report(w, ReportFixture.WEEK, null).orElseThrow();
    }
    QaFigures auto = report.agents().get("a-mei").now().qa();
    QaFigures reviewed = r.agents().get("a-mei").now().qa();
    assertEquals(1, reviewed.reviewed());
    assertEquals(auto.scoreSum() - s.qaScore() + 12.0, reviewed.scoreSum(), 1e-9);
    assertTrue(r.data().context().reviewsConnected());
    assertFalse(report.data().context().reviewsConnected());
  }

  @Test
  void theRealSampleWarehouseMatchesAgentWeeklyKpi() throws Exception {
    Path demo = Path.of("../work/demo/kefu.duckdb");
    Assumptions.assumeTrue(Files.isRegularFile(demo), "bin/kefu demo has not been run");
    Path copy = dir.resolve("demo-copy.duckdb");
    Files.copy(demo, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (String week : List.of("2026-W45", "2026-W46")) {
      WeeklyReport r = build(copy, IsoWeek.parse(week), ReportSettings.defaults());
      int checked = 0;
      try (WarehouseConnections w = new WarehouseConnections(copy)) {
        checked =
            w.read(
                    c -> {
                      int n = 0;
                      try (PreparedStatement p =
                          c.prepareStatement(
                              "SELECT * FROM agent_weekly_kpi WHERE week_start = ?")) {
                        p.setObject(1, IsoWeek.parse(week).monday());
                        try (ResultSet rs = p.executeQuery()) {
                          while (rs.next()) {
                            compare(rs, r.agents().get(rs.getString("agent_id")));
                            n++;
                          }
                        }
                      }
                      return n;
                    })
                .orElseThrow();
      }
      assertEquals(r.agents().size(), checked, week + ": every agent of the report has its row");
    }
  }

  private static void compare(ResultSet rs, WeeklyReport.Subject a) throws java.sql.SQLException {
    assertNotNull(a, rs.getString("agent_id") + " is in the report");
    KpiFigures k = a.now().kpi();
    String who = a.key();
    assertEquals(rs.getLong("received_buyers"), k.receivedBuyers(), who);
    assertEquals(rs.getLong("inquiring_buyers"), k.inquiringBuyers(), who);
    assertEquals(rs.getLong("paying_buyers"), k.payingBuyers(), who);
    assertEquals(rs.getBigDecimal("sales"), k.sales(), who);
    assertEquals(rs.getBigDecimal("aov"), k.aov(), who);
    assertEquals(rs.getLong("dissatisfied_ratings"), k.dissatisfiedRatings(), who);
    assertNullable(rs, "inquiry_conversion_rate", k.inquiryConversionRate(), who);
    assertNullable(rs, "payment_conversion_rate", k.paymentConversionRate(), who);
    assertNullable(rs, "refund_rate", k.refundRate(), who);
    assertNullable(rs, "frt_avg_s", k.frtAvgS(), who);
    assertNullable(rs, "art_avg_s", k.artAvgS(), who);
    assertNullable(rs, "rt_p90_s", k.rtP90S(), who);
    assertNullable(rs, "reply_rate", k.replyRate(), who);
    assertNullable(rs, "reply_3min_rate", k.reply3minRate(), who);
    assertNullable(rs, "satisfaction_rate", k.satisfactionRate(), who);
  }

  private static void assertNullable(ResultSet rs, String col, Double actual, String who)
      throws java.sql.SQLException {
    double v = rs.getDouble(col);
    if (rs.wasNull()) {
      assertNull(actual, who + " " + col);
    } else {
      assertEquals(v, actual, 1e-9, who + " " + col);
    }
  }

  static ReportDocument.Table table(ReportDocument doc, String... header) {
    return doc.blocks().stream()
        .filter(b -> b instanceof ReportDocument.Table)
        .map(b -> (ReportDocument.Table) b)
        .filter(
            t ->
                t.header().size() >= header.length
                    && t.header().subList(0, header.length).equals(List.of(header)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no table " + List.of(header)));
  }

  private static long distinct(java.util.stream.Stream<String> s) {
    Set<String> set = s.collect(Collectors.toCollection(HashSet::new));
    return set.size();
  }
}
