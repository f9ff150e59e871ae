package io.kefu.dashboard;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KPI explorer's routes: the page, its two charts (PNG and SVG) and its exports (CSV, XLSX).
 * Each reads one report for the request's filters within what the signed-in person may see: an
 * agent's account is always narrowed to its own agent, and asking for another agent is refused.
 */
final class KpiHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(KpiHandlers.class);

  private final WarehouseConnections warehouse;
  private final WarehouseRepository health;
  private final KpiRepository repo;

  /** A report per (filters, visible agents, publish): the page and its charts share one. */
  record ReportKey(KpiQuery query, String scope, Object publish) {}

  /** A rendered chart per report, chart, format and language. */
  private record ChartKey(ReportKey report, String which, boolean svg, Lang lang) {}

  // Room for every warmed view (the default, each team, each agent) and the views asked for.
  private final ReportCache<ReportKey, Optional<KpiReport>> reports = new ReportCache<>(1024);
  private final ReportCache<ChartKey, Object> charts = new ReportCache<>(1024);
  private final ReportCache<WarehouseConnections.Identity, Optional<KpiRepository.DayRange>>
      dayRanges = new ReportCache<>(4);

  /**
   * Reports computed at once: DuckDB already spreads one query over every core, so more at a time
   * only share the cores and all finish late (measured with dashboard/bench/load.sh).
   */
  private final java.util.concurrent.Semaphore computing =
      new java.util.concurrent.Semaphore(
          Math.max(1, Runtime.getRuntime().availableProcessors()), true);

  KpiHandlers(WarehouseConnections warehouse, WarehouseRepository health, KpiRepository repo) {
    this.warehouse = warehouse;
    this.health = health;
    this.repo = repo;
  }

  /**
   * The views managers open first, computed after each publish before anyone asks: the default view
   * (the last 14 days by agent), each team's and each agent's, with their two charts as PNG. A
   * background thread checks every few seconds for a new publish and warms its views one at a time,
   * so it never holds more than one of the {@link #computing} permits and people asking for other
   * views still get a core. A newer publish arriving mid-way starts the warming over for it.
   */
  final class Warmer implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;
    private volatile WarehouseConnections.Identity warmed;

    private final Messages.Text text;

    /**
     * Checks every {@code every}; renders the warmed views' charts (PNG) in {@code text}'s
     * language.
     */
    Warmer(Duration every, Messages.Text text) {
      this.text = text;
      thread =
          new Thread(
              () -> {
                while (!stopped) {
                  try {
                    warmOnce();
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    LOG.warn("KPI explorer: warming the views failed: {}", e.toString());
                  }
                  try {
                    Thread.sleep(every.toMillis());
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "kpi-view-warmer");
      thread.setDaemon(true);
      thread.setPriority(Thread.MIN_PRIORITY);
    }

    Warmer start() {
      thread.start();
      return this;
    }

    /** Warms the current publish's views if not done yet; the number warmed (0: nothing to do). */
    int warmOnce() throws Exception {
      Optional<WarehouseConnections.Identity> now =
          WarehouseConnections.Identity.of(warehouse.file());
      if (now.isEmpty() || now.get().equals(warmed)) {
        return 0;
      }
      long started = System.nanoTime();
      List<KpiQuery> views = defaultViews();
      int n = 0;
      for (KpiQuery q : views) {
        if (stopped || !now.equals(WarehouseConnections.Identity.of(warehouse.file()))) {
          return n; // stopped, or a newer publish: start over for it on the next round
        }
        ReportKey key = key(q, AgentScope.ALL, now.get());
        Optional<KpiReport> report = cached(key, AgentScope.ALL);
        if (report.isPresent()) {
          image(key, report.get(), "trend", false, text);
          image(key, report.get(), "ranking", false, text);
        }
        n++;
      }
      warmed = now.get();
      LOG.info(
          "KPI explorer: {} views of the publish of {} warmed in {} ms",
          n,
          now.get().modified(),
          (System.nanoTime() - started) / 1_000_000);
      return n;
    }

    @Override
    public void close() {
      stopped = true;
      thread.interrupt();
    }
  }

  /** Reports and rendered charts held now (for tests). */
  int[] cached() {
    return new int[] {reports.size(), charts.size()};
  }

  /** The default view, and the same for each team and each agent on the roster. */
  List<KpiQuery> defaultViews() throws SQLException {
    List<KpiQuery> views = new ArrayList<>();
    views.add(KpiQuery.parse(Map.of()));
    List<KpiRepository.RosterAgent> roster =
        warehouse.read(c -> repo.roster(c, AgentScope.ALL)).orElse(List.of());
    roster.stream()
        .map(KpiRepository.RosterAgent::team)
        .filter(t -> !t.isEmpty())
        .distinct()
        .forEach(t -> views.add(KpiQuery.parse(Map.of("team", List.of(t)))));
    roster.forEach(a -> views.add(KpiQuery.parse(Map.of("agent", List.of(a.agentId())))));
    return views;
  }

  /**
   * Starts warming each new publish's default views and their PNG charts in {@code text}'s
   * language, checking every {@code every}.
   */
  Warmer startWarming(Duration every, Messages.Text text) {
    return new Warmer(every, text).start();
  }

  /** The query this person may run: 403 for another agent's rows, own agent forced for agents. */
  static KpiQuery allowedQuery(Context ctx) {
    User user = Requests.user(ctx);
    KpiQuery q = KpiQuery.parse(ctx.queryParamMap());
    if (q.agent() != null) {
      Access.requireAgentVisible(user, q.agent());
    }
    AgentScope scope = Access.agentScope(user);
    return scope.all() || scope.agentId() == null ? q : q.forAgent(scope.agentId());
  }

  private Optional<KpiReport> report(Context ctx) throws SQLException {
    ReportKey key = reportKey(ctx);
    return key == null ? Optional.empty() : cached(key, Access.agentScope(Requests.user(ctx)));
  }

  /** The cache key of this request's report; null when nothing is published. */
  private ReportKey reportKey(Context ctx) {
    KpiQuery q = allowedQuery(ctx);
    AgentScope scope = Access.agentScope(Requests.user(ctx));
    return WarehouseConnections.Identity.of(warehouse.file())
        .map(publish -> key(q, scope, publish))
        .orElse(null);
  }

  /**
   * The key of a query's report: with its range filled in from the publish's days, so the page
   * ({@code /kpi}, no dates) and the chart and export links it emits (dates filled in) share one
   * report.
   */
  ReportKey key(KpiQuery q, AgentScope scope, WarehouseConnections.Identity publish) {
    Optional<KpiRepository.DayRange> d = days(publish);
    KpiQuery filled = d.isPresent() ? q.withDefaults(d.get().first(), d.get().last()) : q;
    return new ReportKey(filled, scope.toString(), publish);
  }

  /** The first and last day of a publish, read once; empty when it has none or cannot be read. */
  private Optional<KpiRepository.DayRange> days(WarehouseConnections.Identity publish) {
    try {
      return dayRanges.get(publish, () -> warehouse.read(repo::days).flatMap(r -> r));
    } catch (Exception e) {
      return Optional.empty(); // the report itself says what is missing
    }
  }

  /** The report of the key, read once per publish; scope is the one the key names. */
  private Optional<KpiReport> cached(ReportKey key, AgentScope scope) throws SQLException {
    try {
      return reports.get(
          key,
          () -> {
            computing.acquire();
            try {
              return warehouse.read(c -> KpiReport.load(health, repo, c, key.query(), scope));
            } finally {
              computing.release();
            }
          });
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void page(Context ctx) {
    ViewContext v = Requests.view(ctx);
    Optional<KpiReport> r;
    try {
      r = report(ctx);
    } catch (SQLException e) {
      LOG.warn("KPI explorer: the warehouse could not be read: {}", e.getMessage());
      Requests.html(ctx, 500, KpiPage.unreadable(v, e.getMessage()));
      return;
    }
    if (r.isEmpty()) {
      Requests.html(ctx, 200, KpiPage.notPublished(v, warehouse.file().toString()));
      return;
    }
    Requests.html(ctx, 200, KpiPage.render(v, r.get()));
  }

  void trendPng(Context ctx) throws SQLException {
    chart(ctx, "trend", false);
  }

  void trendSvg(Context ctx) throws SQLException {
    chart(ctx, "trend", true);
  }

  void rankingPng(Context ctx) throws SQLException {
    chart(ctx, "ranking", false);
  }

  void rankingSvg(Context ctx) throws SQLException {
    chart(ctx, "ranking", true);
  }

  private void chart(Context ctx, String which, boolean svg) throws SQLException {
    ReportKey key = reportKey(ctx);
    Optional<KpiReport> r =
        key == null ? Optional.empty() : cached(key, Access.agentScope(Requests.user(ctx)));
    if (r.isEmpty()) {
      throw new Requests.NotFound("no warehouse published");
    }
    Object image = image(key, r.get(), which, svg, Requests.view(ctx).t());
    if (svg) {
      ctx.contentType("image/svg+xml; charset=utf-8").result((String) image);
    } else {
      ctx.contentType("image/png").result((byte[]) image);
    }
  }

  /** The rendered chart (PNG bytes or SVG text) of a report, made once per key and language. */
  private Object image(
      ReportKey key, KpiReport report, String which, boolean svg, Messages.Text t) {
    try {
      return charts.get(
          new ChartKey(key, which, svg, t.lang()),
          () -> {
            JFreeChart chart = chart(report, t, which);
            return svg
                ? KpiCharts.svg(chart, KpiCharts.WIDTH, KpiCharts.HEIGHT)
                : KpiCharts.png(chart, KpiCharts.WIDTH, KpiCharts.HEIGHT);
          });
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The chart of a report, with its titles and axes in the person's language. */
  static JFreeChart chart(KpiReport r, Messages.Text t, String which) {
    Metric m = r.query().metric();
    String metric = t.get(m.labelKey());
    String axis = m.kind() == Metric.Kind.RATE ? metric + " (%)" : metric;
    String scope = scopeLabel(r, t);
    if (which.equals("trend")) {
      return KpiCharts.createTrendChart(
          KpiCharts.createTrendDataset(r.trend(), m, scope),
          t.format("kpi.chart_trend", metric) + " · " + scope,
          t.get("kpi.grain_" + r.query().grain().code()),
          axis);
    }
    return KpiCharts.createRankingChart(
        KpiCharts.createRankingDataset(r.ranking(), m, scope),
        t.format("kpi.chart_ranking", metric) + " · " + scope,
        t.get(r.query().by() == KpiQuery.By.TEAM ? "kpi.team" : "kpi.name"),
        axis);
  }

  /** Whose figures a chart shows: one agent, one team, or everyone selected. */
  static String scopeLabel(KpiReport r, Messages.Text t) {
    KpiQuery q = r.query();
    if (q.agent() != null) {
      return r.agents().stream()
          .filter(a -> a.agentId().equals(q.agent()))
          .map(KpiRepository.RosterAgent::name)
          .findFirst()
          .orElse(q.agent());
    }
    if (q.team() != null) {
      return KpiExport.teamName(q.team(), t);
    }
    return t.get("kpi.everyone");
  }

  void csv(Context ctx) throws SQLException {
    String table = ctx.queryParam("table");
    KpiExport.Table which =
        table == null || table.equals("ranking")
            ? KpiExport.Table.RANKING
            : table.equals("trend") ? KpiExport.Table.TREND : null;
    if (which == null) {
      throw new InputProblem("kpi.bad_choice", "table");
    }
    KpiReport r = report(ctx).orElseThrow(() -> new Requests.NotFound("no warehouse published"));
    Messages.Text t = Requests.view(ctx).t();
    ctx.contentType("text/csv; charset=utf-8");
    attachment(ctx, r, which.name().toLowerCase(java.util.Locale.ROOT), "csv");
    ctx.result(KpiExport.csv(r, which, t));
  }

  void xlsx(Context ctx) throws SQLException {
    KpiReport r = report(ctx).orElseThrow(() -> new Requests.NotFound("no warehouse published"));
    ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    attachment(ctx, r, "kpi", "xlsx");
    ctx.result(KpiExport.xlsx(r, Requests.view(ctx).t()));
  }

  private static void attachment(Context ctx, KpiReport r, String what, String ext) {
    String name = "kefu-" + what + "-" + r.query().from() + "_" + r.query().to() + "." + ext;
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\""
            + name
            + "\"; filename*=UTF-8''"
            + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
  }
}
