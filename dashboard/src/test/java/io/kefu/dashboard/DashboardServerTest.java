package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server on a random port, driven over HTTP as a browser would. */
class DashboardServerTest {

  static final String PASSWORD = TestServer.PASSWORD;
  static final String XSS =
      "{\"text\":\"<script>alert('xss')</script><img src=x onerror=alert(1)>\"";

  @TempDir static Path shared;
  static Path staff;

  @TempDir Path dir;
  TestServer server;

  @BeforeAll
  static void writeStaff() {
    staff = shared.resolve("staff.duckdb");
    TestServer.writeStaff(staff);
  }

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(dir).startWithStaffFrom(staff);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String location(HttpResponse<?> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  // ---- signing in ------------------------------------------------------------------------

  @Test
  void shouldSignInAndGoWhereTheUserWasHeaded() throws Exception {
    Browser b = new Browser(server);
    HttpResponse<String> bounced = b.get("/admin/users");
    assertEquals(303, bounced.statusCode());
    assertEquals("/login?next=%2Fadmin%2Fusers", location(bounced));

    String loginPage = b.get(location(bounced)).body();
    HttpResponse<String> r =
        b.post(
            "/login",
            "_csrf",
            Browser.csrfOf(loginPage),
            "username",
            "boss",
            "password",
            PASSWORD,
            "next",
            "/admin/users");
    assertEquals(303, r.statusCode());
    assertEquals("/admin/users", location(r));
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.startsWith("kefu_session="), cookie);
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);

    HttpResponse<String> users = b.get("/admin/users");
    assertEquals(200, users.statusCode());
    assertTrue(users.body().contains("xiaomei"));
    assertTrue(users.body().contains("a-xiaomei"));
    assertEquals(404, b.get("/admin/users/999").statusCode());
    assertEquals(404, b.get("/admin/users/abc").statusCode());
    assertEquals(404, b.get("/no-such-page").statusCode());
  }

  @Test
  void shouldRefuseAWrongPasswordWithoutSayingWhichPartWasWrong() throws Exception {
    Browser b = new Browser(server);
    HttpResponse<String> wrong = b.login("boss", "not the password");
    HttpResponse<String> unknown = b.login("nobody", "not the password");
    assertEquals(401, wrong.statusCode());
    assertEquals(401, unknown.statusCode());
    assertTrue(wrong.body().contains("用户名或密码错误"));
    assertTrue(unknown.body().contains("用户名或密码错误"));
    assertEquals(303, b.get("/").statusCode(), "still not signed in");
  }

  @Test
  void shouldLockOutAfterRepeatedFailures() throws Exception {
    Browser b = new Browser(server);
    for (int i = 1; i <= 4; i++) {
      assertEquals(401, b.login("wang", "guess number " + i).statusCode());
    }
    assertEquals(429, b.login("wang", "guess number 5").statusCode());
    HttpResponse<String> right = b.login("wang", PASSWORD);
    assertEquals(429, right.statusCode(), "locked: even the right password is refused");
    assertTrue(right.body().contains("锁定"));
    assertEquals(1, server.repo().auditCount(AuditEntry.LOGIN_LOCKED));
    assertEquals(5, server.repo().auditCount(AuditEntry.LOGIN_FAILED));
    assertEquals(303, new Browser(server).login("boss", PASSWORD).statusCode(), "others may");
  }

  @Test
  void shouldNeverRedirectOffSiteAfterSignIn() throws Exception {
    Browser b = new Browser(server);
    HttpResponse<String> r =
        b.submit(
            "/login",
            "/login",
            "username",
            "boss",
            "password",
            PASSWORD,
            "next",
            "//evil.example/phish");
    assertEquals(303, r.statusCode());
    assertEquals("/", location(r));
  }

  @Test
  void shouldSignOutWithAPostOnly() throws Exception {
    Browser b = new Browser(server);
    b.login("zhao", PASSWORD);
    assertEquals(200, b.get("/logout").statusCode(), "GET only asks");
    assertEquals(200, b.get("/").statusCode());
    HttpResponse<String> out = b.submit("/", "/logout");
    assertEquals(303, out.statusCode());
    assertEquals(303, b.get("/").statusCode());
    assertEquals(1, server.repo().auditCount(AuditEntry.LOGOUT));
  }

  // ---- refusals --------------------------------------------------------------------------

  @Test
  void shouldRedirectPagesAndRefuseApiWhenNotSignedIn() throws Exception {
    Browser b = new Browser(server);
    for (String page : List.of("/", "/health", "/admin/audit", "/account", "/no-such-page")) {
      HttpResponse<String> r = b.get(page);
      assertEquals(303, r.statusCode(), page);
      assertTrue(location(r).startsWith("/login"), page);
    }
    HttpResponse<String> api = b.get("/api/me");
    assertEquals(401, api.statusCode());
    assertTrue(api.body().contains("not signed in"));
    assertEquals(200, b.get("/login").statusCode());
    assertEquals(200, b.get("/static/kefu.css").statusCode());
    HttpResponse<String> post = b.post("/admin/users", "username", "mallory");
    assertEquals(303, post.statusCode());
    assertEquals(4, server.repo().countUsers());
  }

  @Test
  void shouldRejectAFormPostWithoutTheCsrfToken() throws Exception {
    Browser b = new Browser(server);
    b.login("boss", PASSWORD);
    HttpResponse<String> none =
        b.post("/admin/users", "username", "mallory", "role", "admin", "password", PASSWORD);
    assertEquals(403, none.statusCode());
    assertTrue(none.body().contains("表单已过期"));
    HttpResponse<String> forged =
        b.post(
            "/admin/users",
            "_csrf",
            Tokens.random256(),
            "username",
            "mallory",
            "role",
            "admin",
            "password",
            PASSWORD);
    assertEquals(403, forged.statusCode());
    assertEquals(4, server.repo().countUsers());

    // The same form with the page's token goes through.
    HttpResponse<String> real =
        b.submit(
            "/admin/users",
            "/admin/users",
            "username",
            "li",
            "role",
            "reviewer",
            "agent_id",
            "",
            "password",
            PASSWORD);
    assertEquals(303, real.statusCode());
    assertEquals(5, server.repo().countUsers());
  }

  @Test
  void shouldRejectASignInPostedFromElsewhere() throws Exception {
    Browser b = new Browser(server);
    HttpResponse<String> r = b.post("/login", "username", "boss", "password", PASSWORD);
    assertEquals(403, r.statusCode(), "login CSRF: no token from our form");
    assertTrue(b.get("/").statusCode() == 303);
  }

  @Test
  void shouldKeepEachRoleToItsPages() throws Exception {
    Browser reviewer = new Browser(server);
    reviewer.login("zhao", PASSWORD);
    assertEquals(403, reviewer.get("/admin/users").statusCode());
    assertEquals(403, reviewer.get("/admin/audit").statusCode());
    assertEquals(403, reviewer.get("/health").statusCode());
    assertEquals(200, reviewer.get("/account").statusCode());
    String home = reviewer.get("/").body();
    assertFalse(home.contains("href=\"/admin/users\""), "no link to what the role cannot open");

    Browser manager = new Browser(server);
    manager.login("wang", PASSWORD);
    assertEquals(200, manager.get("/health").statusCode());
    assertEquals(403, manager.get("/admin/users").statusCode());
    HttpResponse<String> forbiddenPost =
        manager.submit("/", "/admin/users", "username", "x", "role", "admin");
    assertEquals(403, forbiddenPost.statusCode());

    Browser agent = new Browser(server);
    agent.login("xiaomei", PASSWORD);
    String agentHome = agent.get("/").body();
    assertTrue(agentHome.contains("a-xiaomei"));
    assertFalse(agentHome.contains("href=\"/health\""));
    assertEquals(403, agent.get("/health").statusCode());
    HttpResponse<String> me = agent.get("/api/me");
    assertEquals(200, me.statusCode());
    assertTrue(me.body().contains("\"agentId\":\"a-xiaomei\""), me.body());
  }

  @Test
  void shouldSignOutADisabledUserAtOnce() throws Exception {
    Browser agent = new Browser(server);
    agent.login("xiaomei", PASSWORD);
    assertEquals(200, agent.get("/").statusCode());

    Browser admin = new Browser(server);
    admin.login("boss", PASSWORD);
    long id = server.repo().findByUsername("xiaomei").orElseThrow().user().id();
    HttpResponse<String> r =
        admin.submit(
            "/admin/users/" + id,
            "/admin/users/" + id,
            "role",
            "agent",
            "agent_id",
            "a-xiaomei",
            "disabled",
            "1");
    assertEquals(303, r.statusCode());
    assertEquals(303, agent.get("/").statusCode());
    assertEquals(401, agent.login("xiaomei", PASSWORD).statusCode());
    assertEquals(1, server.repo().auditCount(AuditEntry.USER_CHANGED));
  }

  // ---- storage ---------------------------------------------------------------------------

  @Test
  void shouldKeepTheSessionAcrossARestart() throws Exception {
    Browser b = new Browser(server);
    b.login("wang", PASSWORD);
    assertEquals(200, b.get("/").statusCode());
    server.restart();
    HttpResponse<String> after = b.get("/");
    assertEquals(200, after.statusCode(), "sessions live in app.duckdb");
    assertTrue(after.body().contains("wang"));
  }

  @Test
  void shouldShowEachPublishWithoutARestart() throws Exception {
    Browser b = new Browser(server);
    b.login("wang", PASSWORD);
    String before = b.get("/health").body();
    assertTrue(before.contains("尚未发布数据"), "no warehouse yet is a state, not an error");

    TestWarehouse.publish(server.warehouse, c -> version(c));
    assertTrue(b.get("/health").body().contains("数据仓库中还没有这些表"));

    TestWarehouse.publish(
        server.warehouse,
        c -> {
          TestWarehouse.ingestTables(c);
          TestWarehouse.run(c, "run-monday", 100, 2, 1);
          TestWarehouse.reject(
              c, "run-monday", "chat-events-2026-11-02.jsonl.gz", 7, "not_json", "{");
          TestWarehouse.reject(
              c, "run-monday", "chat-events-2026-11-02.jsonl.gz", 9, "bad_score", "{}");
        });
    String monday = b.get("/health").body();
    assertTrue(monday.contains("run-monday"));
    assertTrue(monday.contains("✓"), "100 + 2 + 1 lines accounted for");

    TestWarehouse.publish(
        server.warehouse,
        c -> {
          TestWarehouse.ingestTables(c);
          TestWarehouse.run(c, "run-tuesday", 50, 0, 0);
        });
    String tuesday = b.get("/health").body();
    assertTrue(tuesday.contains("run-tuesday"));
    assertFalse(tuesday.contains("run-monday"));
    assertTrue(tuesday.contains("没有拒绝任何行"));
  }

  @Test
  void shouldShowRejectsByReasonAndEscapeTheRawLines() throws Exception {
    TestWarehouse.publish(
        server.warehouse,
        c -> {
          TestWarehouse.ingestTables(c);
          TestWarehouse.run(c, "run-1", 10, 3, 0);
          TestWarehouse.reject(c, "run-1", "chat-events-2026-11-02.jsonl", 4, "not_json", XSS);
          TestWarehouse.reject(c, "run-1", "chat-events-2026-11-02.jsonl", 5, "not_json", "{]");
          TestWarehouse.reject(c, "run-1", "order-events-2026-11-02.jsonl", 8, "bad_amount", "{}");
        });
    Browser b = new Browser(server);
    b.login("wang", PASSWORD);
    HttpResponse<String> r = b.get("/health?run=run-1&reason=not_json");
    assertEquals(200, r.statusCode());
    String html = r.body();
    assertTrue(html.contains("bad_amount"));
    assertTrue(html.contains("66.7%"), "2 of 3 rejects are not_json");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;"), html);
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<img"));

    assertTrue(b.get("/health?run=no-such-run").body().contains("没有找到这次运行"));
  }

  // ---- the page frame --------------------------------------------------------------------

  @Test
  void shouldSendSecurityHeadersOnEveryResponse() throws Exception {
    Browser b = new Browser(server);
    for (String path : List.of("/login", "/", "/static/kefu.css")) {
      HttpResponse<String> r = b.get(path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("frame-ancestors 'none'"), path);
      assertTrue(csp.contains("script-src 'self'"), path);
      assertFalse(csp.contains("unsafe-inline"), path);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
    }
    assertEquals("no-store", b.get("/login").headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void shouldSwitchToEnglishAndRememberIt() throws Exception {
    Browser b = new Browser(server);
    assertTrue(b.get("/login").body().contains("<html lang=\"zh-CN\">"));
    HttpResponse<String> r = b.submit("/login", "/lang", "lang", "en", "back", "/login");
    assertEquals(303, r.statusCode());
    assertEquals("/login", location(r));
    String english = b.get("/login").body();
    assertTrue(english.contains("<html lang=\"en\">"));
    assertTrue(english.contains("Sign in"));
    b.login("boss", PASSWORD);
    assertTrue(b.get("/").body().contains("Hello, boss"));
  }

  @Test
  void shouldPageTheAuditLog() throws Exception {
    Browser b = new Browser(server);
    for (int i = 0; i < 3; i++) {
      b.login("boss", "wrong " + i);
    }
    b.login("boss", PASSWORD);
    String all = b.get("/admin/audit").body();
    assertTrue(all.contains("login_failed"));
    assertTrue(all.contains("user_created"));
    String failedOnly = b.get("/admin/audit?action=login_failed").body();
    assertTrue(failedOnly.contains("共 3 条"), failedOnly);
    assertEquals(200, b.get("/admin/audit?page=99").statusCode());
    assertEquals(200, b.get("/admin/audit?page=x'--").statusCode());
  }

  @Test
  void shouldChangeOwnPasswordFromTheAccountPage() throws Exception {
    Browser b = new Browser(server);
    b.login("zhao", PASSWORD);
    String newPassword = "a brand new passphrase";
    HttpResponse<String> bad =
        b.submit(
            "/account",
            "/account/password",
            "current",
            "wrong",
            "password",
            newPassword,
            "confirm",
            newPassword);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("当前密码不正确"));
    HttpResponse<String> ok =
        b.submit(
            "/account",
            "/account/password",
            "current",
            PASSWORD,
            "password",
            newPassword,
            "confirm",
            newPassword);
    assertEquals(303, ok.statusCode());
    assertEquals(401, new Browser(server).login("zhao", PASSWORD).statusCode());
    assertEquals(303, new Browser(server).login("zhao", newPassword).statusCode());
  }

  private static void version(java.sql.Connection c) throws java.sql.SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE agent_daily_kpi (agent_id VARCHAR)");
    }
  }
}
