package io.kefu.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The HTML of the sign-in, landing, account and error pages. Pure functions of what they show, so a
 * test can render them without a server. Every value goes through {@link Html#text}.
 */
final class Pages {

  private Pages() {}

  static String login(ViewContext v, String error, String username, String next) {
    Messages.Text t = v.t();
    Html b = new Html();
    if (error != null) {
      b.add(Layout.box("error", error));
    }
    b.raw("<form method=\"post\" action=\"/login\" class=\"card narrow stack\">\n");
    b.hidden(Csrf.FIELD, v.csrfToken()).hidden("next", next);
    b.raw("<label>").text(t.get("login.username"));
    b.raw("<input name=\"username\" autocomplete=\"username\" required autofocus value=\"");
    b.text(username).raw("\"></label>\n");
    b.raw("<label>").text(t.get("login.password"));
    b.raw("<input type=\"password\" name=\"password\" autocomplete=\"current-password\"");
    b.raw(" required></label>\n");
    b.raw("<button type=\"submit\">").text(t.get("login.submit")).raw("</button>\n</form>\n");
    return Layout.page(v, t.get("login.title"), b);
  }

  /** The page behind GET /logout: signing out is a POST, so a link elsewhere cannot do it. */
  static String logout(ViewContext v) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.raw("<form method=\"post\" action=\"/logout\" class=\"card narrow stack\">");
    b.hidden(Csrf.FIELD, v.csrfToken());
    b.el("p", t.get("logout.confirm"));
    b.raw("<button type=\"submit\">").text(t.get("nav.logout")).raw("</button></form>\n");
    return Layout.page(v, t.get("nav.logout"), b);
  }

  static String home(ViewContext v, Optional<Instant> publishedAt) {
    Messages.Text t = v.t();
    User u = v.user();
    Html b = new Html();
    b.el("p", t.format("home.hello", u.username(), v.roleName(u.role())));
    if (u.role() == Role.AGENT) {
      b.add(
          u.agentId() == null
              ? Layout.box("notice", t.get("home.agent_unlinked"))
              : Layout.box("notice", t.format("home.agent_linked", u.agentId())));
    }
    b.add(
        publishedAt.isPresent()
            ? Layout.box("ok", t.format("home.published", v.time(publishedAt.get())))
            : Layout.box("notice", t.get("warehouse.none")));
    b.raw("<ul class=\"cards\">\n");
    for (Feature f : Access.features(u)) {
      b.raw("<li>").link(f.path(), t.get(f.navKey())).el("p", t.get(f.blurbKey())).raw("</li>\n");
    }
    b.raw("</ul>\n");
    return Layout.page(v, t.get("home.title"), b);
  }

  static String account(ViewContext v, String error, boolean done) {
    Messages.Text t = v.t();
    User u = v.user();
    Html b = new Html();
    if (done) {
      b.add(Layout.box("ok", t.get("account.changed")));
    }
    if (error != null) {
      b.add(Layout.box("error", error));
    }
    b.raw("<dl class=\"facts\">");
    b.el("dt", t.get("users.username")).el("dd", u.username());
    b.el("dt", t.get("users.role")).el("dd", v.roleName(u.role()));
    if (u.role() == Role.AGENT) {
      b.el("dt", t.get("users.agent_id")).el("dd", u.agentId() == null ? "–" : u.agentId());
    }
    b.raw("</dl>\n");
    b.el("h2", t.get("account.change"));
    b.raw("<form method=\"post\" action=\"/account/password\" class=\"card narrow stack\">\n");
    b.hidden(Csrf.FIELD, v.csrfToken());
    passwordField(b, t.get("account.current"), "current", "current-password");
    passwordField(b, t.get("account.new"), "password", "new-password");
    passwordField(b, t.get("account.confirm"), "confirm", "new-password");
    b.el("p", "muted", t.format("password.rule", PasswordHasher.MIN_LENGTH));
    b.raw("<button type=\"submit\">").text(t.get("account.submit")).raw("</button>\n</form>\n");
    return Layout.page(v, t.get("account.title"), b);
  }

  static void passwordField(Html b, String label, String name, String autocomplete) {
    b.raw("<label>").text(label).raw("<input type=\"password\" name=\"").text(name);
    b.raw("\" autocomplete=\"").text(autocomplete).raw("\" required></label>\n");
  }

  /** 403, 404, expired form, 500: a short explanation and the way home. */
  static String problem(ViewContext v, String titleKey, String messageKey) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.el("p", t.get(messageKey));
    b.raw("<p>").link(v.user() == null ? "/login" : "/", t.get("problem.home")).raw("</p>\n");
    return Layout.page(v, t.get(titleKey), b);
  }

  /** Options of a select, the current one selected; labels escaped. */
  static void options(Html b, List<String[]> valueLabels, String selected) {
    for (String[] vl : valueLabels) {
      b.raw("<option value=\"").text(vl[0]).raw("\"");
      if (vl[0].equals(selected)) {
        b.raw(" selected");
      }
      b.raw(">").text(vl[1]).raw("</option>");
    }
  }
}
