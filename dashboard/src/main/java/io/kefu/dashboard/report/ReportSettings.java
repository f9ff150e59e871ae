package io.kefu.dashboard.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The weekly report's rules that a shop changes without code (conf/report.properties): the sample
 * size below which a figure is not trusted, the confidence and significance levels, the outlier
 * rule, when a day's figures are final, and the scorecard. The defaults are the file shipped in the
 * jar, {@code report.properties} beside this class.
 *
 * @param minN below this many observations a figure is marked insufficient
 * @param confidence the level of the Wilson intervals
 * @param alpha a change with a p-value below this is significant
 * @param outlierP90Factor an agent's P90 above this many times the team's is an outlier
 * @param paymentDays days after an order within which it may still be paid
 * @param refundDays days after a payment within which it may still be refunded
 * @param trendWeeks weeks in the trend charts
 * @param minScoreWeightShare the share of the scorecard's weight an agent's score must rest on
 * @param scorecard the items of the composite score
 * @param linkBase the dashboard's address for the links in files, or ""
 * @param transcriptLink the transcript link, with {shop} and {session}
 * @param pdfFonts TrueType fonts for the PDF, first found wins
 */
public record ReportSettings(
    int minN,
    double confidence,
    double alpha,
    double outlierP90Factor,
    int paymentDays,
    int refundDays,
    int trendWeeks,
    double minScoreWeightShare,
    List<ScoreItem> scorecard,
    String linkBase,
    String transcriptLink,
    List<Path> pdfFonts) {

  /**
   * One line of the scorecard.
   *
   * @param relativeToTeamMedian whether the value is divided by the team's median first
   */
  public record ScoreItem(
      String id,
      String label,
      String labelEn,
      ReportMetric metric,
      double weight,
      double target,
      double zero,
      boolean relativeToTeamMedian) {

    /** The share of the weight a value earns: 1 at or beyond target, 0 at or beyond zero. */
    public double fraction(double value) {
      double f = (value - zero) / (target - zero);
      return Math.max(0, Math.min(1, f));
    }
  }

  private static final Set<String> KEYS =
      Set.of(
          "sample.min_n",
          "stats.confidence",
          "stats.alpha",
          "outlier.p90_factor",
          "final.payment_days",
          "final.refund_days",
          "trend.weeks",
          "score.min_weight_share",
          "score.items",
          "links.base",
          "links.transcript",
          "pdf.fonts");

  private static final Set<String> ITEM_KEYS =
      Set.of("label", "label_en", "metric", "weight", "target", "zero", "relative");

  public static ReportSettings defaults() {
    try (InputStream in = ReportSettings.class.getResourceAsStream("report.properties")) {
      return fromProperties(read(in), "report.properties (built in)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a file; keys it does not set keep their defaults. */
  public static ReportSettings load(Path file) {
    try (InputStream def = ReportSettings.class.getResourceAsStream("report.properties");
        InputStream in = Files.newInputStream(file)) {
      Properties p = read(def);
      Properties own = read(in);
      // a file that lists its own items replaces the default scorecard, not merges with it
      if (own.containsKey("score.items")) {
        p.stringPropertyNames().stream()
            .filter(k -> k.startsWith("score.") && !k.equals("score.min_weight_share"))
            .forEach(p::remove);
      }
      p.putAll(own);
      return fromProperties(p, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Properties read(InputStream in) throws IOException {
    Properties p = new Properties();
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  static ReportSettings fromProperties(Properties p, String source) {
    List<String> problems = new ArrayList<>();
    List<String> itemIds = list(p.getProperty("score.items", ""));
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      if (KEYS.contains(k)) {
        continue;
      }
      String[] parts = k.split("\\.");
      if (parts.length != 3
          || !parts[0].equals("score")
          || !itemIds.contains(parts[1])
          || !ITEM_KEYS.contains(parts[2])) {
        problems.add("unknown key '" + k + "'");
      }
    }
    Parser x = new Parser(p, problems);
    int minN = (int) x.number("sample.min_n", 1, 1_000_000);
    double confidence = x.number("stats.confidence", 0.5, 0.9999);
    double alpha = x.number("stats.alpha", 0.0001, 0.5);
    double factor = x.number("outlier.p90_factor", 1.0, 100);
    int paymentDays = (int) x.number("final.payment_days", 0, 365);
    int refundDays = (int) x.number("final.refund_days", 0, 365);
    int trendWeeks = (int) x.number("trend.weeks", 2, 53);
    double share = x.number("score.min_weight_share", 0, 1);
    List<ScoreItem> items = new ArrayList<>();
    for (String id : itemIds) {
      String pre = "score." + id + ".";
      String metricId = p.getProperty(pre + "metric", "");
      ReportMetric metric = ReportMetric.byId(metricId).orElse(null);
      if (metric == null) {
        problems.add(pre + "metric: unknown metric '" + metricId + "'");
        continue;
      }
      String relative = p.getProperty(pre + "relative", "").trim();
      if (!relative.isEmpty() && !relative.equals("team_median")) {
        problems.add(pre + "relative must be team_median or empty, not '" + relative + "'");
      }
      double target = x.number(pre + "target", -1e12, 1e12);
      double zero = x.number(pre + "zero", -1e12, 1e12);
      if (target == zero) {
        problems.add(pre + "target and zero must differ");
      } else if ((target > zero) != metric.higherIsBetter()) {
        problems.add(
            pre
                + "target must be "
                + (metric.higherIsBetter() ? "above" : "below")
                + " zero: "
                + metric.id()
                + (metric.higherIsBetter() ? " is better higher" : " is better lower"));
      }
      String label = p.getProperty(pre + "label", metric.label(false)).trim();
      items.add(
          new ScoreItem(
              id,
              label,
              p.getProperty(pre + "label_en", metric.label(true)).trim(),
              metric,
              x.number(pre + "weight", 0.000001, 1e6),
              target,
              zero,
              !relative.isEmpty()));
    }
    if (itemIds.isEmpty()) {
      problems.add("score.items must name at least one item");
    }
    List<Path> fonts = list(p.getProperty("pdf.fonts", "")).stream().map(Path::of).toList();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
    }
    return new ReportSettings(
        minN,
        confidence,
        alpha,
        factor,
        paymentDays,
        refundDays,
        trendWeeks,
        share,
        List.copyOf(items),
        p.getProperty("links.base", "").trim(),
        p.getProperty("links.transcript", "").trim(),
        fonts);
  }

  private static List<String> list(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  /** The settings as printed on every report, in file order. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sample.min_n", String.valueOf(minN));
    m.put("stats.confidence", num(confidence));
    m.put("stats.alpha", num(alpha));
    m.put("outlier.p90_factor", num(outlierP90Factor));
    m.put("final.payment_days", String.valueOf(paymentDays));
    m.put("final.refund_days", String.valueOf(refundDays));
    m.put("trend.weeks", String.valueOf(trendWeeks));
    m.put("score.min_weight_share", num(minScoreWeightShare));
    return m;
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e9
        ? String.valueOf((long) d)
        : String.format(Locale.ROOT, "%s", d);
  }

  private record Parser(Properties p, List<String> problems) {
    double number(String key, double min, double max) {
      String v = p.getProperty(key);
      if (v == null || v.isBlank()) {
        problems.add(key + " is required");
        return min;
      }
      try {
        double d = Double.parseDouble(v.trim());
        if (d >= min && d <= max) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(
          key + " must be a number from " + num(min) + " to " + num(max) + ", not '" + v + "'");
      return min;
    }
  }
}
