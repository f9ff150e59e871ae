package io.kefu.dashboard.report;

import io.kefu.core.config.KefuConfig;
import io.kefu.dashboard.WarehouseConnections;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code kefu report}: one week's KPI reports (HTML and PDF) for the shop, each team and each
 * agent, from a published warehouse (opened read-only).
 *
 * <pre>
 * --week 2026-W45          the ISO week (required)
 * --warehouse FILE         the published DuckDB warehouse (required)
 * --out DIR                where to write; the files go into DIR/2026-W45/ (required)
 * --team NAME              only this team's report and its agents'
 * --shop ID                only this shop's figures (default: every shop of the warehouse)
 * --config FILE            kefu.properties, for the time zone the generation time is shown in
 * --report-config FILE     report.properties: scorecard, sample sizes, statistics, fonts
 * --lang zh|en             the reports' language (default zh)
 * </pre>
 *
 * Exit codes: 2 bad arguments; 1 the reports could not be made (no warehouse, no font …).
 */
public final class ReportCommand {

  static final String USAGE =
      """
      Usage: kefu report --week 2026-W45 --warehouse FILE --out DIR [options]

      Writes the week's KPI reports for performance reviews, each as HTML and PDF, into
      DIR/<week>/: shop.*, team-<team>.*, agent-<agent id>.*, and manifest.json. The warehouse is
      only read. Every figure comes with its sample size, a Wilson interval for rates, last week's
      value with a significance test, the team's value and rank; each agent gets a composite score
      from the scorecard in the report configuration.

      Options:
        --week YYYY-Www          ISO week, e.g. 2026-W45 (required)
        --warehouse FILE         published DuckDB warehouse (required)
        --out DIR                output folder (required)
        --team NAME              only this team and its agents
        --shop ID                only this shop (default: every shop in the warehouse)
        --config FILE            kefu.properties (time zone)      [built-in defaults]
        --report-config FILE     report.properties (scorecard …)  [built-in defaults]
        --lang zh|en             language of the reports          [zh]
        -h, --help               this help
      """;

  record Options(
      IsoWeek week,
      Path warehouse,
      Path out,
      String team,
      String shop,
      ZoneId zone,
      ReportSettings settings,
      boolean english) {}

  private ReportCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = parse(args);
    } catch (HelpRequested h) {
      out.print(USAGE);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("kefu report: " + e.getMessage());
      err.println("Run 'kefu report --help' for the options.");
      return 2;
    }
    if (!Files.isRegularFile(o.warehouse())) {
      err.println("kefu report: no warehouse at " + o.warehouse() + " (run bin/kefu batch first)");
      return 1;
    }
    ReportGenerator gen =
        new ReportGenerator(
            o.settings(), ReviewedScores.NONE, o.zone(), Clock.systemUTC(), o.english());
    try (WarehouseConnections w = new WarehouseConnections(o.warehouse())) {
      ReportGenerator.Manifest m = gen.generate(w, o.week(), o.team(), o.shop(), o.out());
      Path dir = o.out().resolve(m.week());
      out.printf("Weekly reports %s → %s%n", m.week(), dir.toAbsolutePath());
      for (ReportGenerator.Entry e : m.entries()) {
        out.printf("  %-6s %-28s %s%n", e.kind(), e.name(), String.join("  ", e.files()));
      }
      if (!m.missingDays().isEmpty()) {
        out.println("  warning: days not ingested yet: " + String.join(", ", m.missingDays()));
      }
      if (!m.provisionalDays().isEmpty()) {
        out.println("  not final yet: " + String.join(", ", m.provisionalDays()));
      }
      return 0;
    } catch (Exception e) {
      err.println("kefu report: " + e.getMessage());
      return 1;
    }
  }

  private static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  static Options parse(String[] args) {
    Map<String, String> v = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> throw new HelpRequested();
        case "--week",
            "--warehouse",
            "--out",
            "--team",
            "--shop",
            "--config",
            "--report-config",
            "--lang" -> {
          if (i + 1 >= args.length || args[i + 1].isBlank()) {
            throw new IllegalArgumentException(a + " needs a value");
          }
          v.put(a, args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    for (String required : new String[] {"--week", "--warehouse", "--out"}) {
      if (!v.containsKey(required)) {
        throw new IllegalArgumentException(required + " is required");
      }
    }
    IsoWeek week = IsoWeek.parse(v.get("--week"));
    ZoneId zone;
    try {
      zone =
          v.containsKey("--config")
              ? KefuConfig.load(Path.of(v.get("--config"))).zone()
              : KefuConfig.defaults().zone();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    ReportSettings settings;
    try {
      settings =
          v.containsKey("--report-config")
              ? ReportSettings.load(Path.of(v.get("--report-config")))
              : ReportSettings.defaults();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    String lang = v.getOrDefault("--lang", "zh");
    if (!lang.equals("zh") && !lang.equals("en")) {
      throw new IllegalArgumentException("--lang must be zh or en, not '" + lang + "'");
    }
    return new Options(
        week,
        Path.of(v.get("--warehouse")),
        Path.of(v.get("--out")),
        v.get("--team"),
        v.get("--shop"),
        zone,
        settings,
        lang.equals("en"));
  }
}
