package io.kefu.dashboard;

import java.util.Locale;

/**
 * Is this state-changing request really from one of our own forms, and not from a page elsewhere
 * that makes a signed-in browser post?
 *
 * <p>Every form carries a per-session token (kept server-side with the session). Before sign-in,
 * the login and language forms use a double-submit token from an HttpOnly cookie, which stops login
 * CSRF (being signed in to an attacker's account). The check runs once, centrally, in a
 * before-handler for every non-GET request; handlers never see a request that failed it.
 */
public final class Csrf {

  /** The hidden form field every POST form carries. */
  public static final String FIELD = "_csrf";

  /** The header scripts may send instead of the form field. */
  public static final String HEADER = "X-CSRF-Token";

  /** The cookie holding the token before sign-in. */
  public static final String PRELOGIN_COOKIE = "kefu_csrf";

  /** Thrown by the central check; rendered as 403 "the form has expired". */
  public static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Rejected(String why) {
      super(why);
    }
  }

  private Csrf() {}

  /** Methods that change state and so must carry the token. */
  public static boolean needsCheck(String method) {
    String m = method.toUpperCase(Locale.ROOT);
    return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
  }

  /** Whether the presented token (form field or header) is the expected one. */
  public static boolean accepts(String expected, String formToken, String headerToken) {
    String presented = formToken != null && !formToken.isEmpty() ? formToken : headerToken;
    return Tokens.sameToken(expected, presented);
  }

  /** Throws {@link Rejected} unless the token matches. */
  public static void check(String method, String expected, String formToken, String headerToken) {
    if (needsCheck(method) && !accepts(expected, formToken, headerToken)) {
      throw new Rejected(
          expected == null ? "no CSRF token issued to this client" : "CSRF token missing or wrong");
    }
  }
}
