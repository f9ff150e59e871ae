package io.kefu.dashboard.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the warehouse says about one week and the weeks before it, read once and then only computed
 * on: the figures per agent, team and the whole shop for every week of the trend, the individual
 * response times and quality scores of this and the previous week (for Welch's test and the
 * distribution charts), the critical sessions, and the rules the figures were made with.
 *
 * @param shop the shop the figures are restricted to, or null for every shop of the warehouse
 * @param weeks the trend's weeks, oldest first; the last is the report's week
 * @param agents every agent with figures in those weeks or on the roster, by team then name
 * @param agentWeeks figures per agent id and week (absent: nothing that week)
 * @param teamWeeks figures per team ("" for agents the roster does not know) and week
 * @param shopWeeks the figures of everyone per week
 * @param samples per week (this and the previous), sample kind and agent id: the values
 * @param critical the report week's sessions with a critical quality hit
 * @param context the rules in force and how final the days are
 */
public record ReportData(
    String shop,
    List<IsoWeek> weeks,
    List<Agent> agents,
    Map<String, Map<IsoWeek, WeekFigures>> agentWeeks,
    Map<String, Map<IsoWeek, WeekFigures>> teamWeeks,
    Map<IsoWeek, WeekFigures> shopWeeks,
    Map<IsoWeek, Map<ReportMetric.Sample, Map<String, double[]>>> samples,
    List<CriticalSession> critical,
    Context context) {

  /** An agent and their team ("" when the roster does not know them). */
  public record Agent(String agentId, String name, String team) {}

  /** A session with a critical quality hit: what the report links to the transcript. */
  public record CriticalSession(
      String shopId,
      String sessionId,
      String agentId,
      LocalDate day,
      double score,
      boolean reviewed,
      List<String> rules,
      String excerpt) {}

  /**
   * The rules the week's figures were computed with, and how final they are.
   *
   * @param attributionRules the distinct {@code kpi_day_config.attribution_rule} of the week's days
   * @param configs the distinct configuration strings of the week's days
   * @param rulebookVersions the quality rulebook versions of the week's scored sessions
   * @param qaAvailable whether the warehouse has the quality tables at all
   * @param reviewsConnected whether reviewers' scores were asked for (else all are automatic)
   * @param lastIngestedDay the last day any batch run covered
   * @param lastRunId that run, and when it finished
   * @param provisionalDays the week's days whose figures may still change
   * @param missingDays the week's days no batch has covered yet
   * @param finalHorizonDays how many days after a day it becomes final
   * @param serviceSales the week's credited (service) sales, from shop_daily_kpi
   * @param shopSales all paid sales of the shop that week
   * @param silentOrders orders with no inquiry to credit them to (静默下单)
   */
  public record Context(
      List<String> attributionRules,
      List<String> configs,
      List<String> rulebookVersions,
      boolean qaAvailable,
      boolean reviewsConnected,
      LocalDate lastIngestedDay,
      String lastRunId,
      Instant lastRunFinished,
      List<LocalDate> provisionalDays,
      List<LocalDate> missingDays,
      int finalHorizonDays,
      BigDecimal serviceSales,
      BigDecimal shopSales,
      long silentOrders) {}

  public IsoWeek week() {
    return weeks.get(weeks.size() - 1);
  }

  public IsoWeek previousWeek() {
    return week().minus(1);
  }

  public WeekFigures agent(String agentId, IsoWeek w) {
    return agentWeeks.getOrDefault(agentId, Map.of()).getOrDefault(w, WeekFigures.EMPTY);
  }

  public WeekFigures team(String team, IsoWeek w) {
    return teamWeeks.getOrDefault(team, Map.of()).getOrDefault(w, WeekFigures.EMPTY);
  }

  public WeekFigures shop(IsoWeek w) {
    return shopWeeks.getOrDefault(w, WeekFigures.EMPTY);
  }

  /** One agent's values of a sample in a week (empty when none). */
  public double[] sample(IsoWeek w, ReportMetric.Sample s, String agentId) {
    return samples
        .getOrDefault(w, Map.of())
        .getOrDefault(s, Map.of())
        .getOrDefault(agentId, new double[0]);
  }

  /** The values of several agents together (a team, the shop). */
  public double[] sample(IsoWeek w, ReportMetric.Sample s, List<String> agentIds) {
    return agentIds.stream()
        .map(a -> sample(w, s, a))
        .flatMapToDouble(java.util.Arrays::stream)
        .toArray();
  }

  public List<Agent> teamAgents(String team) {
    return agents.stream().filter(a -> a.team().equals(team)).toList();
  }

  /** Teams with an agent, in roster order. */
  public List<String> teams() {
    return agents.stream().map(Agent::team).distinct().toList();
  }
}
