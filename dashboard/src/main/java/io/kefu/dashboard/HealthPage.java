package io.kefu.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * The HTML of 数据健康 (data health): did the batch runs account for every input line, and what did
 * they reject? Reject lines are raw input from outside and are shown escaped, as text.
 */
final class HealthPage {

  /** Longer raw lines are cut for display; the warehouse keeps them whole. */
  static final int RAW_SHOWN = 2000;

  private HealthPage() {}

  /** Nothing published yet: a state of the product, not an error. */
  static String notPublished(ViewContext v, String warehouse) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.add(Layout.box("notice", t.get("warehouse.none")));
    b.el("p", "muted", t.format("warehouse.path", warehouse));
    return Layout.page(v, t.get("health.title"), b);
  }

  /** The warehouse could not be read (a publish with different columns, a damaged file). */
  static String unreadable(ViewContext v, String problem) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.add(Layout.box("error", t.get("warehouse.unreadable")));
    b.el("pre", "raw", problem);
    return Layout.page(v, t.get("health.title"), b);
  }

  static String render(ViewContext v, HealthReport r) {
    Messages.Text t = v.t();
    Html b = new Html();
    if (!r.missingTables().isEmpty()) {
      b.add(
          Layout.box("notice", t.format("health.no_tables", String.join(", ", r.missingTables()))));
      return Layout.page(v, t.get("health.title"), b);
    }
    if (r.runs().isEmpty()) {
      b.add(Layout.box("notice", t.get("health.no_runs")));
      return Layout.page(v, t.get("health.title"), b);
    }
    if (r.runAskedForMissing()) {
      b.add(Layout.box("error", t.get("health.run_missing")));
    }
    runs(b, v, r);
    if (r.run() != null) {
      chosenRun(b, v, r);
    }
    return Layout.page(v, t.get("health.title"), b);
  }

  private static void runs(Html b, ViewContext v, HealthReport r) {
    Messages.Text t = v.t();
    b.el("h2", t.get("health.runs"));
    b.raw("<table class=\"grid\">\n<thead><tr>");
    for (String k :
        List.of(
            "health.run_id",
            "health.input",
            "health.days",
            "health.lines_read",
            "health.accepted",
            "health.rejected",
            "health.duplicates",
            "health.accounted",
            "health.started",
            "health.finished")) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead>\n<tbody>\n");
    for (WarehouseRepository.IngestRun run : r.runs()) {
      boolean chosen = r.run() != null && run.runId().equals(r.run().runId());
      b.raw(chosen ? "<tr class=\"chosen\">" : "<tr>");
      b.raw("<td>").link(Html.url("/health", "run", run.runId()), run.runId()).raw("</td>");
      b.el("td", run.input());
      b.el("td", days(run));
      b.el("td", "num", ViewContext.number(run.linesRead()));
      b.el("td", "num", ViewContext.number(run.accepted()));
      b.el("td", "num", ViewContext.number(run.rejected()));
      b.el("td", "num", ViewContext.number(run.duplicates()));
      if (run.finishedAt() == null) {
        b.el("td", "muted", t.get("health.unfinished"));
      } else {
        b.el(
            "td",
            run.accountedFor() ? "ok" : "bad",
            t.get(run.accountedFor() ? "health.yes" : "health.no"));
      }
      b.el("td", v.time(run.startedAt()));
      b.el("td", v.time(run.finishedAt()));
      b.raw("</tr>\n");
    }
    b.raw("</tbody></table>\n");
  }

  private static void chosenRun(Html b, ViewContext v, HealthReport r) {
    Messages.Text t = v.t();
    WarehouseRepository.IngestRun run = r.run();
    b.el("h2", t.format("health.rejects_of", run.runId()));
    if (run.config() != null && !run.config().isBlank()) {
      b.raw("<details><summary>").text(t.get("health.config")).raw("</summary>");
      b.el("pre", "raw", run.config());
      b.raw("</details>\n");
    }
    if (r.reasons().isEmpty()) {
      b.add(Layout.box("ok", t.get("health.no_rejects")));
      return;
    }
    long total = r.reasons().stream().mapToLong(WarehouseRepository.ReasonCount::lines).sum();
    b.raw("<table class=\"grid\">\n<thead><tr>");
    b.el("th", t.get("health.reason"))
        .el("th", t.get("health.lines"))
        .el("th", t.get("health.share"));
    b.raw("</tr></thead>\n<tbody>\n");
    for (WarehouseRepository.ReasonCount rc : r.reasons()) {
      boolean chosen = rc.reason().equals(r.reason());
      b.raw(chosen ? "<tr class=\"chosen\">" : "<tr>");
      b.raw("<td>")
          .link(Html.url("/health", "run", run.runId(), "reason", rc.reason()), rc.reason())
          .raw("</td>");
      b.el("td", "num", ViewContext.number(rc.lines()));
      b.el("td", "num", String.format(Locale.ROOT, "%.1f%%", 100.0 * rc.lines() / total));
      b.raw("</tr>\n");
    }
    b.raw("</tbody></table>\n");

    if (r.reason() == null) {
      return;
    }
    b.el("h3", t.format("health.lines_of", r.reason(), HealthReport.LINES_SHOWN));
    if (r.lines().isEmpty()) {
      b.el("p", "muted", t.get("health.no_lines"));
      return;
    }
    b.raw("<table class=\"grid lines\">\n<thead><tr>");
    b.el("th", t.get("health.file"))
        .el("th", t.get("health.line_no"))
        .el("th", t.get("health.message"))
        .el("th", t.get("health.raw"));
    b.raw("</tr></thead>\n<tbody>\n");
    for (WarehouseRepository.RejectLine line : r.lines()) {
      b.raw("<tr>");
      b.el("td", line.file());
      b.el("td", "num", ViewContext.number(line.lineNo()));
      b.el("td", line.message());
      b.raw("<td><code class=\"raw\">").text(clip(line.raw())).raw("</code></td>");
      b.raw("</tr>\n");
    }
    b.raw("</tbody></table>\n");
  }

  private static String days(WarehouseRepository.IngestRun run) {
    if (run.fromDay() == null && run.toDay() == null) {
      return "";
    }
    if (run.fromDay() != null && run.fromDay().equals(run.toDay())) {
      return run.fromDay().toString();
    }
    return (run.fromDay() == null ? "" : run.fromDay())
        + " – "
        + (run.toDay() == null ? "" : run.toDay());
  }

  static String clip(String raw) {
    if (raw == null || raw.length() <= RAW_SHOWN) {
      return raw;
    }
    int end = Character.isHighSurrogate(raw.charAt(RAW_SHOWN - 1)) ? RAW_SHOWN - 1 : RAW_SHOWN;
    return raw.substring(0, end) + " …";
  }
}
