package io.kefu.core.qa;

import io.kefu.core.qa.EvalSet.EvalMessage;
import io.kefu.core.qa.EvalSet.EvalSession;
import io.kefu.core.qa.Evaluation.Mismatch;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kefu qa eval}: how well a rulebook finds what reviewers labelled. Prints precision and
 * recall per rule on the labelled sessions (method: {@link Evaluation}).
 *
 * <pre>
 * --rulebook FILE   the rulebook to evaluate          (default: the shipped Chinese one)
 * --set NAME        tuning | heldout                  (default: tuning)
 * --eval FILE       labelled sessions, JSON Lines     (default: the shipped set named by --set)
 * --mismatches      also list every session whose hit count differs from its label
 * </pre>
 */
public final class EvalCommand {

  static final String USAGE =
      """
      Usage: kefu qa eval [--rulebook FILE] [--set tuning|heldout | --eval FILE] [--mismatches]

      Scores labelled sessions with a rulebook and prints, per rule, the sessions labelled
      positive, TP / FP / FN by session (a session is positive when it has at least one hit),
      precision, recall, and the share of sessions whose hit count equals the label exactly.

      Shipped sets (core/src/main/resources/io/kefu/core/qa/):
        tuning    eval-sessions.jsonl   the set the word lists were written against
        heldout   eval-heldout.jsonl    written without looking at the word lists: the honest figure

      Options:
        --rulebook FILE   rulebook to evaluate            [the shipped qa-rulebook.zh.ini]
        --set NAME        shipped set: tuning, heldout    [tuning]
        --eval FILE       labelled sessions (JSON Lines), instead of a shipped set
        --mismatches      list sessions whose hit count differs from the label
        -h, --help        this help
      """;

  private EvalCommand() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    String rulebookFile = null;
    String evalFile = null;
    String set = "tuning";
    boolean mismatches = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-h", "--help" -> {
          out.print(USAGE);
          return 0;
        }
        case "--mismatches" -> mismatches = true;
        case "--rulebook", "--eval", "--set" -> {
          if (i + 1 >= args.length) {
            return usage(err, args[i] + " needs a value");
          }
          switch (args[i]) {
            case "--rulebook" -> rulebookFile = args[++i];
            case "--eval" -> evalFile = args[++i];
            default -> {
              set = args[++i];
              if (!set.equals("tuning") && !set.equals("heldout")) {
                return usage(err, "--set must be tuning or heldout, not '" + set + "'");
              }
            }
          }
        }
        default -> {
          return usage(err, "unknown option '" + args[i] + "'");
        }
      }
    }
    Rulebook rulebook;
    try {
      rulebook =
          rulebookFile == null ? Rulebook.defaultChinese() : Rulebook.load(Path.of(rulebookFile));
    } catch (RulebookException e) {
      err.println("kefu qa eval: " + e.getMessage());
      return 1;
    } catch (java.io.UncheckedIOException e) {
      err.println("kefu qa eval: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
      return 1;
    }
    List<EvalSession> sessions;
    String source;
    if (evalFile == null) {
      source = set.equals("heldout") ? EvalSet.HELDOUT : EvalSet.RESOURCE;
      sessions = EvalSet.load(source);
      source = set + " set, " + source;
    } else {
      source = evalFile;
      try (InputStream in = Files.newInputStream(Path.of(evalFile))) {
        sessions = EvalSet.read(in);
      }
    }
    Evaluation.Report report = Evaluation.run(new QaEngine(rulebook), sessions);
    out.println(rulebook.describe());
    out.printf(
        "%d labelled sessions%s; session level: positive = at least one hit%n%n",
        sessions.size(), " (" + source + ")");
    out.print(report.table());
    if (mismatches) {
      out.println();
      out.println(
          "Sessions whose hit count differs from the label (" + report.mismatches().size() + "):");
      for (Mismatch m : report.mismatches()) {
        printMismatch(out, m);
      }
    }
    return 0;
  }

  private static void printMismatch(PrintStream out, Mismatch m) {
    out.printf(
        "%n%s  %s: expected %d, got %d   (%s)%n",
        m.session().id(), m.rule().id(), m.expected(), m.actual(), m.session().note());
    for (RuleHit h : m.s().hits()) {
      if (h.rule() == m.rule()) {
        out.printf("    hit %s: %s%n", h.eventId(), h.excerpt());
      }
    }
    for (EvalMessage msg : m.session().messages()) {
      out.printf("    %6.0f %-6s %s%n", msg.t(), msg.from().wireName(), msg.text());
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("kefu qa eval: " + problem);
    err.println("Run 'kefu qa eval --help' for the options.");
    return 2;
  }
}
