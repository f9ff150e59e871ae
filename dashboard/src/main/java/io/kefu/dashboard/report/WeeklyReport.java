package io.kefu.dashboard.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One week's performance figures for the shop, each team and each agent, with everything a fair
 * review needs next to each figure: its sample size and whether that is enough, a 95 % Wilson
 * interval for rates, last week's value and whether the change is significant, the team's value,
 * and the agent's rank in the team; per agent also the composite score and outlier flags. Built
 * from {@link ReportData} without further SQL, so the documents ({@link ReportDocuments}) only
 * format.
 */
public record WeeklyReport(
    ReportData data,
    ReportSettings settings,
    Subject shop,
    Map<String, Subject> teams,
    Map<String, Subject> agents) {

  /** The figures shown in the tables, in order. */
  public static final List<ReportMetric> TABLE =
      List.of(
          ReportMetric.RECEIVED_BUYERS,
          ReportMetric.INQUIRING_BUYERS,
          ReportMetric.INQUIRY_CONVERSION_RATE,
          ReportMetric.PAYMENT_CONVERSION_RATE,
          ReportMetric.SALES,
          ReportMetric.AOV,
          ReportMetric.REFUND_RATE,
          ReportMetric.FRT_AVG_S,
          ReportMetric.ART_AVG_S,
          ReportMetric.RT_P90_S,
          ReportMetric.REPLY_RATE,
          ReportMetric.REPLY_3MIN_RATE,
          ReportMetric.SATISFACTION_RATE,
          ReportMetric.DISSATISFIED_RATINGS,
          ReportMetric.QA_SCORE,
          ReportMetric.QA_CRITICAL_SESSIONS);

  public enum Kind {
    SHOP,
    TEAM,
    AGENT
  }

  /**
   * One figure of one subject.
   *
   * @param n the observations it rests on (null for plain counts)
   * @param insufficient n below the configured minimum
   * @param ci the Wilson interval (rates only)
   * @param test the week-over-week test (null when not applicable or not computable)
   * @param team the team's value (agents only)
   * @param rank the agent's rank in the team, 1 = best (null: not ranked)
   * @param ranked how many agents of the team were ranked on it
   */
  public record Figure(
      ReportMetric metric,
      Double value,
      Long n,
      boolean insufficient,
      ReportStats.Interval ci,
      Double previous,
      boolean previousInsufficient,
      ReportStats.Test test,
      Double team,
      Integer rank,
      int ranked) {

    public Double change() {
      return value == null || previous == null ? null : value - previous;
    }
  }

  /**
   * An agent, a team or the shop in the report's week.
   *
   * @param key agent id, team name ("" = not on the roster) or "*" for the shop
   * @param score the composite score (agents only)
   * @param previousScore last week's composite score
   * @param scoreRank rank of the score in the team (null: not ranked)
   * @param outlier the response-time P90 is far above the team's
   */
  public record Subject(
      Kind kind,
      String key,
      String name,
      String team,
      WeekFigures now,
      WeekFigures before,
      Map<ReportMetric, Figure> figures,
      Scorecard.Score score,
      Scorecard.Score previousScore,
      Integer scoreRank,
      int scoreRanked,
      boolean outlier) {

    public Figure figure(ReportMetric m) {
      return figures.get(m);
    }
  }

  public static WeeklyReport build(ReportData d, ReportSettings s) {
    IsoWeek week = d.week();
    IsoWeek prev = d.previousWeek();
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (ReportData.Agent a : d.agents()) {
      if (d.agent(a.agentId(), week).active()) {
        members.computeIfAbsent(a.team(), k -> new ArrayList<>()).add(a.agentId());
      }
    }
    List<String> all = members.values().stream().flatMap(List::stream).toList();
    Map<String, Subject> teams = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> t : members.entrySet()) {
      String team = t.getKey();
      teams.put(
          team,
          subject(
              Kind.TEAM,
              team,
              team,
              team,
              d.team(team, week),
              d.team(team, prev),
              t.getValue(),
              null,
              d,
              s));
    }
    Subject shop = subject(Kind.SHOP, "*", "*", null, d.shop(week), d.shop(prev), all, null, d, s);

    Map<String, ReportData.Agent> byId = new HashMap<>();
    d.agents().forEach(a -> byId.put(a.agentId(), a));
    Map<String, Subject> agents = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> t : members.entrySet()) {
      String team = t.getKey();
      List<String> ids = t.getValue();
      Map<ReportMetric, Double> medianNow = teamMedians(d, s, ids, week);
      Map<ReportMetric, Double> medianBefore = teamMedians(d, s, ids, prev);
      Subject teamSubject = teams.get(team);
      Map<String, Subject> unranked = new LinkedHashMap<>();
      for (String id : ids) {
        ReportData.Agent a = byId.get(id);
        WeekFigures now = d.agent(id, week);
        WeekFigures before = d.agent(id, prev);
        Scorecard.Score score = Scorecard.score(now, s, medianNow);
        Scorecard.Score previous =
            before.active() ? Scorecard.score(before, s, medianBefore) : null;
        Subject sub =
            subject(Kind.AGENT, id, a.name(), team, now, before, List.of(id), teamSubject, d, s);
        Double p90 = now.kpi().rtP90S();
        Double teamP90 = teamSubject.now().kpi().rtP90S();
        boolean outlier =
            p90 != null
                && teamP90 != null
                && now.kpi().answeredTurns() >= s.minN()
                && p90 > s.outlierP90Factor() * teamP90;
        unranked.put(
            id,
            new Subject(
                Kind.AGENT,
                id,
                a.name(),
                team,
                now,
                before,
                sub.figures(),
                score,
                previous,
                null,
                0,
                outlier));
      }
      agents.putAll(ranked(unranked, s));
    }
    return new WeeklyReport(d, s, shop, teams, agents);
  }

  /** The team medians the scorecard's relative items divide by. */
  static Map<ReportMetric, Double> teamMedians(
      ReportData d, ReportSettings s, List<String> ids, IsoWeek w) {
    Map<ReportMetric, Double> out = new EnumMap<>(ReportMetric.class);
    for (ReportSettings.ScoreItem item : s.scorecard()) {
      if (item.relativeToTeamMedian()) {
        List<Double> values = new ArrayList<>();
        for (String id : ids) {
          WeekFigures f = d.agent(id, w);
          if (f.active()) {
            values.add(item.metric().value(f));
          }
        }
        out.put(item.metric(), Scorecard.median(values));
      }
    }
    return out;
  }

  private static Subject subject(
      Kind kind,
      String key,
      String name,
      String team,
      WeekFigures now,
      WeekFigures before,
      List<String> agentIds,
      Subject teamSubject,
      ReportData d,
      ReportSettings s) {
    Map<ReportMetric, Figure> figures = new EnumMap<>(ReportMetric.class);
    for (ReportMetric m : ReportMetric.values()) {
      Double v = m.value(now);
      Long n = m.sampleSize(now);
      Double pv = before.active() ? m.value(before) : null;
      Long pn = m.sampleSize(before);
      ReportStats.Interval ci = null;
      ReportStats.Test test = null;
      if (m.kind() == ReportMetric.Kind.RATE) {
        ci = ReportStats.wilson(m.numerator(now), m.denominator(now), s.confidence());
        if (pv != null) {
          test =
              ReportStats.twoProportion(
                  m.numerator(now), m.denominator(now), m.numerator(before), m.denominator(before));
        }
      } else if (m.sample().isPresent() && pv != null) {
        ReportMetric.Sample sample = m.sample().get();
        test =
            ReportStats.welch(
                d.sample(d.week(), sample, agentIds), d.sample(d.previousWeek(), sample, agentIds));
      }
      Double teamValue = teamSubject == null ? null : teamSubject.figure(m).value();
      figures.put(
          m,
          new Figure(
              m,
              v,
              n,
              n != null && n < s.minN(),
              ci,
              pv,
              pn != null && pn < s.minN(),
              test,
              teamValue,
              null,
              0));
    }
    return new Subject(kind, key, name, team, now, before, figures, null, null, null, 0, false);
  }

  /** Ranks a team's agents on every figure and the score; insufficient samples are not ranked. */
  private static Map<String, Subject> ranked(Map<String, Subject> agents, ReportSettings s) {
    Map<String, Map<ReportMetric, Figure>> figures = new HashMap<>();
    agents.forEach((id, a) -> figures.put(id, new EnumMap<>(a.figures())));
    for (ReportMetric m : ReportMetric.values()) {
      List<Subject> eligible =
          agents.values().stream()
              .filter(a -> a.figure(m).value() != null && !a.figure(m).insufficient())
              .toList();
      Map<String, Integer> ranks = ranks(eligible, a -> a.figure(m).value(), m.higherIsBetter());
      for (Subject a : agents.values()) {
        Figure f = a.figure(m);
        figures
            .get(a.key())
            .put(
                m,
                new Figure(
                    f.metric(),
                    f.value(),
                    f.n(),
                    f.insufficient(),
                    f.ci(),
                    f.previous(),
                    f.previousInsufficient(),
                    f.test(),
                    f.team(),
                    ranks.get(a.key()),
                    eligible.size()));
      }
    }
    List<Subject> scored = agents.values().stream().filter(a -> a.score().scored()).toList();
    Map<String, Integer> scoreRanks = ranks(scored, a -> a.score().score(), true);
    Map<String, Subject> out = new LinkedHashMap<>();
    for (Subject a : agents.values()) {
      out.put(
          a.key(),
          new Subject(
              a.kind(),
              a.key(),
              a.name(),
              a.team(),
              a.now(),
              a.before(),
              figures.get(a.key()),
              a.score(),
              a.previousScore(),
              scoreRanks.get(a.key()),
              scored.size(),
              a.outlier()));
    }
    return out;
  }

  /** Competition ranking (1, 2, 2, 4): equal values share a rank. */
  static Map<String, Integer> ranks(
      List<Subject> subjects, java.util.function.Function<Subject, Double> value, boolean high) {
    Comparator<Double> order = high ? Comparator.reverseOrder() : Comparator.naturalOrder();
    List<Subject> sorted = new ArrayList<>(subjects);
    sorted.sort(Comparator.comparing(value, order).thenComparing(Subject::key));
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      Double v = value.apply(sorted.get(i));
      int rank = i + 1;
      if (i > 0 && v.equals(value.apply(sorted.get(i - 1)))) {
        rank = out.get(sorted.get(i - 1).key());
      }
      out.put(sorted.get(i).key(), rank);
    }
    return out;
  }

  /** A team's agents in the order of their score (unscored last, by name). */
  public List<Subject> teamAgents(String team) {
    return agents.values().stream()
        .filter(a -> a.team().equals(team))
        .sorted(
            Comparator.comparing(
                    (Subject a) -> a.scoreRank() == null ? Integer.MAX_VALUE : a.scoreRank())
                .thenComparing(Subject::name))
        .toList();
  }
}
