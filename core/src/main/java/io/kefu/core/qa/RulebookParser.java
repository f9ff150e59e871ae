package io.kefu.core.qa;

import io.kefu.core.qa.Rulebook.Key;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the rulebook text format: {@code #} comments, top-level {@code key = value} lines, {@code
 * [section]} headers ({@code [scoring]} and one per rule id), and values continued on following
 * lines that start with whitespace (long word lists). Every problem is collected, with file, line
 * and key, and reported at once.
 */
final class RulebookParser {

  /** A value as written, with the line it started on. */
  private record Entry(String value, int line) {}

  /** A section as written: its header line and its keys. */
  private static final class Section {
    final String name;
    final int line;
    final Map<String, Entry> entries = new LinkedHashMap<>();

    Section(String name, int line) {
      this.name = name;
      this.line = line;
    }
  }

  /** An indented line that is a key line, not the continuation of a list. */
  private static final java.util.regex.Pattern KEY_LINE =
      java.util.regex.Pattern.compile("^[a-z_]+\\s*=");

  private final String source;
  private final List<String> problems = new ArrayList<>();

  RulebookParser(String source) {
    this.source = source;
  }

  Rulebook parse(String text) {
    Section top = new Section("", 0);
    Map<String, Section> sections = new LinkedHashMap<>();
    Section current = top;
    Entry last = null;
    String lastKey = null;
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String raw = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
      String stripped = raw.strip();
      if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
        continue;
      }
      String content = stripComment(stripped);
      if (Character.isWhitespace(raw.charAt(0))
          && last != null
          && !KEY_LINE.matcher(content).find()) {
        // Continuation of the previous value: a long word list over several lines.
        last = new Entry(last.value() + "," + content, last.line());
        current.entries.put(lastKey, last);
        continue;
      }
      if (content.startsWith("[")) {
        last = null;
        if (!content.endsWith("]")) {
          problem(lineNo, "section header must look like [name], got '" + content + "'");
          current = new Section("?", lineNo);
          continue;
        }
        String name = content.substring(1, content.length() - 1).strip();
        if (sections.containsKey(name)) {
          problem(lineNo, "[" + name + "] appears twice (first at line " + sections.get(name).line);
          current = new Section(name, lineNo);
          continue;
        }
        current = new Section(name, lineNo);
        sections.put(name, current);
        if (!name.equals("scoring") && RuleId.of(name) == null) {
          problem(
              lineNo,
              "["
                  + name
                  + "]: unknown rule id"
                  + suggestion(name, sectionNames())
                  + "; known: "
                  + String.join(", ", sectionNames()));
        }
        continue;
      }
      int eq = content.indexOf('=');
      if (eq <= 0) {
        problem(lineNo, where(current) + "expected 'key = value', got '" + content + "'");
        last = null;
        continue;
      }
      String key = content.substring(0, eq).strip();
      String value = content.substring(eq + 1).strip();
      if (current.entries.containsKey(key)) {
        problem(
            lineNo,
            where(current)
                + key
                + ": set twice (first at line "
                + current.entries.get(key).line()
                + ")");
      }
      last = new Entry(value, lineNo);
      lastKey = key;
      current.entries.put(key, last);
    }
    return build(top, sections);
  }

  private Rulebook build(Section top, Map<String, Section> sections) {
    Map<String, Object> topValues = values(top, Rulebook.TOP_KEYS);
    String version = (String) topValues.get("version");
    if (version == null || version.isBlank()) {
      problem(1, "version: required (e.g. version = zh-2026.11-1); every score carries it");
    }
    Section scoringSection = sections.getOrDefault("scoring", new Section("scoring", 0));
    Map<String, Object> scoring = values(scoringSection, Rulebook.SCORING_KEYS);
    int a = (Integer) scoring.get("grade_a");
    int b = (Integer) scoring.get("grade_b");
    int c = (Integer) scoring.get("grade_c");
    if (!(a > b && b > c)) {
      problem(
          lineOf(scoringSection, "grade_a"),
          "[scoring] grade bands out of order: need grade_a > grade_b > grade_c, got "
              + a
              + ", "
              + b
              + ", "
              + c);
    }

    Map<RuleId, RuleSettings> rules = new EnumMap<>(RuleId.class);
    for (RuleId id : RuleId.values()) {
      Section s = sections.get(id.id());
      if (s == null) {
        problem(
            0,
            "["
                + id.id()
                + "] missing: every rule of QA_RULES.md must be listed (enabled = false"
                + " switches one off)");
        continue;
      }
      rules.put(id, rule(id, s));
    }
    if (!problems.isEmpty()) {
      throw new RulebookException(source, problems);
    }
    return new Rulebook(
        version.strip(),
        source,
        a,
        b,
        c,
        (Boolean) scoring.get("auto_fail"),
        (Integer) scoring.get("excerpt_chars"),
        (Integer) scoring.get("gap_chars"),
        Collections.unmodifiableMap(rules));
  }

  @SuppressWarnings("unchecked")
  private RuleSettings rule(RuleId id, Section s) {
    Map<String, Object> v = values(s, Rulebook.ruleKeys(id));
    boolean enabled = (Boolean) v.get("enabled");
    int deduction = (Integer) v.get("deduction");
    // Unwritten, max_deduction means "once per session" (the deduction itself), except where the
    // rule's default allows several hits (slow_response: 5 per turn, at most 15).
    int max =
        s.entries.containsKey("max_deduction")
            ? (Integer) v.get("max_deduction")
            : Math.max(deduction, Rulebook.defaultMaxDeduction(id, deduction));
    if (max < deduction) {
      problem(
          lineOf(s, "max_deduction"),
          where(s) + "max_deduction (" + max + ") must be at least deduction (" + deduction + ")");
    }
    Map<String, Integer> numbers = new LinkedHashMap<>();
    Map<String, Boolean> flags = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (Key k : Rulebook.RULE_KEYS.get(id)) {
      Object o = v.get(k.name());
      switch (k.type()) {
        case INT -> numbers.put(k.name(), (Integer) o);
        case BOOL -> flags.put(k.name(), (Boolean) o);
        case LIST -> lists.put(k.name(), (List<String>) o);
        default -> throw new IllegalStateException(k.toString());
      }
    }
    for (Map.Entry<String, List<String>> e : lists.entrySet()) {
      checkTerms(s, e.getKey(), e.getValue());
    }
    if (enabled) {
      for (String required : Rulebook.REQUIRED_LISTS.getOrDefault(id, List.of())) {
        if (lists.get(required).isEmpty()) {
          problem(
              lineOf(s, required),
              where(s)
                  + required
                  + ": empty word list for an enabled rule (add words or set"
                  + " enabled = false)");
        }
      }
      if (id == RuleId.UNSAFE_LINK
          && lists.get("path_suffixes").isEmpty()
          && lists.get("domain_suffixes").isEmpty()
          && lists.get("login_words").isEmpty()) {
        problem(
            s.line,
            where(s)
                + "path_suffixes, domain_suffixes and login_words are all empty for an"
                + " enabled rule");
      }
      if (id == RuleId.PRIVACY_LEAK
          && !flags.get("phone")
          && !flags.get("id_card")
          && !flags.get("address")) {
        problem(s.line, where(s) + "phone, id_card and address are all off for an enabled rule");
      }
    }
    return new RuleSettings(
        id,
        enabled,
        (Severity) v.get("severity"),
        deduction,
        max,
        Collections.unmodifiableMap(numbers),
        Collections.unmodifiableMap(flags),
        Collections.unmodifiableMap(lists));
  }

  /** Checks the term syntax: {@code A*B} (A then B, a few characters apart) and {@code A+B}. */
  private void checkTerms(Section s, String key, List<String> terms) {
    boolean allowList = key.endsWith("allow");
    boolean suffixList = key.endsWith("suffixes");
    for (String t : terms) {
      boolean operator = t.length() > 1 && (t.indexOf('*') >= 0 || t.indexOf('+') > 0);
      if (suffixList) {
        if (!t.startsWith(".") || t.length() < 2) {
          problem(lineOf(s, key), where(s) + key + ": '" + t + "' must start with a dot (.tk)");
        }
        continue;
      }
      if (!operator) {
        continue;
      }
      if (allowList) {
        problem(
            lineOf(s, key),
            where(s) + key + ": '" + t + "': allow lists take plain phrases, not * or +");
        continue;
      }
      String[] parts = t.split("[*+]", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        problem(
            lineOf(s, key),
            where(s)
                + key
                + ": '"
                + t
                + "': use A*B (A followed by B) or A+B (both in the message), two parts");
      }
    }
  }

  /** Reads a section's values against its keys; defaults fill what is not written. */
  private Map<String, Object> values(Section s, List<Key> keys) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Key> byName = new LinkedHashMap<>();
    for (Key k : keys) {
      byName.put(k.name(), k);
    }
    for (Map.Entry<String, Entry> e : s.entries.entrySet()) {
      if (!byName.containsKey(e.getKey())) {
        List<String> known = new ArrayList<>(byName.keySet());
        String hint = suggestion(e.getKey(), known);
        if (s.name.isEmpty() && hint.isEmpty() && isSectionKey(e.getKey())) {
          hint = " (it belongs in a [section])";
        }
        problem(
            e.getValue().line(),
            where(s)
                + e.getKey()
                + ": unknown key"
                + hint
                + "; known: "
                + String.join(", ", known));
      }
    }
    for (Key k : keys) {
      Entry e = s.entries.get(k.name());
      String raw = e == null ? k.dflt() : e.value();
      int line = e == null ? s.line : e.line();
      out.put(k.name(), convert(s, k, raw, line));
    }
    return out;
  }

  private Object convert(Section s, Key k, String raw, int line) {
    switch (k.type()) {
      case TEXT:
        return raw;
      case LIST:
        return raw == null ? List.of() : Rulebook.splitList(raw);
      case BOOL:
        String b = raw.toLowerCase(Locale.ROOT);
        if (b.equals("true") || b.equals("yes") || b.equals("on")) {
          return true;
        }
        if (b.equals("false") || b.equals("no") || b.equals("off")) {
          return false;
        }
        problem(line, where(s) + k.name() + ": '" + raw + "' is not true or false");
        return Boolean.parseBoolean(k.dflt());
      case SEVERITY:
        try {
          return Severity.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
          problem(
              line, where(s) + k.name() + ": '" + raw + "' is not one of minor, major, critical");
          return Severity.valueOf(k.dflt().toUpperCase(Locale.ROOT));
        }
      case INT:
        try {
          int v = Integer.parseInt(raw);
          if (v < k.min() || v > k.max()) {
            problem(
                line, where(s) + k.name() + ": " + v + " is outside " + k.min() + ".." + k.max());
          }
          return v;
        } catch (NumberFormatException ex) {
          problem(line, where(s) + k.name() + ": '" + raw + "' is not a whole number");
          return Integer.parseInt(k.dflt());
        }
      default:
        throw new IllegalStateException(k.toString());
    }
  }

  private static boolean isSectionKey(String key) {
    for (Key k : Rulebook.SCORING_KEYS) {
      if (k.name().equals(key)) {
        return true;
      }
    }
    for (RuleId id : RuleId.values()) {
      for (Key k : Rulebook.ruleKeys(id)) {
        if (k.name().equals(key)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> sectionNames() {
    List<String> names = new ArrayList<>();
    names.add("scoring");
    for (RuleId id : RuleId.values()) {
      names.add(id.id());
    }
    return names;
  }

  private static int lineOf(Section s, String key) {
    Entry e = s.entries.get(key);
    return e == null ? s.line : e.line();
  }

  private static String where(Section s) {
    return s.name.isEmpty() ? "" : "[" + s.name + "] ";
  }

  private void problem(int line, String message) {
    problems.add(source + (line > 0 ? ":" + line : "") + ": " + message);
  }

  /** Removes a trailing comment: a '#' after whitespace. */
  private static String stripComment(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) == '#' && Character.isWhitespace(s.charAt(i - 1))) {
        return s.substring(0, i).strip();
      }
    }
    return s;
  }

  static String suggestion(String name, List<String> known) {
    return io.kefu.core.config.Suggestions.didYouMean(name, known, Math.max(2, name.length() / 3));
  }
}
