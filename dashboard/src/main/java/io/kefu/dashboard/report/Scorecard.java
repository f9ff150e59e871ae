package io.kefu.dashboard.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The composite performance score (绩效得分) of an agent's week, from the configured scorecard: each
 * item earns its weight in proportion to how far the figure is from the item's "zero" towards its
 * "target". Fair to agents with few sessions: an item whose figure rests on fewer than {@code
 * sample.min_n} observations, or has no value (an after-sale agent has no inquiries to convert), is
 * left out instead of scored 0, and the score is over the remaining weight; with less than {@code
 * score.min_weight_share} of the weight left there is no score at all.
 */
public final class Scorecard {

  private Scorecard() {}

  /** One item's outcome; points and value are null when the item was left out (why says why). */
  public record Line(
      ReportSettings.ScoreItem item, Double value, Double points, Long n, String why) {}

  /**
   * The score out of 100 (null when too little could be scored), and the share of the scorecard's
   * weight it rests on.
   */
  public record Score(Double score, double weightShare, List<Line> lines) {
    public boolean scored() {
      return score != null;
    }
  }

  /** Why an item was left out. */
  public static final String NO_VALUE = "no_value";

  public static final String SMALL_SAMPLE = "small_sample";

  public static final String NO_TEAM_MEDIAN = "no_team_median";

  /**
   * Scores one agent's week.
   *
   * @param teamMedians the median of each relative item's metric over the team's active agents
   */
  public static Score score(
      WeekFigures f, ReportSettings settings, Map<ReportMetric, Double> teamMedians) {
    double total = 0;
    double scoredWeight = 0;
    double allWeight = 0;
    List<Line> lines = new ArrayList<>();
    for (ReportSettings.ScoreItem item : settings.scorecard()) {
      allWeight += item.weight();
      ReportMetric m = item.metric();
      Double v = m.value(f);
      Long n = m.sampleSize(f);
      if (v == null) {
        lines.add(new Line(item, null, null, n, NO_VALUE));
        continue;
      }
      if (n != null && n < settings.minN()) {
        lines.add(new Line(item, v, null, n, SMALL_SAMPLE));
        continue;
      }
      if (item.relativeToTeamMedian()) {
        Double median = teamMedians.get(m);
        if (median == null || median <= 0) {
          lines.add(new Line(item, null, null, n, NO_TEAM_MEDIAN));
          continue;
        }
        v = v / median;
      }
      double points = item.weight() * item.fraction(v);
      total += points;
      scoredWeight += item.weight();
      lines.add(new Line(item, v, points, n, null));
    }
    double share = allWeight == 0 ? 0 : scoredWeight / allWeight;
    Double score =
        scoredWeight == 0 || share < settings.minScoreWeightShare()
            ? null
            : 100 * total / scoredWeight;
    return new Score(score, share, lines);
  }

  /** The median of values (null for none). */
  public static Double median(List<Double> values) {
    double[] v = values.stream().filter(x -> x != null).mapToDouble(Double::doubleValue).toArray();
    if (v.length == 0) {
      return null;
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
