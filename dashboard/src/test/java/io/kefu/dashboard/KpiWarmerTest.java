package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a publish the explorer's default views are computed once, before anyone asks. */
class KpiWarmerTest {

  @TempDir Path dir;

  @Test
  void eachPublishWarmsTheDefaultViewEveryTeamAndEveryAgentOnce() throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    KpiFixture fixture = new KpiFixture(7);
    TestWarehouse.publish(file, fixture::fill);
    try (WarehouseConnections warehouse = new WarehouseConnections(file)) {
      KpiHandlers kpi = new KpiHandlers(warehouse, new WarehouseRepository(), new KpiRepository());
      List<KpiQuery> views = kpi.defaultViews();
      Set<String> agents =
          KpiFixture.AGENTS.stream().map(KpiFixture.Agent::id).collect(Collectors.toSet());
      assertEquals(KpiQuery.parse(java.util.Map.of()), views.get(0), "the default view first");
      assertTrue(
          views.stream()
              .filter(q -> q.agent() != null)
              .map(KpiQuery::agent)
              .toList()
              .containsAll(agents),
          views.toString());
      assertTrue(views.stream().anyMatch(q -> q.team() != null), views.toString());

      // The page (no dates) and the chart links it emits (dates filled in) share one report.
      var publish = WarehouseConnections.Identity.of(file).orElseThrow();
      assertEquals(
          kpi.key(KpiQuery.parse(java.util.Map.of()), AgentScope.ALL, publish),
          kpi.key(
              KpiQuery.parse(
                  java.util.Map.of(
                      "from",
                      List.of(KpiFixture.LAST.minusDays(KpiQuery.DEFAULT_DAYS - 1).toString()),
                      "to",
                      List.of(KpiFixture.LAST.toString()))),
              AgentScope.ALL,
              publish));

      try (KpiHandlers.Warmer w =
          kpi.new Warmer(Duration.ofHours(1), new Messages().text(Lang.ZH))) {
        assertEquals(views.size(), w.warmOnce(), "every view of the publish");
        assertEquals(views.size(), kpi.cached()[0], "a report per view");
        assertEquals(2 * views.size(), kpi.cached()[1], "its trend and ranking PNGs");
        assertEquals(0, w.warmOnce(), "nothing again for the same publish");
        Thread.sleep(1100); // a new publish has a new modification time
        TestWarehouse.publish(file, fixture::fill);
        assertEquals(views.size(), w.warmOnce(), "a new publish is warmed again");
      }
    }
  }
}
