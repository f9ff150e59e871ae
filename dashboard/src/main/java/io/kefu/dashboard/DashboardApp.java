package io.kefu.dashboard;

import static io.kefu.dashboard.Access.Open.ANYONE;
import static io.kefu.dashboard.Access.Open.SIGNED_IN;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.kefu.core.config.KefuConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kefu Insight web app: who may see what of the shop's customer-service data, and the pages
 * they see it on. Takes everything it uses in its constructor and declares every route, with the
 * roles that may open it, in {@link #create}.
 *
 * <p>It owns {@code app.duckdb} (through {@link AppRepository}) and only reads the warehouse
 * (through {@link WarehouseConnections}).
 */
public final class DashboardApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardApp.class);

  /** A live-file name that is never published: the live wall then says there is no live data. */
  private static final String NO_LIVE = "live.duckdb.not-configured";

  /**
   * What a running app is configured with, besides its stores.
   *
   * @param config the shop configuration: the live wall's wait limits and the response limit the
   *     transcript marks
   * @param live the live file of the streaming job ({@code live.duckdb}), read-only like the
   *     warehouse; null: the live wall says there is none
   */
  public record Settings(
      boolean secureCookies, ZoneId zone, Duration idleTimeout, KefuConfig config, Path live) {
    /** A session is over this long after sign-in, however busy: a stolen cookie expires. */
    public static final Duration MAX_SESSION_AGE = Duration.ofHours(12);

    /** The default configuration and no live file. */
    public Settings(boolean secureCookies, ZoneId zone, Duration idleTimeout) {
      this(secureCookies, zone, idleTimeout, KefuConfig.defaults(), null);
    }
  }

  private final AppRepository repo;
  private final WarehouseConnections warehouse;
  private final WarehouseConnections live;
  private final Javalin javalin;
  private final io.kefu.dashboard.report.ReportHandlers reports;
  private io.kefu.dashboard.report.ReportScheduler reportScheduler;
  private final KpiHandlers kpi;
  private final Messages messages;
  private KpiHandlers.Warmer kpiWarmer;

  public DashboardApp(
      AppRepository repo,
      WarehouseConnections warehouse,
      WarehouseRepository warehouseRepo,
      PasswordHasher hasher,
      Messages messages,
      Clock clock,
      Settings settings) {
    this.repo = repo;
    this.warehouse = warehouse;
    AuthService auth =
        new AuthService(repo, hasher, clock, settings.idleTimeout(), Settings.MAX_SESSION_AGE);
    UserService users = new UserService(repo, hasher, clock);
    Cookies cookies = new Cookies(settings.secureCookies());
    this.live =
        new WarehouseConnections(
            settings.live() != null ? settings.live() : warehouse.file().resolveSibling(NO_LIVE));
    this.kpi = new KpiHandlers(warehouse, warehouseRepo, new KpiRepository());
    this.messages = messages;
    this.reports =
        new io.kefu.dashboard.report.ReportHandlers(
            io.kefu.dashboard.report.ReportScheduler.defaultDir(warehouse.file()));
    this.javalin =
        create(
            new Gatekeeper(auth, messages, cookies, settings.zone()),
            new AuthHandlers(auth, cookies),
            new AdminHandlers(users, repo),
            new HealthHandlers(warehouse, warehouseRepo),
            kpi,
            reports,
            new ReviewHandlers(
                warehouse,
                warehouseRepo,
                new QualityRepository(),
                new ReviewRepository(repo.db()),
                repo,
                clock,
                settings.config().responseSlaSeconds()),
            new LiveHandlers(
                live,
                warehouse,
                warehouseRepo,
                new QualityRepository(),
                new LiveRepository(),
                clock,
                settings.config().waitWarningSeconds(),
                settings.config().waitBreachSeconds()));
  }

  private static Javalin create(
      Gatekeeper gate,
      AuthHandlers auth,
      AdminHandlers admin,
      HealthHandlers health,
      KpiHandlers kpi,
      io.kefu.dashboard.report.ReportHandlers reports,
      ReviewHandlers review,
      LiveHandlers live) {
    return Javalin.create(
        config -> {
          config.showJavalinBanner = false;
          config.staticFiles.add(
              s -> {
                s.hostedPath = "/static";
                s.directory = "/static";
                s.location = Location.CLASSPATH;
                s.roles = Set.of(ANYONE);
              });
          config.requestLogger.http(
              (ctx, ms) ->
                  LOG.info(
                      "{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms)));
          config.router.mount(
              r -> {
                r.before(gate::securityHeaders);
                r.before(gate::identify);
                r.before(gate::requireSignIn);
                r.before(gate::checkCsrf);
                r.beforeMatched(gate::checkRoles);

                r.get("/login", auth::loginForm, ANYONE);
                r.post("/login", auth::login, ANYONE);
                r.post("/lang", auth::switchLanguage, ANYONE);
                r.get("/logout", auth::logoutForm, SIGNED_IN);
                r.post("/logout", auth::logout, SIGNED_IN);
                r.get("/", health::home, SIGNED_IN);
                r.get("/account", auth::account, Feature.ACCOUNT.roles());
                r.post("/account/password", auth::changePassword, Feature.ACCOUNT.roles());
                r.get("/api/me", auth::me, SIGNED_IN);

                r.get("/health", health::health, Feature.HEALTH.roles());

                r.get("/kpi", kpi::page, Feature.KPI.roles());
                r.get("/kpi/trend.png", kpi::trendPng, Feature.KPI.roles());
                r.get("/kpi/trend.svg", kpi::trendSvg, Feature.KPI.roles());
                r.get("/kpi/ranking.png", kpi::rankingPng, Feature.KPI.roles());
                r.get("/kpi/ranking.svg", kpi::rankingSvg, Feature.KPI.roles());
                r.get("/kpi/export.csv", kpi::csv, Feature.KPI.roles());
                r.get("/kpi/export.xlsx", kpi::xlsx, Feature.KPI.roles());

                r.get("/reports", reports::list, Feature.REPORTS.roles());
                r.get("/reports/{week}/{file}", reports::file, Feature.REPORTS.roles());

                r.get("/live", live::page, Feature.LIVE.roles());
                r.get("/api/live", live::api, Feature.LIVE.roles());
                r.get("/live/chart.png", live::chart, Feature.LIVE.roles());

                r.get("/review", review::queue, Feature.REVIEW.roles());
                r.get("/review/session", review::transcript, Role.values());
                r.post("/review/session/decide", review::decide, Feature.REVIEW.roles());
                r.post("/review/session/dispute", review::dispute, Role.AGENT);
                r.get("/review/mine", review::mine, Feature.MY_REVIEWS.roles());
                r.get("/review/disputes", review::disputes, Feature.REVIEW.roles());
                r.post("/review/disputes/{id}", review::resolve, Role.MANAGER, Role.ADMIN);
                r.get("/review/calibration", review::calibration, Feature.REVIEW.roles());

                r.get("/admin/users", admin::list, Feature.USERS.roles());
                r.post("/admin/users", admin::create, Feature.USERS.roles());
                r.get("/admin/users/{id}", admin::show, Feature.USERS.roles());
                r.post("/admin/users/{id}", admin::update, Feature.USERS.roles());
                r.post("/admin/users/{id}/password", admin::resetPassword, Feature.USERS.roles());
                r.get("/admin/audit", admin::audit, Feature.AUDIT.roles());

                r.exception(Requests.NotSignedIn.class, gate::notSignedIn);
                r.exception(Access.Forbidden.class, gate::forbidden);
                r.exception(Csrf.Rejected.class, gate::csrfRejected);
                r.exception(Requests.NotFound.class, (e, ctx) -> gate.notFound(ctx));
                r.exception(InputProblem.class, gate::inputProblem);
                r.exception(Exception.class, gate::failure);
                r.error(404, gate::notFound);
              });
        });
  }

  /** Starts serving; port 0 picks a free one (see {@link #port()}). */
  public DashboardApp start(String host, int port) {
    javalin.start(host, port);
    return this;
  }

  /**
   * Makes each finished week's reports into the reports folder beside the warehouse when a batch
   * covering it is published (see {@link io.kefu.dashboard.report.ReportScheduler}); reviewers'
   * scores from app.duckdb replace the automatic ones where a session was reviewed.
   */
  public DashboardApp startWeeklyReports(
      io.kefu.dashboard.report.ReportSettings settings, ZoneId zone) {
    ReviewRepository reviews = new ReviewRepository(repo.db());
    io.kefu.dashboard.report.ReviewedScores scores =
        sessions -> {
          try {
            return reviews.reviewedScores(sessions);
          } catch (RuntimeException e) {
            LOG.warn("reviewed scores unavailable, reports use automatic ones: {}", e.toString());
            return java.util.Map.of();
          }
        };
    reportScheduler =
        new io.kefu.dashboard.report.ReportScheduler(
                warehouse,
                new io.kefu.dashboard.report.ReportGenerator(
                    settings, scores, zone, Clock.systemUTC(), false),
                reports.reportsDir())
            .start(Duration.ofSeconds(5), Duration.ofMinutes(1));
    return this;
  }

  /**
   * Computes the KPI explorer's default views (everyone, each team, each agent) after each publish,
   * so the first managers to open them get them at once; checks for a new publish every {@code
   * every}.
   */
  public DashboardApp startWarmingViews(Duration every) {
    // Charts in the default language (中文); an English view renders its own on first request.
    kpiWarmer = kpi.startWarming(every, messages.text(Lang.ZH));
    return this;
  }

  public int port() {
    return javalin.port();
  }

  /** Stops serving and closes both databases; app.duckdb is checkpointed on close. */
  @Override
  public void close() {
    try {
      if (reportScheduler != null) {
        reportScheduler.close();
      }
      if (kpiWarmer != null) {
        kpiWarmer.close();
      }
      javalin.stop();
    } finally {
      try {
        warehouse.close();
        live.close();
      } finally {
        repo.db().close();
      }
    }
  }
}
