package io.kefu.dashboard;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Stores passwords so that a stolen {@code app.duckdb} does not give them away: PBKDF2 with
 * HMAC-SHA256 from the JDK, 210,000 iterations (OWASP's 2023 figure), a random 16-byte salt per
 * user, a 256-bit key, compared in constant time.
 *
 * <p>Stored form: {@code pbkdf2-sha256$<iterations>$<salt b64>$<key b64>}. The iteration count is
 * stored, so raising it later leaves old hashes verifiable; {@link #needsRehash} tells the login to
 * re-hash them.
 */
public final class PasswordHasher {

  /** The iteration count for new hashes; OWASP's minimum for PBKDF2-HMAC-SHA256. */
  public static final int ITERATIONS = 210_000;

  public static final int MIN_LENGTH = 10;

  /** PBKDF2 cost grows with the password; a cap keeps one login from tying up a CPU. */
  public static final int MAX_LENGTH = 128;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;

  private final SecureRandom random = new SecureRandom();
  private final int iterations;

  /** Verifying against this for unknown users makes them take as long as known ones. */
  private final String dummyHash;

  public PasswordHasher() {
    this(ITERATIONS);
  }

  PasswordHasher(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
    this.dummyHash = hash("not a password of anyone " + Tokens.random256());
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(key);
  }

  /** True only when the password matches; a malformed stored hash never matches. */
  public boolean verify(String password, String stored) {
    if (password == null || stored == null || password.length() > MAX_LENGTH) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    try {
      int n = Integer.parseInt(parts[1]);
      if (n < 1 || n > 10_000_000) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      byte[] actual = derive(password, salt, n);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the time of one verification, for a user that does not exist. */
  public void verifyNobody(String password) {
    verify(password == null ? "" : password, dummyHash);
  }

  /** Whether a stored hash was made with fewer iterations than new ones get. */
  public boolean needsRehash(String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4) {
      return true;
    }
    try {
      return Integer.parseInt(parts[1]) < iterations;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * What is wrong with a new password, as a message key, or empty when it is acceptable. Length is
   * what matters most; composition rules mostly produce {@code Password1!}.
   */
  public static Optional<String> policyProblem(String password, String username) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      return Optional.of("password.too_short");
    }
    if (password.length() > MAX_LENGTH) {
      return Optional.of("password.too_long");
    }
    if (username != null && password.trim().equalsIgnoreCase(username.trim())) {
      return Optional.of("password.is_username");
    }
    return Optional.empty();
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every JDK 8+", e);
    } finally {
      ((PBEKeySpec) spec).clearPassword();
    }
  }
}
