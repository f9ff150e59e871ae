package io.kefu.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The settings a shop must be able to change without code: which calendar day an event counts on,
 * how orders are attributed to inquiries, and the platform variants of response-time counting. One
 * documented file ({@code conf/kefu.properties}) sets them; every key has a default, so an empty
 * file is a valid configuration. Every run records {@link #describe()} so a figure can always be
 * traced to the rules that produced it.
 *
 * @param zone the shop's time zone; decides the day every figure counts on
 * @param attributionWindow how long before an order an inquiry may be to be credited with it
 * @param attributionTouch whether the last or the first inquiry in the window gets the order
 * @param replyWithinSeconds the limit of the "3-minute" reply rate
 * @param turnCapSeconds response times above this are counted as this (Wangwang: 600); 0 = no cap
 * @param serviceWindow turns starting outside these local hours are not counted
 * @param botRepliesCount whether a bot (店小蜜) message answers a buyer turn
 * @param firstResponseSlaSeconds the shop's first-response target for figures and displays; quality
 *     scoring does not read it (the rulebook's {@code [first_response_sla] sla_seconds} decides)
 * @param responseSlaSeconds the per-turn response target for figures and displays (a transcript
 *     marks slower replies); quality scoring reads {@code [slow_response] limit_seconds} instead
 * @param waitWarningSeconds a waiting buyer turns amber on the live wall after this
 * @param waitBreachSeconds a waiting buyer raises a breach alert after this
 * @param sessionIdleTimeout a session with no event for this long is treated as ended
 */
public record KefuConfig(
    ZoneId zone,
    Duration attributionWindow,
    Touch attributionTouch,
    int replyWithinSeconds,
    int turnCapSeconds,
    ServiceWindow serviceWindow,
    boolean botRepliesCount,
    int firstResponseSlaSeconds,
    int responseSlaSeconds,
    int waitWarningSeconds,
    int waitBreachSeconds,
    Duration sessionIdleTimeout)
    implements Serializable {

  /** Every key of the file, in the order {@link #describe()} prints them. */
  public static final List<String> KEYS =
      List.of(
          "shop.timezone",
          "attribution.window",
          "attribution.touch",
          "response.reply_within_seconds",
          "response.turn_cap_seconds",
          "response.service_window",
          "response.bot_replies_count",
          "sla.first_response_seconds",
          "sla.response_seconds",
          "live.wait_warning_seconds",
          "live.wait_breach_seconds",
          "session.idle_timeout");

  public KefuConfig {
    List<String> problems = new ArrayList<>();
    if (attributionWindow.isNegative() || attributionWindow.isZero()) {
      problems.add("attribution.window must be positive");
    }
    if (replyWithinSeconds <= 0) {
      problems.add("response.reply_within_seconds must be positive");
    }
    if (turnCapSeconds < 0) {
      problems.add("response.turn_cap_seconds must be 0 (no cap) or positive");
    }
    if (firstResponseSlaSeconds <= 0 || responseSlaSeconds <= 0) {
      problems.add("sla.* seconds must be positive");
    }
    if (waitWarningSeconds <= 0 || waitBreachSeconds <= waitWarningSeconds) {
      problems.add("live.wait_breach_seconds must be greater than live.wait_warning_seconds > 0");
    }
    if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
      problems.add("session.idle_timeout must be positive");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException("(values)", problems);
    }
  }

  /**
   * The defaults: Asia/Shanghai, 24 h last touch, 180 s replies, no cap, all day, bots don't count.
   */
  public static KefuConfig defaults() {
    return new KefuConfig(
        ZoneId.of("Asia/Shanghai"),
        Duration.ofHours(24),
        Touch.LAST,
        180,
        0,
        ServiceWindow.ALL_DAY,
        false,
        30,
        60,
        60,
        180,
        Duration.ofMinutes(30));
  }

  /** Loads a file; keys it does not set keep their defaults. */
  public static KefuConfig load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration " + file, e);
    }
    return fromProperties(p, file.toString());
  }

  /** Builds a configuration from key/value pairs, reporting every bad or unknown key at once. */
  public static KefuConfig fromProperties(Properties p, String source) {
    Map<String, String> v = new LinkedHashMap<>(defaults().asMap());
    List<String> problems = new ArrayList<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      if (!v.containsKey(key)) {
        problems.add("unknown key '" + key + "'" + suggestion(key));
      } else {
        v.put(key, p.getProperty(key).strip());
      }
    }
    Parser in = new Parser(v, problems);
    ZoneId zone = in.zone("shop.timezone");
    Duration window = in.duration("attribution.window");
    Touch touch = in.touch("attribution.touch");
    int within = in.seconds("response.reply_within_seconds");
    int cap = in.seconds("response.turn_cap_seconds");
    ServiceWindow service = in.serviceWindow("response.service_window");
    boolean bots = in.bool("response.bot_replies_count");
    int frtSla = in.seconds("sla.first_response_seconds");
    int rtSla = in.seconds("sla.response_seconds");
    int warn = in.seconds("live.wait_warning_seconds");
    int breach = in.seconds("live.wait_breach_seconds");
    Duration idle = in.duration("session.idle_timeout");
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    try {
      return new KefuConfig(
          zone, window, touch, within, cap, service, bots, frtSla, rtSla, warn, breach, idle);
    } catch (ConfigException e) {
      throw new ConfigException(source, e.problems());
    }
  }

  /** The configuration as the file would spell it, every key present. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("shop.timezone", zone.getId());
    m.put("attribution.window", formatDuration(attributionWindow));
    m.put("attribution.touch", attributionTouch.name().toLowerCase(Locale.ROOT));
    m.put("response.reply_within_seconds", Integer.toString(replyWithinSeconds));
    m.put("response.turn_cap_seconds", Integer.toString(turnCapSeconds));
    m.put("response.service_window", serviceWindow.toString());
    m.put("response.bot_replies_count", Boolean.toString(botRepliesCount));
    m.put("sla.first_response_seconds", Integer.toString(firstResponseSlaSeconds));
    m.put("sla.response_seconds", Integer.toString(responseSlaSeconds));
    m.put("live.wait_warning_seconds", Integer.toString(waitWarningSeconds));
    m.put("live.wait_breach_seconds", Integer.toString(waitBreachSeconds));
    m.put("session.idle_timeout", formatDuration(sessionIdleTimeout));
    return m;
  }

  /** One line, stable across runs: what ingest runs and reports record as the rules in force. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    asMap()
        .forEach(
            (k, val) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(val));
    return b.toString();
  }

  /** The attribution rule in words, as reports print it. */
  public String attributionRule() {
    return attributionTouch.name().toLowerCase(Locale.ROOT)
        + " touch, "
        + formatDuration(attributionWindow)
        + " window";
  }

  /** Parses {@code 90s}, {@code 30m}, {@code 24h}, {@code 3d} or ISO-8601 ({@code PT24H}). */
  public static Duration parseDuration(String s) {
    String v = s.strip().toLowerCase(Locale.ROOT);
    if (v.startsWith("p")) {
      return Duration.parse(v.toUpperCase(Locale.ROOT));
    }
    if (v.length() < 2) {
      throw new IllegalArgumentException("expected e.g. 24h, 30m, 3d");
    }
    long n = Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("expected a unit s, m, h or d, e.g. 24h");
    };
  }

  static String formatDuration(Duration d) {
    long s = d.getSeconds();
    if (s % 86400 == 0 && s >= 86400 * 3) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  private static String suggestion(String key) {
    return Suggestions.didYouMean(key, KEYS, 3);
  }

  /** Reads typed values out of the merged map, collecting a message for each bad one. */
  private record Parser(Map<String, String> values, List<String> problems) {

    ZoneId zone(String key) {
      try {
        return ZoneId.of(values.get(key));
      } catch (DateTimeException e) {
        problems.add(key + ": unknown time zone '" + values.get(key) + "' (e.g. Asia/Shanghai)");
        return ZoneId.of("Asia/Shanghai");
      }
    }

    Duration duration(String key) {
      try {
        return parseDuration(values.get(key));
      } catch (RuntimeException e) {
        problems.add(key + ": '" + values.get(key) + "' is not a duration (e.g. 24h, 30m, 3d)");
        return Duration.ofHours(1);
      }
    }

    Touch touch(String key) {
      String v = values.get(key).toLowerCase(Locale.ROOT);
      if (v.equals("last") || v.equals("first")) {
        return Touch.valueOf(v.toUpperCase(Locale.ROOT));
      }
      problems.add(key + ": '" + values.get(key) + "' must be 'last' or 'first'");
      return Touch.LAST;
    }

    int seconds(String key) {
      String v = values.get(key);
      try {
        return v.isEmpty() ? 0 : Integer.parseInt(v);
      } catch (NumberFormatException e) {
        problems.add(key + ": '" + v + "' is not a whole number of seconds");
        return 1;
      }
    }

    ServiceWindow serviceWindow(String key) {
      try {
        return ServiceWindow.parse(values.get(key));
      } catch (RuntimeException e) {
        problems.add(key + ": '" + values.get(key) + "' must be HH:mm-HH:mm or 'all'");
        return ServiceWindow.ALL_DAY;
      }
    }

    boolean bool(String key) {
      String v = values.get(key).toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
      problems.add(key + ": '" + values.get(key) + "' must be true or false");
      return false;
    }
  }
}
