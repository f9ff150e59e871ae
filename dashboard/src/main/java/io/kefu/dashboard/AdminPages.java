package io.kefu.dashboard;

import java.util.ArrayList;
import java.util.List;

/** The HTML of the admin's pages: the user list and form, one user's settings, the audit log. */
final class AdminPages {

  /** Audit lines per page. */
  static final int AUDIT_PAGE_SIZE = 50;

  private AdminPages() {}

  static String users(ViewContext v, List<User> users, String error, String done, FormValues f) {
    Messages.Text t = v.t();
    Html b = new Html();
    if (done != null) {
      b.add(Layout.box("ok", t.get(done)));
    }
    b.raw("<table class=\"grid\">\n<thead><tr>");
    for (String k :
        List.of(
            "users.username",
            "users.role",
            "users.agent_id",
            "users.status",
            "users.last_login",
            "users.created")) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead>\n<tbody>\n");
    for (User u : users) {
      b.raw("<tr><td>").link("/admin/users/" + u.id(), u.username()).raw("</td>");
      b.el("td", v.roleName(u.role()));
      b.el("td", u.agentId() == null ? "" : u.agentId());
      b.el(
          "td",
          u.disabled() ? "bad" : "ok",
          t.get(u.disabled() ? "users.disabled" : "users.active"));
      b.el("td", v.time(u.lastLoginAt()));
      b.el("td", v.time(u.createdAt()));
      b.raw("</tr>\n");
    }
    b.raw("</tbody></table>\n");

    b.el("h2", t.get("users.create"));
    if (error != null) {
      b.add(Layout.box("error", error));
    }
    b.raw("<form method=\"post\" action=\"/admin/users\" class=\"card stack\">\n");
    b.hidden(Csrf.FIELD, v.csrfToken());
    b.raw("<label>").text(t.get("users.username"));
    b.raw("<input name=\"username\" required autocomplete=\"off\" value=\"")
        .text(f.username)
        .raw("\"></label>\n");
    roleSelect(b, v, f.role == null ? Role.AGENT.wire() : f.role);
    agentField(b, t, f.agentId);
    Pages.passwordField(b, t.get("users.initial_password"), "password", "new-password");
    b.el("p", "muted", t.format("password.rule", PasswordHasher.MIN_LENGTH));
    b.raw("<button type=\"submit\">").text(t.get("users.create_submit")).raw("</button>\n");
    b.raw("</form>\n");
    return Layout.page(v, t.get("users.title"), b);
  }

  static String user(ViewContext v, User u, String error, String done) {
    Messages.Text t = v.t();
    Html b = new Html();
    if (done != null) {
      b.add(Layout.box("ok", t.get(done)));
    }
    if (error != null) {
      b.add(Layout.box("error", error));
    }
    b.raw("<p>").link("/admin/users", t.get("users.back")).raw("</p>\n");
    b.raw("<form method=\"post\" action=\"/admin/users/")
        .text(u.id())
        .raw("\" class=\"card stack\">\n");
    b.hidden(Csrf.FIELD, v.csrfToken());
    roleSelect(b, v, u.role().wire());
    agentField(b, t, u.agentId());
    b.raw("<label class=\"check\"><input type=\"checkbox\" name=\"disabled\" value=\"1\"");
    if (u.disabled()) {
      b.raw(" checked");
    }
    b.raw("> ").text(t.get("users.disable")).raw("</label>\n");
    b.raw("<button type=\"submit\">").text(t.get("users.save")).raw("</button>\n</form>\n");

    b.el("h2", t.get("users.reset"));
    b.raw("<form method=\"post\" action=\"/admin/users/")
        .text(u.id())
        .raw("/password\" class=\"card stack\">\n");
    b.hidden(Csrf.FIELD, v.csrfToken());
    Pages.passwordField(b, t.get("account.new"), "password", "new-password");
    b.el("p", "muted", t.get("users.reset_note"));
    b.raw("<button type=\"submit\">").text(t.get("users.reset_submit")).raw("</button>\n");
    b.raw("</form>\n");
    return Layout.page(v, t.format("users.one_title", u.username()), b);
  }

  static String audit(
      ViewContext v,
      List<AuditEntry> entries,
      List<String> actions,
      String action,
      int page,
      long total) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.raw("<form method=\"get\" action=\"/admin/audit\" class=\"filters\">");
    b.raw("<label>").text(t.get("audit.action")).raw("<select name=\"action\">");
    List<String[]> opts = new ArrayList<>();
    opts.add(new String[] {"", t.get("audit.all")});
    for (String a : actions) {
      opts.add(new String[] {a, a});
    }
    Pages.options(b, opts, action == null ? "" : action);
    b.raw("</select></label> <button type=\"submit\">").text(t.get("audit.filter"));
    b.raw("</button></form>\n");

    long pages = Math.max(1, (total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE);
    b.el("p", "muted", t.format("audit.count", ViewContext.number(total), page, pages));
    b.raw("<table class=\"grid\">\n<thead><tr>");
    for (String k :
        List.of(
            "audit.at",
            "audit.actor",
            "audit.action",
            "audit.target",
            "audit.ip",
            "audit.detail")) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead>\n<tbody>\n");
    for (AuditEntry e : entries) {
      b.raw("<tr>");
      b.el("td", v.time(e.at()));
      b.el("td", e.actor());
      b.el("td", e.action());
      b.el("td", e.target());
      b.el("td", e.ip());
      b.el("td", e.detail());
      b.raw("</tr>\n");
    }
    b.raw("</tbody></table>\n<p class=\"pager\">");
    String filter = action == null || action.isEmpty() ? null : action;
    if (page > 1) {
      b.link(
          Html.url("/admin/audit", "action", filter, "page", String.valueOf(page - 1)),
          t.get("audit.newer"));
    }
    if (page < pages) {
      b.link(
          Html.url("/admin/audit", "action", filter, "page", String.valueOf(page + 1)),
          t.get("audit.older"));
    }
    b.raw("</p>\n");
    return Layout.page(v, t.get("audit.title"), b);
  }

  /** What was typed into the create form, shown again when it had a problem. */
  record FormValues(String username, String role, String agentId) {
    static final FormValues EMPTY = new FormValues("", null, "");
  }

  private static void roleSelect(Html b, ViewContext v, String selected) {
    b.raw("<label>").text(v.t().get("users.role")).raw("<select name=\"role\">");
    List<String[]> opts = new ArrayList<>();
    for (Role r : Role.values()) {
      opts.add(new String[] {r.wire(), v.roleName(r)});
    }
    Pages.options(b, opts, selected);
    b.raw("</select></label>\n");
  }

  private static void agentField(Html b, Messages.Text t, String agentId) {
    b.raw("<label>").text(t.get("users.agent_id"));
    b.raw("<input name=\"agent_id\" autocomplete=\"off\" placeholder=\"a-xiaomei\" value=\"");
    b.text(agentId).raw("\"></label>\n");
    b.el("p", "muted", t.get("users.agent_note"));
  }
}
