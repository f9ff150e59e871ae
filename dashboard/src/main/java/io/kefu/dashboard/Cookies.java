package io.kefu.dashboard;

import io.javalin.http.Context;

/**
 * The dashboard's cookies and their attributes. All are HttpOnly (no script reads them; there is no
 * script) and SameSite=Lax (not sent on cross-site posts). With {@code --secure-cookies} (when
 * served over https) they are also Secure and carry the {@code __Host-} prefix, which browsers only
 * accept from a secure origin, for the whole site, with no Domain.
 */
final class Cookies {

  private final boolean secure;

  Cookies(boolean secure) {
    this.secure = secure;
  }

  boolean secure() {
    return secure;
  }

  String sessionName() {
    return (secure ? "__Host-" : "") + "kefu_session";
  }

  String preloginName() {
    return (secure ? "__Host-" : "") + Csrf.PRELOGIN_COOKIE;
  }

  /** A browser-session cookie: it ends with the browser; the server ends it after idle time. */
  void setSession(Context ctx, String id) {
    ctx.res().addHeader("Set-Cookie", header(sessionName(), id, -1));
  }

  void clearSession(Context ctx) {
    ctx.res().addHeader("Set-Cookie", header(sessionName(), "", 0));
  }

  void setPrelogin(Context ctx, String token) {
    ctx.res().addHeader("Set-Cookie", header(preloginName(), token, -1));
  }

  void setLang(Context ctx, Lang lang) {
    ctx.res().addHeader("Set-Cookie", header(Lang.COOKIE, lang.code(), 365L * 24 * 3600));
  }

  /**
   * The Set-Cookie value. Values are tokens or language codes, never user input, so they need no
   * quoting.
   *
   * @param maxAgeSeconds -1 for a browser-session cookie, 0 to delete
   */
  String header(String name, String value, long maxAgeSeconds) {
    StringBuilder h = new StringBuilder(name).append('=').append(value).append("; Path=/");
    if (maxAgeSeconds >= 0) {
      h.append("; Max-Age=").append(maxAgeSeconds);
    }
    h.append("; HttpOnly; SameSite=Lax");
    if (secure) {
      h.append("; Secure");
    }
    return h.toString();
  }
}
