package io.kefu.dashboard;

import io.javalin.http.Context;
import java.util.Map;

/** The admin's user management and audit log. Thin: the rules are in {@link UserService}. */
final class AdminHandlers {

  /** What a successful change says on the page it redirects to; nothing else is shown. */
  private static final Map<String, String> DONE =
      Map.of(
          "created", "users.done_created",
          "saved", "users.done_saved",
          "reset", "users.done_reset");

  private final UserService users;
  private final AppRepository repo;

  AdminHandlers(UserService users, AppRepository repo) {
    this.users = users;
    this.repo = repo;
  }

  void list(Context ctx) {
    Requests.html(
        ctx,
        200,
        AdminPages.users(
            Requests.view(ctx),
            users.list(),
            null,
            DONE.get(String.valueOf(ctx.queryParam("done"))),
            AdminPages.FormValues.EMPTY));
  }

  void create(Context ctx) {
    ViewContext v = Requests.view(ctx);
    AdminPages.FormValues typed =
        new AdminPages.FormValues(
            ctx.formParam("username"), ctx.formParam("role"), ctx.formParam("agent_id"));
    try {
      users.create(
          v.user().username(),
          typed.username(),
          typed.role(),
          typed.agentId(),
          ctx.formParam("password"),
          ctx.ip());
    } catch (InputProblem p) {
      Requests.html(ctx, 400, AdminPages.users(v, users.list(), p.message(v.t()), null, typed));
      return;
    }
    Requests.seeOther(ctx, "/admin/users?done=created");
  }

  void show(Context ctx) {
    User u = find(ctx);
    Requests.html(
        ctx,
        200,
        AdminPages.user(
            Requests.view(ctx), u, null, DONE.get(String.valueOf(ctx.queryParam("done")))));
  }

  void update(Context ctx) {
    ViewContext v = Requests.view(ctx);
    User u = find(ctx);
    try {
      users.update(
          v.user(),
          u.id(),
          ctx.formParam("role"),
          ctx.formParam("agent_id"),
          ctx.formParam("disabled") != null,
          ctx.ip());
    } catch (InputProblem p) {
      Requests.html(ctx, 400, AdminPages.user(v, u, p.message(v.t()), null));
      return;
    }
    Requests.seeOther(ctx, "/admin/users/" + u.id() + "?done=saved");
  }

  void resetPassword(Context ctx) {
    ViewContext v = Requests.view(ctx);
    User u = find(ctx);
    try {
      users.resetPassword(v.user().username(), u.id(), ctx.formParam("password"), ctx.ip());
    } catch (InputProblem p) {
      Requests.html(ctx, 400, AdminPages.user(v, u, p.message(v.t()), null));
      return;
    }
    Requests.seeOther(ctx, "/admin/users/" + u.id() + "?done=reset");
  }

  void audit(Context ctx) {
    String action = ctx.queryParam("action");
    if (action != null && action.isBlank()) {
      action = null;
    }
    int page = 1;
    try {
      page = Math.max(1, Integer.parseInt(String.valueOf(ctx.queryParam("page"))));
    } catch (NumberFormatException e) {
      // the first page
    }
    long total = repo.auditCount(action);
    int size = AdminPages.AUDIT_PAGE_SIZE;
    Requests.html(
        ctx,
        200,
        AdminPages.audit(
            Requests.view(ctx),
            repo.auditPage(action, (page - 1) * size, size),
            repo.auditActions(),
            action,
            page,
            total));
  }

  private User find(Context ctx) {
    long id = Requests.idParam(ctx, "id");
    try {
      return users.get(id);
    } catch (InputProblem p) {
      throw new Requests.NotFound("user " + id);
    }
  }
}
