package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private static final PasswordHasher HASHER = new PasswordHasher();
  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void shouldVerifyTheRightPasswordOnly() {
    String stored = HASHER.hash(PASSWORD);
    assertTrue(HASHER.verify(PASSWORD, stored));
    assertFalse(HASHER.verify("correct horse battery stapl", stored));
    assertFalse(HASHER.verify("", stored));
    assertFalse(HASHER.verify(null, stored));
  }

  @Test
  void shouldUseAtLeastOwaspIterationsAndARandomSaltPerHash() {
    String a = HASHER.hash(PASSWORD);
    String b = HASHER.hash(PASSWORD);
    String[] parts = a.split("\\$");
    assertEquals("pbkdf2-sha256", parts[0]);
    assertTrue(Integer.parseInt(parts[1]) >= 210_000, a);
    assertNotEquals(a, b, "same password, different salt, different hash");
    assertNotEquals(parts[2], b.split("\\$")[2]);
    assertFalse(a.contains(PASSWORD));
  }

  @Test
  void shouldNeverMatchAMalformedOrTamperedHash() {
    String stored = HASHER.hash(PASSWORD);
    String[] p = stored.split("\\$");
    String flipped = p[3].charAt(0) == 'A' ? "B" + p[3].substring(1) : "A" + p[3].substring(1);
    assertFalse(HASHER.verify(PASSWORD, p[0] + "$" + p[1] + "$" + p[2] + "$" + flipped));
    assertFalse(HASHER.verify(PASSWORD, "md5$" + p[1] + "$" + p[2] + "$" + p[3]));
    assertFalse(HASHER.verify(PASSWORD, "pbkdf2-sha256$x$y$z"));
    assertFalse(HASHER.verify(PASSWORD, "pbkdf2-sha256$0$" + p[2] + "$" + p[3]));
    assertFalse(HASHER.verify(PASSWORD, ""));
    assertFalse(HASHER.verify(PASSWORD, null));
  }

  @Test
  void shouldAskForRehashOfWeakerHashes() {
    PasswordHasher weak = new PasswordHasher(1_000);
    String old = weak.hash(PASSWORD);
    assertTrue(HASHER.verify(PASSWORD, old), "old hashes stay verifiable");
    assertTrue(HASHER.needsRehash(old));
    assertFalse(HASHER.needsRehash(HASHER.hash(PASSWORD)));
  }

  @Test
  void shouldRejectShortLongAndUsernamePasswords() {
    assertEquals(Optional.of("password.too_short"), PasswordHasher.policyProblem("short", "li"));
    assertEquals(Optional.of("password.too_short"), PasswordHasher.policyProblem(null, "li"));
    assertEquals(
        Optional.of("password.too_long"), PasswordHasher.policyProblem("x".repeat(129), "li"));
    assertEquals(
        Optional.of("password.is_username"),
        PasswordHasher.policyProblem("Manager-Wang", "manager-wang"));
    assertEquals(Optional.empty(), PasswordHasher.policyProblem("十个汉字的密码也可以用", "li"));
    assertEquals(Optional.empty(), PasswordHasher.policyProblem(PASSWORD, "li"));
  }
}
