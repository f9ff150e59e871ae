package io.kefu.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.dashboard.AppDb;
import io.kefu.dashboard.AppRepository;
import io.kefu.dashboard.AuditEntry;
import io.kefu.dashboard.DashboardApp;
import io.kefu.dashboard.Messages;
import io.kefu.dashboard.PasswordHasher;
import io.kefu.dashboard.UserService;
import io.kefu.dashboard.WarehouseConnections;
import io.kefu.dashboard.WarehouseRepository;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real dashboard on a random port: the reports of every finished week are made without being
 * asked (and not again until a new batch run), and each person downloads only what is theirs.
 */
class ReportServerTest {

  static final String PASSWORD = "correct horse battery";

  @TempDir static Path dir;
  static DashboardApp app;
  static List<IsoWeek> firstCheck;
  static List<IsoWeek> secondCheck;

  @BeforeAll
  static void start() throws Exception {
    Path wh = new ReportFixture(7).write(dir.resolve("kefu.duckdb"));
    ReportGenerator gen =
        new ReportGenerator(
            ReportSettings.defaults(),
            ReviewedScores.NONE,
            ZoneId.of("Asia/Shanghai"),
            Clock.fixed(ReportFiguresTest.NOW, ZoneOffset.UTC),
            false);
    try (WarehouseConnections w = new WarehouseConnections(wh)) {
      ReportScheduler s = new ReportScheduler(w, gen, ReportScheduler.defaultDir(wh));
      firstCheck = s.check();
      secondCheck = s.check();
      s.close();
    }
    AppDb db = AppDb.open(dir.resolve("app.duckdb"));
    AppRepository repo = new AppRepository(db);
    PasswordHasher hasher = new PasswordHasher();
    UserService users = new UserService(repo, hasher, Clock.systemUTC());
    users.create(AuditEntry.SYSTEM, "boss", "manager", null, PASSWORD, "local");
    users.create(AuditEntry.SYSTEM, "mei", "agent", "a-mei", PASSWORD, "local");
    app =
        new DashboardApp(
                repo,
                new WarehouseConnections(wh),
                new WarehouseRepository(),
                hasher,
                new Messages(),
                Clock.systemUTC(),
                new DashboardApp.Settings(false, ZoneId.of("Asia/Shanghai"), Duration.ofHours(1)))
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void finishedWeeksAreMadeOncePerBatchRun() {
    assertEquals(
        List.of(IsoWeek.parse("2026-W44"), IsoWeek.parse("2026-W45"), IsoWeek.parse("2026-W46")),
        firstCheck);
    assertEquals(List.of(), secondCheck, "the same run: nothing to redo");
  }

  @Test
  void anAgentDownloadsOnlyTheirOwnReport() throws Exception {
    Client mei = new Client().login("mei");
    String list = mei.get("/reports").body();
    assertTrue(list.contains("/reports/2026-W46/agent-a-mei.pdf"), list);
    assertFalse(list.contains("agent-a-jie"), "a colleague's report is not listed");
    assertFalse(list.contains("shop.html"), "nor the shop's");
    HttpResponse<String> own = mei.get("/reports/2026-W46/agent-a-mei.pdf");
    assertEquals(200, own.statusCode());
    assertEquals("application/pdf", own.headers().firstValue("Content-Type").orElse(""));
    assertEquals(403, mei.get("/reports/2026-W46/agent-a-jie.pdf").statusCode());
    assertEquals(403, mei.get("/reports/2026-W46/agent-a-jie.html").statusCode());
    assertEquals(403, mei.get("/reports/2026-W46/shop.html").statusCode());
    assertEquals(403, mei.get("/reports/2026-W46/" + enc("team-售前一组.pdf")).statusCode());
  }

  @Test
  void aManagerOpensEveryReportAndNothingElse() throws Exception {
    Client boss = new Client().login("boss");
    HttpResponse<String> shop = boss.get("/reports/2026-W46/shop.html");
    assertEquals(200, shop.statusCode());
    assertTrue(shop.body().contains("客服周报"));
    assertTrue(
        shop.headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .startsWith("default-src 'none'"));
    assertEquals(200, boss.get("/reports/2026-W46/" + enc("team-售前一组.pdf")).statusCode());
    assertEquals(404, boss.get("/reports/2026-W46/manifest.json").statusCode());
    assertEquals(404, boss.get("/reports/2026-W46/..%2Fkefu.duckdb").statusCode());
    assertEquals(404, boss.get("/reports/2026-W47/shop.html").statusCode());
    assertEquals(404, boss.get("/reports/nonsense/shop.html").statusCode());
  }

  @Test
  void strangersAreSentToSignIn() throws Exception {
    HttpResponse<String> r = new Client().get("/reports/2026-W46/shop.pdf");
    assertEquals(303, r.statusCode());
    assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A browser: cookies kept, redirects not followed. */
  static final class Client {
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    Client login(String user) throws Exception {
      Matcher m =
          Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/login").body());
      assertTrue(m.find());
      String form =
          "_csrf=" + enc(m.group(1)) + "&username=" + enc(user) + "&password=" + enc(PASSWORD);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(303, r.statusCode(), r.body());
      return this;
    }
  }
}
