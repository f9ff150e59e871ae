package io.kefu.dashboard;

import io.kefu.dashboard.Xlsx.Cell;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The KPI explorer's tables as files: CSV (one table) and XLSX (both tables and the filters). The
 * same lines as on screen, in the same order, with the same headers, but with the figures unrounded
 * (rates as fractions) so a spreadsheet can compute with them.
 */
final class KpiExport {

  /** Which table a CSV holds. */
  enum Table {
    RANKING,
    TREND
  }

  private KpiExport() {}

  /** The table as rows of cells, header first. */
  static List<List<Cell>> rows(KpiReport r, Table table, Messages.Text t) {
    List<List<Cell>> rows = new ArrayList<>();
    List<Cell> header = new ArrayList<>();
    boolean byAgent = r.query().by() == KpiQuery.By.AGENT;
    if (table == Table.RANKING) {
      header.add(Cell.header(t.get(byAgent ? "kpi.name" : "kpi.team")));
      if (byAgent) {
        header.add(Cell.header(t.get("kpi.agent_id")));
        header.add(Cell.header(t.get("kpi.team")));
      }
    } else {
      header.add(Cell.header(t.get("kpi.period_start")));
      header.add(Cell.header(t.get("kpi.period_end")));
    }
    for (Metric m : Metric.values()) {
      header.add(Cell.header(t.get(m.labelKey())));
    }
    rows.add(header);
    if (table == Table.RANKING) {
      for (KpiReport.Line l : r.ranking()) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(byAgent ? l.name() : teamName(l.name(), t)));
        if (byAgent) {
          row.add(Cell.text(l.key()));
          row.add(Cell.text(teamName(l.team(), t)));
        }
        figures(row, l.figures());
        rows.add(row);
      }
      if (r.total() != null) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(t.get("kpi.total")));
        if (byAgent) {
          row.add(Cell.text(""));
          row.add(Cell.text(""));
        }
        figures(row, r.total().figures());
        rows.add(row);
      }
    } else {
      for (KpiReport.Line l : r.trend()) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(l.period().toString()));
        row.add(Cell.text(l.periodEnd().toString()));
        figures(row, l.figures());
        rows.add(row);
      }
    }
    return rows;
  }

  static String teamName(String team, Messages.Text t) {
    return team == null || team.isEmpty() ? t.get("kpi.no_team") : team;
  }

  private static void figures(List<Cell> row, KpiFigures f) {
    for (Metric m : Metric.values()) {
      row.add(new Cell(m.value(f), style(m)));
    }
  }

  private static Xlsx.Style style(Metric m) {
    return switch (m.kind()) {
      case COUNT -> Xlsx.Style.INTEGER;
      case SECONDS -> Xlsx.Style.DECIMAL_1;
      case RATE -> Xlsx.Style.PERCENT;
      case MONEY -> Xlsx.Style.MONEY;
      case RATIO, SCORE -> Xlsx.Style.DECIMAL_2;
    };
  }

  /**
   * RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF line ends. Text
   * cells that a spreadsheet would run as a formula (= + - @ first) get a leading quote.
   */
  static byte[] csv(KpiReport r, Table table, Messages.Text t) {
    StringBuilder b = new StringBuilder("\uFEFF");
    for (List<Cell> row : rows(r, table, t)) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        Cell c = row.get(i);
        Object v = c.value();
        if (v == null) {
          continue;
        }
        String s =
            v instanceof java.math.BigDecimal
                ? ((java.math.BigDecimal) v).toPlainString()
                : v.toString();
        if (!(v instanceof Number)) {
          s = defuse(s);
        }
        b.append(quote(s));
      }
      b.append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String defuse(String s) {
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Ranking, trend and the filters they were made with, one sheet each. */
  static byte[] xlsx(KpiReport r, Messages.Text t) {
    KpiQuery q = r.query();
    List<List<Cell>> filters = new ArrayList<>();
    filters.add(List.of(Cell.header(t.get("kpi.filter")), Cell.header(t.get("kpi.value"))));
    filters.add(List.of(Cell.text(t.get("kpi.from")), Cell.text(q.from().toString())));
    filters.add(List.of(Cell.text(t.get("kpi.to")), Cell.text(q.to().toString())));
    filters.add(
        List.of(
            Cell.text(t.get("kpi.team")),
            Cell.text(q.team() == null ? t.get("kpi.all") : teamName(q.team(), t))));
    filters.add(
        List.of(
            Cell.text(t.get("kpi.agent")),
            Cell.text(q.agent() == null ? t.get("kpi.all") : q.agent())));
    filters.add(
        List.of(
            Cell.text(t.get("kpi.shop")),
            Cell.text(q.shop() == null ? t.get("kpi.all") : q.shop())));
    filters.add(
        List.of(Cell.text(t.get("kpi.grain")), Cell.text(t.get("kpi.grain_" + q.grain().code()))));
    for (String rule : r.rules()) {
      filters.add(List.of(Cell.text(t.get("kpi.rule")), Cell.text(rule)));
    }
    filters.add(List.of(Cell.text(t.get("kpi.rollup")), Cell.text(t.get("kpi.rollup_note"))));
    return Xlsx.write(
        List.of(
            new Xlsx.Sheet(t.get("kpi.ranking"), rows(r, Table.RANKING, t)),
            new Xlsx.Sheet(t.get("kpi.trend"), rows(r, Table.TREND, t)),
            new Xlsx.Sheet(t.get("kpi.filters"), filters)));
  }
}
