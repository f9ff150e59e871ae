package io.kefu.core.qa;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.qa.EvalSet.EvalSession;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Precision and recall of a rulebook per rule on the labelled sessions.
 *
 * <p>Method (session level): for each rule, a session is <em>expected positive</em> when its label
 * counts at least one hit, and <em>flagged</em> when the engine reports at least one. TP = expected
 * and flagged, FP = flagged but not expected, FN = expected but not flagged; precision = TP / (TP +
 * FP), recall = TP / (TP + FN) (1.0 when the denominator is 0). As a stricter second figure, {@code
 * count agreement} is the share of all sessions whose hit count for the rule equals the label
 * exactly.
 */
public final class Evaluation {

  /** One rule's figures. */
  public record RuleStats(
      RuleId rule, int expectedSessions, int tp, int fp, int fn, int countAgree, int sessions) {

    public double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    public double countAgreement() {
      return sessions == 0 ? 1.0 : (double) countAgree / sessions;
    }
  }

  /** A session where the engine's count for a rule differs from the label. */
  public record Mismatch(
      EvalSession session, RuleId rule, int expected, int actual, SessionScore s) {}

  /** The outcome over the whole set. */
  public record Report(
      String rulebookVersion,
      int sessions,
      Map<RuleId, RuleStats> stats,
      List<Mismatch> mismatches) {

    /** The table the eval command prints. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-20s %8s %4s %4s %4s %9s %7s %12s%n",
              "rule",
              "expected",
              "TP",
              "FP",
              "FN",
              "precision",
              "recall",
              "count-agree"));
      for (RuleStats s : stats.values()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%-20s %8d %4d %4d %4d %9.3f %7.3f %12.3f%n",
                s.rule().id(),
                s.expectedSessions(),
                s.tp(),
                s.fp(),
                s.fn(),
                s.precision(),
                s.recall(),
                s.countAgreement()));
      }
      return sb.toString();
    }
  }

  private Evaluation() {}

  /** Scores every labelled session with the engine and compares with the labels. */
  public static Report run(QaEngine engine, List<EvalSession> sessions) {
    SessionAnalyzer analyzer = new SessionAnalyzer(KefuConfig.defaults());
    int[][] counts = new int[RuleId.values().length][5];
    List<Mismatch> mismatches = new ArrayList<>();
    for (EvalSession es : sessions) {
      List<ChatEvent> events = es.events();
      SessionScore score = engine.score(events, analyzer.analyze(events));
      for (RuleId rule : RuleId.values()) {
        int want = es.expected(rule);
        int got = score.hitCount(rule);
        int[] c = counts[rule.ordinal()];
        if (want > 0) {
          c[0]++;
        }
        if (want > 0 && got > 0) {
          c[1]++;
        } else if (got > 0) {
          c[2]++;
        } else if (want > 0) {
          c[3]++;
        }
        if (want == got) {
          c[4]++;
        } else {
          mismatches.add(new Mismatch(es, rule, want, got, score));
        }
      }
    }
    Map<RuleId, RuleStats> stats = new EnumMap<>(RuleId.class);
    for (RuleId rule : RuleId.values()) {
      int[] c = counts[rule.ordinal()];
      stats.put(rule, new RuleStats(rule, c[0], c[1], c[2], c[3], c[4], sessions.size()));
    }
    return new Report(engine.rulebook().version(), sessions.size(), stats, mismatches);
  }
}
