package io.kefu.dashboard;

import io.kefu.core.config.ConfigException;
import io.kefu.core.config.KefuConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kefu serve}: serves the dashboard on a published warehouse.
 *
 * <pre>
 * --warehouse FILE                  the published DuckDB warehouse, opened read-only (required;
 *                                   it need not exist yet)
 * --app-db FILE                     the dashboard's own database: users, sessions, audit log
 *                                   (default: app.duckdb next to the warehouse)
 * --port N                          HTTP port (default 8080; 0 = any free port)
 * --bind ADDR                       address to listen on (default 127.0.0.1)
 * --secure-cookies                  mark cookies Secure (serve over https, e.g. behind a proxy)
 * --session-idle-minutes N          sign out after N idle minutes (default 60)
 * --config FILE                     kefu.properties: the shop time zone, the live wall's wait
 *                                   limits, the response limit (default: defaults)
 * --live FILE                       the live job's published file, read-only (default:
 *                                   live.duckdb next to the warehouse; it need not exist yet)
 * --init-admin-password-file F      with no users yet, create the first admin with the password
 *                                   in F (for the demo script)
 * --init-admin-username NAME        that admin's name (default admin)
 * </pre>
 *
 * Exit codes: 2 bad arguments; 1 cannot start (app database in use, port taken, no users).
 */
public final class ServeCommand {

  static final String USAGE =
      """
      Usage: kefu serve --warehouse FILE [options]

      Serves the Kefu Insight dashboard. The warehouse is only read, never written; a new publish
      (a file renamed over FILE) is picked up without a restart. Users, sessions and the audit log
      live in the dashboard's own database, which only this process writes.

      Options:
        --warehouse FILE              published DuckDB warehouse (required; may not exist yet)
        --app-db FILE                 dashboard's own database     [<warehouse dir>/app.duckdb]
        --port N                      HTTP port, 0 = any free port [8080]
        --bind ADDR                   listen address               [127.0.0.1]
        --secure-cookies              Secure cookies (when served over https)
        --session-idle-minutes N      sign out after N idle minutes [60]
        --config FILE                 kefu.properties (shop time zone, wait limits) [built-in defaults]
        --live FILE                   the live job's published DuckDB file, read-only
                                      [<warehouse dir>/live.duckdb; may not exist yet]
        --report-config FILE          report.properties: the weekly reports' scorecard and
                                      statistics [built-in defaults]; each finished week's reports
                                      are written into <warehouse dir>/reports/
        --init-admin-password-file F  if there are no users yet, create the first admin with the
                                      password on the first line of F
        --init-admin-username NAME    name of that admin           [admin]
        -h, --help                    this help

      First admin, otherwise (with the dashboard stopped):
        java -cp kefu-dashboard-app.jar io.kefu.dashboard.UserCommand create-admin \\
             --app-db FILE --username NAME
      """;

  /** The parsed options. */
  record Options(
      Path warehouse,
      Path appDb,
      int port,
      String bind,
      boolean secureCookies,
      Duration idleTimeout,
      ZoneId zone,
      Path initAdminPasswordFile,
      String initAdminUsername,
      io.kefu.dashboard.report.ReportSettings reportSettings,
      KefuConfig config,
      Path live) {}

  /** What {@link #start} did: a running app, or the exit code to end with. */
  record Started(DashboardApp app, int exitCode) {}

  private ServeCommand() {}

  public static void main(String[] args) {
    Started s = start(args, System.out, System.err);
    if (s.app() == null) {
      System.exit(s.exitCode());
    }
    DashboardApp app = s.app();
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "kefu-dashboard-shutdown"));
  }

  static Started start(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = parse(args);
    } catch (HelpRequested h) {
      out.print(USAGE);
      return new Started(null, 0);
    } catch (IllegalArgumentException e) {
      err.println("kefu serve: " + e.getMessage());
      err.println("Run 'kefu serve --help' for the options.");
      return new Started(null, 2);
    }

    AppDb db;
    try {
      db = AppDb.open(o.appDb());
    } catch (RuntimeException e) {
      err.println("kefu serve: " + e.getMessage());
      return new Started(null, 1);
    }
    DashboardApp app = null;
    try {
      AppRepository repo = new AppRepository(db);
      PasswordHasher hasher = new PasswordHasher();
      Clock clock = Clock.systemUTC();
      if (!firstAdmin(o, repo, hasher, clock, out, err)) {
        db.close();
        return new Started(null, 1);
      }
      app =
          new DashboardApp(
              repo,
              new WarehouseConnections(o.warehouse()),
              new WarehouseRepository(),
              hasher,
              new Messages(),
              clock,
              new DashboardApp.Settings(
                  o.secureCookies(), o.zone(), o.idleTimeout(), o.config(), o.live()));
      app.start(o.bind(), o.port());
      app.startWeeklyReports(o.reportSettings(), o.zone());
      app.startWarmingViews(java.time.Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      err.println("kefu serve: cannot start: " + rootMessage(e));
      if (app != null) {
        app.close();
      } else {
        db.close();
      }
      return new Started(null, 1);
    }
    String host = o.bind().equals("0.0.0.0") || o.bind().equals("::") ? "localhost" : o.bind();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    out.printf("Kefu Insight dashboard: http://%s:%d/%n", host, app.port());
    out.printf(
        "  warehouse (read-only): %s%s%n",
        o.warehouse().toAbsolutePath(), Files.exists(o.warehouse()) ? "" : "  (not published yet)");
    out.printf(
        "  live file (read-only): %s%s%n",
        o.live().toAbsolutePath(), Files.exists(o.live()) ? "" : "  (not published yet)");
    out.printf("  app database:          %s%n", db.file());
    out.flush();
    return new Started(app, 0);
  }

  /** Makes sure someone can sign in: true when there are users (now). */
  private static boolean firstAdmin(
      Options o,
      AppRepository repo,
      PasswordHasher hasher,
      Clock clock,
      PrintStream out,
      PrintStream err) {
    if (repo.countUsers() > 0) {
      if (o.initAdminPasswordFile() != null) {
        out.println("Users exist: --init-admin-password-file is not used.");
      }
      return true;
    }
    if (o.initAdminPasswordFile() == null) {
      err.println("kefu serve: " + o.appDb() + " has no users yet, so nobody could sign in.");
      err.println(
          "Create the first admin (the password is read from the terminal), then start"
              + " again:");
      err.println(
          "  java -cp <kefu-dashboard-app.jar> io.kefu.dashboard.UserCommand create-admin"
              + " --app-db "
              + o.appDb()
              + " --username NAME");
      return false;
    }
    String password;
    try {
      List<String> lines = Files.readAllLines(o.initAdminPasswordFile(), StandardCharsets.UTF_8);
      password = lines.isEmpty() ? "" : lines.get(0);
    } catch (IOException e) {
      err.println("kefu serve: cannot read --init-admin-password-file: " + e);
      return false;
    }
    try {
      new UserService(repo, hasher, clock)
          .create(
              AuditEntry.SYSTEM, o.initAdminUsername(), Role.ADMIN.wire(), null, password, "local");
    } catch (InputProblem p) {
      err.println("kefu serve: first admin not created: " + UserCommand.explain(p));
      return false;
    }
    out.println("Created the first admin '" + o.initAdminUsername() + "'.");
    return true;
  }

  private static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  static Options parse(String[] args) {
    Map<String, String> v = new LinkedHashMap<>();
    boolean secure = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> throw new HelpRequested();
        case "--secure-cookies" -> secure = true;
        case "--warehouse",
            "--app-db",
            "--port",
            "--bind",
            "--session-idle-minutes",
            "--config",
            "--init-admin-password-file",
            "--init-admin-username",
            "--report-config",
            "--live" -> {
          if (i + 1 >= args.length || args[i + 1].isBlank()) {
            throw new IllegalArgumentException(a + " needs a value");
          }
          v.put(a, args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    String wh = v.get("--warehouse");
    if (wh == null) {
      throw new IllegalArgumentException("--warehouse FILE is required");
    }
    Path warehouse = Path.of(wh);
    if (Files.isDirectory(warehouse)) {
      throw new IllegalArgumentException(
          "--warehouse names a folder; give the DuckDB file, e.g. "
              + warehouse.resolve("kefu.duckdb"));
    }
    Path dir = warehouse.toAbsolutePath().getParent();
    Path appDb = v.containsKey("--app-db") ? Path.of(v.get("--app-db")) : dir.resolve("app.duckdb");
    if (appDb.toAbsolutePath().normalize().equals(warehouse.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          "--app-db must not be the warehouse: the dashboard writes one and only reads the other");
    }
    int port = intOption(v, "--port", 8080, 0, 65535);
    int idle = intOption(v, "--session-idle-minutes", 60, 1, 7 * 24 * 60);
    KefuConfig config;
    if (v.containsKey("--config")) {
      try {
        config = KefuConfig.load(Path.of(v.get("--config")));
      } catch (ConfigException | UncheckedIOException e) {
        throw new IllegalArgumentException(e.getMessage());
      }
    } else {
      config = KefuConfig.defaults();
    }
    ZoneId zone = config.zone();
    Path live = v.containsKey("--live") ? Path.of(v.get("--live")) : dir.resolve("live.duckdb");
    if (Files.isDirectory(live)) {
      throw new IllegalArgumentException(
          "--live names a folder; give the DuckDB file, e.g. " + live.resolve("live.duckdb"));
    }
    for (Path other : new Path[] {warehouse, appDb}) {
      if (live.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("--live must differ from --warehouse and --app-db");
      }
    }
    Path init =
        v.containsKey("--init-admin-password-file")
            ? Path.of(v.get("--init-admin-password-file"))
            : null;
    io.kefu.dashboard.report.ReportSettings reportSettings;
    try {
      reportSettings =
          v.containsKey("--report-config")
              ? io.kefu.dashboard.report.ReportSettings.load(Path.of(v.get("--report-config")))
              : io.kefu.dashboard.report.ReportSettings.defaults();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return new Options(
        warehouse,
        appDb,
        port,
        v.getOrDefault("--bind", "127.0.0.1"),
        secure,
        Duration.ofMinutes(idle),
        zone,
        init,
        v.getOrDefault("--init-admin-username", "admin"),
        reportSettings,
        config,
        live);
  }

  private static int intOption(Map<String, String> v, String key, int dflt, int min, int max) {
    if (!v.containsKey(key)) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.get(key).trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + " must be a whole number from " + min + " to " + max + ", not '" + v.get(key) + "'");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
  }
}
