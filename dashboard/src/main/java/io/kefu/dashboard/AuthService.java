package io.kefu.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Is this the person they say they are, and are they still signed in? Sign-in with lock-out after
 * repeated failures, server-side sessions that end after idle time, sign-out, and changing one's
 * own password; every outcome that matters is written to the audit log.
 */
public final class AuthService {

  /** How a sign-in attempt ended. */
  public enum Outcome {
    OK,
    /** Wrong name or password, or a disabled account: the same answer, to reveal nothing. */
    FAILED,
    /** Too many failures for the name or the address: refused without checking the password. */
    LOCKED
  }

  /**
   * The answer to a sign-in.
   *
   * @param sessionId the new session's id, for the cookie (only on OK)
   */
  public record LoginResult(Outcome outcome, String sessionId, SignedIn signedIn) {}

  /** Writing {@code last_seen_at} on every request would make every page view a write. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final AppRepository repo;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Duration idleTimeout;
  private final Duration maxAge;

  /**
   * @param idleTimeout a session not used for this long is over
   * @param maxAge a session is over this long after sign-in, used or not
   */
  public AuthService(
      AppRepository repo,
      PasswordHasher hasher,
      Clock clock,
      Duration idleTimeout,
      Duration maxAge) {
    this.repo = repo;
    this.hasher = hasher;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxAge = maxAge;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public LoginResult login(String typedName, String password, String ip) {
    Instant now = clock.instant();
    String name = normalize(typedName);
    String nameKey = "user:" + name;
    String ipKey = "ip:" + ip;
    if (LoginThrottle.PER_USERNAME.isLocked(repo.throttleState(nameKey).orElse(null), now)
        || LoginThrottle.PER_ADDRESS.isLocked(repo.throttleState(ipKey).orElse(null), now)) {
      repo.audit(now, name, AuditEntry.LOGIN_LOCKED, name, ip, "refused while locked");
      return new LoginResult(Outcome.LOCKED, null, null);
    }

    Optional<AppRepository.StoredUser> stored =
        name.isEmpty() ? Optional.empty() : repo.findByUsername(name);
    String why;
    if (stored.isEmpty()) {
      hasher.verifyNobody(password);
      why = "unknown user";
    } else if (!hasher.verify(password, stored.get().passwordHash())) {
      why = "wrong password";
    } else if (stored.get().user().disabled()) {
      why = "account disabled";
    } else {
      return signIn(stored.get(), password, ip, now);
    }

    LoginThrottle.State nameState = repo.recordFailure(nameKey, LoginThrottle.PER_USERNAME, now);
    LoginThrottle.State ipState = repo.recordFailure(ipKey, LoginThrottle.PER_ADDRESS, now);
    repo.audit(now, name, AuditEntry.LOGIN_FAILED, name, ip, why);
    boolean lockedNow =
        LoginThrottle.PER_USERNAME.isLocked(nameState, now)
            || LoginThrottle.PER_ADDRESS.isLocked(ipState, now);
    return new LoginResult(lockedNow ? Outcome.LOCKED : Outcome.FAILED, null, null);
  }

  private LoginResult signIn(
      AppRepository.StoredUser stored, String password, String ip, Instant now) {
    User u = stored.user();
    repo.clearThrottle("user:" + normalize(u.username()));
    if (hasher.needsRehash(stored.passwordHash())) {
      repo.setPasswordHash(u.id(), hasher.hash(password), now);
    }
    repo.recordLogin(u.id(), now);
    repo.deleteExpiredSessions(now.minus(idleTimeout), now.minus(maxAge));
    // A fresh id at every sign-in: a session id planted before sign-in is worth nothing.
    String sessionId = Tokens.random256();
    String csrf = Tokens.random256();
    String hash = Tokens.sha256Hex(sessionId);
    repo.createSession(new AppRepository.SessionRow(hash, u.id(), csrf, now, now), ip);
    repo.audit(now, u.username(), AuditEntry.LOGIN, u.username(), ip, u.role().wire());
    return new LoginResult(Outcome.OK, sessionId, new SignedIn(u, hash, csrf));
  }

  /**
   * The person a session cookie belongs to, if the session exists, is neither idle too long nor too
   * old, and its user still exists and is enabled. Roles are read fresh on every request, so a role
   * change takes effect at once.
   */
  public Optional<SignedIn> resume(String sessionId) {
    if (!Tokens.wellFormed(sessionId)) {
      return Optional.empty();
    }
    String hash = Tokens.sha256Hex(sessionId);
    Optional<AppRepository.SessionRow> row = repo.findSession(hash);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    AppRepository.SessionRow s = row.get();
    Instant now = clock.instant();
    if (!now.isBefore(s.lastSeenAt().plus(idleTimeout))
        || !now.isBefore(s.createdAt().plus(maxAge))) {
      repo.deleteSession(hash);
      return Optional.empty();
    }
    Optional<User> user = repo.findUser(s.userId());
    if (user.isEmpty() || user.get().disabled()) {
      repo.deleteSession(hash);
      return Optional.empty();
    }
    if (!now.isBefore(s.lastSeenAt().plus(TOUCH_EVERY))) {
      repo.touchSession(hash, now);
    }
    return Optional.of(new SignedIn(user.get(), hash, s.csrfToken()));
  }

  public void logout(SignedIn s, String ip) {
    repo.deleteSession(s.sessionHash());
    repo.audit(
        clock.instant(), s.user().username(), AuditEntry.LOGOUT, s.user().username(), ip, null);
  }

  /**
   * Changes the signed-in person's own password. Other sessions of theirs end (whoever else might
   * be using the old password is signed out); this one stays.
   */
  public void changePassword(
      SignedIn s, String current, String newPassword, String confirm, String ip) {
    Instant now = clock.instant();
    User u = s.user();
    String nameKey = "user:" + normalize(u.username());
    if (LoginThrottle.PER_USERNAME.isLocked(repo.throttleState(nameKey).orElse(null), now)) {
      throw new InputProblem("login.locked");
    }
    AppRepository.StoredUser stored =
        repo.findStoredUser(u.id()).orElseThrow(() -> new InputProblem("account.gone"));
    if (!hasher.verify(current, stored.passwordHash())) {
      // A stolen session must not become a way to guess the password without limit.
      repo.recordFailure(nameKey, LoginThrottle.PER_USERNAME, now);
      throw new InputProblem("account.current_wrong");
    }
    if (newPassword == null || !newPassword.equals(confirm)) {
      throw new InputProblem("password.mismatch");
    }
    PasswordHasher.policyProblem(newPassword, u.username())
        .ifPresent(
            k -> {
              throw new InputProblem(k, PasswordHasher.MIN_LENGTH);
            });
    if (newPassword.equals(current)) {
      throw new InputProblem("password.unchanged");
    }
    repo.setPasswordHash(u.id(), hasher.hash(newPassword), now);
    int ended = repo.deleteSessionsOfUser(u.id(), s.sessionHash());
    repo.audit(
        now,
        u.username(),
        AuditEntry.PASSWORD_CHANGED,
        u.username(),
        ip,
        ended == 0 ? null : ended + " other session(s) ended");
  }

  /** Usernames are compared and stored trimmed and lower-case. */
  public static String normalize(String username) {
    if (username == null) {
      return "";
    }
    String n = username.trim().toLowerCase(Locale.ROOT);
    return n.length() > 64 ? n.substring(0, 64) : n;
  }
}
