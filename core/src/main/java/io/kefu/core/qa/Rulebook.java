package io.kefu.core.qa;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality rulebook (质检规则): which rules are on, what each costs, the word lists and thresholds
 * they use, the grade bands, and a version that every score carries, so an old score stays tied to
 * the rulebook that produced it. It is data a quality lead edits: a UTF-8 text file of sections and
 * {@code key = value} lines, described in {@code core/README.md} and in the default rulebook {@code
 * qa-rulebook.zh.ini} beside this class.
 *
 * <p>Loading reports every problem at once, each with file, line and key: unknown rules and keys
 * (with the nearest known one), bad numbers, grade bands out of order, an enabled rule with an
 * empty word list.
 */
public record Rulebook(
    String version,
    String source,
    int gradeA,
    int gradeB,
    int gradeC,
    boolean autoFail,
    int excerptChars,
    int gapChars,
    Map<RuleId, RuleSettings> rules)
    implements Serializable {

  /** The default Chinese rulebook's classpath resource (a copy is {@code conf/}). */
  public static final String DEFAULT_RESOURCE = "qa-rulebook.zh.ini";

  private static final long serialVersionUID = 1L;

  public RuleSettings rule(RuleId id) {
    return rules.get(id);
  }

  /** The grade of a score: A, B, C or D by the rulebook's bands. */
  public String grade(int score) {
    if (score >= gradeA) {
      return "A";
    }
    if (score >= gradeB) {
      return "B";
    }
    return score >= gradeC ? "C" : "D";
  }

  /** The default Chinese rulebook shipped in the jar. */
  public static Rulebook defaultChinese() {
    try (InputStream in = Rulebook.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a rulebook file (UTF-8). */
  public static Rulebook load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rulebook " + file, e);
    }
    return parse(text, file.getFileName().toString());
  }

  /** Parses rulebook text; {@code source} names it in error messages. */
  public static Rulebook parse(String text, String source) {
    return new RulebookParser(source).parse(text);
  }

  // ---- the schema: which keys each section takes ------------------------------------------------

  enum Type {
    BOOL,
    INT,
    SEVERITY,
    LIST,
    TEXT
  }

  /** One key a section accepts, with its default ({@code null}: none, i.e. empty list). */
  record Key(String name, Type type, String dflt, int min, int max) {
    static Key list(String name) {
      return new Key(name, Type.LIST, null, 0, 0);
    }

    static Key bool(String name, boolean dflt) {
      return new Key(name, Type.BOOL, Boolean.toString(dflt), 0, 0);
    }

    static Key number(String name, int dflt, int min, int max) {
      return new Key(name, Type.INT, Integer.toString(dflt), min, max);
    }
  }

  static final List<Key> TOP_KEYS =
      List.of(
          new Key("version", Type.TEXT, null, 0, 0),
          new Key("name", Type.TEXT, "", 0, 0),
          new Key("language", Type.TEXT, "", 0, 0));

  static final List<Key> SCORING_KEYS =
      List.of(
          Key.number("grade_a", 90, 1, 100),
          Key.number("grade_b", 75, 1, 100),
          Key.number("grade_c", 60, 1, 100),
          Key.bool("auto_fail", false),
          Key.number("excerpt_chars", 30, 8, 200),
          Key.number("gap_chars", 4, 0, 20));

  /** The defaults of QA_RULES.md: severity, deduction, max deduction. */
  static final Map<RuleId, String[]> RULE_DEFAULTS = new EnumMap<>(RuleId.class);

  /** Keys each rule takes beyond enabled/severity/deduction/max_deduction. */
  static final Map<RuleId, List<Key>> RULE_KEYS = new EnumMap<>(RuleId.class);

  /** Word lists that must not be empty while the rule is enabled. */
  static final Map<RuleId, List<String>> REQUIRED_LISTS = new EnumMap<>(RuleId.class);

  static {
    RULE_DEFAULTS.put(RuleId.GREETING, new String[] {"minor", "5"});
    RULE_DEFAULTS.put(RuleId.FIRST_RESPONSE_SLA, new String[] {"major", "10"});
    RULE_DEFAULTS.put(RuleId.SLOW_RESPONSE, new String[] {"major", "5"});
    RULE_DEFAULTS.put(RuleId.UNANSWERED, new String[] {"major", "10"});
    RULE_DEFAULTS.put(RuleId.IMPOLITE, new String[] {"critical", "30"});
    RULE_DEFAULTS.put(RuleId.PRIVACY_LEAK, new String[] {"critical", "30"});
    RULE_DEFAULTS.put(RuleId.UNSAFE_LINK, new String[] {"critical", "30"});
    RULE_DEFAULTS.put(RuleId.OVER_PROMISE, new String[] {"major", "10"});
    RULE_DEFAULTS.put(RuleId.COMPLAINT_EMPATHY, new String[] {"major", "10"});
    RULE_DEFAULTS.put(RuleId.CLOSING, new String[] {"minor", "5"});

    RULE_KEYS.put(RuleId.GREETING, List.of(Key.list("words"), Key.list("allow")));
    RULE_KEYS.put(RuleId.FIRST_RESPONSE_SLA, List.of(Key.number("sla_seconds", 30, 1, 86400)));
    RULE_KEYS.put(RuleId.SLOW_RESPONSE, List.of(Key.number("limit_seconds", 60, 1, 86400)));
    RULE_KEYS.put(RuleId.UNANSWERED, List.of());
    RULE_KEYS.put(RuleId.IMPOLITE, List.of(Key.list("words"), Key.list("allow")));
    RULE_KEYS.put(
        RuleId.PRIVACY_LEAK,
        List.of(
            Key.bool("phone", true),
            Key.bool("id_card", true),
            Key.bool("address", true),
            Key.list("allow")));
    RULE_KEYS.put(
        RuleId.UNSAFE_LINK,
        List.of(
            Key.list("path_suffixes"),
            Key.list("domain_suffixes"),
            Key.list("login_words"),
            Key.list("login_allow")));
    RULE_KEYS.put(RuleId.OVER_PROMISE, List.of(Key.list("words"), Key.list("allow")));
    RULE_KEYS.put(
        RuleId.COMPLAINT_EMPATHY,
        List.of(
            Key.list("complaint_words"),
            Key.list("complaint_allow"),
            Key.list("empathy_words"),
            Key.list("empathy_allow")));
    RULE_KEYS.put(RuleId.CLOSING, List.of(Key.list("words"), Key.list("allow")));

    REQUIRED_LISTS.put(RuleId.GREETING, List.of("words"));
    REQUIRED_LISTS.put(RuleId.IMPOLITE, List.of("words"));
    REQUIRED_LISTS.put(RuleId.OVER_PROMISE, List.of("words"));
    REQUIRED_LISTS.put(RuleId.COMPLAINT_EMPATHY, List.of("complaint_words", "empathy_words"));
    REQUIRED_LISTS.put(RuleId.CLOSING, List.of("words"));
  }

  /**
   * The cap a rule's deductions have when the rulebook does not set one: the deduction itself (the
   * rule costs once per session), except slow_response, 15 (5 per slow turn, at most three).
   */
  static int defaultMaxDeduction(RuleId id, int deduction) {
    return id == RuleId.SLOW_RESPONSE ? Math.max(15, deduction) : deduction;
  }

  static List<Key> ruleKeys(RuleId id) {
    List<Key> keys = new ArrayList<>();
    String[] d = RULE_DEFAULTS.get(id);
    keys.add(Key.bool("enabled", true));
    keys.add(new Key("severity", Type.SEVERITY, d[0], 0, 0));
    keys.add(Key.number("deduction", Integer.parseInt(d[1]), 0, 100));
    keys.add(Key.number("max_deduction", defaultMaxDeduction(id, Integer.parseInt(d[1])), 0, 100));
    keys.addAll(RULE_KEYS.get(id));
    return keys;
  }

  /** Splits a word list value on commas (also ，and 、); empty entries are dropped. */
  static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    for (String s : value.split("[,，、]")) {
      String t = s.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** A one-line summary of the rules in force, for reports. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("rulebook ").append(version).append(" (").append(source).append("): ");
    List<String> parts = new ArrayList<>();
    for (RuleSettings r : rules.values()) {
      parts.add(
          r.enabled()
              ? r.rule().id() + " " + r.severity().id() + " -" + r.deduction()
              : r.rule().id() + " off");
    }
    sb.append(String.join(", ", parts));
    sb.append(String.format(Locale.ROOT, "; grades A>=%d B>=%d C>=%d", gradeA, gradeB, gradeC));
    sb.append(autoFail ? "; a critical hit zeroes the score" : "");
    return sb.toString();
  }
}
