package io.kefu.sample;

import io.kefu.core.event.EventParser;
import io.kefu.core.event.ParseResult;
import io.kefu.core.event.Rejection;
import io.kefu.core.io.EventFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code kefu validate --input DIR}: checks event files against the contract before anything is
 * loaded, and accounts for every line: read = accepted + rejected (by reason) + duplicates. The
 * same parser as the jobs decides, so what it reports is what the jobs will do.
 */
public final class ValidateCommand {

  static final String USAGE =
      """
      Usage: kefu validate --input DIR [--examples N]

      Reads every chat-events*.jsonl[.gz] and order-events*.jsonl[.gz] under DIR and accounts for
      every line: accepted, rejected (with the reason the jobs will record), or duplicate
      (an event_id seen before). Prints N example rejections per reason [3].
      Exit code 0 when every file could be read, 1 when a file could not.
      """;

  /** Every line accounted for. */
  record Tally(
      long read,
      long accepted,
      long duplicates,
      Map<String, Long> rejectedByReason,
      Map<String, List<String>> examples) {

    long rejected() {
      return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private ValidateCommand() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path input = null;
    int examples = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-h", "--help" -> {
          out.print(USAGE);
          return 0;
        }
        case "--input" -> input = i + 1 < args.length ? Path.of(args[++i]) : null;
        case "--examples" -> examples = i + 1 < args.length ? Integer.parseInt(args[++i]) : 3;
        default -> {
          err.println("kefu validate: unknown option '" + args[i] + "'");
          return 2;
        }
      }
    }
    if (input == null) {
      err.println("kefu validate: --input DIR is required");
      return 2;
    }
    try {
      Tally t = tally(input, examples);
      print(t, out);
      return 0;
    } catch (IOException e) {
      err.println("kefu validate: " + e.getMessage());
      return 1;
    }
  }

  static Tally tally(Path input, int examplesPerReason) throws IOException {
    List<Path> files = EventFiles.list(input);
    if (files.isEmpty()) {
      throw new IOException(
          "no chat-events*.jsonl[.gz] or order-events*.jsonl[.gz] under " + input);
    }
    EventParser parser = new EventParser();
    Set<String> seen = new HashSet<>();
    long[] counts = new long[3]; // read, accepted, duplicates
    Map<String, Long> rejected = new TreeMap<>();
    Map<String, List<String>> examples = new TreeMap<>();
    for (Path f : files) {
      EventFiles.forEachLine(
          f,
          line -> {
            counts[0]++;
            ParseResult r = parser.parse(line.text());
            if (r instanceof ParseResult.Accepted a) {
              if (seen.add(a.event().eventId())) {
                counts[1]++;
              } else {
                counts[2]++;
              }
            } else {
              Rejection rej = ((ParseResult.Rejected) r).rejection();
              rejected.merge(rej.reason(), 1L, Long::sum);
              List<String> ex =
                  examples.computeIfAbsent(rej.reason(), k -> new java.util.ArrayList<>());
              if (ex.size() < examplesPerReason) {
                ex.add(input.relativize(line.file()) + ":" + line.lineNo() + "  " + rej.message());
              }
            }
          });
    }
    return new Tally(counts[0], counts[1], counts[2], rejected, examples);
  }

  static void print(Tally t, PrintStream out) {
    out.printf("read       %,12d lines%n", t.read());
    out.printf("accepted   %,12d events%n", t.accepted());
    out.printf("duplicate  %,12d (event_id seen before, counted once)%n", t.duplicates());
    out.printf("rejected   %,12d%n", t.rejected());
    t.rejectedByReason()
        .forEach(
            (reason, n) -> {
              out.printf("  %-28s %,8d%n", reason, n);
              for (String ex : t.examples().getOrDefault(reason, List.of())) {
                out.println("      " + ex);
              }
            });
    boolean balanced = t.read() == t.accepted() + t.duplicates() + t.rejected();
    out.println(balanced ? "every line accounted for" : "LINES UNACCOUNTED FOR");
  }
}
