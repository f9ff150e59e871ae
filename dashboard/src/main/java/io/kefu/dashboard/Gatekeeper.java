package io.kefu.dashboard;

import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is asking, and may they? The checks every request passes before any page handler runs, in
 * this order: security headers; the person behind the session cookie and the language; sign-in
 * (everything but the login page, the language switch and static files needs it); the CSRF token of
 * every state-changing request; and, once the route is known, its roles. Also turns the resulting
 * refusals into pages (or JSON under {@code /api/}).
 */
final class Gatekeeper {

  private static final Logger LOG = LoggerFactory.getLogger(Gatekeeper.class);

  /** Reachable without signing in; these routes are also declared {@code Open.ANYONE}. */
  static final Set<String> PUBLIC_PATHS = Set.of("/login", "/lang");

  /**
   * No inline script or style anywhere, nothing from other sites, no framing (clickjacking), forms
   * only to this site.
   */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final AuthService auth;
  private final Messages messages;
  private final Cookies cookies;
  private final ZoneId zone;

  Gatekeeper(AuthService auth, Messages messages, Cookies cookies, ZoneId zone) {
    this.auth = auth;
    this.messages = messages;
    this.cookies = cookies;
    this.zone = zone;
  }

  void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    if (cookies.secure()) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
    if (!Requests.isStatic(ctx)) {
      // Pages show people's figures: no copies in shared caches or the back-button cache.
      ctx.header("Cache-Control", "no-store");
    }
  }

  /** Resumes the session, picks the language, and prepares the CSRF token of the page's forms. */
  void identify(Context ctx) {
    if (Requests.isStatic(ctx)) {
      return;
    }
    Lang lang = Lang.fromCode(ctx.cookie(Lang.COOKIE));
    SignedIn signedIn = null;
    String sessionId = ctx.cookie(cookies.sessionName());
    if (sessionId != null) {
      signedIn = auth.resume(sessionId).orElse(null);
      if (signedIn == null) {
        cookies.clearSession(ctx);
      }
    }
    String expected;
    String pageToken;
    if (signedIn != null) {
      expected = signedIn.csrfToken();
      pageToken = expected;
    } else {
      String cookie = ctx.cookie(cookies.preloginName());
      expected = Tokens.wellFormed(cookie) ? cookie : null;
      pageToken = expected;
      if (pageToken == null) {
        pageToken = Tokens.random256();
        cookies.setPrelogin(ctx, pageToken);
      }
    }
    ctx.attribute(Requests.SIGNED_IN, signedIn);
    ctx.attribute(Requests.EXPECTED_CSRF, expected);
    ctx.attribute(
        Requests.VIEW,
        new ViewContext(
            messages.text(lang), signedIn, pageToken, Requests.pathAndQuery(ctx), zone));
  }

  void requireSignIn(Context ctx) {
    if (Requests.isStatic(ctx) || PUBLIC_PATHS.contains(ctx.path())) {
      return;
    }
    if (ctx.attribute(Requests.SIGNED_IN) == null) {
      throw new Requests.NotSignedIn();
    }
  }

  void checkCsrf(Context ctx) {
    if (Requests.isStatic(ctx)) {
      return;
    }
    Csrf.check(
        ctx.method().name(),
        ctx.attribute(Requests.EXPECTED_CSRF),
        Csrf.needsCheck(ctx.method().name()) ? ctx.formParam(Csrf.FIELD) : null,
        ctx.header(Csrf.HEADER));
  }

  /** Runs once the route is known: a route that declares no roles is closed. */
  void checkRoles(Context ctx) {
    User u = Requests.user(ctx);
    if (Access.mayOpen(u, ctx.routeRoles())) {
      return;
    }
    if (u == null) {
      throw new Requests.NotSignedIn();
    }
    throw new Access.Forbidden(ctx.path() + " is not open to role " + u.role().wire());
  }

  // ---- refusals ---------------------------------------------------------------------------

  void notSignedIn(Requests.NotSignedIn e, Context ctx) {
    if (Requests.isApi(ctx)) {
      ctx.status(401).json(Map.of("error", "not signed in"));
    } else if (ctx.method().name().equals("GET")) {
      String next = Requests.pathAndQuery(ctx);
      Requests.seeOther(ctx, next.equals("/") ? "/login" : Html.url("/login", "next", next));
    } else {
      Requests.seeOther(ctx, "/login");
    }
  }

  void forbidden(Access.Forbidden e, Context ctx) {
    LOG.info("403 {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
    refuse(ctx, 403, "problem.forbidden_title", "problem.forbidden");
  }

  void csrfRejected(Csrf.Rejected e, Context ctx) {
    LOG.warn("403 {} {} from {}: {}", ctx.method(), ctx.path(), ctx.ip(), e.getMessage());
    refuse(ctx, 403, "problem.csrf_title", "problem.csrf");
  }

  void notFound(Context ctx) {
    refuse(ctx, 404, "problem.not_found_title", "problem.not_found");
  }

  void inputProblem(InputProblem e, Context ctx) {
    if (Requests.isApi(ctx)) {
      ctx.status(400).json(Map.of("error", e.key()));
      return;
    }
    ViewContext v = view(ctx);
    Html b = new Html().add(Layout.box("error", e.message(v.t())));
    Requests.html(ctx, 400, Layout.page(v, v.t().get("problem.input_title"), b));
  }

  void failure(Exception e, Context ctx) {
    LOG.error("500 {} {}", ctx.method(), ctx.path(), e);
    refuse(ctx, 500, "problem.error_title", "problem.error");
  }

  private void refuse(Context ctx, int status, String titleKey, String messageKey) {
    if (Requests.isApi(ctx)) {
      ctx.status(status).json(Map.of("error", messageKey));
      return;
    }
    Requests.html(ctx, status, Pages.problem(view(ctx), titleKey, messageKey));
  }

  /** The view of a request that failed before {@link #identify} could run (or a static one). */
  private ViewContext view(Context ctx) {
    ViewContext v = Requests.view(ctx);
    return v != null
        ? v
        : new ViewContext(
            messages.text(Lang.fromCode(ctx.cookie(Lang.COOKIE))),
            null,
            "",
            Requests.pathAndQuery(ctx),
            zone);
  }
}
