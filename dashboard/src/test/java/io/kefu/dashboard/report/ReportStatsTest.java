package io.kefu.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The report's statistics against values worked out by hand (formulas in the comments). */
class ReportStatsTest {

  @Test
  void wilsonIntervalMatchesTheFormula() {
    // 8 of 20, z = 1.959964: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) = 0.21881, 0.61342
    ReportStats.Interval ci = ReportStats.wilson(8, 20, 0.95);
    assertEquals(0.218807, ci.lower(), 1e-6);
    assertEquals(0.613418, ci.upper(), 1e-6);
    // 0 of 10: the lower bound is 0, the upper 0.27753 (not the useless 0–0 of p ± 1.96·SE)
    ReportStats.Interval zero = ReportStats.wilson(0, 10, 0.95);
    assertEquals(0.0, zero.lower(), 1e-12);
    assertEquals(0.277533, zero.upper(), 1e-6);
    ReportStats.Interval all = ReportStats.wilson(31, 31, 0.95);
    assertEquals(0.889745, all.lower(), 1e-6);
    assertEquals(1.0, all.upper(), 1e-12);
    assertNull(ReportStats.wilson(0, 0, 0.95), "no trials, no interval");
  }

  @Test
  void twoProportionZTestMatchesTheFormula() {
    // 45/100 vs 30/100: pooled 0.375, SE = √(0.375·0.625·(1/100+1/100)) = 0.068465,
    // z = 0.15 / 0.068465 = 2.19089, two-sided p = erfc(z/√2) = 0.028460
    ReportStats.Test t = ReportStats.twoProportion(45, 100, 30, 100);
    assertEquals(2.190890, t.statistic(), 1e-6);
    assertEquals(0.028460, t.p(), 1e-6);
    assertNull(t.df());
    assertNull(ReportStats.twoProportion(0, 0, 3, 10), "an empty week cannot be compared");
    assertNull(ReportStats.twoProportion(10, 10, 5, 5), "no variation: nothing to test");
  }

  @Test
  void welchTestMatchesTheFormula() {
    // a = 1..5 (mean 3, s² 2.5), b = 2,4,…,12 (mean 7, s² 14): SE² = 2.5/5 + 14/6 = 2.83333,
    // t = −4 / 1.683251 = −2.376354, df = 2.83333² / (0.5²/4 + 2.33333²/5) = 6.972256,
    // two-sided p = 0.049284 (Student t tail integrated numerically)
    double[] a = {1, 2, 3, 4, 5};
    double[] b = {2, 4, 6, 8, 10, 12};
    ReportStats.Test t = ReportStats.welch(a, b);
    assertEquals(-2.376354, t.statistic(), 1e-6);
    assertEquals(6.972256, t.df(), 1e-6);
    assertEquals(0.049284, t.p(), 1e-5);
    assertNull(ReportStats.welch(new double[] {1}, b), "one observation has no variance");
    assertNull(ReportStats.welch(new double[] {2, 2}, new double[] {3, 3}));
  }

  @Test
  void quantileInterpolatesLikeDuckDb() {
    // quantile_cont: position (n−1)·q = 3·0.9 = 2.7 between 30 and 40 → 37
    assertEquals(37.0, ReportStats.quantile(new double[] {40, 10, 30, 20}, 0.9), 1e-12);
    assertNull(ReportStats.quantile(new double[0], 0.9));
  }

  @Test
  void isoWeeksParseAndPrint() {
    assertEquals(LocalDate.of(2026, 11, 2), IsoWeek.parse("2026-W45").monday());
    assertEquals(LocalDate.of(2026, 11, 8), IsoWeek.parse("2026w45").sunday());
    assertEquals("2026-W45", IsoWeek.of(LocalDate.of(2026, 11, 8)).label());
    // ISO week 1 of 2026 starts in December 2025; 2026 has 53 weeks
    assertEquals(LocalDate.of(2025, 12, 29), IsoWeek.parse("2026-W01").monday());
    assertEquals("2026-W53", IsoWeek.parse("2026-W53").label());
    assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse("2025-W53"));
    assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse("W45"));
  }

  @Test
  void scorecardIsLinearBetweenZeroAndTarget() {
    ReportSettings.ScoreItem lowerBetter =
        new ReportSettings.ScoreItem("r", "r", "r", ReportMetric.ART_AVG_S, 10, 20, 90, false);
    assertEquals(1.0, lowerBetter.fraction(15), 1e-12);
    assertEquals(0.5, lowerBetter.fraction(55), 1e-12);
    assertEquals(0.0, lowerBetter.fraction(120), 1e-12);
    assertEquals(2.5, Scorecard.median(java.util.Arrays.asList(4.0, 1.0, 2.0, 3.0)), 1e-12);
  }
}
