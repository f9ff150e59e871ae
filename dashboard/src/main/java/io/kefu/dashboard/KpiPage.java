package io.kefu.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTML of the KPI explorer (KPI 查询): the filters, the two charts, and the ranking and trend
 * tables with every figure of METRICS.md, sortable by any column. A pure function of the report, so
 * a test renders it without a server. Names and teams come from event data and are escaped.
 */
final class KpiPage {

  static final String PATH = "/kpi";

  private KpiPage() {}

  static String notPublished(ViewContext v, String warehouse) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.add(Layout.box("notice", t.get("warehouse.none")));
    b.el("p", "muted", t.format("warehouse.path", warehouse));
    return Layout.page(v, t.get("kpi.title"), b);
  }

  static String unreadable(ViewContext v, String problem) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.add(Layout.box("error", t.get("warehouse.unreadable")));
    b.el("pre", "raw", problem);
    return Layout.page(v, t.get("kpi.title"), b);
  }

  static String render(ViewContext v, KpiReport r) {
    Messages.Text t = v.t();
    Html b = new Html();
    if (!r.missingTables().isEmpty()) {
      b.add(Layout.box("notice", t.format("kpi.no_tables", String.join(", ", r.missingTables()))));
      return Layout.page(v, t.get("kpi.title"), b);
    }
    if (r.scope() == AgentScope.NONE) {
      b.add(Layout.box("notice", t.get("home.agent_unlinked")));
      return Layout.page(v, t.get("kpi.title"), b);
    }
    filters(b, v, r);
    KpiQuery q = r.query();
    b.raw("<p class=\"muted\">").text(t.get("kpi.rollup_note"));
    for (String rule : r.rules()) {
      b.raw(" ").text(t.format("kpi.rule_in_force", rule));
    }
    b.raw("</p>\n");
    if (r.total() == null) {
      b.add(Layout.box("notice", t.get("kpi.no_rows")));
      return Layout.page(v, t.get("kpi.title"), b);
    }
    b.raw("<p class=\"exports\">");
    b.link(q.url("/kpi/export.csv", "table", "ranking"), t.get("kpi.export_csv_ranking"));
    b.link(q.url("/kpi/export.csv", "table", "trend"), t.get("kpi.export_csv_trend"));
    b.link(q.url("/kpi/export.xlsx"), t.get("kpi.export_xlsx"));
    b.raw("</p>\n");

    String metric = t.get(q.metric().labelKey());
    b.raw("<div class=\"charts\">\n");
    chart(b, q, "trend", t.format("kpi.chart_trend", metric), t);
    chart(b, q, "ranking", t.format("kpi.chart_ranking", metric), t);
    b.raw("</div>\n");

    b.el("h2", t.get("kpi.ranking"));
    ranking(b, v, r);
    b.el("h2", t.format("kpi.trend_by", t.get("kpi.grain_" + q.grain().code())));
    trend(b, v, r);
    if (r.trend().stream().anyMatch(KpiReport.Line::partial)) {
      b.el("p", "muted", t.get("kpi.partial_week"));
    }
    return Layout.page(v, t.get("kpi.title"), b);
  }

  private static void chart(Html b, KpiQuery q, String name, String alt, Messages.Text t) {
    b.raw("<figure class=\"chart\" id=\"chart-").text(name).raw("\">");
    b.raw("<img src=\"")
        .text(q.url("/kpi/" + name + ".png"))
        .raw("\" alt=\"")
        .text(alt)
        .raw("\" width=\"")
        .text(KpiCharts.WIDTH)
        .raw("\" height=\"")
        .text(KpiCharts.HEIGHT)
        .raw("\">");
    b.raw("<figcaption>").text(alt).raw(" · ");
    b.link(q.url("/kpi/" + name + ".svg"), "SVG").raw(" · ");
    b.link(q.url("/kpi/" + name + ".png"), "PNG");
    b.raw("</figcaption></figure>\n");
  }

  private static void filters(Html b, ViewContext v, KpiReport r) {
    Messages.Text t = v.t();
    KpiQuery q = r.query();
    boolean agentOnly = !r.scope().all();
    b.raw("<form method=\"get\" action=\"/kpi\" class=\"filters wrap\" id=\"kpi-filters\">\n");
    b.raw("<label>").text(t.get("kpi.from"));
    b.raw("<input type=\"date\" name=\"from\" value=\"").text(q.from()).raw("\"");
    dayBounds(b, r);
    b.raw("></label>\n<label>").text(t.get("kpi.to"));
    b.raw("<input type=\"date\" name=\"to\" value=\"").text(q.to()).raw("\"");
    dayBounds(b, r);
    b.raw("></label>\n");
    if (!agentOnly) {
      List<String[]> teams = new ArrayList<>();
      teams.add(new String[] {"", t.get("kpi.all")});
      for (String team : r.teams()) {
        teams.add(new String[] {team, KpiExport.teamName(team, t)});
      }
      select(b, t.get("kpi.team"), "team", teams, q.team());
      List<String[]> agents = new ArrayList<>();
      agents.add(new String[] {"", t.get("kpi.all")});
      for (KpiRepository.RosterAgent a : r.agents()) {
        agents.add(new String[] {a.agentId(), a.name() + " (" + a.agentId() + ")"});
      }
      select(b, t.get("kpi.agent"), "agent", agents, q.agent());
    }
    if (r.shops().size() > 1) {
      List<String[]> shops = new ArrayList<>();
      shops.add(new String[] {"", t.get("kpi.all")});
      r.shops().forEach(s -> shops.add(new String[] {s, s}));
      select(b, t.get("kpi.shop"), "shop", shops, q.shop());
    }
    select(
        b,
        t.get("kpi.grain"),
        "grain",
        List.of(
            new String[] {"day", t.get("kpi.grain_day")},
            new String[] {"week", t.get("kpi.grain_week")}),
        q.grain().code());
    if (!agentOnly) {
      select(
          b,
          t.get("kpi.by"),
          "by",
          List.of(
              new String[] {"agent", t.get("kpi.by_agent")},
              new String[] {"team", t.get("kpi.by_team")}),
          q.by().code());
    }
    List<String[]> metrics = new ArrayList<>();
    for (Metric m : Metric.values()) {
      metrics.add(new String[] {m.column(), t.get(m.labelKey())});
    }
    select(b, t.get("kpi.metric"), "metric", metrics, q.metric().column());
    b.raw("<button type=\"submit\">").text(t.get("kpi.submit")).raw("</button>\n</form>\n");
    if (r.days() != null) {
      b.el("p", "muted", t.format("kpi.days_available", r.days().first(), r.days().last()));
    }
  }

  private static void dayBounds(Html b, KpiReport r) {
    if (r.days() != null) {
      b.raw(" min=\"").text(r.days().first()).raw("\" max=\"").text(r.days().last()).raw("\"");
    }
  }

  private static void select(
      Html b, String label, String name, List<String[]> options, String selected) {
    b.raw("<label>").text(label).raw("<select name=\"").text(name).raw("\">");
    Pages.options(b, options, selected == null ? "" : selected);
    b.raw("</select></label>\n");
  }

  /** A column header that sorts by its column; clicking the sorted one flips the direction. */
  private static void sortHeader(
      Html b,
      KpiQuery q,
      String label,
      String key,
      KpiQuery.Sort current,
      String sortParam,
      String dirParam,
      boolean descendingFirst) {
    boolean on = current.key().equals(key);
    boolean desc = on ? !current.descending() : descendingFirst;
    b.raw(on ? "<th class=\"sorted\"" : "<th");
    b.raw(" data-key=\"").text(key).raw("\">");
    b.link(q.url(PATH, sortParam, key, dirParam, desc ? "desc" : "asc"), label);
    if (on) {
      b.raw(current.descending() ? " ▼" : " ▲");
    }
    b.raw("</th>");
  }

  private static void ranking(Html b, ViewContext v, KpiReport r) {
    Messages.Text t = v.t();
    KpiQuery q = r.query();
    boolean byAgent = q.by() == KpiQuery.By.AGENT;
    b.raw("<div class=\"scroll\"><table class=\"grid kpi\" id=\"kpi-ranking\">\n<thead><tr>");
    sortHeader(
        b,
        q,
        t.get(byAgent ? "kpi.name" : "kpi.team"),
        KpiQuery.Sort.NAME,
        q.rankSort(),
        "sort",
        "dir",
        false);
    if (byAgent) {
      b.el("th", t.get("kpi.agent_id")).el("th", t.get("kpi.team"));
    }
    for (Metric m : Metric.values()) {
      sortHeader(b, q, t.get(m.labelKey()), m.column(), q.rankSort(), "sort", "dir", true);
    }
    b.raw("</tr></thead>\n<tbody>\n");
    for (KpiReport.Line l : r.ranking()) {
      b.raw("<tr data-key=\"").text(l.key()).raw("\">");
      if (byAgent) {
        b.raw("<td>").link(q.url(PATH, "agent", l.key(), "by", "agent"), l.name()).raw("</td>");
        b.el("td", l.key()).el("td", KpiExport.teamName(l.team(), t));
      } else {
        b.raw("<td>")
            .link(q.url(PATH, "team", l.key(), "by", "agent"), KpiExport.teamName(l.key(), t))
            .raw("</td>");
      }
      cells(b, l.figures());
      b.raw("</tr>\n");
    }
    b.raw("</tbody>\n<tfoot><tr class=\"total\">");
    b.el("th", t.get("kpi.total"));
    if (byAgent) {
      b.raw("<th></th><th></th>");
    }
    cells(b, r.total().figures());
    b.raw("</tr></tfoot></table></div>\n");
  }

  private static void trend(Html b, ViewContext v, KpiReport r) {
    Messages.Text t = v.t();
    KpiQuery q = r.query();
    b.raw("<div class=\"scroll\"><table class=\"grid kpi\" id=\"kpi-trend\">\n<thead><tr>");
    sortHeader(
        b, q, t.get("kpi.period"), KpiQuery.Sort.PERIOD, q.trendSort(), "tsort", "tdir", false);
    for (Metric m : Metric.values()) {
      sortHeader(b, q, t.get(m.labelKey()), m.column(), q.trendSort(), "tsort", "tdir", true);
    }
    b.raw("</tr></thead>\n<tbody>\n");
    for (KpiReport.Line l : r.trend()) {
      b.raw("<tr data-key=\"").text(l.period()).raw("\">");
      b.el("td", l.partial() ? "partial" : "", period(l));
      cells(b, l.figures());
      b.raw("</tr>\n");
    }
    b.raw("</tbody></table></div>\n");
  }

  static String period(KpiReport.Line l) {
    if (l.period().equals(l.periodEnd())) {
      return l.period().toString();
    }
    return l.period() + " – " + l.periodEnd() + (l.partial() ? " *" : "");
  }

  private static void cells(Html b, KpiFigures f) {
    for (Metric m : Metric.values()) {
      b.raw("<td class=\"num\" data-m=\"").text(m.column()).raw("\">");
      b.text(m.format(f)).raw("</td>");
    }
  }
}
