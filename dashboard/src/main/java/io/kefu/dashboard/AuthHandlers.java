package io.kefu.dashboard;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Sign-in, sign-out, the language switch, one's own account. Thin: the work is in services. */
final class AuthHandlers {

  private final AuthService auth;
  private final Cookies cookies;

  AuthHandlers(AuthService auth, Cookies cookies) {
    this.auth = auth;
    this.cookies = cookies;
  }

  void loginForm(Context ctx) {
    if (Requests.user(ctx) != null) {
      Requests.seeOther(ctx, "/");
      return;
    }
    ViewContext v = Requests.view(ctx);
    String next = Requests.safeLocal(ctx.queryParam("next"));
    Requests.html(ctx, 200, Pages.login(v, null, "", next));
  }

  void login(Context ctx) {
    ViewContext v = Requests.view(ctx);
    String username = ctx.formParam("username");
    String next = Requests.safeLocal(ctx.formParam("next"));
    AuthService.LoginResult r =
        auth.login(username, Objects.requireNonNullElse(ctx.formParam("password"), ""), ctx.ip());
    switch (r.outcome()) {
      case OK -> {
        cookies.setSession(ctx, r.sessionId());
        Requests.seeOther(ctx, next);
      }
      case LOCKED ->
          Requests.html(
              ctx,
              429,
              Pages.login(v, v.t().get("login.locked"), username == null ? "" : username, next));
      default ->
          Requests.html(
              ctx,
              401,
              Pages.login(v, v.t().get("login.failed"), username == null ? "" : username, next));
    }
  }

  void logoutForm(Context ctx) {
    Requests.html(ctx, 200, Pages.logout(Requests.view(ctx)));
  }

  void logout(Context ctx) {
    auth.logout(Requests.signedIn(ctx), ctx.ip());
    cookies.clearSession(ctx);
    Requests.seeOther(ctx, "/login");
  }

  void switchLanguage(Context ctx) {
    cookies.setLang(ctx, Lang.fromCode(ctx.formParam("lang")));
    Requests.seeOther(ctx, Requests.safeLocal(ctx.formParam("back")));
  }

  void account(Context ctx) {
    boolean done = "1".equals(ctx.queryParam("changed"));
    Requests.html(ctx, 200, Pages.account(Requests.view(ctx), null, done));
  }

  void changePassword(Context ctx) {
    ViewContext v = Requests.view(ctx);
    try {
      auth.changePassword(
          Requests.signedIn(ctx),
          ctx.formParam("current"),
          ctx.formParam("password"),
          ctx.formParam("confirm"),
          ctx.ip());
    } catch (InputProblem p) {
      Requests.html(ctx, 400, Pages.account(v, p.message(v.t()), false));
      return;
    }
    Requests.seeOther(ctx, "/account?changed=1");
  }

  /** Who am I: for scripts of later pages (the live wall), and a simple probe of a session. */
  void me(Context ctx) {
    User u = Requests.signedIn(ctx).user();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", u.username());
    body.put("role", u.role().wire());
    body.put("agentId", u.agentId());
    body.put("csrfToken", Requests.signedIn(ctx).csrfToken());
    ctx.json(body);
  }
}
