package io.kefu.dashboard;

/**
 * The frame of every page: the product name, the navigation of what this person's role may open,
 * who is signed in with the sign-out button, and the language switch. No inline script or style:
 * the Content-Security-Policy forbids both.
 */
public final class Layout {

  private Layout() {}

  public static String page(ViewContext v, String title, Html body) {
    Messages.Text t = v.t();
    Html h = new Html();
    h.raw("<!doctype html>\n<html lang=\"").text(t.lang().htmlLang()).raw("\">\n<head>\n");
    h.raw("<meta charset=\"utf-8\">\n");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.raw("<title>").text(title).raw(" · ").text(t.get("app.name")).raw("</title>\n");
    h.raw("<link rel=\"stylesheet\" href=\"/static/kefu.css\">\n</head>\n<body>\n");
    h.raw("<header class=\"top\">\n");
    h.raw("<a class=\"brand\" href=\"/\">").text(t.get("app.name")).raw("</a>\n");
    User u = v.user();
    if (u != null) {
      h.raw("<nav>");
      for (Feature f : Access.features(u)) {
        h.link(f.path(), t.get(f.navKey()));
      }
      h.raw("</nav>\n<div class=\"who\">");
      h.el("span", "muted", u.username() + " · " + v.roleName(u.role()));
      h.raw("<form method=\"post\" action=\"/logout\" class=\"inline\">");
      h.hidden(Csrf.FIELD, v.csrfToken());
      h.raw("<button type=\"submit\" class=\"link\">").text(t.get("nav.logout")).raw("</button>");
      h.raw("</form></div>\n");
    }
    h.raw("<form method=\"post\" action=\"/lang\" class=\"inline lang\">");
    h.hidden(Csrf.FIELD, v.csrfToken());
    h.hidden("back", v.pathAndQuery());
    h.raw("<button type=\"submit\" name=\"lang\" value=\"")
        .text(t.lang().other().code())
        .raw("\" class=\"link\">")
        .text(t.get("lang.switch"))
        .raw("</button></form>\n");
    h.raw("</header>\n<main>\n");
    h.el("h1", title);
    h.add(body);
    h.raw("\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /** A message box; kind is one of notice, error, ok. */
  public static Html box(String kind, String message) {
    return new Html().raw("<p class=\"box ").text(kind).raw("\">").text(message).raw("</p>\n");
  }
}
