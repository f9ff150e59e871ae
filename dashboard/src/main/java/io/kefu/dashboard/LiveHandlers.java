package io.kefu.dashboard;

import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;

/**
 * The live wall's routes: the page ({@code /live}), its data as JSON for the page's script ({@code
 * /api/live}), and its two charts ({@code /live/chart.png}). The live file is read through its own
 * {@link WarehouseConnections}, so a new publish of the Flink job (an atomic rename, every second)
 * is seen by the next request; agent names come from the warehouse's roster.
 */
final class LiveHandlers {

  private final WarehouseConnections live;
  private final WarehouseConnections warehouse;
  private final WarehouseRepository tables;
  private final QualityRepository quality;
  private final LiveRepository repo;
  private final Clock clock;
  private final int warnS;
  private final int breachS;

  /** Rendered charts by (chart, language, live publish): many managers, one rendering each. */
  private final Map<String, byte[]> charts =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) {
          return size() > 32;
        }
      };

  LiveHandlers(
      WarehouseConnections live,
      WarehouseConnections warehouse,
      WarehouseRepository tables,
      QualityRepository quality,
      LiveRepository repo,
      Clock clock,
      int warnS,
      int breachS) {
    this.live = live;
    this.warehouse = warehouse;
    this.tables = tables;
    this.quality = quality;
    this.repo = repo;
    this.clock = clock;
    this.warnS = warnS;
    this.breachS = breachS;
  }

  /** Which publish of the live file a request read: the charts' cache key. */
  String chartKey() {
    return WarehouseConnections.Identity.of(live.file())
        .map(i -> Long.toString(i.modified().toMillis(), 36) + "-" + Long.toString(i.size(), 36))
        .orElse("none");
  }

  private Optional<LiveWall> wall(ViewContext v) throws SQLException {
    Map<String, String> names = warehouse.read(quality::agentNames).orElse(Map.of());
    return live.read(c -> repo.load(c, tables, clock.instant(), v.zone(), names, warnS, breachS));
  }

  void page(Context ctx) throws SQLException {
    ViewContext v = Requests.view(ctx);
    String key = chartKey();
    Optional<LiveWall> w = wall(v);
    if (w.isEmpty()) {
      Requests.html(ctx, 200, LivePage.notPublished(v, live.file().toString()));
      return;
    }
    Requests.html(ctx, 200, LivePage.render(v, w.get(), key, warnS, breachS));
  }

  void api(Context ctx) throws SQLException {
    ViewContext v = Requests.view(ctx);
    String key = chartKey();
    Optional<LiveWall> w = wall(v);
    if (w.isEmpty()) {
      ctx.json(Map.of("ok", false, "message", v.t().get("live.none")));
      return;
    }
    ctx.json(LivePage.json(v, w.get(), key));
  }

  void chart(Context ctx) throws SQLException {
    ViewContext v = Requests.view(ctx);
    String which = ctx.queryParam("which");
    if (which == null || !LiveCharts.WHICH.contains(which)) {
      throw new InputProblem("kpi.bad_choice", "which");
    }
    String key = which + "|" + v.t().lang().code() + "|" + chartKey();
    byte[] png;
    synchronized (charts) {
      png = charts.get(key);
    }
    if (png == null) {
      LiveWall w = wall(v).orElseThrow(() -> new Requests.NotFound("no live file published"));
      Messages.Text t = v.t();
      List<String> series =
          which.equals("turns")
              ? List.of(t.get("live.series_turns"), t.get("live.series_answered"))
              : List.of(t.get("live.series_rt"));
      JFreeChart chart =
          LiveCharts.createChart(
              LiveCharts.createDataset(w.minutes(), which, series),
              t.get("live.chart_" + which),
              t.get(which.equals("turns") ? "live.axis_turns" : "live.axis_rt"),
              v.zone());
      png = KpiCharts.png(chart, LiveCharts.WIDTH, LiveCharts.HEIGHT);
      synchronized (charts) {
        charts.put(key, png);
      }
    }
    ctx.contentType("image/png").result(png);
  }
}
