package io.kefu.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live wall (实时看板) for service managers: the shop right now, the agents, the waiting buyers
 * (amber from the warning limit, red from the breach limit), the alerts and two charts of the last
 * hour. The page is complete without script; {@code /static/live.js} then polls {@code /api/live}
 * every few seconds and puts the new values in with {@code textContent} (never as HTML, so alert
 * details and ids from the events stay text), and reloads the charts when the live file was
 * re-published. {@link #json} and the HTML share the same formatted values.
 */
final class LivePage {

  static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** The shop figures, in the order of the tiles. */
  static final List<String> SHOP_KEYS =
      List.of(
          "waiting",
          "longest_wait",
          "sessions_active",
          "avg_rt_hour",
          "reply_3min_hour",
          "frt_today",
          "avg_rt_today",
          "satisfaction_today",
          "sales_today");

  static final List<String> AGENT_COLUMNS =
      List.of(
          "agent",
          "active",
          "turns_today",
          "avg_rt_hour",
          "avg_rt_today",
          "frt_today",
          "reply_3min_today",
          "satisfaction_today",
          "waiting",
          "longest_wait",
          "alerts");

  static final List<String> WAITING_COLUMNS = List.of("buyer", "session", "agent", "since", "wait");

  static final List<String> ALERT_COLUMNS =
      List.of("raised", "kind", "agent", "session", "detail", "state");

  private LivePage() {}

  // ---- JSON (and the values the HTML shows) ------------------------------------------------

  static Map<String, Object> json(ViewContext v, LiveWall w, String chartKey) {
    Messages.Text t = v.t();
    Map<String, Object> out = new LinkedHashMap<>();
    if (!w.missingTables().isEmpty()) {
      out.put("ok", false);
      out.put("message", t.format("live.no_tables", String.join(", ", w.missingTables())));
      return out;
    }
    out.put("ok", true);
    out.put("status", status(v, w));
    out.put("chartKey", chartKey);
    LiveWall.Shop s = w.shop();
    Map<String, Object> shop = new LinkedHashMap<>();
    shop.put("waiting", Long.toString(s.waiting()));
    shop.put("longest_wait", waitText(s.longestWaitS()));
    shop.put(
        "longest_wait_level", w.waiting().isEmpty() ? LiveWall.OK : w.waiting().get(0).level());
    shop.put("sessions_active", Long.toString(s.sessionsActive()));
    shop.put("avg_rt_hour", seconds(s.hour().avgRtS()));
    shop.put("reply_3min_hour", percent(s.hour().reply3minRate()));
    shop.put("frt_today", seconds(s.today().frtAvgS()));
    shop.put("avg_rt_today", seconds(s.today().avgRtS()));
    shop.put(
        "satisfaction_today", percent(s.today().satisfaction()) + " (" + s.today().ratings() + ")");
    shop.put("sales_today", money(s.sales().paidSales()) + " · " + s.sales().paidOrders());
    out.put("shop", shop);

    List<Map<String, Object>> agents = new ArrayList<>();
    for (LiveWall.AgentRow a : w.agents()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", a.agentId());
      r.put("agent", ReviewPages.agentLabel(a.agentId(), a.name()));
      r.put("active", Long.toString(a.sessionsActive()));
      r.put("turns_today", a.today().answered() + " / " + a.today().turns());
      r.put("avg_rt_hour", seconds(a.hour().avgRtS()));
      r.put("avg_rt_today", seconds(a.today().avgRtS()));
      r.put("frt_today", seconds(a.today().frtAvgS()));
      r.put("reply_3min_today", percent(a.today().reply3minRate()));
      r.put(
          "satisfaction_today",
          percent(a.today().satisfaction()) + " (" + a.today().ratings() + ")");
      r.put("waiting", Integer.toString(a.waiting()));
      r.put("longest_wait", a.waiting() == 0 ? "–" : waitText(a.longestWaitS()));
      r.put("alerts", Integer.toString(a.openAlerts()));
      r.put(
          "level",
          a.waiting() == 0
              ? LiveWall.OK
              : w.waiting().stream()
                  .filter(x -> a.agentId().equals(x.agentId()))
                  .findFirst()
                  .map(LiveWall.Waiting::level)
                  .orElse(LiveWall.OK));
      agents.add(r);
    }
    out.put("agents", agents);

    List<Map<String, Object>> waiting = new ArrayList<>();
    for (LiveWall.Waiting x : w.waiting()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", x.sessionId());
      r.put("buyer", x.buyerId());
      r.put("session", x.sessionId());
      r.put("agent", ReviewPages.agentLabel(x.agentId(), x.agentName()));
      r.put("since", time(v, x.waitingSince()));
      r.put("wait", waitText(x.waitS()));
      r.put("level", x.level());
      waiting.add(r);
    }
    out.put("waiting", waiting);

    List<Map<String, Object>> alerts = new ArrayList<>();
    for (LiveWall.Alert a : w.alerts()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", a.alertId());
      r.put("raised", time(v, a.raisedAt()));
      r.put("kind", alertKind(t, a.kind()));
      r.put("agent", ReviewPages.agentLabel(a.agentId(), a.agentName()));
      r.put("session", a.sessionId());
      r.put("detail", a.detail());
      r.put(
          "state",
          a.clearedAt() == null
              ? t.get("live.alert_open")
              : t.format("live.alert_cleared", time(v, a.clearedAt())));
      r.put(
          "level",
          a.clearedAt() != null
              ? "cleared"
              : "wait_warning".equals(a.kind()) ? LiveWall.WARNING : LiveWall.BREACH);
      alerts.add(r);
    }
    out.put("alerts", alerts);
    return out;
  }

  static String status(ViewContext v, LiveWall w) {
    Messages.Text t = v.t();
    String s =
        t.format(
            "live.status",
            w.publishedAt() == null ? "–" : time(v, w.publishedAt()),
            w.watermark() == null ? "–" : time(v, w.watermark()));
    return w.replay()
        ? s + " " + t.format("live.replay", DAY_CLOCK.format(w.now().atZone(v.zone())))
        : s;
  }

  static String alertKind(Messages.Text t, String kind) {
    String label = t.get("live.kind_" + kind);
    if (label.startsWith("??")) {
      label = ReviewPages.ruleLabel(t, kind);
    }
    return label;
  }

  static String time(ViewContext v, Instant i) {
    return i == null ? "" : CLOCK.format(i.atZone(v.zone()));
  }

  static String waitText(long s) {
    return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  static String seconds(Double s) {
    return s == null ? "–" : String.format(Locale.ROOT, "%.1f s", s);
  }

  static String percent(Double r) {
    return r == null ? "–" : String.format(Locale.ROOT, "%.0f %%", r * 100);
  }

  static String money(BigDecimal m) {
    return m == null ? "–" : String.format(Locale.ROOT, "¥%,.2f", m);
  }

  // ---- HTML --------------------------------------------------------------------------------

  static String notPublished(ViewContext v, String file) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.add(Layout.box("notice", t.get("live.none")));
    b.el("p", "muted", t.format("warehouse.path", file));
    b.raw("<div id=\"live\" data-poll=\"/api/live\"></div>");
    b.raw("<script src=\"/static/live.js\" defer></script>");
    return Layout.page(v, t.get("live.title"), b);
  }

  @SuppressWarnings("unchecked")
  static String render(ViewContext v, LiveWall w, String chartKey, int warnS, int breachS) {
    Messages.Text t = v.t();
    Html b = new Html();
    Map<String, Object> j = json(v, w, chartKey);
    b.raw("<div id=\"live\" data-poll=\"/api/live\">\n");
    if (!Boolean.TRUE.equals(j.get("ok"))) {
      b.add(Layout.box("notice", String.valueOf(j.get("message"))));
      b.raw("</div><script src=\"/static/live.js\" defer></script>");
      return Layout.page(v, t.get("live.title"), b);
    }
    b.raw("<p class=\"muted\" id=\"live-status\">").text(j.get("status")).raw("</p>\n");
    b.el("p", "muted", t.format("live.levels", warnS, breachS));
    Map<String, Object> shop = (Map<String, Object>) j.get("shop");
    b.raw("<ul class=\"tiles\" id=\"live-shop\">");
    for (String k : SHOP_KEYS) {
      b.raw("<li><span class=\"label\">").text(t.get("live.shop_" + k)).raw("</span>");
      b.raw("<span class=\"value");
      if (k.equals("longest_wait")) {
        b.raw(" wait-").text(shop.get("longest_wait_level"));
      }
      b.raw("\" data-k=\"").text(k).raw("\">").text(shop.get(k)).raw("</span></li>");
    }
    b.raw("</ul>\n");

    b.raw("<div class=\"live-grid\">\n<section>");
    b.el("h2", t.get("live.waiting_title"));
    table(
        b,
        t,
        "live-waiting",
        "live.waiting_",
        WAITING_COLUMNS,
        (List<Map<String, Object>>) j.get("waiting"),
        true);
    b.raw("</section>\n<section>");
    b.el("h2", t.get("live.alerts_title"));
    table(
        b,
        t,
        "live-alerts",
        "live.alert_",
        ALERT_COLUMNS,
        (List<Map<String, Object>>) j.get("alerts"),
        true);
    b.raw("</section>\n</div>\n");

    b.el("h2", t.get("live.agents_title"));
    b.raw("<div class=\"scroll\">");
    table(
        b,
        t,
        "live-agents",
        "live.agent_",
        AGENT_COLUMNS,
        (List<Map<String, Object>>) j.get("agents"),
        true);
    b.raw("</div>\n");

    b.el("h2", t.get("live.charts_title"));
    b.raw("<div class=\"charts two\">");
    for (String which : LiveCharts.WHICH) {
      b.raw("<figure class=\"chart\"><img id=\"live-chart-").text(which);
      b.raw("\" data-which=\"").text(which).raw("\" src=\"");
      b.text(Html.url("/live/chart.png", "which", which, "k", chartKey));
      b.raw("\" alt=\"")
          .text(t.get("live.chart_" + which))
          .raw("\" width=\"")
          .text(LiveCharts.WIDTH)
          .raw("\" height=\"")
          .text(LiveCharts.HEIGHT)
          .raw("\">");
      b.raw("</figure>");
    }
    b.raw("</div>\n</div>\n");
    b.raw("<script src=\"/static/live.js\" defer></script>\n");
    return Layout.page(v, t.get("live.title"), b);
  }

  /** A table whose rows the script rebuilds: every cell's column is its data-k. */
  private static void table(
      Html b,
      Messages.Text t,
      String id,
      String labelPrefix,
      List<String> columns,
      List<Map<String, Object>> rows,
      boolean levels) {
    b.raw("<table class=\"grid live\" id=\"").text(id).raw("\" data-columns=\"");
    b.text(String.join(",", columns)).raw("\" data-empty=\"").text(t.get("live.empty"));
    b.raw("\"><thead><tr>");
    for (String c : columns) {
      b.el("th", t.get(labelPrefix + c));
    }
    b.raw("</tr></thead><tbody>");
    if (rows.isEmpty()) {
      b.raw("<tr class=\"empty\"><td colspan=\"").text(columns.size()).raw("\">");
      b.text(t.get("live.empty")).raw("</td></tr>");
    }
    for (Map<String, Object> r : rows) {
      b.raw("<tr data-id=\"").text(r.get("id")).raw("\"");
      if (levels && r.get("level") != null) {
        b.raw(" class=\"wait-").text(r.get("level")).raw("\"");
      }
      b.raw(">");
      for (String c : columns) {
        b.raw("<td data-k=\"").text(c).raw("\">").text(r.get(c)).raw("</td>");
      }
      b.raw("</tr>");
    }
    b.raw("</tbody></table>\n");
  }
}
