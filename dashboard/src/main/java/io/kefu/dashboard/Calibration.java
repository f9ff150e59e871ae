package io.kefu.dashboard;

import io.kefu.dashboard.ReviewRepository.HitDecision;
import io.kefu.dashboard.ReviewRepository.Review;
import io.kefu.dashboard.ReviewRepository.SessionRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Do the reviewers judge alike? Over the sessions that two or more reviewers scored (under the same
 * rulebook version): per session the spread of their scores (max − min), their standard deviation
 * and how often they took the same decision on a rule hit; per reviewer the mean difference between
 * their score and the mean of all reviewers of the same session (a reviewer at +5 scores 5 points
 * more kindly than the panel), the mean absolute difference, and the mean difference from the
 * automatic score. A pure function of the reviews, so a test checks it without a server.
 */
record Calibration(List<SessionStats> sessions, List<ReviewerStats> reviewers, Double meanSpread) {

  /** Sessions whose scores differ by this much or more are marked for the calibration meeting. */
  static final int WIDE_SPREAD = 10;

  record SessionStats(
      SessionRef session,
      LocalDate day,
      Integer autoScore,
      Map<String, Integer> scores,
      int spread,
      double sd,
      Double hitAgreement) {}

  record ReviewerStats(
      String reviewer, int sessions, double meanDiff, double meanAbsDiff, Double meanVsAuto) {}

  static Calibration of(Map<SessionRef, List<Review>> sets) {
    List<SessionStats> sessions = new ArrayList<>();
    Map<String, double[]> perReviewer =
        new TreeMap<>(); // n, sum diff, sum |diff|, n auto, sum auto
    for (Map.Entry<SessionRef, List<Review>> e : sets.entrySet()) {
      List<Review> rs = e.getValue();
      if (rs.size() < 2) {
        continue;
      }
      Map<String, Integer> scores = new LinkedHashMap<>();
      double sum = 0;
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (Review r : rs) {
        scores.put(r.reviewer(), r.score());
        sum += r.score();
        min = Math.min(min, r.score());
        max = Math.max(max, r.score());
      }
      double mean = sum / rs.size();
      double var = 0;
      for (Review r : rs) {
        var += (r.score() - mean) * (r.score() - mean);
      }
      Integer auto = rs.get(0).autoScore();
      for (Review r : rs) {
        double[] a = perReviewer.computeIfAbsent(r.reviewer(), k -> new double[5]);
        a[0]++;
        a[1] += r.score() - mean;
        a[2] += Math.abs(r.score() - mean);
        if (r.autoScore() != null) {
          a[3]++;
          a[4] += r.score() - r.autoScore();
        }
      }
      sessions.add(
          new SessionStats(
              e.getKey(),
              rs.get(0).day(),
              auto,
              scores,
              max - min,
              Math.sqrt(var / rs.size()),
              hitAgreement(rs)));
    }
    sessions.sort(
        Comparator.comparingInt(SessionStats::spread)
            .reversed()
            .thenComparing(s -> s.session().sessionId()));
    List<ReviewerStats> reviewers = new ArrayList<>();
    perReviewer.forEach(
        (who, a) ->
            reviewers.add(
                new ReviewerStats(
                    who, (int) a[0], a[1] / a[0], a[2] / a[0], a[3] == 0 ? null : a[4] / a[3])));
    Double meanSpread =
        sessions.isEmpty()
            ? null
            : sessions.stream().mapToInt(SessionStats::spread).average().getAsDouble();
    return new Calibration(sessions, reviewers, meanSpread);
  }

  /** The share of hits decided by two or more reviewers on which they all decided alike. */
  static Double hitAgreement(List<Review> reviews) {
    Map<Integer, List<Boolean>> byHit = new HashMap<>();
    for (Review r : reviews) {
      for (HitDecision d : r.hits()) {
        byHit.computeIfAbsent(d.seq(), k -> new ArrayList<>()).add(d.confirmed());
      }
    }
    int decided = 0;
    int agreed = 0;
    for (List<Boolean> ds : byHit.values()) {
      if (ds.size() < 2) {
        continue;
      }
      decided++;
      if (ds.stream().distinct().count() == 1) {
        agreed++;
      }
    }
    return decided == 0 ? null : (double) agreed / decided;
  }
}
