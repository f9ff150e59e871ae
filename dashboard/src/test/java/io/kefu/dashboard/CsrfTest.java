package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CsrfTest {

  private static final String TOKEN = Tokens.random256();

  @Test
  void shouldIssue256BitTokens() {
    assertEquals(32, Base64.getUrlDecoder().decode(TOKEN).length);
    assertTrue(Tokens.wellFormed(TOKEN));
    assertNotEquals(TOKEN, Tokens.random256());
    assertFalse(Tokens.wellFormed("short"));
    assertFalse(Tokens.wellFormed(TOKEN.substring(1) + "!"));
    assertFalse(Tokens.wellFormed(null));
  }

  @Test
  void shouldAcceptTheSessionTokenFromFormOrHeader() {
    assertTrue(Csrf.accepts(TOKEN, TOKEN, null));
    assertTrue(Csrf.accepts(TOKEN, null, TOKEN));
    assertTrue(Csrf.accepts(TOKEN, "", TOKEN));
  }

  @Test
  void shouldRejectMissingWrongOrUnissuedTokens() {
    assertFalse(Csrf.accepts(TOKEN, null, null));
    assertFalse(Csrf.accepts(TOKEN, "", ""));
    assertFalse(Csrf.accepts(TOKEN, Tokens.random256(), null));
    assertFalse(Csrf.accepts(TOKEN, TOKEN.substring(0, 42), null));
    assertFalse(Csrf.accepts(null, null, null), "no token issued: nothing matches");
    assertFalse(Csrf.accepts("", "", ""));
  }

  @Test
  void shouldCheckStateChangingMethodsOnly() {
    assertDoesNotThrow(() -> Csrf.check("GET", TOKEN, null, null));
    assertDoesNotThrow(() -> Csrf.check("HEAD", TOKEN, null, null));
    assertDoesNotThrow(() -> Csrf.check("POST", TOKEN, TOKEN, null));
    assertThrows(Csrf.Rejected.class, () -> Csrf.check("POST", TOKEN, null, null));
    assertThrows(Csrf.Rejected.class, () -> Csrf.check("post", TOKEN, "nope", null));
    assertThrows(Csrf.Rejected.class, () -> Csrf.check("DELETE", TOKEN, null, "nope"));
    assertThrows(Csrf.Rejected.class, () -> Csrf.check("PUT", null, TOKEN, null));
  }

  @Test
  void shouldStoreOnlyAHashOfSessionIds() {
    String hash = Tokens.sha256Hex(TOKEN);
    assertEquals(64, hash.length());
    assertFalse(hash.contains(TOKEN));
    assertEquals(hash, Tokens.sha256Hex(TOKEN));
  }
}
