package io.kefu.dashboard;

import io.javalin.http.Context;

/**
 * Per-request state the before-handlers attach, and the small request/response conventions every
 * handler shares.
 */
public final class Requests {

  static final String VIEW = "kefu.view";
  static final String SIGNED_IN = "kefu.signedIn";
  static final String EXPECTED_CSRF = "kefu.expectedCsrf";

  /** The request needs a signed-in person and has none. */
  static final class NotSignedIn extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotSignedIn() {
      super("not signed in");
    }
  }

  /** The thing asked for does not exist. */
  public static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFound(String what) {
      super(what);
    }
  }

  private Requests() {}

  public static ViewContext view(Context ctx) {
    return ctx.attribute(VIEW);
  }

  /** The signed-in person; only called behind the sign-in check. */
  static SignedIn signedIn(Context ctx) {
    SignedIn s = ctx.attribute(SIGNED_IN);
    if (s == null) {
      throw new NotSignedIn();
    }
    return s;
  }

  public static User user(Context ctx) {
    SignedIn s = ctx.attribute(SIGNED_IN);
    return s == null ? null : s.user();
  }

  static boolean isApi(Context ctx) {
    return ctx.path().equals("/api") || ctx.path().startsWith("/api/");
  }

  static boolean isStatic(Context ctx) {
    return ctx.path().startsWith("/static/");
  }

  /** The path and query of this request, e.g. {@code /health?run=r1}. */
  static String pathAndQuery(Context ctx) {
    String q = ctx.queryString();
    return q == null || q.isEmpty() ? ctx.path() : ctx.path() + "?" + q;
  }

  /**
   * A redirect target from a form or query, kept only if it is a path on this site: {@code
   * //evil.example} or {@code https://…} would make the login page an open redirect.
   */
  static String safeLocal(String target) {
    if (target == null
        || !target.startsWith("/")
        || target.startsWith("//")
        || target.startsWith("/\\")
        || target.length() > 2000) {
      return "/";
    }
    for (int i = 0; i < target.length(); i++) {
      if (target.charAt(i) < 0x20 || target.charAt(i) == '\\') {
        return "/";
      }
    }
    return target;
  }

  public static void html(Context ctx, int status, String html) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(html);
  }

  /** Post/redirect/get: after a successful form, the browser loads the page afresh. */
  static void seeOther(Context ctx, String location) {
    ctx.status(303).header("Location", location);
  }

  static long idParam(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw new NotFound(name);
    }
  }
}
