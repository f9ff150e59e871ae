package io.kefu.sample;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kefu generate}: writes a simulated shop's chat and order events in the file form of the
 * event contract, plus {@code roster.csv} (agents and teams) and {@code manifest.json} (what was
 * written, and every injected defect).
 *
 * <pre>
 * --out DIR          folder to write into (required)
 * --shop ID          shop id in every event             (default sunshine-baby)
 * --shop-name NAME   the shop's name in dialogues       (default 阳光儿童母婴旗舰店)
 * --channel NAME     platform of every chat             (default tmall)
 * --agents N         agents employed                    (default 12)
 * --days D           days to write                      (default 14)
 * --start DATE       first day, yyyy-mm-dd              (default 2026-11-02)
 * --seed S           random seed                        (default 42)
 * --rate R           pre-sale sessions per pre-sale agent on a weekday (default 100)
 * --timezone ZONE    shop time zone                     (default Asia/Shanghai)
 * --defects KIND     default | none                     (default default)
 * --no-gzip          write plain .jsonl instead of .jsonl.gz
 * --quiet            no progress output
 * </pre>
 */
public final class GenerateCommand {

  static final String USAGE =
      """
      Usage: kefu generate --out DIR [options]

      Writes a simulated shop's chat and order events (JSON Lines, one file per stream and
      arrival day), roster.csv and manifest.json. Same options, same seed: byte-identical files.

      Options:
        --out DIR          folder to write into (required)
        --shop ID          shop id in every event                 [sunshine-baby]
        --shop-name NAME   the shop's name agents say             [阳光儿童母婴旗舰店]
        --channel NAME     platform of every chat                 [tmall]
        --agents N         agents employed (about 2/3 pre-sale)   [12]
        --days D           days to write                          [14]
        --start DATE       first day, yyyy-mm-dd                  [2026-11-02]
        --seed S           random seed                            [42]
        --rate R           pre-sale sessions per pre-sale agent on an ordinary weekday [100]
        --timezone ZONE    shop time zone                         [Asia/Shanghai]
        --defects KIND     default (documented bad-input mix) | none   [default]
        --no-gzip          write .jsonl instead of .jsonl.gz
        --quiet            no progress output
        -h, --help         this help

      Example: kefu generate --agents 200 --days 30 --seed 7 --out /data/big
      """;

  private GenerateCommand() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command; returns the process exit code (0 ok, 2 usage error). Public for the live
   * job's simulator ({@code kefu stream --source simulate}), which generates a shop through it.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          out.print(USAGE);
          return 0;
        }
        case "--no-gzip", "--quiet" -> flags.add(a);
        case "--out",
            "--shop",
            "--shop-name",
            "--channel",
            "--agents",
            "--days",
            "--start",
            "--seed",
            "--rate",
            "--timezone",
            "--defects" -> {
          if (i + 1 >= args.length) {
            return usage(err, a + " needs a value");
          }
          o.put(a, args[++i]);
        }
        default -> {
          return usage(err, "unknown option '" + a + "'");
        }
      }
    }
    GeneratorOptions options;
    try {
      options = parse(o, flags);
    } catch (IllegalArgumentException | DateTimeException e) {
      return usage(err, e.getMessage());
    }
    PrintStream progress = flags.contains("--quiet") ? null : err;
    ShopGenerator g = new ShopGenerator(options, progress);
    Manifest m = g.run();
    if (progress != null) {
      out.printf(
          "%s: %d agents, %d days from %s -> %s (%,d lines, %,d expected rejects)%n",
          options.shopId(),
          options.agents(),
          options.days(),
          options.start(),
          options.out(),
          m.lines(),
          m.rejected());
    }
    return 0;
  }

  static GeneratorOptions parse(Map<String, String> o, List<String> flags) {
    String out = o.get("--out");
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    int agents = positive(o, "--agents", "12");
    int days = positive(o, "--days", "14");
    if (agents > 5000) {
      throw new IllegalArgumentException("--agents must be at most 5000");
    }
    double rate = Double.parseDouble(o.getOrDefault("--rate", "100"));
    if (!(rate > 0 && rate <= 2000)) {
      throw new IllegalArgumentException("--rate must be between 0 and 2000");
    }
    String defects = o.getOrDefault("--defects", "default");
    if (!defects.equals("default") && !defects.equals("none")) {
      throw new IllegalArgumentException("--defects must be 'default' or 'none'");
    }
    long seed;
    try {
      seed = Long.parseLong(o.getOrDefault("--seed", "42"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed must be a whole number");
    }
    return new GeneratorOptions(
        o.getOrDefault("--shop", "sunshine-baby"),
        o.getOrDefault("--shop-name", "阳光儿童母婴旗舰店"),
        o.getOrDefault("--channel", "tmall"),
        agents,
        days,
        LocalDate.parse(o.getOrDefault("--start", "2026-11-02")),
        seed,
        Path.of(out),
        !flags.contains("--no-gzip"),
        rate,
        ZoneId.of(o.getOrDefault("--timezone", "Asia/Shanghai")),
        defects.equals("none") ? DefectRates.NONE : DefectRates.DEFAULT);
  }

  private static int positive(Map<String, String> o, String key, String dflt) {
    try {
      int v = Integer.parseInt(o.getOrDefault(key, dflt));
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + " must be a positive whole number");
  }

  private static int usage(PrintStream err, String problem) {
    err.println("kefu generate: " + problem);
    err.println("Run 'kefu generate --help' for the options.");
    return 2;
  }
}
