package io.kefu.dashboard;

import io.kefu.dashboard.KpiRepository.KpiRow;
import io.kefu.dashboard.KpiRepository.Periods;
import io.kefu.dashboard.KpiRepository.RosterAgent;
import io.kefu.dashboard.KpiRepository.Subjects;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything the KPI explorer shows for one query, as the user's scope allows: the ranking (one
 * line per agent or team over the whole range, plus the selection's total) and the trend (the
 * selection's total per day or ISO week). The page, the charts and the exports are all drawn from
 * one of these, so what is exported is what is on screen.
 *
 * @param missingTables tables the warehouse lacks (then nothing else is loaded)
 * @param rules the attribution rules in force on the range (from {@code kpi_day_config})
 */
public record KpiReport(
    KpiQuery query,
    AgentScope scope,
    List<String> missingTables,
    KpiRepository.DayRange days,
    List<RosterAgent> agents,
    List<String> teams,
    List<String> shops,
    List<String> rules,
    List<Line> ranking,
    Line total,
    List<Line> trend) {

  /**
   * One table line.
   *
   * @param key agent id, team, or {@link KpiRepository#ALL_KEY}
   * @param name what the line is called: the agent's name, the team, or empty for the total
   * @param team the agent's team ("" when unknown; the team itself on team lines)
   * @param period first day of the line's period (trend lines; the range's first day otherwise)
   * @param periodEnd last day of the period, cut to the range
   * @param partial a week the range cuts (fewer than its 7 days are counted)
   */
  public record Line(
      String key,
      String name,
      String team,
      LocalDate period,
      LocalDate periodEnd,
      boolean partial,
      KpiFigures figures) {}

  /** Loads the report; a query without a range gets the last days the warehouse has. */
  public static KpiReport load(
      WarehouseRepository health,
      KpiRepository repo,
      Connection c,
      KpiQuery asked,
      AgentScope scope)
      throws SQLException {
    List<String> missing = health.missingTables(c, KpiRepository.TABLES);
    if (!missing.isEmpty()) {
      return new KpiReport(
          asked.withDefaults(null, null),
          scope,
          missing,
          null,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          null,
          List.of());
    }
    KpiRepository.DayRange days = repo.days(c).orElse(null);
    KpiQuery q =
        days == null
            ? asked.withDefaults(null, null)
            : asked.withDefaults(days.first(), days.last());
    List<RosterAgent> agents = repo.roster(c, scope);
    List<String> teams =
        new ArrayList<>(new TreeSet<>(agents.stream().map(a -> a.team()).toList()));
    List<String> rules =
        health.missingTables(c, List.of("kpi_day_config")).isEmpty()
            ? repo.attributionRules(c, q.from(), q.to())
            : List.of();
    Map<String, RosterAgent> byId = new HashMap<>();
    agents.forEach(a -> byId.put(a.agentId(), a));

    List<Line> ranking = new ArrayList<>();
    for (KpiRow r : repo.figures(c, q, scope, Periods.WHOLE, Subjects.of(q.by()))) {
      ranking.add(rankingLine(q, r, byId));
    }
    List<KpiRow> totals = repo.figures(c, q, scope, Periods.WHOLE, Subjects.ALL);
    Line total =
        totals.isEmpty()
            ? null
            : new Line(
                KpiRepository.ALL_KEY, "", "", q.from(), q.to(), false, totals.get(0).figures());
    List<Line> trend = new ArrayList<>();
    for (KpiRow r : repo.figures(c, q, scope, Periods.of(q.grain()), Subjects.ALL)) {
      trend.add(trendLine(q, r));
    }
    return new KpiReport(
        q,
        scope,
        List.of(),
        days,
        agents,
        teams,
        repo.shops(c),
        rules,
        sorted(ranking, q.rankSort()),
        total,
        sorted(trend, q.trendSort()));
  }

  private static Line rankingLine(KpiQuery q, KpiRow r, Map<String, RosterAgent> byId) {
    if (q.by() == KpiQuery.By.TEAM) {
      return new Line(r.key(), r.key(), r.key(), q.from(), q.to(), false, r.figures());
    }
    RosterAgent a = byId.get(r.key());
    return new Line(
        r.key(),
        a == null ? r.key() : a.name(),
        a == null ? "" : a.team(),
        q.from(),
        q.to(),
        false,
        r.figures());
  }

  private static Line trendLine(KpiQuery q, KpiRow r) {
    if (q.grain() == KpiQuery.Grain.DAY) {
      return new Line(KpiRepository.ALL_KEY, "", "", r.period(), r.period(), false, r.figures());
    }
    LocalDate start = r.period().isBefore(q.from()) ? q.from() : r.period();
    LocalDate weekEnd = r.period().plusDays(6);
    LocalDate end = weekEnd.isAfter(q.to()) ? q.to() : weekEnd;
    boolean partial = !start.equals(r.period()) || !end.equals(weekEnd);
    return new Line(KpiRepository.ALL_KEY, "", "", start, end, partial, r.figures());
  }

  /** Lines in a table's order; lines without a value (rate over 0) go last either way. */
  static List<Line> sorted(List<Line> lines, KpiQuery.Sort sort) {
    Comparator<Line> order;
    Metric m = Metric.byColumn(sort.key()).orElse(null);
    if (m != null) {
      Comparator<Double> values =
          sort.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
      order = Comparator.comparing((Line l) -> m.number(l.figures()), Comparator.nullsLast(values));
    } else if (sort.key().equals(KpiQuery.Sort.PERIOD)) {
      order = Comparator.comparing(Line::period);
      order = sort.descending() ? order.reversed() : order;
    } else {
      order = Comparator.comparing(Line::name).thenComparing(Line::key);
      order = sort.descending() ? order.reversed() : order;
    }
    List<Line> out = new ArrayList<>(lines);
    out.sort(order.thenComparing(Line::period).thenComparing(Line::key));
    return List.copyOf(out);
  }
}
