package io.kefu.sample;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.EventType;
import io.kefu.core.event.ParseResult;
import io.kefu.core.io.EventFiles;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.metrics.SessionFacts;
import io.kefu.core.qa.QaEngine;
import io.kefu.core.qa.RuleId;
import io.kefu.core.qa.Rulebook;
import io.kefu.core.qa.SessionScore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code kefu qa bench}: how many sessions one core scores per second. The question it answers is
 * whether scoring every session (100 % coverage) fits beside the batch job: it generates a
 * realistic shop with {@link ShopGenerator} (same dialogues, rude lines, near-misses and links as
 * the demo), groups its chat events per session, then scores them on one thread, round after round,
 * and prints the rate of the best and the median round.
 *
 * <pre>
 * --sessions N      sessions scored per timed round (default 20000; the generated ones, cycled)
 * --rounds R        timed rounds after one warm-up round (default 5)
 * --rulebook FILE   rulebook to score with (default: the shipped Chinese one)
 * --seed S          generator seed (default 7)
 * </pre>
 */
public final class QaBenchCommand {

  static final String USAGE =
      """
      Usage: kefu qa bench [--sessions N] [--rounds R] [--rulebook FILE] [--seed S]

      Generates a simulated shop (12 agents, 7 days), groups its chat events per session and
      scores them with the quality rulebook on one thread; prints sessions scored per second
      (per core), for scoring alone and for session analysis (turns) plus scoring.

      Options:
        --sessions N      sessions per timed round                 [20000]
        --rounds R        timed rounds after a warm-up round        [5]
        --rulebook FILE   rulebook                                 [the shipped Chinese one]
        --seed S          generator seed                           [7]
        -h, --help        this help
      """;

  private QaBenchCommand() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    int sessions = 20_000;
    int rounds = 5;
    long seed = 7;
    String rulebookFile = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          out.print(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          return usage(err, "unknown option or missing value '" + a + "'");
        }
        String v = args[++i];
        switch (a) {
          case "--sessions" -> sessions = Integer.parseInt(v);
          case "--rounds" -> rounds = Integer.parseInt(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--rulebook" -> rulebookFile = v;
          default -> {
            return usage(err, "unknown option '" + a + "'");
          }
        }
      }
    } catch (NumberFormatException e) {
      return usage(err, "not a whole number: " + e.getMessage());
    }
    if (sessions <= 0 || rounds <= 0) {
      return usage(err, "--sessions and --rounds must be positive");
    }
    Rulebook rulebook;
    try {
      rulebook =
          rulebookFile == null ? Rulebook.defaultChinese() : Rulebook.load(Path.of(rulebookFile));
    } catch (io.kefu.core.qa.RulebookException | java.io.UncheckedIOException e) {
      err.println("kefu qa bench: " + e.getMessage());
      return 1;
    }

    out.println("generating a shop (12 agents, 7 days, seed " + seed + ") ...");
    List<List<ChatEvent>> chats = generate(seed);
    SessionAnalyzer analyzer = new SessionAnalyzer(KefuConfig.defaults());
    List<SessionFacts> facts = new ArrayList<>(chats.size());
    long messages = 0;
    for (List<ChatEvent> c : chats) {
      facts.add(analyzer.analyze(c));
      messages += c.size();
    }
    out.printf(
        Locale.ROOT,
        "%,d sessions, %.1f chat events per session on average%n",
        chats.size(),
        (double) messages / chats.size());

    QaEngine engine = new QaEngine(rulebook);
    Map<RuleId, Integer> hitSessions = new EnumMap<>(RuleId.class);
    long scoreSum = 0;
    for (int i = 0; i < chats.size(); i++) {
      SessionScore s = engine.score(chats.get(i), facts.get(i));
      scoreSum += s.score();
      for (RuleId r : RuleId.values()) {
        if (s.hitCount(r) > 0) {
          hitSessions.merge(r, 1, Integer::sum);
        }
      }
    }
    out.printf(
        Locale.ROOT,
        "rulebook %s: average score %.1f; sessions hit per rule: %s%n",
        rulebook.version(),
        (double) scoreSum / chats.size(),
        hitSessions);

    double[] scoreOnly = new double[rounds];
    double[] withAnalysis = new double[rounds];
    timeRound(engine, analyzer, chats, facts, sessions, false); // warm-up
    timeRound(engine, analyzer, chats, facts, sessions, true);
    for (int r = 0; r < rounds; r++) {
      scoreOnly[r] = timeRound(engine, analyzer, chats, facts, sessions, false);
      withAnalysis[r] = timeRound(engine, analyzer, chats, facts, sessions, true);
    }
    out.printf(
        Locale.ROOT,
        "scoring only (turns precomputed): best %,.0f, median %,.0f sessions/s on one thread%n",
        max(scoreOnly),
        median(scoreOnly));
    out.printf(
        Locale.ROOT,
        "analysis + scoring:               best %,.0f, median %,.0f sessions/s on one thread%n",
        max(withAnalysis),
        median(withAnalysis));
    return 0;
  }

  /** Scores {@code n} sessions (cycling through the generated ones); returns sessions/s. */
  private static double timeRound(
      QaEngine engine,
      SessionAnalyzer analyzer,
      List<List<ChatEvent>> chats,
      List<SessionFacts> facts,
      int n,
      boolean analyze) {
    long sink = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int k = i % chats.size();
      SessionFacts f = analyze ? analyzer.analyze(chats.get(k)) : facts.get(k);
      sink += engine.score(chats.get(k), f).hits().size();
    }
    long ns = System.nanoTime() - t0;
    if (sink < 0) {
      throw new IllegalStateException(); // keeps the work observable
    }
    return n / (ns / 1e9);
  }

  /** Generates a week of a 12-agent shop without input defects; its chat events per session. */
  static List<List<ChatEvent>> generate(long seed) throws IOException {
    Path dir = Files.createTempDirectory("kefu-qa-bench");
    try {
      GeneratorOptions options =
          new GeneratorOptions(
              "sunshine-baby",
              "阳光儿童母婴旗舰店",
              "tmall",
              12,
              7,
              LocalDate.parse("2026-11-05"),
              seed,
              dir,
              false,
              100,
              ZoneId.of("Asia/Shanghai"),
              DefectRates.NONE);
      new ShopGenerator(options, null).run();
      EventParser parser = new EventParser();
      Map<String, List<ChatEvent>> bySession = new LinkedHashMap<>();
      for (Path f : EventFiles.list(dir, EventType.Stream.CHAT)) {
        EventFiles.forEachLine(
            f,
            line -> {
              if (parser.parse(line.text()) instanceof ParseResult.Accepted a
                  && a.event() instanceof ChatEvent e) {
                bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
              }
            });
      }
      return new ArrayList<>(bySession.values());
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static double max(double[] a) {
    double m = 0;
    for (double x : a) {
      m = Math.max(m, x);
    }
    return m;
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("kefu qa bench: " + problem);
    err.println("Run 'kefu qa bench --help' for the options.");
    return 2;
  }
}
