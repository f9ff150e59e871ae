package io.kefu.core.metrics;

import java.util.Arrays;

/**
 * The percentile the product reports (响应时间 P90): linear interpolation between the closest ranks,
 * position p·(n−1) in the sorted values. It is the definition of Spark's {@code percentile()} and
 * DuckDB's {@code quantile_cont()}, so the batch tables, the dashboard's rollups and the live
 * figures compute the same number from the same response times.
 */
public final class Percentiles {

  /** The percentile of response times the product reports: METRICS.md's P90. */
  public static final double RESPONSE_TIME = 0.9;

  private Percentiles() {}

  /** The reported percentile of response times ({@link #RESPONSE_TIME}), or NaN for none. */
  public static double p90(long[] values) {
    return of(values, RESPONSE_TIME);
  }

  /** The p-quantile (0 ≤ p ≤ 1) of {@code values}, or NaN when there are none. */
  public static double of(long[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] v = values.clone();
    Arrays.sort(v);
    double pos = p * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }
}
