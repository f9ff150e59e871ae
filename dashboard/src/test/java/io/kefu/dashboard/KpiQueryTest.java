package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and validating the explorer's filters, and the page and export built from a report. */
class KpiQueryTest {

  static Map<String, List<String>> params(String... nv) {
    Map<String, List<String>> m = new HashMap<>();
    for (int i = 0; i < nv.length; i += 2) {
      m.put(nv[i], List.of(nv[i + 1]));
    }
    return m;
  }

  static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
  static final LocalDate LAST = LocalDate.of(2026, 11, 15);

  @Test
  void shouldDefaultToTheLastTwoWeeksOfTheWarehouse() {
    KpiQuery q = KpiQuery.parse(Map.of()).withDefaults(FIRST, LAST.plusDays(30));
    assertEquals(LAST.plusDays(17), q.from());
    assertEquals(LAST.plusDays(30), q.to());
    KpiQuery shortWarehouse = KpiQuery.parse(Map.of()).withDefaults(FIRST, FIRST.plusDays(3));
    assertEquals(FIRST, shortWarehouse.from());
    assertEquals(KpiQuery.Grain.DAY, q.grain());
    assertEquals(KpiQuery.By.AGENT, q.by());
    assertEquals(Metric.INQUIRY_CONVERSION_RATE, q.metric());
    assertEquals(new KpiQuery.Sort("inquiry_conversion_rate", true), q.rankSort());
    assertNull(q.team());
  }

  @Test
  void shouldRefuseMalformedInputWithAReason() {
    assertEquals(
        "kpi.bad_date",
        assertThrows(InputProblem.class, () -> KpiQuery.parse(params("from", "11/02/2026"))).key());
    assertEquals(
        "kpi.bad_range",
        assertThrows(
                InputProblem.class,
                () -> KpiQuery.parse(params("from", "2026-11-05", "to", "2026-11-01")))
            .key());
    assertEquals(
        "kpi.too_long",
        assertThrows(
                InputProblem.class,
                () -> KpiQuery.parse(params("from", "2025-01-01", "to", "2026-11-01")))
            .key());
    for (String[] bad :
        new String[][] {
          {"grain", "month"},
          {"by", "shop"},
          {"metric", "rt_sum_ms"},
          {"sort", "password"},
          {"dir", "sideways", "sort", "sales"},
          {"team", "x".repeat(65)},
          {"agent", "a\nb"}
        }) {
      assertEquals(
          "kpi.bad_choice",
          assertThrows(InputProblem.class, () -> KpiQuery.parse(params(bad))).key(),
          String.join("=", bad));
    }
  }

  @Test
  void shouldKeepEveryFilterInItsLinks() {
    KpiQuery q =
        KpiQuery.parse(
                params("team", "售前一组", "grain", "week", "metric", "aov", "from", "2026-11-03"))
            .withDefaults(FIRST, LAST);
    String url = q.url("/kpi", "sort", "sales", "dir", "asc");
    assertTrue(url.startsWith("/kpi?from=2026-11-03&to=2026-11-15&team=%E5%94%AE"), url);
    assertTrue(url.contains("&grain=week&by=agent&metric=aov&sort=sales&dir=asc"), url);
    Map<String, List<String>> back = new HashMap<>();
    for (String part : url.substring(url.indexOf('?') + 1).split("&")) {
      String[] kv = part.split("=", 2);
      back.put(
          kv[0],
          List.of(java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8)));
    }
    KpiQuery again = KpiQuery.parse(back);
    assertEquals("售前一组", again.team());
    assertEquals(new KpiQuery.Sort("sales", false), again.rankSort());
  }

  @Test
  void shouldNarrowAnAgentToTheirOwnRows() {
    KpiQuery q = KpiQuery.parse(params("team", "售后一组", "by", "team")).forAgent("a-xiaomei");
    assertEquals("a-xiaomei", q.agent());
    assertNull(q.team());
    assertEquals(KpiQuery.By.AGENT, q.by());
  }

  static KpiReport report(String name) {
    KpiQuery q = KpiQuery.parse(Map.of()).withDefaults(FIRST, LAST);
    KpiFigures f = KpiChartsTest.figures(10, 4, 2, 2000);
    KpiReport.Line line = new KpiReport.Line("a-x", name, "售前一组", FIRST, LAST, false, f);
    return new KpiReport(
        q,
        AgentScope.ALL,
        List.of(),
        new KpiRepository.DayRange(FIRST, LAST),
        List.of(new KpiRepository.RosterAgent("a-x", name, "售前一组")),
        List.of("售前一组"),
        List.of("shop"),
        List.of("last touch, 24h window"),
        List.of(line),
        new KpiReport.Line("*", "", "", FIRST, LAST, false, f),
        List.of(new KpiReport.Line("*", "", "", FIRST, FIRST, false, f)));
  }

  @Test
  void shouldEscapeNamesFromTheDataOnThePage() {
    Messages.Text t = new Messages().text(Lang.ZH);
    ViewContext v = new ViewContext(t, null, "tok", "/kpi", java.time.ZoneId.of("Asia/Shanghai"));
    String html = KpiPage.render(v, report("<script>alert(1)</script>"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(!html.contains("<script>alert"), "no live markup from data");
    assertTrue(html.contains("40.0%"), "inquiry conversion 4/10 shown as percent");
    for (Metric m : Metric.values()) {
      assertTrue(html.contains(t.get(m.labelKey())), m.column());
    }
  }

  @Test
  void shouldExportCsvThatASpreadsheetCannotRunAsAFormula() {
    Messages.Text t = new Messages().text(Lang.ZH);
    String csv =
        new String(
            KpiExport.csv(report("=HYPERLINK(\"http://x\",\"y\")"), KpiExport.Table.RANKING, t),
            java.nio.charset.StandardCharsets.UTF_8);
    String[] lines = csv.split("\r\n");
    assertEquals(3, lines.length, "header, one agent, total");
    assertTrue(lines[1].startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",a-x,售前一组,10,"));
    assertTrue(lines[1].contains(",0.4,"), "rates unrounded, as fractions: " + lines[1]);
    assertEquals("Sheet_1_", Xlsx.sheetName("Sheet[1]"));
    assertEquals("AB", Xlsx.column(27));
  }
}
