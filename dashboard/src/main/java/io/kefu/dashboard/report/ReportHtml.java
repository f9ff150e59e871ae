package io.kefu.dashboard.report;

import io.kefu.dashboard.Html;
import io.kefu.dashboard.report.ReportDocument.Block;
import io.kefu.dashboard.report.ReportDocument.Cell;
import io.kefu.dashboard.report.ReportDocument.Chart;
import io.kefu.dashboard.report.ReportDocument.Charts;
import io.kefu.dashboard.report.ReportDocument.Heading;
import io.kefu.dashboard.report.ReportDocument.Paragraph;
import io.kefu.dashboard.report.ReportDocument.Table;
import io.kefu.dashboard.report.ReportDocument.Tone;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A report as one self-contained HTML file: the style sheet and the charts (PNG, as data: URIs) are
 * inside it, so it opens the same from the dashboard, a mail attachment or a shared folder. Every
 * text from the data (names, teams, excerpts of transcripts) goes through {@link Html}'s escaping;
 * the only links are the transcript links, whose address is escaped too.
 */
public final class ReportHtml {

  private ReportHtml() {}

  static final String CSS =
      """
      body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
      "WenQuanYi Zen Hei",sans-serif;color:#1f2933;margin:24px auto;max-width:1180px;padding:0 16px;
      font-size:14px;line-height:1.5}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid
      #c2410c;padding-bottom:3px}.sub{color:#52606d;margin:0 0 12px}
      table{border-collapse:collapse;margin:6px 0 10px;width:100%}
      th,td{border:1px solid #d9dee3;padding:4px 6px;text-align:left;vertical-align:top}
      th{background:#f5f7fa;font-weight:600}td.n{text-align:right;white-space:nowrap}
      .muted{color:#7b8794}.strong{font-weight:600}.good{color:#137333;font-weight:600}
      .bad{color:#b3261e;font-weight:600}.warn{color:#8a5a00}
      p.warn{background:#fff4e0;border-left:4px solid #e8a33d;padding:6px 10px}
      p.bad{background:#fdecea;border-left:4px solid #b3261e;padding:6px 10px}
      .charts{display:flex;flex-wrap:wrap;gap:12px}.charts img{max-width:100%;height:auto;
      border:1px solid #eef1f4}
      @media print{body{margin:0;max-width:none}h2{break-after:avoid}.charts{break-inside:avoid}}
      """;

  public static String render(ReportDocument doc) {
    Html h = new Html();
    h.raw("<!doctype html>\n<html lang=\"")
        .text(doc.lang().equals("en") ? "en" : "zh-CN")
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.raw("<title>").text(doc.title()).raw("</title>\n<style>").raw(CSS).raw("</style>\n");
    h.raw("</head>\n<body>\n");
    h.el("h1", doc.title());
    h.el("p", "sub", doc.subtitle());
    for (Block b : doc.blocks()) {
      block(h, b);
    }
    h.raw("</body>\n</html>\n");
    return h.toString();
  }

  private static void block(Html h, Block b) {
    if (b instanceof Heading x) {
      h.el("h2", x.text()).raw("\n");
    } else if (b instanceof Paragraph x) {
      h.el("p", cls(x.tone()), x.text()).raw("\n");
    } else if (b instanceof Table x) {
      table(h, x);
    } else if (b instanceof Charts x) {
      h.raw("<div class=\"charts\">");
      for (Chart c : x.charts()) {
        h.raw("<img alt=\"")
            .text(c.title())
            .raw("\" width=\"")
            .text(c.width())
            .raw("\" height=\"")
            .text(c.height())
            .raw("\" src=\"data:image/png;base64,")
            .raw(Base64.getEncoder().encodeToString(c.png()))
            .raw("\">");
      }
      h.raw("</div>\n");
    } else {
      throw new IllegalArgumentException("unknown block " + b);
    }
  }

  private static void table(Html h, Table t) {
    h.raw("<table>\n<thead><tr>");
    for (String head : t.header()) {
      h.el("th", head);
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for (List<Cell> row : t.rows()) {
      h.raw("<tr>");
      for (int i = 0; i < row.size(); i++) {
        Cell c = row.get(i);
        String cls = (rightAligned(t, i, c.text()) ? "n " : "") + cls(c.tone());
        h.raw("<td class=\"").text(cls.trim()).raw("\">");
        if (c.link() != null) {
          h.link(c.link(), c.text());
        } else {
          h.text(c.text());
        }
        h.raw("</td>");
      }
      h.raw("</tr>\n");
    }
    h.raw("</tbody></table>\n");
  }

  /** Figures in a table of figures line up on the right; a two-column list stays left. */
  static boolean rightAligned(Table t, int column, String text) {
    return column > 0 && t.header().size() > 2 && numeric(text);
  }

  /** Figures are right-aligned: digits, signs, currency, percent, the dash of no value. */
  static boolean numeric(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return Character.isDigit(c) || c == '–' || c == '+' || c == '-' || c == '¥' || c == '<';
  }

  private static String cls(Tone t) {
    return t == Tone.PLAIN ? "" : t.name().toLowerCase(Locale.ROOT);
  }
}
