package io.kefu.dashboard;

import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The landing page and 数据健康 (data health), which read the published warehouse. */
final class HealthHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(HealthHandlers.class);

  private final WarehouseConnections warehouse;
  private final WarehouseRepository repo;

  HealthHandlers(WarehouseConnections warehouse, WarehouseRepository repo) {
    this.warehouse = warehouse;
    this.repo = repo;
  }

  void home(Context ctx) {
    Requests.html(ctx, 200, Pages.home(Requests.view(ctx), warehouse.publishedAt()));
  }

  void health(Context ctx) {
    ViewContext v = Requests.view(ctx);
    String run = ctx.queryParam("run");
    String reason = ctx.queryParam("reason");
    Optional<HealthReport> report;
    try {
      report = warehouse.read(c -> HealthReport.load(repo, c, run, reason));
    } catch (SQLException e) {
      LOG.warn("data health: the warehouse could not be read: {}", e.getMessage());
      Requests.html(ctx, 500, HealthPage.unreadable(v, e.getMessage()));
      return;
    }
    if (report.isEmpty()) {
      Requests.html(ctx, 200, HealthPage.notPublished(v, warehouse.file().toString()));
      return;
    }
    Requests.html(ctx, 200, HealthPage.render(v, report.get()));
  }
}
