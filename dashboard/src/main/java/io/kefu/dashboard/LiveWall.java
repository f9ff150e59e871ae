package io.kefu.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The live wall (实时看板) at one moment: the shop right now, each agent, the waiting buyers, the
 * alerts and the last hour per minute. Built from the live file by {@link LiveRepository}; shown by
 * {@link LivePage} and, as JSON, by the page's script every few seconds.
 *
 * @param now the moment the wall describes (the clock, or the watermark of a replay)
 */
record LiveWall(
    List<String> missingTables,
    Instant publishedAt,
    Instant watermark,
    Instant now,
    boolean replay,
    LocalDate today,
    Shop shop,
    List<AgentRow> agents,
    List<Waiting> waiting,
    List<Alert> alerts,
    List<Minute> minutes) {

  /** Wait levels: under the warning limit, from it (amber), from the breach limit (red). */
  static final String OK = "ok";

  static final String WARNING = "warning";
  static final String BREACH = "breach";

  static String level(long waitS, int warnS, int breachS) {
    return waitS >= breachS ? BREACH : waitS >= warnS ? WARNING : OK;
  }

  record Shop(
      int waiting,
      long longestWaitS,
      long sessionsActive,
      LiveRepository.Sums hour,
      LiveRepository.Sums today,
      Sales sales) {}

  record Sales(long ordersCreated, long paidOrders, BigDecimal paidSales, long refundRequests) {}

  record AgentRow(
      String agentId,
      String name,
      long sessionsActive,
      LiveRepository.Sums hour,
      LiveRepository.Sums today,
      int waiting,
      long longestWaitS,
      int openAlerts) {}

  record Waiting(
      String shopId,
      String sessionId,
      String buyerId,
      String agentId,
      String agentName,
      Instant waitingSince,
      long waitS,
      String level) {}

  record Alert(
      String alertId,
      String kind,
      String agentId,
      String agentName,
      String sessionId,
      Instant raisedAt,
      String detail,
      Instant clearedAt) {}

  record Minute(Instant start, LiveRepository.Sums sums, long sessionsActive) {}

  static LiveWall missing(List<String> tables) {
    return new LiveWall(
        tables, null, null, null, false, null, null, List.of(), List.of(), List.of(), List.of());
  }

  static LiveWall of(
      Instant published,
      Instant watermark,
      Instant now,
      boolean replay,
      LocalDate today,
      Map<String, LiveRepository.Sums> agentToday,
      Map<String, LiveRepository.Sums> agentHour,
      Map<String, Long> active,
      List<Waiting> waiting,
      List<Alert> alerts,
      List<Minute> minutes,
      Sales sales,
      Map<String, String> names) {
    TreeSet<String> ids = new TreeSet<>();
    for (Map<String, ?> m : List.of(agentToday, agentHour, active)) {
      m.keySet().stream().filter(java.util.Objects::nonNull).forEach(ids::add);
    }
    waiting.stream().map(Waiting::agentId).filter(java.util.Objects::nonNull).forEach(ids::add);
    List<AgentRow> agents = new ArrayList<>();
    LiveRepository.Sums hour = LiveRepository.Sums.ZERO;
    LiveRepository.Sums day = LiveRepository.Sums.ZERO;
    long sessionsActive = 0;
    for (String id : ids) {
      LiveRepository.Sums h = agentHour.getOrDefault(id, LiveRepository.Sums.ZERO);
      LiveRepository.Sums d = agentToday.getOrDefault(id, LiveRepository.Sums.ZERO);
      long act = active.getOrDefault(id, 0L);
      List<Waiting> mine = waiting.stream().filter(w -> id.equals(w.agentId())).toList();
      int open =
          (int)
              alerts.stream().filter(a -> id.equals(a.agentId()) && a.clearedAt() == null).count();
      agents.add(
          new AgentRow(
              id,
              names.get(id),
              act,
              h,
              d,
              mine.size(),
              mine.stream().mapToLong(Waiting::waitS).max().orElse(0),
              open));
      hour = hour.plus(h);
      day = day.plus(d);
      sessionsActive += act;
    }
    // Busiest first: who has buyers waiting longest, then who is serving most.
    agents.sort(
        Comparator.comparingLong(AgentRow::longestWaitS)
            .reversed()
            .thenComparing(Comparator.comparingLong(AgentRow::sessionsActive).reversed())
            .thenComparing(AgentRow::agentId));
    List<Waiting> longestFirst =
        waiting.stream().sorted(Comparator.comparingLong(Waiting::waitS).reversed()).toList();
    Shop shop =
        new Shop(
            waiting.size(),
            waiting.stream().mapToLong(Waiting::waitS).max().orElse(0),
            sessionsActive,
            hour,
            day,
            sales);
    return new LiveWall(
        List.of(),
        published,
        watermark,
        now,
        replay,
        today,
        shop,
        agents,
        longestFirst,
        alerts,
        minutes);
  }
}
