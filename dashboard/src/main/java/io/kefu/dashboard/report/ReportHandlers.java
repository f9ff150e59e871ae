package io.kefu.dashboard.report;

import io.javalin.http.Context;
import io.kefu.dashboard.Access;
import io.kefu.dashboard.AgentScope;
import io.kefu.dashboard.Html;
import io.kefu.dashboard.Layout;
import io.kefu.dashboard.Messages;
import io.kefu.dashboard.Requests;
import io.kefu.dashboard.User;
import io.kefu.dashboard.ViewContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The weekly reports in the dashboard: {@code /reports} lists the weeks and the files this person
 * may open, {@code /reports/{week}/{file}} serves one. Who may open what is decided from the week's
 * manifest: an agent's own report for that agent's account (and whoever sees every agent), team and
 * shop reports only for those who see every agent ({@link Access#agentScope}). A file name is only
 * ever looked up among the manifest's entries, never resolved as a path from the request.
 */
public final class ReportHandlers {

  private final Path reportsDir;

  public ReportHandlers(Path reportsDir) {
    this.reportsDir = reportsDir;
  }

  public Path reportsDir() {
    return reportsDir;
  }

  /** The weeks with reports, newest first. */
  List<ReportGenerator.Manifest> weeks() {
    List<ReportGenerator.Manifest> out = new ArrayList<>();
    if (!Files.isDirectory(reportsDir)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(reportsDir)) {
      for (Path d : dirs) {
        if (Files.isDirectory(d) && !d.getFileName().toString().startsWith(".")) {
          ReportGenerator.readManifest(d).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(Comparator.comparing(ReportGenerator.Manifest::week).reversed());
    return out;
  }

  /** Whether this person may open this document of a week. */
  static boolean mayOpen(User user, ReportGenerator.Entry e) {
    AgentScope scope = Access.agentScope(user);
    return e.kind().equals("agent") ? scope.allows(e.key()) : scope.all();
  }

  public void list(Context ctx) {
    ViewContext v = Requests.view(ctx);
    Messages.Text t = v.t();
    User user = Requests.user(ctx);
    Html body = new Html();
    body.el("p", "muted", t.get("reports.intro"));
    List<ReportGenerator.Manifest> weeks = weeks();
    boolean any = false;
    for (ReportGenerator.Manifest m : weeks) {
      List<ReportGenerator.Entry> visible =
          m.entries().stream().filter(e -> mayOpen(user, e)).toList();
      if (visible.isEmpty()) {
        continue;
      }
      any = true;
      body.el("h2", m.week());
      body.el(
          "p",
          "muted",
          t.format(
              "reports.generated",
              m.generatedAt() == null
                  ? "–"
                  : m.generatedAt().replace('T', ' ').replaceAll("\\..*", ""),
              m.lastIngestedDay() == null ? "–" : m.lastIngestedDay()));
      if (!m.provisionalDays().isEmpty()) {
        body.add(
            Layout.box(
                "notice", t.format("reports.provisional", String.join(", ", m.provisionalDays()))));
      }
      body.raw("<table class=\"grid\"><thead><tr>");
      body.el("th", t.get("reports.report"))
          .el("th", t.get("reports.team"))
          .el("th", "HTML")
          .el("th", "PDF");
      body.raw("</tr></thead><tbody>");
      for (ReportGenerator.Entry e : visible) {
        body.raw("<tr><td>");
        body.text(
            e.kind().equals("shop")
                ? t.get("reports.shop")
                : e.kind().equals("team")
                    ? t.format("reports.team_report", teamName(e.team(), t))
                    : e.name() + " (" + e.key() + ")");
        body.raw("</td><td>")
            .text(e.kind().equals("shop") ? "" : teamName(e.team(), t))
            .raw("</td><td>");
        body.link(url(m.week(), e.stem() + ".html"), t.get("reports.open"));
        body.raw("</td><td>");
        body.link(url(m.week(), e.stem() + ".pdf"), t.get("reports.download"));
        body.raw("</td></tr>");
      }
      body.raw("</tbody></table>\n");
    }
    if (!any) {
      body.add(Layout.box("notice", t.get("reports.none")));
    }
    Requests.html(ctx, 200, Layout.page(v, t.get("reports.title"), body));
  }

  private static String teamName(String team, Messages.Text t) {
    return team == null || team.isEmpty() ? t.get("reports.no_team") : team;
  }

  static String url(String week, String file) {
    return "/reports/"
        + week
        + "/"
        + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public void file(Context ctx) throws IOException {
    String week = ctx.pathParam("week");
    String file = ctx.pathParam("file");
    IsoWeek w;
    try {
      w = IsoWeek.parse(week);
    } catch (IllegalArgumentException e) {
      throw new Requests.NotFound("week " + week);
    }
    if (!w.label().equals(week)) {
      throw new Requests.NotFound("week " + week);
    }
    Path dir = reportsDir.resolve(w.label());
    ReportGenerator.Manifest m =
        ReportGenerator.readManifest(dir).orElseThrow(() -> new Requests.NotFound("week " + week));
    Optional<ReportGenerator.Entry> entry = m.entryOf(file);
    if (entry.isEmpty()) {
      throw new Requests.NotFound(file);
    }
    ReportGenerator.Entry e = entry.get();
    User user = Requests.user(ctx);
    if (e.kind().equals("agent")) {
      Access.requireAgentVisible(user, e.key());
    } else if (!Access.agentScope(user).all()) {
      throw new Access.Forbidden("the " + e.kind() + " report holds other agents' figures");
    }
    Path f = dir.resolve(file.endsWith(".pdf") ? e.stem() + ".pdf" : e.stem() + ".html");
    if (!Files.isRegularFile(f)) {
      throw new Requests.NotFound(file);
    }
    byte[] bytes = Files.readAllBytes(f);
    String encoded = URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20");
    if (file.endsWith(".pdf")) {
      ctx.contentType("application/pdf");
      ctx.header(
          "Content-Disposition",
          "attachment; filename=\"" + ascii(w.label(), e) + ".pdf\"; filename*=UTF-8''" + encoded);
    } else {
      // the report is self-contained: its own style sheet and data: images, no script at all
      ctx.header(
          "Content-Security-Policy",
          "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none';"
              + " form-action 'none'; base-uri 'none'");
      ctx.contentType("text/html; charset=utf-8");
      ctx.header(
          "Content-Disposition",
          "inline; filename=\"" + ascii(w.label(), e) + ".html\"; filename*=UTF-8''" + encoded);
    }
    ctx.result(bytes);
  }

  /** A file name any browser accepts in the plain filename parameter. */
  private static String ascii(String week, ReportGenerator.Entry e) {
    String key = e.kind().equals("agent") ? e.key() : e.kind();
    return "kefu-" + week + "-" + key.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
