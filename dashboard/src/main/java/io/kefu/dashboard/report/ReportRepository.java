package io.kefu.dashboard.report;

import io.kefu.core.config.KefuConfig;
import io.kefu.dashboard.AgentScope;
import io.kefu.dashboard.KpiFigures;
import io.kefu.dashboard.KpiQuery;
import io.kefu.dashboard.KpiRepository;
import io.kefu.dashboard.Metric;
import io.kefu.dashboard.RulebookVersions;
import io.kefu.dashboard.WarehouseRepository;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * All SQL of the weekly report, on the published warehouse (read-only). The KPI figures come from
 * {@link KpiRepository}, the KPI explorer's one query, so a figure in a report is by construction
 * the figure the explorer shows for the same week (an agent's week is its {@code agent_weekly_kpi}
 * row); this class adds what the explorer does not read: the individual response times of {@code
 * turn_fact}, the quality tables, and the rules and runs behind the figures. Every value is a bound
 * parameter.
 */
public final class ReportRepository {

  private final KpiRepository kpi = new KpiRepository();
  private final ReviewedScores reviews;

  public ReportRepository(ReviewedScores reviews) {
    this.reviews = reviews;
  }

  /** The last day any batch run covered, or empty when nothing was ingested. */
  public Optional<LocalDate> lastIngestedDay(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT max(to_day) FROM ingest_run");
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? Optional.ofNullable(rs.getObject(1, LocalDate.class)) : Optional.empty();
    }
  }

  /** The latest batch run: its id and the days it covered. */
  public record Run(String runId, LocalDate from, LocalDate to, Instant finished) {}

  public Optional<Run> latestRun(Connection c) throws SQLException {
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT run_id, from_day, to_day, finished_at FROM ingest_run"
                    + " ORDER BY finished_at DESC NULLS LAST, to_day DESC LIMIT 1");
        ResultSet rs = p.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Timestamp t = rs.getTimestamp(4);
      return Optional.of(
          new Run(
              rs.getString(1),
              rs.getObject(2, LocalDate.class),
              rs.getObject(3, LocalDate.class),
              t == null ? null : t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC)));
    }
  }

  /** Everything one week's report needs; shop null for every shop. */
  public ReportData load(Connection c, IsoWeek week, String shop, ReportSettings settings)
      throws SQLException {
    List<IsoWeek> weeks = new ArrayList<>();
    for (int i = settings.trendWeeks() - 1; i >= 0; i--) {
      weeks.add(week.minus(i));
    }
    LocalDate from = weeks.get(0).monday();
    LocalDate to = week.sunday();
    KpiQuery q =
        new KpiQuery(
            from,
            to,
            null,
            null,
            shop,
            KpiQuery.Grain.WEEK,
            KpiQuery.By.AGENT,
            Metric.INQUIRY_CONVERSION_RATE,
            new KpiQuery.Sort(KpiQuery.Sort.NAME, false),
            new KpiQuery.Sort(KpiQuery.Sort.PERIOD, false));
    Map<String, Map<IsoWeek, KpiFigures>> byAgent =
        byKey(
            kpi.figures(
                c, q, AgentScope.ALL, KpiRepository.Periods.WEEK, KpiRepository.Subjects.AGENT));
    Map<String, Map<IsoWeek, KpiFigures>> byTeam =
        byKey(
            kpi.figures(
                c, q, AgentScope.ALL, KpiRepository.Periods.WEEK, KpiRepository.Subjects.TEAM));
    Map<IsoWeek, KpiFigures> all =
        byKey(
                kpi.figures(
                    c, q, AgentScope.ALL, KpiRepository.Periods.WEEK, KpiRepository.Subjects.ALL))
            .getOrDefault(KpiRepository.ALL_KEY, Map.of());

    List<ReportData.Agent> agents = new ArrayList<>();
    Map<String, String> teamOf = new HashMap<>();
    for (KpiRepository.RosterAgent a : kpi.roster(c, AgentScope.ALL)) {
      agents.add(new ReportData.Agent(a.agentId(), a.name(), a.team()));
      teamOf.put(a.agentId(), a.team());
    }

    boolean qa = WarehouseRepository.hasTable(c, "session_quality");
    List<QaSession> sessions = qa ? qaSessions(c, from, to, shop) : List.of();
    Map<ReviewedScores.SessionKey, Double> reviewed =
        reviews.reviewed(sessions.stream().map(QaSession::key).toList());
    Map<String, Map<IsoWeek, QaFigures>> qaAgent = new HashMap<>();
    Map<String, Map<IsoWeek, QaFigures>> qaTeam = new HashMap<>();
    Map<IsoWeek, QaFigures> qaAll = new HashMap<>();
    Map<IsoWeek, Map<ReportMetric.Sample, Map<String, double[]>>> samples = new HashMap<>();
    Map<String, List<Double>> qaNow = new HashMap<>();
    Map<String, List<Double>> qaBefore = new HashMap<>();
    Map<ReviewedScores.SessionKey, Double> effective = new HashMap<>();
    for (QaSession s : sessions) {
      Double r = reviewed.get(s.key());
      double score = r != null ? r : s.score();
      effective.put(s.key(), score);
      QaFigures one = new QaFigures(1, score, r != null ? 1 : 0, s.critical() ? 1 : 0);
      IsoWeek w = IsoWeek.of(s.day());
      qaAgent.computeIfAbsent(s.agentId(), k -> new HashMap<>()).merge(w, one, QaFigures::plus);
      qaTeam
          .computeIfAbsent(teamOf.getOrDefault(s.agentId(), ""), k -> new HashMap<>())
          .merge(w, one, QaFigures::plus);
      qaAll.merge(w, one, QaFigures::plus);
      if (w.equals(week)) {
        qaNow.computeIfAbsent(s.agentId(), k -> new ArrayList<>()).add(score);
      } else if (w.equals(week.minus(1))) {
        qaBefore.computeIfAbsent(s.agentId(), k -> new ArrayList<>()).add(score);
      }
    }
    samples.computeIfAbsent(week, k -> new HashMap<>()).put(ReportMetric.Sample.QA, arrays(qaNow));
    samples
        .computeIfAbsent(week.minus(1), k -> new HashMap<>())
        .put(ReportMetric.Sample.QA, arrays(qaBefore));
    responseTimes(c, week, shop, samples);

    Map<String, Map<IsoWeek, WeekFigures>> agentWeeks = merge(byAgent, qaAgent);
    Map<String, Map<IsoWeek, WeekFigures>> teamWeeks = merge(byTeam, qaTeam);
    Map<IsoWeek, WeekFigures> shopWeeks =
        merge(Map.of("*", all), Map.of("*", qaAll)).getOrDefault("*", Map.of());

    List<ReportData.CriticalSession> critical =
        qa ? critical(c, week, shop, effective, reviewed.keySet()) : List.of();
    ReportData.Context context = context(c, week, shop, settings, qa);
    return new ReportData(
        shop, weeks, agents, agentWeeks, teamWeeks, shopWeeks, samples, critical, context);
  }

  private static Map<String, double[]> arrays(Map<String, List<Double>> m) {
    Map<String, double[]> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  private static Map<String, Map<IsoWeek, KpiFigures>> byKey(List<KpiRepository.KpiRow> rows) {
    Map<String, Map<IsoWeek, KpiFigures>> out = new HashMap<>();
    for (KpiRepository.KpiRow r : rows) {
      out.computeIfAbsent(r.key(), k -> new HashMap<>()).put(IsoWeek.of(r.period()), r.figures());
    }
    return out;
  }

  private static Map<String, Map<IsoWeek, WeekFigures>> merge(
      Map<String, Map<IsoWeek, KpiFigures>> kpis, Map<String, Map<IsoWeek, QaFigures>> qas) {
    Map<String, Map<IsoWeek, WeekFigures>> out = new HashMap<>();
    java.util.Set<String> keys = new java.util.HashSet<>(kpis.keySet());
    keys.addAll(qas.keySet());
    for (String k : keys) {
      Map<IsoWeek, KpiFigures> kw = kpis.getOrDefault(k, Map.of());
      Map<IsoWeek, QaFigures> qw = qas.getOrDefault(k, Map.of());
      java.util.Set<IsoWeek> weeks = new java.util.HashSet<>(kw.keySet());
      weeks.addAll(qw.keySet());
      Map<IsoWeek, WeekFigures> m = new HashMap<>();
      for (IsoWeek w : weeks) {
        m.put(
            w,
            new WeekFigures(
                kw.getOrDefault(w, WeekFigures.EMPTY.kpi()), qw.getOrDefault(w, QaFigures.NONE)));
      }
      out.put(k, m);
    }
    return out;
  }

  /**
   * The response times (ms) of every counted, answered turn of this and the previous week, per
   * agent: all of them (ART) and the first turns of sessions (FRT), exactly the turns the batch
   * job's {@code rt_sum_ms} and {@code frt_sum_ms} add up.
   */
  private static void responseTimes(
      Connection c,
      IsoWeek week,
      String shop,
      Map<IsoWeek, Map<ReportMetric.Sample, Map<String, double[]>>> out)
      throws SQLException {
    Map<IsoWeek, Map<String, List<Long>>> art = new HashMap<>();
    Map<IsoWeek, Map<String, List<Long>>> frt = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT agent_id, day, first_turn, response_ms FROM turn_fact"
                + " WHERE counted AND answered AND response_ms IS NOT NULL AND agent_id IS NOT NULL"
                + " AND day BETWEEN ? AND ? AND (CAST(? AS VARCHAR) IS NULL OR shop_id = ?)"
                + " ORDER BY agent_id, turn_start, session_id")) {
      p.setObject(1, week.minus(1).monday());
      p.setObject(2, week.sunday());
      setString(p, 3, shop);
      setString(p, 4, shop);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String agent = rs.getString(1);
          IsoWeek w = IsoWeek.of(rs.getObject(2, LocalDate.class));
          long ms = rs.getLong(4);
          art.computeIfAbsent(w, k -> new HashMap<>())
              .computeIfAbsent(agent, k -> new ArrayList<>())
              .add(ms);
          if (rs.getBoolean(3)) {
            frt.computeIfAbsent(w, k -> new HashMap<>())
                .computeIfAbsent(agent, k -> new ArrayList<>())
                .add(ms);
          }
        }
      }
    }
    for (IsoWeek w : List.of(week.minus(1), week)) {
      Map<ReportMetric.Sample, Map<String, double[]>> m =
          out.computeIfAbsent(w, k -> new HashMap<>());
      m.put(ReportMetric.Sample.ART, longs(art.getOrDefault(w, Map.of())));
      m.put(ReportMetric.Sample.FRT, longs(frt.getOrDefault(w, Map.of())));
    }
  }

  private static Map<String, double[]> longs(Map<String, List<Long>> m) {
    Map<String, double[]> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Long::doubleValue).toArray()));
    return out;
  }

  /** One scored session (the newest rulebook version's score when it was scored more than once). */
  record QaSession(
      String shopId,
      String sessionId,
      String agentId,
      LocalDate day,
      double score,
      boolean critical) {
    ReviewedScores.SessionKey key() {
      return new ReviewedScores.SessionKey(shopId, sessionId);
    }
  }

  /**
   * Each session's score under its latest rulebook version, "latest" as the review pages judge it
   * ({@link RulebookVersions}: digit runs compared as numbers, so {@code zh-2026.11-10} is newer
   * than {@code zh-2026.11-9}). The warehouse's versions are few; their order is spelled out in the
   * query. Parameters: first day, last day, shop (twice; NULL for all shops).
   */
  private static String latestQa(Connection c) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DISTINCT rulebook_version FROM session_quality"
                    + " WHERE rulebook_version IS NOT NULL")) {
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
    }
    StringBuilder newest = new StringBuilder("[");
    for (String v : RulebookVersions.newestFirst(versions)) {
      newest.append(newest.length() > 1 ? ", " : "").append('\'');
      newest.append(v.replace("'", "''")).append('\'');
    }
    newest.append("]::VARCHAR[]");
    return "SELECT * FROM session_quality WHERE day BETWEEN ? AND ? AND agent_id IS NOT NULL"
        + " AND (CAST(? AS VARCHAR) IS NULL OR shop_id = ?)"
        + " QUALIFY row_number() OVER (PARTITION BY shop_id, session_id"
        + " ORDER BY list_position("
        + newest
        + ", rulebook_version) ASC NULLS LAST) = 1";
  }

  private static List<QaSession> qaSessions(Connection c, LocalDate from, LocalDate to, String shop)
      throws SQLException {
    List<QaSession> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT shop_id, session_id, agent_id, day, qa_score, critical FROM ("
                + latestQa(c)
                + ") ORDER BY day, shop_id, session_id")) {
      p.setObject(1, from);
      p.setObject(2, to);
      setString(p, 3, shop);
      setString(p, 4, shop);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(
              new QaSession(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getObject(4, LocalDate.class),
                  rs.getDouble(5),
                  rs.getBoolean(6)));
        }
      }
    }
    return out;
  }

  private static List<ReportData.CriticalSession> critical(
      Connection c,
      IsoWeek week,
      String shop,
      Map<ReviewedScores.SessionKey, Double> effective,
      Collection<ReviewedScores.SessionKey> reviewed)
      throws SQLException {
    boolean hits = WarehouseRepository.hasTable(c, "session_quality_hit");
    String sql =
        "SELECT q.shop_id, q.session_id, q.agent_id, q.day, "
            + (hits
                ? "(SELECT string_agg(DISTINCT h.rule_id, ', ' ORDER BY h.rule_id)"
                    + " FROM session_quality_hit h WHERE h.shop_id = q.shop_id"
                    + " AND h.session_id = q.session_id AND h.rulebook_version = q.rulebook_version"
                    + " AND h.severity = 'critical'),"
                    + " (SELECT h.excerpt FROM session_quality_hit h WHERE h.shop_id = q.shop_id"
                    + " AND h.session_id = q.session_id AND h.rulebook_version = q.rulebook_version"
                    + " AND h.severity = 'critical' ORDER BY h.seq LIMIT 1)"
                : "NULL, NULL")
            + " FROM ("
            + latestQa(c)
            + ") q WHERE q.critical ORDER BY q.agent_id, q.day, q.session_id";
    List<ReportData.CriticalSession> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setObject(1, week.monday());
      p.setObject(2, week.sunday());
      setString(p, 3, shop);
      setString(p, 4, shop);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ReviewedScores.SessionKey k =
              new ReviewedScores.SessionKey(rs.getString(1), rs.getString(2));
          String rules = rs.getString(5);
          out.add(
              new ReportData.CriticalSession(
                  k.shopId(),
                  k.sessionId(),
                  rs.getString(3),
                  rs.getObject(4, LocalDate.class),
                  effective.getOrDefault(k, 0.0),
                  reviewed.contains(k),
                  rules == null ? List.of() : List.of(rules.split(", ")),
                  rs.getString(6)));
        }
      }
    }
    return out;
  }

  private ReportData.Context context(
      Connection c, IsoWeek week, String shop, ReportSettings settings, boolean qa)
      throws SQLException {
    LinkedHashSet<String> rules = new LinkedHashSet<>();
    LinkedHashSet<String> configs = new LinkedHashSet<>();
    Duration window = Duration.ZERO;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT attribution_rule, config FROM kpi_day_config WHERE day BETWEEN ? AND ?"
                + " AND (CAST(? AS VARCHAR) IS NULL OR shop_id = ?) ORDER BY day, shop_id")) {
      p.setObject(1, week.monday());
      p.setObject(2, week.sunday());
      setString(p, 3, shop);
      setString(p, 4, shop);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(1) != null) {
            rules.add(rs.getString(1));
          }
          String config = rs.getString(2);
          if (config != null) {
            configs.add(config);
            Duration w = attributionWindow(config);
            if (w.compareTo(window) > 0) {
              window = w;
            }
          }
        }
      }
    }
    if (window.isZero()) {
      window = KefuConfig.defaults().attributionWindow();
    }
    TreeSet<String> versions = new TreeSet<>();
    if (qa) {
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT DISTINCT rulebook_version FROM (" + latestQa(c) + ") ORDER BY 1")) {
        p.setObject(1, week.monday());
        p.setObject(2, week.sunday());
        setString(p, 3, shop);
        setString(p, 4, shop);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            versions.add(String.valueOf(rs.getString(1)));
          }
        }
      }
    }
    Optional<Run> run = latestRun(c);
    LocalDate last = lastIngestedDay(c).orElse(null);
    int horizon =
        (int) Math.ceil(window.toMinutes() / (24.0 * 60))
            + settings.paymentDays()
            + settings.refundDays();
    List<LocalDate> provisional = new ArrayList<>();
    List<LocalDate> missing = new ArrayList<>();
    for (LocalDate d = week.monday(); !d.isAfter(week.sunday()); d = d.plusDays(1)) {
      if (last == null || d.isAfter(last)) {
        missing.add(d);
      } else if (d.plusDays(horizon).isAfter(last)) {
        provisional.add(d);
      }
    }
    BigDecimal serviceSales = BigDecimal.ZERO.setScale(2);
    BigDecimal shopSales = BigDecimal.ZERO.setScale(2);
    long silent = 0;
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT coalesce(sum(sales), 0), coalesce(sum(shop_sales), 0),"
                + " coalesce(sum(silent_orders), 0) FROM shop_daily_kpi WHERE day BETWEEN ? AND ?"
                + " AND (CAST(? AS VARCHAR) IS NULL OR shop_id = ?)")) {
      p.setObject(1, week.monday());
      p.setObject(2, week.sunday());
      setString(p, 3, shop);
      setString(p, 4, shop);
      try (ResultSet rs = p.executeQuery()) {
        if (rs.next()) {
          serviceSales = rs.getBigDecimal(1).setScale(2, java.math.RoundingMode.UNNECESSARY);
          shopSales = rs.getBigDecimal(2).setScale(2, java.math.RoundingMode.UNNECESSARY);
          silent = rs.getLong(3);
        }
      }
    }
    return new ReportData.Context(
        List.copyOf(rules),
        List.copyOf(configs),
        List.copyOf(versions),
        qa,
        reviews != ReviewedScores.NONE,
        last,
        run.map(Run::runId).orElse(null),
        run.map(Run::finished).orElse(null),
        provisional,
        missing,
        horizon,
        serviceSales,
        shopSales,
        silent);
  }

  /** The attribution window of a stored configuration string ("k=v; k=v"). */
  static Duration attributionWindow(String config) {
    Map<String, String> m = parseConfig(config);
    String w = m.get("attribution.window");
    if (w == null) {
      return Duration.ZERO;
    }
    try {
      return KefuConfig.parseDuration(w);
    } catch (RuntimeException e) {
      return Duration.ZERO;
    }
  }

  /** A stored configuration string as key → value, in its order. */
  public static Map<String, String> parseConfig(String config) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : config.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return m;
  }

  private static void setString(PreparedStatement p, int i, String v) throws SQLException {
    if (v == null) {
      p.setNull(i, Types.VARCHAR);
    } else {
      p.setString(i, v);
    }
  }
}
