package io.kefu.dashboard.report;

import io.kefu.dashboard.report.ReportDocument.Block;
import io.kefu.dashboard.report.ReportDocument.Cell;
import io.kefu.dashboard.report.ReportDocument.Chart;
import io.kefu.dashboard.report.ReportDocument.Charts;
import io.kefu.dashboard.report.ReportDocument.Heading;
import io.kefu.dashboard.report.ReportDocument.Paragraph;
import io.kefu.dashboard.report.ReportDocument.Table;
import io.kefu.dashboard.report.ReportDocument.Tone;
import io.kefu.dashboard.report.WeeklyReport.Figure;
import io.kefu.dashboard.report.WeeklyReport.Subject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;

/**
 * What each report says, as {@link ReportDocument}s: the shop's, each team's and each agent's. The
 * agent's document is built only from that agent's figures and their team's totals (never a
 * colleague's figures or name), so it can be handed to the agent.
 */
public final class ReportDocuments {

  static final int CHART_W = 560;
  static final int CHART_H = 290;
  static final double CHART_SCALE = 2.0;

  private final WeeklyReport r;
  private final ReportData d;
  private final ReportSettings s;
  private final Words w;
  private final Instant generatedAt;
  private final ZoneId zone;

  public ReportDocuments(WeeklyReport report, boolean english, Instant generatedAt, ZoneId zone) {
    this.r = report;
    this.d = report.data();
    this.s = report.settings();
    this.w = new Words(english);
    this.generatedAt = generatedAt;
    this.zone = zone;
  }

  /** Every document of the week: the shop (unless only one team is asked for), teams, agents. */
  public List<ReportDocument> all(String onlyTeam) {
    List<ReportDocument> out = new ArrayList<>();
    if (onlyTeam == null) {
      out.add(shop());
    }
    for (String team : r.teams().keySet()) {
      if (onlyTeam == null || onlyTeam.equals(team)) {
        out.add(team(team));
        for (Subject a : r.teamAgents(team)) {
          out.add(agent(a.key()));
        }
      }
    }
    return out;
  }

  // ---- the three documents ----------------------------------------------------------------

  public ReportDocument agent(String agentId) {
    Subject a = r.agents().get(agentId);
    if (a == null) {
      throw new IllegalArgumentException("no figures for agent " + agentId + " in " + d.week());
    }
    List<Block> b = new ArrayList<>();
    b.addAll(status());
    b.add(new Heading(w.t("绩效得分", "Performance score")));
    b.add(scoreSummary(a));
    b.add(scorecardTable(a));
    b.add(new Heading(w.t("本周指标", "This week's figures")));
    b.add(figuresTable(a, true));
    b.addAll(flags(List.of(a)));
    b.add(new Heading(w.t("质检严重问题", "Critical quality issues")));
    b.addAll(
        criticalTable(
            d.critical().stream().filter(c -> c.agentId().equals(agentId)).toList(), false));
    b.add(new Heading(w.t("近 " + s.trendWeeks() + " 周趋势", "Last " + s.trendWeeks() + " weeks")));
    b.addAll(agentTrends(a));
    b.addAll(definitions());
    return new ReportDocument(
        WeeklyReport.Kind.AGENT,
        agentId,
        "agent-" + ReportFiles.safeName(agentId),
        w.lang(),
        w.t("客服周报 · ", "Weekly report · ") + a.name() + "（" + agentId + "）",
        teamName(a.team()) + " · " + weekText(),
        b);
  }

  public ReportDocument team(String team) {
    Subject t = r.teams().get(team);
    List<Subject> agents = r.teamAgents(team);
    List<Block> b = new ArrayList<>();
    b.addAll(status());
    b.add(new Heading(w.t("全组本周指标", "The team's figures")));
    b.add(figuresTable(t, false));
    b.add(new Heading(w.t("组员排名（按绩效得分）", "Agents, by performance score")));
    b.add(agentsTable(agents, false));
    b.addAll(flags(agents));
    b.add(new Heading(w.t("组内分布", "Spread within the team")));
    b.addAll(distributionCharts(agents));
    b.add(new Heading(w.t("质检严重问题", "Critical quality issues")));
    List<String> ids = agents.stream().map(Subject::key).toList();
    b.addAll(
        criticalTable(d.critical().stream().filter(c -> ids.contains(c.agentId())).toList(), true));
    b.add(new Heading(w.t("近 " + s.trendWeeks() + " 周趋势", "Last " + s.trendWeeks() + " weeks")));
    b.addAll(groupTrends(wk -> d.team(team, wk), teamName(team)));
    b.addAll(definitions());
    return new ReportDocument(
        WeeklyReport.Kind.TEAM,
        team,
        "team-" + ReportFiles.safeName(team.isEmpty() ? "unassigned" : team),
        w.lang(),
        w.t("客服周报 · ", "Weekly report · ") + teamName(team),
        weekText(),
        b);
  }

  public ReportDocument shop() {
    List<Block> b = new ArrayList<>();
    b.addAll(status());
    b.add(new Heading(w.t("全店客服本周指标", "The shop's service figures")));
    b.add(figuresTable(r.shop(), false));
    b.add(shopSalesTable());
    b.add(new Heading(w.t("各组", "Teams")));
    b.add(teamsTable());
    b.add(new Heading(w.t("全部客服（组内按绩效得分排名）", "All agents (ranked within their team)")));
    List<Subject> all = new ArrayList<>();
    r.teams().keySet().forEach(t -> all.addAll(r.teamAgents(t)));
    b.add(agentsTable(all, true));
    b.addAll(flags(all));
    b.add(new Heading(w.t("各组对比", "Teams compared")));
    b.addAll(teamCharts());
    b.add(new Heading(w.t("质检严重问题", "Critical quality issues")));
    b.addAll(criticalTable(d.critical(), true));
    b.add(new Heading(w.t("近 " + s.trendWeeks() + " 周趋势", "Last " + s.trendWeeks() + " weeks")));
    b.addAll(groupTrends(d::shop, w.t("全店", "Shop")));
    b.addAll(definitions());
    return new ReportDocument(
        WeeklyReport.Kind.SHOP,
        "*",
        "shop",
        w.lang(),
        w.t("客服周报 · 全店", "Weekly report · whole shop")
            + (d.shop() == null ? "" : "（" + d.shop() + "）"),
        weekText(),
        b);
  }

  // ---- parts ----------------------------------------------------------------------------------

  private String weekText() {
    return d.week().label()
        + w.t("（", " (")
        + d.week().monday()
        + w.t(" 至 ", " to ")
        + d.week().sunday()
        + w.t("）", ")");
  }

  String teamName(String team) {
    return team == null || team.isEmpty() ? w.t("未分组", "No team") : team;
  }

  /** When it was made, from which data, and how final the figures are. */
  private List<Block> status() {
    List<Block> b = new ArrayList<>();
    ReportData.Context c = d.context();
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    b.add(
        new Paragraph(
            w.t("生成于 ", "Generated ")
                + f.format(generatedAt.atZone(zone))
                + w.t("；数据截至 ", "; data up to ")
                + (c.lastIngestedDay() == null ? "–" : c.lastIngestedDay().toString())
                + (c.lastRunId() == null
                    ? ""
                    : w.t("（批次 ", " (run ") + c.lastRunId() + w.t("）", ")"))
                + w.t("；归因规则：", "; attribution: ")
                + (c.attributionRules().isEmpty() ? "–" : String.join(" / ", c.attributionRules()))
                + w.t("。", "."),
            Tone.MUTED));
    if (!c.missingDays().isEmpty()) {
      b.add(
          new Paragraph(
              w.t("本周尚未导入的日期：", "Days of this week not ingested yet: ")
                  + join(c.missingDays())
                  + w.t("。这些天没有数据，本周数字不完整。", ". They have no data: the week is incomplete."),
              Tone.WARN));
    }
    if (!c.provisionalDays().isEmpty()) {
      b.add(
          new Paragraph(
              w.t("尚未最终确定的日期：", "Days not final yet: ")
                  + join(c.provisionalDays())
                  + w.t(
                      "。这些天的询单转化、销售额、客单价和退款率还可能因迟到的下单、付款和退款而变化（规则见文末）。",
                      ". Their conversion, sales, AOV and refund figures may still change as late"
                          + " orders, payments and refunds arrive (rule at the end)."),
              Tone.WARN));
    }
    return b;
  }

  private static String join(List<?> items) {
    return String.join(", ", items.stream().map(String::valueOf).toList());
  }

  private Table scoreSummary(Subject a) {
    Scorecard.Score sc = a.score();
    Scorecard.Score prev = a.previousScore();
    List<Cell> row = new ArrayList<>();
    row.add(
        Cell.of(
            sc.scored() ? Fmt.num(sc.score(), 1) : w.t("样本不足，不计分", "too little data, no score"),
            sc.scored() ? Tone.STRONG : Tone.MUTED));
    row.add(
        Cell.of(
            a.scoreRank() == null ? "–" : a.scoreRank() + " / " + a.scoreRanked(),
            a.scoreRank() == null ? Tone.MUTED : Tone.PLAIN));
    row.add(Cell.of(prev == null || !prev.scored() ? "–" : Fmt.num(prev.score(), 1)));
    Double change = sc.scored() && prev != null && prev.scored() ? sc.score() - prev.score() : null;
    row.add(Cell.of(change == null ? "–" : Fmt.signed(change, 1)));
    long scoredItems = sc.lines().stream().filter(l -> l.points() != null).count();
    row.add(
        Cell.of(
            scoredItems
                + " / "
                + sc.lines().size()
                + w.t("（权重 ", " (weight ")
                + Fmt.num(sc.weightShare() * 100, 0)
                + "%"
                + w.t("）", ")")));
    return new Table(
        List.of(
            w.t("得分（满分 100）", "Score (of 100)"),
            w.t("组内排名", "Rank in team"),
            w.t("上周得分", "Last week"),
            w.t("变化", "Change"),
            w.t("计分项", "Items scored")),
        List.of(row),
        List.of(1.4, 1.0, 1.0, 1.0, 1.4));
  }

  private Table scorecardTable(Subject a) {
    List<List<Cell>> rows = new ArrayList<>();
    for (Scorecard.Line l : a.score().lines()) {
      ReportSettings.ScoreItem item = l.item();
      boolean rel = item.relativeToTeamMedian();
      String value =
          l.value() == null
              ? "–"
              : rel
                  ? Fmt.num(l.value(), 2) + w.t(" 倍中位数", "× median")
                  : Fmt.value(item.metric(), l.value());
      String note;
      if (l.why() == null) {
        note = l.n() == null ? "" : "n=" + l.n();
      } else if (l.why().equals(Scorecard.SMALL_SAMPLE)) {
        note = w.t("样本不足（n=", "small sample (n=") + l.n() + w.t("），不计入", "), not scored");
      } else if (l.why().equals(Scorecard.NO_TEAM_MEDIAN)) {
        note = w.t("组中位数为 0，不计入", "team median is 0, not scored");
      } else {
        note = w.t("无数据，不计入", "no data, not scored");
      }
      rows.add(
          List.of(
              Cell.of(w.en() ? item.labelEn() : item.label()),
              Cell.of(value, l.why() == null ? Tone.PLAIN : Tone.MUTED),
              Cell.of(target(item, item.target())),
              Cell.of(target(item, item.zero())),
              Cell.of(
                  (l.points() == null ? "–" : Fmt.num(l.points(), 1))
                      + " / "
                      + ReportSettings.num(item.weight()),
                  l.points() == null ? Tone.MUTED : Tone.PLAIN),
              Cell.of(note, Tone.MUTED)));
    }
    return new Table(
        List.of(
            w.t("考核项目", "Item"),
            w.t("本周", "This week"),
            w.t("满分值", "Full points at"),
            w.t("零分值", "Zero points at"),
            w.t("得分 / 权重", "Points / weight"),
            w.t("说明", "Note")),
        rows,
        List.of(3.0, 1.3, 1.1, 1.1, 1.1, 2.0));
  }

  private String target(ReportSettings.ScoreItem item, double v) {
    return item.relativeToTeamMedian()
        ? Fmt.num(v, 2) + w.t(" 倍", "×")
        : Fmt.value(item.metric(), v);
  }

  /**
   * Every figure with its sample, interval, last week, change and test; agents also team and rank.
   */
  private Table figuresTable(Subject subject, boolean agent) {
    List<List<Cell>> rows = new ArrayList<>();
    for (ReportMetric m : WeeklyReport.TABLE) {
      if (m.kind() != ReportMetric.Kind.COUNT
          && m.sample().orElse(null) == ReportMetric.Sample.QA
          && !d.context().qaAvailable()) {
        continue;
      }
      if (m == ReportMetric.QA_CRITICAL_SESSIONS && !d.context().qaAvailable()) {
        continue;
      }
      Figure f = subject.figure(m);
      List<Cell> row = new ArrayList<>();
      row.add(Cell.of(m.label(w.en())));
      row.add(
          Cell.of(
              Fmt.value(m, f.value()) + (f.insufficient() ? w.t("（样本不足）", " (small n)") : ""),
              f.insufficient() ? Tone.MUTED : Tone.STRONG));
      row.add(
          Cell.of(
              f.ci() == null ? "–" : Fmt.interval(f.ci()),
              f.insufficient() ? Tone.MUTED : Tone.PLAIN));
      row.add(
          Cell.of(
              f.n() == null ? "" : Fmt.count(f.n()), f.insufficient() ? Tone.WARN : Tone.MUTED));
      row.add(Cell.of(Fmt.value(m, f.previous())));
      row.add(changeCell(m, f));
      row.add(testCell(m, f));
      if (agent) {
        row.add(Cell.of(Fmt.value(m, f.team()), Tone.MUTED));
        row.add(
            Cell.of(
                f.rank() == null ? "–" : f.rank() + " / " + f.ranked(),
                f.rank() == null ? Tone.MUTED : Tone.PLAIN));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>();
    header.add(w.t("指标", "Figure"));
    header.add(w.t("本周", "This week"));
    header.add(
        w.t(
            Fmt.num(s.confidence() * 100, 0) + "% 置信区间",
            Fmt.num(s.confidence() * 100, 0) + "% interval"));
    header.add("n");
    header.add(w.t("上周", "Last week"));
    header.add(w.t("变化", "Change"));
    header.add(w.t("显著性", "Significance"));
    List<Double> widths = new ArrayList<>(List.of(1.7, 1.6, 1.5, 0.6, 1.1, 1.1, 1.6));
    if (agent) {
      header.add(w.t("全组", "Team"));
      header.add(w.t("组内排名", "Rank"));
      widths.addAll(List.of(1.1, 0.8));
    }
    return new Table(header, rows, widths);
  }

  private Cell changeCell(ReportMetric m, Figure f) {
    Double c = f.change();
    if (c == null) {
      return Cell.of("–", Tone.MUTED);
    }
    boolean trusted = significant(f);
    Tone tone = Tone.PLAIN;
    if (trusted && c != 0) {
      tone = (c > 0) == m.higherIsBetter() ? Tone.GOOD : Tone.BAD;
    }
    return Cell.of(Fmt.change(m, c), tone);
  }

  private boolean significant(Figure f) {
    return f.test() != null
        && f.test().significant(s.alpha())
        && !f.insufficient()
        && !f.previousInsufficient();
  }

  private Cell testCell(ReportMetric m, Figure f) {
    if (f.test() == null) {
      if (m.kind() == ReportMetric.Kind.COUNT || m.kind() == ReportMetric.Kind.MONEY) {
        return Cell.of(w.t("计数，不检验", "a count, not tested"), Tone.MUTED);
      }
      if (m == ReportMetric.RT_P90_S) {
        return Cell.of(w.t("分位数，不检验", "a percentile, not tested"), Tone.MUTED);
      }
      return Cell.of("–", Tone.MUTED);
    }
    String p = "p=" + Fmt.p(f.test().p());
    if (f.insufficient() || f.previousInsufficient()) {
      return Cell.of(p + w.t("，样本不足", ", small n"), Tone.MUTED);
    }
    return significant(f)
        ? Cell.of(p + w.t(" 显著", " significant"), Tone.STRONG)
        : Cell.of(p + w.t(" 不显著", " not significant"), Tone.MUTED);
  }

  /** The team's or shop's agents: score, rank and the key figures. */
  private Table agentsTable(List<Subject> agents, boolean withTeam) {
    List<ReportMetric> cols =
        new ArrayList<>(
            List.of(
                ReportMetric.RECEIVED_BUYERS,
                ReportMetric.INQUIRY_CONVERSION_RATE,
                ReportMetric.PAYMENT_CONVERSION_RATE,
                ReportMetric.AOV,
                ReportMetric.REFUND_RATE,
                ReportMetric.FRT_AVG_S,
                ReportMetric.ART_AVG_S,
                ReportMetric.RT_P90_S,
                ReportMetric.REPLY_3MIN_RATE,
                ReportMetric.SATISFACTION_RATE,
                ReportMetric.DISSATISFIED_RATINGS));
    if (d.context().qaAvailable()) {
      cols.add(ReportMetric.QA_SCORE);
      cols.add(ReportMetric.QA_CRITICAL_SESSIONS);
    }
    List<String> header = new ArrayList<>();
    List<Double> widths = new ArrayList<>();
    if (withTeam) {
      header.add(w.t("组", "Team"));
      widths.add(1.2);
    }
    header.add(w.t("排名", "Rank"));
    header.add(w.t("客服", "Agent"));
    header.add(w.t("得分", "Score"));
    widths.addAll(List.of(0.6, 1.1, 0.8));
    for (ReportMetric m : cols) {
      header.add(m.label(w.en()));
      widths.add(m.kind() == ReportMetric.Kind.MONEY ? 1.1 : 0.95);
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (Subject a : agents) {
      List<Cell> row = new ArrayList<>();
      if (withTeam) {
        row.add(Cell.of(teamName(a.team())));
      }
      row.add(Cell.of(a.scoreRank() == null ? "–" : String.valueOf(a.scoreRank())));
      row.add(Cell.of(a.name() + (a.outlier() ? " !" : ""), a.outlier() ? Tone.BAD : Tone.PLAIN));
      row.add(
          Cell.of(
              a.score().scored() ? Fmt.num(a.score().score(), 1) : w.t("不计分", "none"),
              a.score().scored() ? Tone.STRONG : Tone.MUTED));
      for (ReportMetric m : cols) {
        Figure f = a.figure(m);
        row.add(
            Cell.of(
                Fmt.value(m, f.value()) + (f.insufficient() ? "*" : ""),
                f.insufficient() ? Tone.MUTED : Tone.PLAIN));
      }
      rows.add(row);
    }
    return new Table(header, rows, widths);
  }

  private Table teamsTable() {
    List<ReportMetric> cols =
        List.of(
            ReportMetric.RECEIVED_BUYERS,
            ReportMetric.INQUIRY_CONVERSION_RATE,
            ReportMetric.PAYMENT_CONVERSION_RATE,
            ReportMetric.SALES,
            ReportMetric.AOV,
            ReportMetric.REFUND_RATE,
            ReportMetric.FRT_AVG_S,
            ReportMetric.ART_AVG_S,
            ReportMetric.REPLY_3MIN_RATE,
            ReportMetric.SATISFACTION_RATE);
    List<String> header = new ArrayList<>(List.of(w.t("组", "Team"), w.t("客服数", "Agents")));
    List<Double> widths = new ArrayList<>(List.of(1.3, 0.6));
    for (ReportMetric m : cols) {
      header.add(m.label(w.en()));
      widths.add(m.kind() == ReportMetric.Kind.MONEY ? 1.3 : 1.0);
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (Map.Entry<String, Subject> t : r.teams().entrySet()) {
      List<Cell> row = new ArrayList<>();
      row.add(Cell.of(teamName(t.getKey())));
      row.add(Cell.of(String.valueOf(r.teamAgents(t.getKey()).size())));
      for (ReportMetric m : cols) {
        Figure f = t.getValue().figure(m);
        row.add(Cell.of(Fmt.value(m, f.value()) + (f.insufficient() ? "*" : "")));
      }
      rows.add(row);
    }
    return new Table(header, rows, widths);
  }

  private Table shopSalesTable() {
    ReportData.Context c = d.context();
    Double share =
        c.shopSales().signum() == 0
            ? null
            : c.serviceSales().doubleValue() / c.shopSales().doubleValue();
    return new Table(
        List.of(
            w.t("客服销售额", "Service sales"),
            w.t("全店销售额", "Shop sales"),
            w.t("客服销售占比", "Service sales share"),
            w.t("静默下单数", "Silent orders")),
        List.of(
            List.of(
                Cell.of(Fmt.money(c.serviceSales().doubleValue())),
                Cell.of(Fmt.money(c.shopSales().doubleValue())),
                Cell.of(share == null ? "–" : Fmt.percent(share)),
                Cell.of(Fmt.count(c.silentOrders())))),
        List.of(1.0, 1.0, 1.0, 1.0));
  }

  /** Outliers and what the marks mean. */
  private List<Block> flags(List<Subject> agents) {
    List<Block> b = new ArrayList<>();
    for (Subject a : agents) {
      if (a.outlier()) {
        b.add(
            new Paragraph(
                w.t("异常值：", "Outlier: ")
                    + a.name()
                    + w.t(" 的响应时间 P90 为 ", "'s response-time P90 is ")
                    + Fmt.seconds(a.now().kpi().rtP90S())
                    + w.t("，超过全组 P90（", ", more than ")
                    + (w.en()
                        ? ReportSettings.num(s.outlierP90Factor()) + "× the team's P90 ("
                        : "")
                    + Fmt.seconds(r.teams().get(a.team()).now().kpi().rtP90S())
                    + w.t(
                        "）的 " + ReportSettings.num(s.outlierP90Factor()) + " 倍：少数买家等得特别久，值得查看这些会话。",
                        "): a few buyers waited very long; worth reading those sessions."),
                Tone.BAD));
      }
    }
    b.add(
        new Paragraph(
            w.t(
                "“样本不足”或 * 表示该数字所依据的观测少于 "
                    + s.minN()
                    + "（比率的分母、响应时间的轮次、质检的会话数），不参与排名和计分，变化不判定显著。"
                    + "变化只有在检验显著（p < "
                    + ReportSettings.num(s.alpha())
                    + "）时才标为变好（绿）或变差（红）。",
                "“small n” or * marks a figure resting on fewer than "
                    + s.minN()
                    + " observations (a rate's denominator, a time's turns, a quality score's"
                    + " sessions): it is not ranked or scored, and its change is never called"
                    + " significant. A change is coloured better (green) or worse (red) only when"
                    + " its test is significant (p < "
                    + ReportSettings.num(s.alpha())
                    + ")."),
            Tone.MUTED));
    return b;
  }

  private List<Block> criticalTable(List<ReportData.CriticalSession> sessions, boolean withAgent) {
    if (!d.context().qaAvailable()) {
      return List.of(
          new Paragraph(
              w.t(
                  "数据仓库中还没有质检评分（session_quality）。",
                  "The warehouse has no quality scores (session_quality) yet."),
              Tone.MUTED));
    }
    if (sessions.isEmpty()) {
      return List.of(
          new Paragraph(w.t("本周没有严重问题会话。", "No critical sessions this week."), Tone.MUTED));
    }
    Map<String, String> names = new LinkedHashMap<>();
    d.agents().forEach(a -> names.put(a.agentId(), a.name()));
    List<String> header = new ArrayList<>();
    List<Double> widths = new ArrayList<>();
    header.add(w.t("日期", "Day"));
    widths.add(0.9);
    if (withAgent) {
      header.add(w.t("客服", "Agent"));
      widths.add(0.8);
    }
    header.addAll(
        List.of(
            w.t("会话", "Session"), w.t("规则", "Rules"), w.t("得分", "Score"), w.t("摘录", "Excerpt")));
    widths.addAll(List.of(1.6, 1.4, 0.7, 3.6));
    List<List<Cell>> rows = new ArrayList<>();
    for (ReportData.CriticalSession c : sessions) {
      List<Cell> row = new ArrayList<>();
      row.add(Cell.of(c.day().toString()));
      if (withAgent) {
        row.add(Cell.of(names.getOrDefault(c.agentId(), c.agentId())));
      }
      row.add(new Cell(c.sessionId(), Tone.PLAIN, transcriptLink(c)));
      row.add(Cell.of(String.join(", ", c.rules())));
      row.add(Cell.of(Fmt.num(c.score(), 0) + (c.reviewed() ? w.t("（复核）", " (reviewed)") : "")));
      row.add(Cell.of(c.excerpt() == null ? "" : c.excerpt(), Tone.MUTED));
      rows.add(row);
    }
    return List.of(new Table(header, rows, widths));
  }

  String transcriptLink(ReportData.CriticalSession c) {
    if (s.transcriptLink().isEmpty()) {
      return null;
    }
    return s.linkBase()
        + s.transcriptLink()
            .replace("{shop}", URLEncoder.encode(c.shopId(), StandardCharsets.UTF_8))
            .replace("{session}", URLEncoder.encode(c.sessionId(), StandardCharsets.UTF_8));
  }

  // ---- charts -----------------------------------------------------------------------------------

  private Chart chart(JFreeChart c, String title) {
    return new Chart(title, ReportCharts.png(c, CHART_W, CHART_H, CHART_SCALE), CHART_W, CHART_H);
  }

  private static List<Block> pairs(List<Chart> charts) {
    List<Block> b = new ArrayList<>();
    for (int i = 0; i < charts.size(); i += 2) {
      b.add(new Charts(charts.subList(i, Math.min(i + 2, charts.size()))));
    }
    return b;
  }

  private Chart trend(
      String title, ReportMetric m, Map<String, Function<IsoWeek, WeekFigures>> series) {
    Map<String, Function<IsoWeek, Double>> values = new LinkedHashMap<>();
    boolean rate = m.kind() == ReportMetric.Kind.RATE;
    series.forEach(
        (name, f) ->
            values.put(
                name,
                wk -> {
                  WeekFigures x = f.apply(wk);
                  Double v = x.active() ? m.value(x) : null;
                  return v == null ? null : rate ? v * 100 : v;
                }));
    String axis =
        m.label(w.en())
            + (rate ? " (%)" : m.kind() == ReportMetric.Kind.SECONDS ? w.t("（秒）", " (s)") : "");
    return chart(
        ReportCharts.createTrendChart(
            ReportCharts.createTrendDataset(d.weeks(), values), title, w.t("周", "Week"), axis),
        title);
  }

  private List<Block> agentTrends(Subject a) {
    Map<String, Function<IsoWeek, WeekFigures>> series = new LinkedHashMap<>();
    series.put(a.name(), wk -> d.agent(a.key(), wk));
    series.put(teamName(a.team()), wk -> d.team(a.team(), wk));
    List<Chart> charts = new ArrayList<>();
    charts.add(scoreTrend(a));
    for (ReportMetric m : trendMetrics()) {
      charts.add(trend(m.label(w.en()), m, series));
    }
    return pairs(charts);
  }

  private List<ReportMetric> trendMetrics() {
    List<ReportMetric> ms =
        new ArrayList<>(
            List.of(
                ReportMetric.ART_AVG_S,
                ReportMetric.INQUIRY_CONVERSION_RATE,
                ReportMetric.SATISFACTION_RATE));
    if (d.context().qaAvailable()) {
      ms.add(ReportMetric.QA_SCORE);
    }
    return ms;
  }

  /** The agent's composite score in each week of the trend, scored against that week's team. */
  private Chart scoreTrend(Subject a) {
    Map<String, Function<IsoWeek, Double>> values = new LinkedHashMap<>();
    values.put(
        a.name(),
        wk -> {
          WeekFigures f = d.agent(a.key(), wk);
          if (!f.active()) {
            return null;
          }
          List<String> ids =
              d.teamAgents(a.team()).stream()
                  .map(ReportData.Agent::agentId)
                  .filter(id -> d.agent(id, wk).active())
                  .toList();
          return Scorecard.score(f, s, WeeklyReport.teamMedians(d, s, ids, wk)).score();
        });
    String title = w.t("绩效得分", "Performance score");
    return chart(
        ReportCharts.createTrendChart(
            ReportCharts.createTrendDataset(d.weeks(), values), title, w.t("周", "Week"), title),
        title);
  }

  private List<Block> groupTrends(Function<IsoWeek, WeekFigures> f, String name) {
    Map<String, Function<IsoWeek, WeekFigures>> series = new LinkedHashMap<>();
    series.put(name, f);
    List<Chart> charts = new ArrayList<>();
    List<ReportMetric> ms = new ArrayList<>(List.of(ReportMetric.RECEIVED_BUYERS));
    ms.addAll(trendMetrics());
    for (ReportMetric m : ms) {
      charts.add(trend(m.label(w.en()), m, series));
    }
    return pairs(charts);
  }

  private List<Block> distributionCharts(List<Subject> agents) {
    List<Chart> charts = new ArrayList<>();
    Map<String, double[]> spread = new LinkedHashMap<>();
    for (Subject a : agents) {
      double[] ms = d.sample(d.week(), ReportMetric.Sample.ART, a.key());
      spread.put(a.name(), java.util.Arrays.stream(ms).map(v -> v / 1000).toArray());
    }
    String t1 =
        w.t("响应时间分布（箱线：四分位，须：1.5 倍四分距）", "Response times (box: quartiles, whiskers: 1.5 IQR)");
    charts.add(
        chart(
            ReportCharts.createSpreadChart(
                ReportCharts.createSpreadDataset(spread, w.t("响应时间", "Response time")),
                t1,
                w.t("秒", "seconds")),
            t1));
    LinkedHashMap<String, Double> scores = new LinkedHashMap<>();
    agents.forEach(a -> scores.put(a.name(), a.score().score()));
    String t2 = w.t("绩效得分", "Performance score");
    charts.add(
        chart(
            ReportCharts.createScoreChart(
                ReportCharts.createScoreDataset(scores, t2), t2, w.t("客服", "Agent"), t2),
            t2));
    for (ReportMetric m :
        List.of(ReportMetric.INQUIRY_CONVERSION_RATE, ReportMetric.SATISFACTION_RATE)) {
      List<ReportCharts.RateWithInterval> rows = new ArrayList<>();
      for (Subject a : agents) {
        Figure f = a.figure(m);
        rows.add(new ReportCharts.RateWithInterval(a.name(), f.value(), f.ci()));
      }
      charts.add(intervalChart(m, rows));
    }
    return pairs(charts);
  }

  private Chart intervalChart(ReportMetric m, List<ReportCharts.RateWithInterval> rows) {
    String title =
        m.label(w.en())
            + w.t("及 ", " with ")
            + Fmt.num(s.confidence() * 100, 0)
            + w.t("% 置信区间", "% interval");
    return chart(
        ReportCharts.createIntervalChart(
            rows,
            title,
            "%",
            w.t("本周", "this week"),
            Fmt.num(s.confidence() * 100, 0) + w.t("% 置信区间", "% interval")),
        title);
  }

  private List<Block> teamCharts() {
    List<Chart> charts = new ArrayList<>();
    Map<String, double[]> spread = new LinkedHashMap<>();
    for (String team : r.teams().keySet()) {
      List<String> ids = r.teamAgents(team).stream().map(Subject::key).toList();
      double[] ms = d.sample(d.week(), ReportMetric.Sample.ART, ids);
      spread.put(teamName(team), java.util.Arrays.stream(ms).map(v -> v / 1000).toArray());
    }
    String t1 = w.t("各组响应时间分布", "Response times by team");
    charts.add(
        chart(
            ReportCharts.createSpreadChart(
                ReportCharts.createSpreadDataset(spread, w.t("响应时间", "Response time")),
                t1,
                w.t("秒", "seconds")),
            t1));
    List<ReportCharts.RateWithInterval> rows = new ArrayList<>();
    for (Map.Entry<String, Subject> t : r.teams().entrySet()) {
      Figure f = t.getValue().figure(ReportMetric.INQUIRY_CONVERSION_RATE);
      rows.add(new ReportCharts.RateWithInterval(teamName(t.getKey()), f.value(), f.ci()));
    }
    charts.add(intervalChart(ReportMetric.INQUIRY_CONVERSION_RATE, rows));
    return pairs(charts);
  }

  // ---- definitions --------------------------------------------------------------------------

  private List<Block> definitions() {
    List<Block> b = new ArrayList<>();
    ReportData.Context c = d.context();
    b.add(new Heading(w.t("定义、口径与配置", "Definitions, rules and settings")));
    List<List<Cell>> defs = new ArrayList<>();
    for (String[] def : w.en() ? DEFINITIONS_EN : DEFINITIONS_ZH) {
      defs.add(List.of(Cell.of(def[0]), Cell.of(def[1])));
    }
    b.add(
        new Table(List.of(w.t("指标", "Figure"), w.t("定义", "Definition")), defs, List.of(1.2, 6.0)));

    List<List<Cell>> rules = new ArrayList<>();
    rules.add(
        row(
            w.t("归因规则", "Attribution"),
            c.attributionRules().isEmpty() ? "–" : String.join(" / ", c.attributionRules())));
    if (c.configs().size() == 1) {
      ReportRepository.parseConfig(c.configs().get(0)).forEach((k, v) -> rules.add(row(k, v)));
    } else {
      for (String conf : c.configs()) {
        rules.add(row(w.t("配置", "Configuration"), conf));
      }
    }
    rules.add(
        row(
            w.t("质检规则版本", "Quality rulebook"),
            !c.qaAvailable()
                ? w.t("无质检数据", "no quality data")
                : c.rulebookVersions().isEmpty() ? "–" : String.join(", ", c.rulebookVersions())));
    rules.add(
        row(
            w.t("复核分数", "Reviewed scores"),
            c.reviewsConnected()
                ? w.t(
                    "质检员复核过的会话用复核分数，其余用自动评分",
                    "a reviewer's score where a session was reviewed, else the automatic one")
                : w.t("尚未接入复核结果：全部为自动评分", "not connected yet: every score is the automatic one")));
    rules.add(
        row(
            w.t("最终确定规则", "When a day is final"),
            w.t(
                "某天在“最后导入日 ≥ 该天 + 归因窗口（向上取整到天）+ 付款期 "
                    + s.paymentDays()
                    + " 天 + 退款期 "
                    + s.refundDays()
                    + " 天”（共 "
                    + c.finalHorizonDays()
                    + " 天）时视为最终；之前迟到的下单、付款、退款仍可能改变它的转化、销售额和退款率。",
                "a day is final once the last ingested day is at least the day + the attribution"
                    + " window (rounded up to days) + "
                    + s.paymentDays()
                    + " payment days + "
                    + s.refundDays()
                    + " refund days ("
                    + c.finalHorizonDays()
                    + " days); until then late orders, payments and refunds can change its"
                    + " conversion, sales and refund figures.")));
    rules.add(
        row(
            w.t("统计方法", "Statistics"),
            w.t(
                "比率的区间为 Wilson 置信区间（"
                    + Fmt.num(s.confidence() * 100, 0)
                    + "%）；比率的周环比用双比例 z 检验（合并比例，双侧）；平均首次/平均响应时间与质检得分用 Welch t 检验（逐轮次/逐会话，双侧）；"
                    + "p < "
                    + ReportSettings.num(s.alpha())
                    + " 为显著。观测少于 "
                    + s.minN()
                    + " 标为样本不足。异常值：客服响应时间 P90 超过全组全部轮次 P90 的 "
                    + ReportSettings.num(s.outlierP90Factor())
                    + " 倍。计算使用 Apache Commons Math。",
                "rates carry a Wilson score interval ("
                    + Fmt.num(s.confidence() * 100, 0)
                    + "%); week-over-week changes of rates are tested with a two-proportion z-test"
                    + " (pooled, two-sided), of mean response times and quality scores with Welch's"
                    + " t-test on the individual turns or sessions (two-sided); p < "
                    + ReportSettings.num(s.alpha())
                    + " is significant. Fewer than "
                    + s.minN()
                    + " observations is a small sample. Outlier: an agent's response-time P90 above "
                    + ReportSettings.num(s.outlierP90Factor())
                    + "× the P90 of all the team's turns. Computed with Apache Commons Math.")));
    rules.add(
        row(
            w.t("团队与全店数字", "Team and shop figures"),
            w.t(
                "由计数加总后再求比率，从不平均各人的比率；接待、询单、下单、付款人数在组内去重（同一买家只算一次）。",
                "rates are computed from summed counts, never averaged; buyer counts are distinct over"
                    + " the group (one buyer counts once).")));
    b.add(
        new Table(
            List.of(w.t("规则", "Rule"), w.t("本周生效", "In force this week")),
            rules,
            List.of(1.6, 5.6)));

    List<List<Cell>> card = new ArrayList<>();
    for (ReportSettings.ScoreItem item : s.scorecard()) {
      card.add(
          List.of(
              Cell.of(w.en() ? item.labelEn() : item.label()),
              Cell.of(
                  item.metric().id()
                      + (item.relativeToTeamMedian() ? w.t(" ÷ 组中位数", " ÷ team median") : "")),
              Cell.of(ReportSettings.num(item.weight())),
              Cell.of(ReportSettings.num(item.target())),
              Cell.of(ReportSettings.num(item.zero()))));
    }
    b.add(
        new Paragraph(
            w.t(
                "绩效得分：每个考核项目按“零分值 → 满分值”线性得分；样本不足或无数据的项目不计入，得分按其余项目的权重折算为百分制；计入权重少于 "
                    + Fmt.num(s.minScoreWeightShare() * 100, 0)
                    + "% 时不计分。",
                "Performance score: each item earns its weight linearly from its zero value to its"
                    + " target; items with a small sample or no value are left out and the score is"
                    + " scaled to 100 over the rest; with less than "
                    + Fmt.num(s.minScoreWeightShare() * 100, 0)
                    + "% of the weight left there is no score."),
            Tone.MUTED));
    b.add(
        new Table(
            List.of(
                w.t("考核项目", "Item"),
                w.t("指标", "Metric"),
                w.t("权重", "Weight"),
                w.t("满分值", "Full points at"),
                w.t("零分值", "Zero points at")),
            card,
            List.of(3.0, 2.4, 0.7, 1.0, 1.0)));
    List<List<Cell>> settings = new ArrayList<>();
    s.describe().forEach((k, v) -> settings.add(row(k, v)));
    b.add(
        new Table(
            List.of(w.t("报告设置", "Report setting"), w.t("值", "Value")),
            settings,
            List.of(2.0, 5.2)));
    return b;
  }

  private static List<Cell> row(String k, String v) {
    return List.of(Cell.of(k), Cell.of(v));
  }

  private static final String[][] DEFINITIONS_ZH = {
    {"接待人数", "分配给该客服（会话开始或转入）的不同买家数"},
    {"询单人数", "该客服接待、买家发过消息的售前会话的不同买家数"},
    {"询单转化率", "下单人数 / 询单人数；订单按归因规则记到询单所在日（同期群口径）"},
    {"付款转化率", "付款人数 / 询单人数"},
    {"销售额、客单价", "记到该客服的已付款订单金额；客单价 = 销售额 / 付款人数"},
    {"退款率", "有退款完成的已付款记入订单 / 已付款记入订单"},
    {"首次响应时间", "会话第一轮买家消息到客服首次回复的平均秒数（只计已回复的）"},
    {"平均响应时间、P90", "该客服所有已回复轮次的平均响应秒数与第 90 百分位"},
    {"回复率、3 分钟回复率", "已回复轮次 / 买家轮次；180 秒内回复的轮次 / 买家轮次"},
    {"满意度、不满意数", "评价 4–5 分的占比；评价 1–2 分的会话数"},
    {"质检得分、严重问题", "每个会话 100 分减扣分的平均（有复核用复核分）；触发严重规则的会话数"}
  };

  private static final String[][] DEFINITIONS_EN = {
    {
      "Received buyers",
      "distinct buyers whose session was assigned to the agent (start or transfer)"
    },
    {
      "Inquiring buyers",
      "distinct buyers of pre-sale sessions the agent owned while the buyer wrote"
    },
    {
      "Inquiry conversion",
      "ordering / inquiring buyers; orders credited by the attribution rule, on the inquiry's day (cohort)"
    },
    {"Payment conversion", "paying / inquiring buyers"},
    {"Sales, AOV", "paid amount of credited orders; AOV = sales / paying buyers"},
    {"Refund rate", "credited paid orders with a completed refund / credited paid orders"},
    {
      "First response time",
      "mean seconds from a session's first buyer turn to the agent's reply (answered only)"
    },
    {
      "Average response time, P90",
      "mean and 90th percentile of the agent's answered turns' response times"
    },
    {"Reply rates", "answered turns / buyer turns; turns answered within 180 s / buyer turns"},
    {"Satisfaction, dissatisfied", "share of ratings of 4–5; ratings of 1–2"},
    {
      "Quality score, critical",
      "mean of 100 minus deductions per session (reviewed score where reviewed); sessions with a critical hit"
    }
  };

  /** The report's two languages, side by side in the code. */
  record Words(boolean en) {
    String t(String zh, String english) {
      return en ? english : zh;
    }

    String lang() {
      return en ? "en" : "zh";
    }
  }

  /** How figures are written (the same in both languages). */
  static final class Fmt {
    private Fmt() {}

    static String num(Double v, int decimals) {
      return v == null ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String signed(double v, int decimals) {
      return String.format(Locale.ROOT, "%+,." + decimals + "f", v);
    }

    static String count(long n) {
      return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double v) {
      return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String seconds(Double v) {
      return v == null ? "–" : String.format(Locale.ROOT, "%.1f s", v);
    }

    static String money(double v) {
      return String.format(Locale.ROOT, "¥%,.2f", v);
    }

    static String interval(ReportStats.Interval ci) {
      return String.format(Locale.ROOT, "%.1f–%.1f%%", ci.lower() * 100, ci.upper() * 100);
    }

    static String p(double p) {
      return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    static String value(ReportMetric m, Double v) {
      if (v == null) {
        return "–";
      }
      switch (m.kind()) {
        case RATE:
          return percent(v);
        case SECONDS:
          return seconds(v);
        case MONEY:
          return money(v);
        case SCORE:
          return num(v, 1);
        default:
          return v == Math.rint(v) ? count(v.longValue()) : num(v, 1);
      }
    }

    static String change(ReportMetric m, double c) {
      switch (m.kind()) {
        case RATE:
          return String.format(Locale.ROOT, "%+.1f pp", c * 100);
        case SECONDS:
          return String.format(Locale.ROOT, "%+.1f s", c);
        case MONEY:
          return (c < 0 ? "-" : "+") + money(Math.abs(c));
        case SCORE:
          return signed(c, 1);
        default:
          return c == Math.rint(c) ? String.format(Locale.ROOT, "%+,d", (long) c) : signed(c, 1);
      }
    }
  }
}
