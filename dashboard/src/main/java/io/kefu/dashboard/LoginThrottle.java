package io.kefu.dashboard;

import java.time.Duration;
import java.time.Instant;

/**
 * After how many wrong passwords does a name (or an address) stop being allowed to try, and for how
 * long? Guessing a password online must be slow enough not to pay.
 *
 * <p>A pure policy over {@link State}; the state is kept in {@code app.duckdb}, so a restart does
 * not reset a lock. It is keyed by the name typed, whether or not such a user exists, so the
 * lock-out cannot be used to find out which names exist.
 */
public final class LoginThrottle {

  /**
   * Failures counted since {@code windowStart}; {@code lockedUntil} null when not locked.
   *
   * @param failures wrong attempts in the current window
   */
  public record State(int failures, Instant windowStart, Instant lockedUntil) {}

  /** 5 wrong passwords for one name within 15 minutes lock that name for 15 minutes. */
  public static final LoginThrottle PER_USERNAME =
      new LoginThrottle(5, Duration.ofMinutes(15), Duration.ofMinutes(15));

  /**
   * 30 wrong passwords from one address within 15 minutes lock that address: slows trying one
   * common password against many names.
   */
  public static final LoginThrottle PER_ADDRESS =
      new LoginThrottle(30, Duration.ofMinutes(15), Duration.ofMinutes(15));

  private final int maxFailures;
  private final Duration window;
  private final Duration lockout;

  public LoginThrottle(int maxFailures, Duration window, Duration lockout) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.lockout = lockout;
  }

  public int maxFailures() {
    return maxFailures;
  }

  /** Whether the state (null: never failed) forbids trying at {@code now}. */
  public boolean isLocked(State s, Instant now) {
    return s != null && s.lockedUntil() != null && now.isBefore(s.lockedUntil());
  }

  /** The state after one more wrong attempt at {@code now}. */
  public State afterFailure(State s, Instant now) {
    boolean fresh =
        s == null
            || s.windowStart() == null
            || !now.isBefore(s.windowStart().plus(window))
            || (s.lockedUntil() != null && !now.isBefore(s.lockedUntil()));
    int failures = fresh ? 1 : s.failures() + 1;
    Instant start = fresh ? now : s.windowStart();
    Instant lockedUntil = failures >= maxFailures ? now.plus(lockout) : null;
    return new State(failures, start, lockedUntil);
  }
}
