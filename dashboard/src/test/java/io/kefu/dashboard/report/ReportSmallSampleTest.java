package io.kefu.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fairness to agents with few sessions: below {@code sample.min_n} a figure is marked, not ranked,
 * not scored and its change never called significant; with too little left, no score at all.
 */
class ReportSmallSampleTest {

  @TempDir static Path dir;
  static Path warehouse;
  static WeeklyReport report;

  @BeforeAll
  static void seed() throws Exception {
    warehouse = new ReportFixture(7).write(dir.resolve("kefu.duckdb"));
    report = ReportFiguresTest.build(warehouse, ReportFixture.WEEK, ReportSettings.defaults());
  }

  @Test
  void aFewRatingsAreMarkedAndNeitherRankedNorScored() {
    // 王姐 has two or three sessions a day: about nine ratings a week, far below 30
    WeeklyReport.Subject wang = report.agents().get("a-wang");
    WeeklyReport.Figure sat = wang.figure(ReportMetric.SATISFACTION_RATE);
    assertTrue(sat.n() < 30, "n=" + sat.n());
    assertTrue(sat.insufficient());
    assertNull(sat.rank(), "not ranked on a small sample");
    assertNotNull(sat.ci(), "the interval is still shown, and is wide");
    assertTrue(sat.ci().upper() - sat.ci().lower() > 0.25, sat.ci().toString());
    Scorecard.Line line =
        wang.score().lines().stream()
            .filter(l -> l.item().metric() == ReportMetric.SATISFACTION_RATE)
            .findFirst()
            .orElseThrow();
    assertEquals(Scorecard.SMALL_SAMPLE, line.why());
    assertNull(line.points());
    // an after-sale agent has no inquiries: conversion has no value and is left out, not zero
    Scorecard.Line presale =
        wang.score().lines().stream()
            .filter(l -> l.item().metric() == ReportMetric.INQUIRY_CONVERSION_RATE)
            .findFirst()
            .orElseThrow();
    assertEquals(Scorecard.NO_VALUE, presale.why());
  }

  @Test
  void agentsWithEnoughDataAreRankedAndScored() {
    for (String id : List.of("a-mei", "a-jie", "a-lin")) {
      WeeklyReport.Subject a = report.agents().get(id);
      assertTrue(a.score().scored(), id);
      assertNotNull(a.scoreRank(), id);
      assertEquals(3, a.scoreRanked(), id);
      WeeklyReport.Figure art = a.figure(ReportMetric.ART_AVG_S);
      assertFalse(art.insufficient(), id);
      assertNotNull(art.rank(), id);
    }
    // 小林 answers 2.5 times slower: last in the team on response time, and an outlier
    assertEquals(3, report.agents().get("a-lin").figure(ReportMetric.ART_AVG_S).rank());
    assertTrue(report.agents().get("a-lin").outlier());
    assertFalse(report.agents().get("a-mei").outlier());
  }

  @Test
  void aSmallSampleChangeIsNeverCalledSignificant() {
    WeeklyReport.Subject wang = report.agents().get("a-wang");
    ReportDocuments docs =
        new ReportDocuments(report, false, ReportFiguresTest.NOW, ReportFiguresTest.ZONE);
    ReportDocument doc = docs.agent("a-wang");
    ReportDocument.Table t = ReportFiguresTest.table(doc, "指标", "本周");
    for (List<ReportDocument.Cell> row : t.rows()) {
      if (row.get(0).text().equals(ReportMetric.SATISFACTION_RATE.label(false))) {
        assertTrue(row.get(1).text().contains("样本不足"), row.get(1).text());
        assertFalse(row.get(6).text().contains(" 显著"), row.get(6).text());
        assertEquals("–", row.get(8).text(), "no rank");
      }
    }
    assertNotNull(wang);
  }

  @Test
  void withTooLittleDataNobodyGetsAScore() throws Exception {
    Properties p = new Properties();
    p.setProperty("sample.min_n", "100000");
    Path f = dir.resolve("strict.properties");
    try (var w = Files.newBufferedWriter(f)) {
      p.store(w, null);
    }
    WeeklyReport strict =
        ReportFiguresTest.build(warehouse, ReportFixture.WEEK, ReportSettings.load(f));
    for (WeeklyReport.Subject a : strict.agents().values()) {
      assertTrue(a.figure(ReportMetric.ART_AVG_S).insufficient(), a.key());
      assertNull(a.scoreRank(), a.key());
      // only the volume items (counts relative to the team, no sample) remain: 30 % of the weight
      assertFalse(a.score().scored(), a.key() + " " + a.score().weightShare());
    }
  }

  @Test
  void theShippedConfigurationIsTheDefault() {
    assertEquals(
        ReportSettings.defaults(), ReportSettings.load(Path.of("../conf/report.properties")));
  }

  @Test
  void aTypoInTheConfigurationIsAnError() throws Exception {
    Path f = dir.resolve("typo.properties");
    Files.writeString(f, "sample.min_m = 30\nscore.presale.wieght = 3\n");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> ReportSettings.load(f));
    assertTrue(e.getMessage().contains("sample.min_m"), e.getMessage());
    assertTrue(e.getMessage().contains("score.presale.wieght"), e.getMessage());
  }
}
