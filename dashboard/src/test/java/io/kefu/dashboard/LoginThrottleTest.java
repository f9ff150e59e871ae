package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  static final Instant NINE = Instant.parse("2026-11-02T01:00:00Z");
  static final LoginThrottle THREE_STRIKES =
      new LoginThrottle(3, Duration.ofMinutes(15), Duration.ofMinutes(10));

  @Test
  void shouldLockAfterTheLastAllowedFailureUntilTheLockoutEnds() {
    LoginThrottle.State s = null;
    for (int i = 0; i < 2; i++) {
      s = THREE_STRIKES.afterFailure(s, NINE.plusSeconds(i));
      assertFalse(THREE_STRIKES.isLocked(s, NINE.plusSeconds(i)));
    }
    s = THREE_STRIKES.afterFailure(s, NINE.plusSeconds(2));
    assertTrue(THREE_STRIKES.isLocked(s, NINE.plusSeconds(3)));
    assertTrue(THREE_STRIKES.isLocked(s, NINE.plusSeconds(2).plus(Duration.ofMinutes(9))));
    assertFalse(THREE_STRIKES.isLocked(s, NINE.plusSeconds(2).plus(Duration.ofMinutes(10))));
  }

  @Test
  void shouldForgetFailuresOutsideTheWindow() {
    LoginThrottle.State s = THREE_STRIKES.afterFailure(null, NINE);
    s = THREE_STRIKES.afterFailure(s, NINE.plus(Duration.ofMinutes(1)));
    s = THREE_STRIKES.afterFailure(s, NINE.plus(Duration.ofMinutes(16)));
    assertEquals(1, s.failures());
    assertFalse(THREE_STRIKES.isLocked(s, NINE.plus(Duration.ofMinutes(16))));
  }

  @Test
  void shouldStartAfreshAfterALockoutEnds() {
    LoginThrottle.State s = null;
    for (int i = 0; i < 3; i++) {
      s = THREE_STRIKES.afterFailure(s, NINE);
    }
    Instant later = NINE.plus(Duration.ofMinutes(11));
    s = THREE_STRIKES.afterFailure(s, later);
    assertEquals(1, s.failures());
    assertFalse(THREE_STRIKES.isLocked(s, later));
  }

  @Test
  void shouldNeverLockANameThatNeverFailed() {
    assertFalse(LoginThrottle.PER_USERNAME.isLocked(null, NINE));
    assertEquals(5, LoginThrottle.PER_USERNAME.maxFailures());
  }
}
