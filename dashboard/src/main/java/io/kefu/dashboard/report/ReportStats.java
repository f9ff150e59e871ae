package io.kefu.dashboard.report;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * How sure can a team lead be of a figure, and is this week really different from last week? The
 * statistics the weekly report prints next to its figures, all from Apache Commons Math:
 *
 * <ul>
 *   <li>a rate {@code x / n} gets a Wilson score interval, which stays inside 0–1 and is honest for
 *       small n and for rates near 0 or 1 (where the textbook ±1.96·√(p(1−p)/n) is not);
 *   <li>a week-over-week change of a rate gets a two-sided two-proportion z-test with the pooled
 *       proportion;
 *   <li>a change of a mean time (first or average response time, quality score) gets Welch's
 *       unequal-variance t-test on the individual turns or sessions of the two weeks.
 * </ul>
 *
 * Every method answers null when its inputs cannot support an answer (n = 0, fewer than two
 * observations, no variance), never NaN.
 */
public final class ReportStats {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

  private ReportStats() {}

  /** A confidence interval of a rate. */
  public record Interval(double lower, double upper) {}

  /**
   * A test of a difference: the statistic (z or t), its two-sided p-value, and the degrees of
   * freedom (Welch–Satterthwaite; null for z).
   */
  public record Test(double statistic, double p, Double df) {
    public boolean significant(double alpha) {
      return p < alpha;
    }
  }

  /** The Wilson score interval of x successes in n trials, or null when n is 0. */
  public static Interval wilson(long x, long n, double confidence) {
    if (n <= 0 || x < 0 || x > n) {
      return null;
    }
    ConfidenceInterval ci =
        new WilsonScoreInterval().createInterval(Math.toIntExact(n), (int) x, confidence);
    return new Interval(Math.max(0.0, ci.getLowerBound()), Math.min(1.0, ci.getUpperBound()));
  }

  /**
   * Two-proportion z-test of x1/n1 against x2/n2 (pooled standard error), two-sided; null when a
   * week has no trials or the pooled rate is 0 or 1 (no variation to test against).
   */
  public static Test twoProportion(long x1, long n1, long x2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return null;
    }
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (se == 0 || Double.isNaN(se)) {
      return null;
    }
    double z = ((double) x1 / n1 - (double) x2 / n2) / se;
    double p = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
    return new Test(z, p, null);
  }

  /**
   * Welch's t-test of the mean of a against the mean of b, two-sided; null with fewer than two
   * observations in either or no variance in both.
   */
  public static Test welch(double[] a, double[] b) {
    if (a == null || b == null || a.length < 2 || b.length < 2) {
      return null;
    }
    double va = StatUtils.variance(a) / a.length;
    double vb = StatUtils.variance(b) / b.length;
    if (va + vb == 0) {
      return null;
    }
    TTest t = new TTest();
    double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    return new Test(t.t(a, b), t.tTest(a, b), df);
  }

  /**
   * The 90th percentile interpolated between closest ranks as DuckDB's {@code quantile_cont} and
   * Spark's {@code percentile} do ({@code (n−1)·q}), so it equals the warehouse's {@code rt_p90};
   * null for no values.
   */
  public static Double quantile(double[] values, double q) {
    if (values == null || values.length == 0) {
      return null;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    double pos = (v.length - 1) * q;
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
  }
}
