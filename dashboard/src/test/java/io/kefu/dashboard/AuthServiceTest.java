package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, sessions and user rules against a real app.duckdb, with a clock the test moves. */
class AuthServiceTest {

  static final String PASSWORD = "correct horse battery staple";
  static final String IP = "10.0.0.7";

  @TempDir Path dir;
  MutableClock clock;
  AppDb db;
  AppRepository repo;
  AuthService auth;
  UserService users;
  User admin;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(MutableClock.MONDAY_9AM);
    db = AppDb.open(dir.resolve("app.duckdb"));
    repo = new AppRepository(db);
    // Few iterations keep these tests fast; the server tests use the real count.
    PasswordHasher hasher = new PasswordHasher(1_000);
    auth = new AuthService(repo, hasher, clock, Duration.ofMinutes(60), Duration.ofHours(12));
    users = new UserService(repo, hasher, clock);
    admin = users.create(AuditEntry.SYSTEM, "boss", "admin", null, PASSWORD, IP);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void shouldSignInAndResumeTheSession() {
    AuthService.LoginResult r = auth.login(" Boss ", PASSWORD, IP);
    assertEquals(AuthService.Outcome.OK, r.outcome());
    assertTrue(Tokens.wellFormed(r.sessionId()));
    SignedIn s = auth.resume(r.sessionId()).orElseThrow();
    assertEquals("boss", s.user().username());
    assertNotEquals(r.sessionId(), s.sessionHash(), "only the hash is stored");
    assertEquals(r.signedIn().csrfToken(), s.csrfToken());
    assertTrue(auth.resume(Tokens.random256()).isEmpty());
    assertTrue(auth.resume("not a token").isEmpty());
  }

  @Test
  void shouldEndASessionAfterIdleTimeButNotWhileUsed() {
    String id = auth.login("boss", PASSWORD, IP).sessionId();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(50));
      assertTrue(auth.resume(id).isPresent(), "used every 50 minutes: still signed in");
    }
    clock.advance(Duration.ofMinutes(61));
    assertTrue(auth.resume(id).isEmpty());
    assertTrue(auth.resume(id).isEmpty(), "and it is gone for good");
  }

  @Test
  void shouldEndASessionAtItsMaximumAgeHoweverBusy() {
    String id = auth.login("boss", PASSWORD, IP).sessionId();
    for (int i = 0; i < 23; i++) {
      clock.advance(Duration.ofMinutes(30));
      assertTrue(auth.resume(id).isPresent());
    }
    clock.advance(Duration.ofMinutes(31));
    assertTrue(auth.resume(id).isEmpty());
  }

  @Test
  void shouldLockANameAfterFiveFailuresEvenForTheRightPassword() {
    for (int i = 0; i < 4; i++) {
      assertEquals(AuthService.Outcome.FAILED, auth.login("boss", "guess " + i, IP).outcome());
    }
    assertEquals(AuthService.Outcome.LOCKED, auth.login("boss", "guess 5", IP).outcome());
    assertEquals(AuthService.Outcome.LOCKED, auth.login("boss", PASSWORD, IP).outcome());
    clock.advance(Duration.ofMinutes(16));
    assertEquals(AuthService.Outcome.OK, auth.login("boss", PASSWORD, IP).outcome());
  }

  @Test
  void shouldLockUnknownNamesAlikeSoLockoutRevealsNoNames() {
    for (int i = 0; i < 5; i++) {
      auth.login("nobody", "guess " + i, IP);
    }
    assertEquals(AuthService.Outcome.LOCKED, auth.login("nobody", "guess", IP).outcome());
  }

  @Test
  void shouldAuditSignInsAndFailures() {
    auth.login("boss", "wrong password", IP);
    auth.login("boss", PASSWORD, IP);
    List<AuditEntry> log = repo.auditPage(null, 0, 10);
    assertEquals(AuditEntry.LOGIN, log.get(0).action());
    assertEquals(IP, log.get(0).ip());
    assertEquals(AuditEntry.LOGIN_FAILED, log.get(1).action());
    assertEquals("wrong password", log.get(1).detail());
    assertEquals(AuditEntry.USER_CREATED, log.get(2).action());
    assertEquals(1, repo.auditCount(AuditEntry.LOGIN_FAILED));
  }

  @Test
  void shouldRefuseADisabledUserAndEndTheirSessions() {
    User li = users.create("boss", "li", "agent", "a-xiaomei", PASSWORD, IP);
    String id = auth.login("li", PASSWORD, IP).sessionId();
    users.update(admin, li.id(), "agent", "a-xiaomei", true, IP);
    assertTrue(auth.resume(id).isEmpty());
    assertEquals(AuthService.Outcome.FAILED, auth.login("li", PASSWORD, IP).outcome());
  }

  @Test
  void shouldChangeOwnPasswordAndEndOtherSessionsOnly() {
    String phone = auth.login("boss", PASSWORD, IP).sessionId();
    AuthService.LoginResult desk = auth.login("boss", PASSWORD, IP);
    String newPassword = "another long passphrase";
    InputProblem wrong =
        assertThrows(
            InputProblem.class,
            () -> auth.changePassword(desk.signedIn(), "nope", newPassword, newPassword, IP));
    assertEquals("account.current_wrong", wrong.key());
    assertEquals(
        "password.mismatch",
        assertThrows(
                InputProblem.class,
                () -> auth.changePassword(desk.signedIn(), PASSWORD, newPassword, "x", IP))
            .key());
    auth.changePassword(desk.signedIn(), PASSWORD, newPassword, newPassword, IP);
    assertTrue(auth.resume(desk.sessionId()).isPresent());
    assertTrue(auth.resume(phone).isEmpty());
    assertEquals(AuthService.Outcome.OK, auth.login("boss", newPassword, IP).outcome());
  }

  @Test
  void shouldKeepUserRulesAndAuditChanges() {
    assertEquals(
        "users.exists",
        assertThrows(
                InputProblem.class,
                () -> users.create("boss", "BOSS", "manager", null, PASSWORD, IP))
            .key());
    assertEquals(
        "users.bad_username",
        assertThrows(
                InputProblem.class,
                () ->
                    users.create("boss", "x'; DROP TABLE app_user; --", "agent", "", PASSWORD, IP))
            .key());
    assertEquals(
        "users.agent_only_for_agents",
        assertThrows(
                InputProblem.class,
                () -> users.create("boss", "wang", "manager", "a-xiaomei", PASSWORD, IP))
            .key());
    assertEquals(
        "users.not_yourself",
        assertThrows(
                InputProblem.class, () -> users.update(admin, admin.id(), "manager", "", false, IP))
            .key());
    User newbie = users.create("boss", "newbie", "agent", "", PASSWORD, IP);
    assertEquals(null, newbie.agentId(), "an agent may be linked later");
    User linked = users.update(admin, newbie.id(), "agent", "a-xiaoxue", false, IP);
    assertEquals("a-xiaoxue", linked.agentId());
    AuditEntry last = repo.auditPage(AuditEntry.USER_CHANGED, 0, 1).get(0);
    assertEquals("boss", last.actor());
    assertEquals("newbie", last.target());
    assertEquals("agent_id null -> a-xiaoxue", last.detail());
  }

  @Test
  void shouldKeepEverythingAcrossAReopen() {
    String id = auth.login("boss", PASSWORD, IP).sessionId();
    db.close();
    db = AppDb.open(dir.resolve("app.duckdb"));
    repo = new AppRepository(db);
    auth =
        new AuthService(
            repo, new PasswordHasher(1_000), clock, Duration.ofMinutes(60), Duration.ofHours(12));
    assertNotNull(auth.resume(id).orElse(null));
    assertEquals(1, repo.countUsers());
  }
}
