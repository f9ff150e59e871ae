package io.kefu.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the KPI explorer was asked for: a range of shop-local days, optionally one team, one agent
 * and one shop, the grain of the trend (day or ISO week), whether the ranking lists agents or
 * teams, the figure the charts draw, and how each table is sorted. Parsed once from the query
 * string and validated; every value reaches SQL only as a bound parameter.
 *
 * @param from first day, inclusive (null until {@link #withDefaults} fills it)
 * @param to last day, inclusive
 * @param team a team of {@code agent_roster}, or null for every team
 * @param agent one agent id, or null for every agent the user may see
 * @param shop one shop id, or null for every shop
 */
public record KpiQuery(
    LocalDate from,
    LocalDate to,
    String team,
    String agent,
    String shop,
    Grain grain,
    By by,
    Metric metric,
    Sort rankSort,
    Sort trendSort) {

  /** The longest range one request may ask for. */
  public static final int MAX_DAYS = 400;

  /** When no range is given: the last two weeks the warehouse has. */
  public static final int DEFAULT_DAYS = 14;

  /** The periods of the trend. */
  public enum Grain {
    DAY,
    WEEK;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What one ranking row is. */
  public enum By {
    AGENT,
    TEAM;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A table's order: by a metric's column, or by {@link #NAME} (ranking) / {@link #PERIOD} (trend).
   */
  public record Sort(String key, boolean descending) {
    public static final String NAME = "name";
    public static final String PERIOD = "period";

    public String code() {
      return descending ? "desc" : "asc";
    }
  }

  /** Parses the query string; anything malformed is an {@link InputProblem}, never a 500. */
  public static KpiQuery parse(Map<String, List<String>> params) {
    LocalDate from = date(first(params, "from"));
    LocalDate to = date(first(params, "to"));
    if (from != null && to != null) {
      if (to.isBefore(from)) {
        throw new InputProblem("kpi.bad_range");
      }
      if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
        throw new InputProblem("kpi.too_long", MAX_DAYS);
      }
    }
    Metric metric =
        blank(first(params, "metric"))
            ? Metric.INQUIRY_CONVERSION_RATE
            : Metric.byColumn(first(params, "metric"))
                .orElseThrow(() -> new InputProblem("kpi.bad_choice", "metric"));
    return new KpiQuery(
        from,
        to,
        name(first(params, "team"), "team"),
        name(first(params, "agent"), "agent"),
        name(first(params, "shop"), "shop"),
        choice(Grain.class, first(params, "grain"), Grain.DAY, "grain"),
        choice(By.class, first(params, "by"), By.AGENT, "by"),
        metric,
        sort(params, "sort", "dir", Sort.NAME, new Sort(metric.column(), metric.higherIsBetter())),
        sort(params, "tsort", "tdir", Sort.PERIOD, new Sort(Sort.PERIOD, false)));
  }

  /**
   * Fills a missing range from the days the warehouse has: it ends on the last published day and
   * covers {@link #DEFAULT_DAYS} days (fewer when the warehouse has fewer).
   */
  public KpiQuery withDefaults(LocalDate firstDay, LocalDate lastDay) {
    LocalDate t = to != null ? to : lastDay != null ? lastDay : LocalDate.now();
    LocalDate f = from;
    if (f == null) {
      f = t.minusDays(DEFAULT_DAYS - 1);
      if (firstDay != null && f.isBefore(firstDay) && !firstDay.isAfter(t)) {
        f = firstDay;
      }
    }
    if (t.isBefore(f)) {
      throw new InputProblem("kpi.bad_range");
    }
    return new KpiQuery(f, t, team, agent, shop, grain, by, metric, rankSort, trendSort);
  }

  /**
   * What an agent's account may ask for: its own agent's rows only, listed by agent (a team line
   * would only hold the agent's own figures under the team's name).
   */
  public KpiQuery forAgent(String agentId) {
    return new KpiQuery(
        from, to, null, agentId, shop, grain, By.AGENT, metric, rankSort, trendSort);
  }

  /** The query as URL parameters, with some replaced (name, value pairs; null removes one). */
  public String url(String path, String... overrides) {
    List<String> nv = new ArrayList<>();
    put(nv, "from", from == null ? null : from.toString());
    put(nv, "to", to == null ? null : to.toString());
    put(nv, "team", team);
    put(nv, "agent", agent);
    put(nv, "shop", shop);
    put(nv, "grain", grain.code());
    put(nv, "by", by.code());
    put(nv, "metric", metric.column());
    put(nv, "sort", rankSort.key());
    put(nv, "dir", rankSort.code());
    put(nv, "tsort", trendSort.key());
    put(nv, "tdir", trendSort.code());
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      int at = nv.indexOf(overrides[i]);
      if (at >= 0 && at % 2 == 0) {
        nv.set(at + 1, overrides[i + 1]);
      } else {
        nv.add(overrides[i]);
        nv.add(overrides[i + 1]);
      }
    }
    return Html.url(path, nv.toArray(new String[0]));
  }

  private static void put(List<String> nv, String name, String value) {
    nv.add(name);
    nv.add(value);
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static LocalDate date(String s) {
    if (blank(s)) {
      return null;
    }
    try {
      return LocalDate.parse(s.trim());
    } catch (DateTimeParseException e) {
      throw new InputProblem("kpi.bad_date", s.length() > 20 ? s.substring(0, 20) + "…" : s);
    }
  }

  /** A team, agent or shop name: free text, bound as a parameter, but of a sane length. */
  private static String name(String s, String what) {
    if (blank(s)) {
      return null;
    }
    String v = s.trim();
    if (v.length() > 64 || v.chars().anyMatch(c -> c < 0x20)) {
      throw new InputProblem("kpi.bad_choice", what);
    }
    return v;
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String s, E dflt, String what) {
    if (blank(s)) {
      return dflt;
    }
    try {
      return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputProblem("kpi.bad_choice", what);
    }
  }

  private static Sort sort(
      Map<String, List<String>> params, String keyName, String dirName, String own, Sort dflt) {
    String key = first(params, keyName);
    if (blank(key)) {
      return dflt;
    }
    if (!key.equals(own) && Metric.byColumn(key).isEmpty()) {
      throw new InputProblem("kpi.bad_choice", keyName);
    }
    String dir = first(params, dirName);
    if (dir != null && !dir.equals("asc") && !dir.equals("desc")) {
      throw new InputProblem("kpi.bad_choice", dirName);
    }
    return new Sort(key, "desc".equals(dir));
  }
}
