package io.kefu.dashboard;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The real dashboard on a random port, with a warehouse path and an app.duckdb in a test folder,
 * and one user of each role (all with {@link #PASSWORD}).
 */
final class TestServer implements AutoCloseable {

  static final String PASSWORD = "correct horse battery staple";

  /** The real iteration count: the server tests sign in the way production does. */
  private static final PasswordHasher HASHER = new PasswordHasher();

  private static final Messages MESSAGES = new Messages();

  final Path appDb;
  final Path warehouse;
  final Path live;
  private DashboardApp app;
  private AppRepository repo;

  TestServer(Path dir) {
    this.appDb = dir.resolve("app.duckdb");
    this.warehouse = dir.resolve("kefu.duckdb");
    this.live = dir.resolve("live.duckdb");
  }

  TestServer start() {
    repo = new AppRepository(AppDb.open(appDb));
    app =
        new DashboardApp(
                repo,
                new WarehouseConnections(warehouse),
                new WarehouseRepository(),
                HASHER,
                MESSAGES,
                Clock.systemUTC(),
                new DashboardApp.Settings(
                    false,
                    ZoneId.of("Asia/Shanghai"),
                    Duration.ofMinutes(60),
                    io.kefu.core.config.KefuConfig.defaults(),
                    live))
            .start("127.0.0.1", 0);
    return this;
  }

  /**
   * Writes an app.duckdb with admin boss, manager wang, reviewer zhao and agent xiaomei
   * (a-xiaomei). Hashing four passwords at full strength takes a while, so tests copy one such file
   * rather than each making their own.
   */
  static void writeStaff(Path appDb) {
    try (AppDb db = AppDb.open(appDb)) {
      UserService users = new UserService(new AppRepository(db), HASHER, Clock.systemUTC());
      users.create(AuditEntry.SYSTEM, "boss", "admin", null, PASSWORD, "test");
      users.create(AuditEntry.SYSTEM, "wang", "manager", null, PASSWORD, "test");
      users.create(AuditEntry.SYSTEM, "zhao", "reviewer", null, PASSWORD, "test");
      users.create(AuditEntry.SYSTEM, "xiaomei", "agent", "a-xiaomei", PASSWORD, "test");
    }
  }

  /** Starts on a copy of an app.duckdb made by {@link #writeStaff}. */
  TestServer startWithStaffFrom(Path staffDb) throws IOException {
    Files.copy(staffDb, appDb);
    Path wal = staffDb.resolveSibling(staffDb.getFileName() + ".wal");
    if (Files.exists(wal)) {
      Files.copy(wal, appDb.resolveSibling(appDb.getFileName() + ".wal"));
    }
    return start();
  }

  AppRepository repo() {
    return repo;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + app.port());
  }

  /** Stops the process's server and databases and starts again on the same files. */
  void restart() {
    app.close();
    start();
  }

  @Override
  public void close() {
    if (app != null) {
      app.close();
      app = null;
    }
  }
}
