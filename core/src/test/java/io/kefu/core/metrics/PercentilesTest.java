package io.kefu.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * 响应时间 P90 with linear interpolation at position p·(n−1) of the sorted values (Spark's {@code
 * percentile}, DuckDB's {@code quantile_cont}): value = v[lo] + (pos − lo)·(v[hi] − v[lo]).
 */
class PercentilesTest {

  private static final double EPS = 1e-9;

  @Test
  void shouldInterpolateP90OfOneToTen() {
    // n = 10, pos = 0.9 * 9 = 8.1 -> v[8] = 9, v[9] = 10 -> 9 + 0.1 * 1 = 9.1
    assertEquals(9.1, Percentiles.of(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), EPS);
  }

  @Test
  void shouldSortTheValuesBeforeInterpolating() {
    // sorted 10, 20, 30, 40, 50; pos = 0.9 * 4 = 3.6 -> 40 + 0.6 * 10 = 46
    assertEquals(46.0, Percentiles.of(new long[] {30, 10, 50, 20, 40}, 0.9), EPS);
  }

  @Test
  void shouldReturnTheOnlyValueOfASingleton() {
    // n = 1, pos = 0 -> v[0]
    assertEquals(42.0, Percentiles.of(new long[] {42}, 0.9), EPS);
  }

  @Test
  void shouldInterpolateBetweenTwoValues() {
    // n = 2, pos = 0.9 -> 10 + 0.9 * (20 - 10) = 19
    assertEquals(19.0, Percentiles.of(new long[] {20, 10}, 0.9), EPS);
  }

  @Test
  void shouldBeNaNForNoValues() {
    assertTrue(Double.isNaN(Percentiles.of(new long[0], 0.9)));
  }

  @Test
  void shouldInterpolateResponseTimesInMilliseconds() {
    // sorted 10000, 12000, 45000, 600000; pos = 0.9 * 3 = 2.7
    // -> 45000 + 0.7 * (600000 - 45000) = 45000 + 388500 = 433500
    assertEquals(433_500.0, Percentiles.of(new long[] {12_000, 45_000, 10_000, 600_000}, 0.9), EPS);
  }

  @Test
  void shouldHandleRepeatedValues() {
    // sorted 5, 5, 5, 100; pos = 2.7 -> 5 + 0.7 * 95 = 71.5
    assertEquals(71.5, Percentiles.of(new long[] {5, 100, 5, 5}, 0.9), EPS);
  }

  @Test
  void shouldGiveTheMedianMinimumAndMaximumAtHalfZeroAndOne() {
    long[] v = {4, 1, 3, 2};
    // p = 0.5: pos = 1.5 -> 2 + 0.5 * 1 = 2.5; p = 0: v[0] = 1; p = 1: v[3] = 4
    assertEquals(2.5, Percentiles.of(v, 0.5), EPS);
    assertEquals(1.0, Percentiles.of(v, 0.0), EPS);
    assertEquals(4.0, Percentiles.of(v, 1.0), EPS);
  }

  @Test
  void shouldNotReorderTheCallersArray() {
    long[] v = {30, 10, 20};
    Percentiles.of(v, 0.9);
    assertArrayEquals(new long[] {30, 10, 20}, v);
  }
}
