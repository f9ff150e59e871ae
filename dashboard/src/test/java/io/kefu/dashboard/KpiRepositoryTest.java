package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kefu.dashboard.KpiRepository.KpiRow;
import io.kefu.dashboard.KpiRepository.Periods;
import io.kefu.dashboard.KpiRepository.Subjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer's rollups equal the figures counted straight from the fact tables, for ranges, teams
 * and weeks the batch job never computed: summed counts summed, distinct buyers counted once per
 * group, the P90 recomputed, rates from the sums.
 */
class KpiRepositoryTest {

  static final KpiFixture FIXTURE = new KpiFixture(7);
  static final KpiRepository REPO = new KpiRepository();
  static final Set<String> PRESALE = Set.of("a-xiaomei", "a-ajie");

  @TempDir static Path dir;
  static Connection c;

  @BeforeAll
  static void publish() throws Exception {
    Path file = dir.resolve("kefu.duckdb");
    TestWarehouse.publish(file, FIXTURE::fill);
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    c = DriverManager.getConnection("jdbc:duckdb:" + file, p);
  }

  @AfterAll
  static void close() throws SQLException {
    c.close();
  }

  static KpiQuery query(String... nameValues) {
    java.util.Map<String, List<String>> m = new java.util.HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return KpiQuery.parse(m).withDefaults(KpiFixture.FIRST, KpiFixture.LAST);
  }

  static void assertSameFigures(KpiFigures expected, KpiFigures actual, String what) {
    for (Metric m : Metric.values()) {
      Number e = m.value(expected);
      Number a = m.value(actual);
      if (e == null || a == null) {
        assertEquals(e, a, what + " " + m.column());
      } else {
        assertEquals(e.doubleValue(), a.doubleValue(), 1e-9, what + " " + m.column());
      }
    }
    assertEquals(expected.rtP90Ms() == null, actual.rtP90Ms() == null, what + " p90");
    if (expected.rtP90Ms() != null) {
      assertEquals(expected.rtP90Ms(), actual.rtP90Ms(), 1e-6, what + " p90");
    }
    assertEquals(expected.sales(), actual.sales(), what + " sales");
    assertEquals(expected.refundAmount(), actual.refundAmount(), what + " refund amount");
  }

  @Test
  void shouldEqualTheFactTablesForATeamOverACustomRange() throws SQLException {
    KpiQuery q = query("from", "2026-11-04", "to", "2026-11-12", "team", "售前一组");
    List<KpiRow> rows = REPO.figures(c, q, AgentScope.ALL, Periods.WHOLE, Subjects.ALL);
    assertEquals(1, rows.size());
    KpiFigures expected = FIXTURE.expected(q.from(), q.to(), PRESALE::contains);
    assertSameFigures(expected, rows.get(0).figures(), "售前一组 11-04..11-12");

    // A buyer served by both agents of the team, or on two days, is one buyer: the summed daily
    // figures are larger, which is why they are not used.
    long summedDaily = 0;
    for (KpiRow r : REPO.figures(c, q, AgentScope.ALL, Periods.DAY, Subjects.AGENT)) {
      summedDaily += r.figures().receivedBuyers();
    }
    assertTrue(summedDaily > expected.receivedBuyers(), summedDaily + " vs distinct");
  }

  @Test
  void shouldEqualTheFactTablesPerAgentPerDayAndPerWeek() throws SQLException {
    KpiQuery q = query();
    for (KpiRow r : REPO.figures(c, q, AgentScope.ALL, Periods.DAY, Subjects.AGENT)) {
      assertSameFigures(
          FIXTURE.expected(r.period(), r.period(), r.key()::equals),
          r.figures(),
          r.key() + " " + r.period());
    }
    List<KpiRow> weeks = REPO.figures(c, q, AgentScope.ALL, Periods.WEEK, Subjects.TEAM);
    assertEquals(6, weeks.size(), "2 weeks x 3 teams (售前一组, 售后一组, no team)");
    for (KpiRow r : weeks) {
      assertEquals(java.time.DayOfWeek.MONDAY, r.period().getDayOfWeek());
      Set<String> team =
          r.key().isEmpty()
              ? Set.of("a-ghost")
              : r.key().equals("售前一组") ? PRESALE : Set.of("a-wangjie");
      assertSameFigures(
          FIXTURE.expected(r.period(), r.period().plusDays(6), team::contains),
          r.figures(),
          r.key() + " week " + r.period());
    }
  }

  @Test
  void shouldCutWeeksToTheRange() throws SQLException {
    KpiQuery q = query("from", "2026-11-05", "to", "2026-11-10", "grain", "week");
    List<KpiRow> rows = REPO.figures(c, q, AgentScope.ALL, Periods.WEEK, Subjects.ALL);
    assertEquals(2, rows.size());
    assertEquals(LocalDate.of(2026, 11, 2), rows.get(0).period());
    assertSameFigures(
        FIXTURE.expected(q.from(), LocalDate.of(2026, 11, 8), a -> true),
        rows.get(0).figures(),
        "first week, from Thursday");
    assertSameFigures(
        FIXTURE.expected(LocalDate.of(2026, 11, 9), q.to(), a -> true),
        rows.get(1).figures(),
        "second week, to Tuesday");
  }

  @Test
  void shouldShowAnAgentOnlyTheirOwnRowsWhateverTheFiltersSay() throws SQLException {
    KpiQuery everyone = query("team", "售前一组");
    AgentScope own = AgentScope.only("a-xiaomei");
    List<KpiRow> rows = REPO.figures(c, everyone, own, Periods.WHOLE, Subjects.AGENT);
    assertEquals(List.of("a-xiaomei"), rows.stream().map(KpiRow::key).toList());
    assertSameFigures(
        FIXTURE.expected(everyone.from(), everyone.to(), "a-xiaomei"::equals),
        rows.get(0).figures(),
        "own");
    assertEquals(
        List.of(), REPO.figures(c, everyone, AgentScope.NONE, Periods.WHOLE, Subjects.ALL));
    assertEquals(
        List.of(),
        REPO.figures(c, query("agent", "a-ajie"), own, Periods.DAY, Subjects.AGENT),
        "another agent's id selects nothing");
    assertEquals(1, REPO.roster(c, own).size());
    assertEquals(4, REPO.roster(c, AgentScope.ALL).size());
  }

  @Test
  void shouldTreatFilterValuesAsDataNeverAsSql() throws SQLException {
    KpiQuery q = query("team", "' OR 1=1 --", "agent", "x'); DROP TABLE agent_roster; --");
    assertEquals(List.of(), REPO.figures(c, q, AgentScope.ALL, Periods.WHOLE, Subjects.ALL));
    assertEquals(4, REPO.roster(c, AgentScope.ALL).size());
  }

  @Test
  void shouldGiveNullRatesWhenNothingWasCounted() {
    KpiFigures none =
        FIXTURE.expected(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 1), a -> true);
    for (Metric m : Metric.values()) {
      if (m.kind() != Metric.Kind.COUNT && m != Metric.SALES && m != Metric.REFUND_AMOUNT) {
        assertNull(m.value(none), m.column());
      }
    }
    assertEquals("–", Metric.ART_AVG_S.format(none));
  }

  @Test
  void shouldListTheAttributionRuleAndTheDays() throws SQLException {
    assertEquals(
        List.of("last touch, 24h window"),
        REPO.attributionRules(c, KpiFixture.FIRST, KpiFixture.LAST));
    assertEquals(
        new KpiRepository.DayRange(KpiFixture.FIRST, KpiFixture.LAST), REPO.days(c).orElseThrow());
  }

  /**
   * On the warehouse the real batch job published from the bundled sample (bin/kefu demo
   * --no-serve), the explorer's agent-days and whole agent-weeks are the batch job's own
   * agent_daily_kpi and agent_weekly_kpi rows, column for column.
   */
  @Test
  void shouldMatchTheBatchJobsOwnDailyAndWeeklyRows() throws SQLException {
    Path demo = Path.of("../work/demo/kefu.duckdb").toAbsolutePath().normalize();
    assumeTrue(
        Files.isRegularFile(demo),
        "no published sample warehouse at " + demo + " (run bin/kefu demo --no-serve)");
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    p.setProperty("jdbc_instance_cache", "false");
    try (Connection w = DriverManager.getConnection("jdbc:duckdb:" + demo, p)) {
      KpiRepository.DayRange days = REPO.days(w).orElseThrow();
      KpiQuery q =
          KpiQuery.parse(
              Map.of(
                  "from", List.of(days.first().toString()),
                  "to", List.of(days.last().toString())));
      int compared = 0;
      for (KpiRow r : REPO.figures(w, q, AgentScope.ALL, Periods.DAY, Subjects.AGENT)) {
        compareWithTable(w, "agent_daily_kpi", "day", r);
        compared++;
      }
      for (KpiRow r : REPO.figures(w, q, AgentScope.ALL, Periods.WEEK, Subjects.AGENT)) {
        if (!r.period().isBefore(days.first()) && !r.period().plusDays(6).isAfter(days.last())) {
          compareWithTable(w, "agent_weekly_kpi", "week_start", r);
          compared++;
        }
      }
      assertNotEquals(0, compared);
    }
  }

  private static void compareWithTable(Connection w, String table, String dayColumn, KpiRow r)
      throws SQLException {
    try (PreparedStatement p =
        w.prepareStatement(
            "SELECT * FROM " + table + " WHERE agent_id = ? AND " + dayColumn + " = ?")) {
      p.setString(1, r.key());
      p.setObject(2, r.period());
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next(), table + " has no row for " + r.key() + " " + r.period());
        for (Metric m : Metric.values()) {
          Object stored = rs.getObject(m.column());
          Number mine = m.value(r.figures());
          String what = table + " " + r.key() + " " + r.period() + " " + m.column();
          if (stored == null || mine == null) {
            assertEquals(stored == null, mine == null, what + ": " + stored + " vs " + mine);
          } else {
            assertEquals(((Number) stored).doubleValue(), mine.doubleValue(), 1e-6, what);
          }
        }
      }
    }
  }
}
