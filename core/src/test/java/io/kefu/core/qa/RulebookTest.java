package io.kefu.core.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rulebook file: the shipped ones load, and every kind of mistake is reported clearly. */
class RulebookTest {

  static String defaultText() {
    try (InputStream in = Rulebook.class.getResourceAsStream(Rulebook.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** conf/ beside the module, when the tests run inside the project. */
  static Path conf(String name) {
    for (Path p : List.of(Path.of("../conf", name), Path.of("conf", name))) {
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void theDefaultChineseRulebookStatesQaRulesDefaults() {
    Rulebook rb = Rulebook.defaultChinese();
    assertEquals("zh-2026.11-2", rb.version());
    assertEquals(90, rb.gradeA());
    assertEquals(75, rb.gradeB());
    assertEquals(60, rb.gradeC());
    assertFalse(rb.autoFail());
    assertEquals(RuleId.values().length, rb.rules().size());
    assertEquals(30, rb.rule(RuleId.FIRST_RESPONSE_SLA).number("sla_seconds"));
    assertEquals(60, rb.rule(RuleId.SLOW_RESPONSE).number("limit_seconds"));
    assertEquals(5, rb.rule(RuleId.SLOW_RESPONSE).deduction());
    assertEquals(15, rb.rule(RuleId.SLOW_RESPONSE).maxDeduction());
    for (RuleId critical : List.of(RuleId.IMPOLITE, RuleId.PRIVACY_LEAK, RuleId.UNSAFE_LINK)) {
      assertEquals(Severity.CRITICAL, rb.rule(critical).severity());
      assertEquals(30, rb.rule(critical).deduction());
    }
    assertEquals(Severity.MINOR, rb.rule(RuleId.GREETING).severity());
    assertEquals(List.of(".pl", ".tk", ".ms"), rb.rule(RuleId.UNSAFE_LINK).list("domain_suffixes"));
  }

  @Test
  void theConfCopyIsTheShippedRulebook() throws IOException {
    Path zh = conf("qa-rulebook.zh.ini");
    if (zh != null) {
      assertEquals(defaultText(), Files.readString(zh), "conf/qa-rulebook.zh.ini drifted");
    }
  }

  @Test
  void theEnglishExampleLoadsAndScores() {
    Path en = conf("qa-rulebook.en.ini");
    if (en == null) {
      return;
    }
    Rulebook rb = Rulebook.load(en);
    assertEquals("en-2026.11-1", rb.version());
    SessionScore s =
        Transcript.session()
            .buyer(0, "Is this stroller light?")
            .agent(5, "Take it or leave it. It is guaranteed to arrive tomorrow")
            .score(new QaEngine(rb));
    assertEquals(1, s.hitCount(RuleId.IMPOLITE));
    assertEquals(1, s.hitCount(RuleId.OVER_PROMISE));
    assertEquals(1, s.hitCount(RuleId.GREETING));
    assertEquals(1, s.hitCount(RuleId.CLOSING));
  }

  @Test
  void unknownRuleIdsAndKeysNameFileLineAndTheNearestKnownOne() {
    String text =
        defaultText().replace("[closing]", "[closin]").replace("grade_b = 75", "grade_bb = 75");
    RulebookException e =
        assertThrows(RulebookException.class, () -> Rulebook.parse(text, "x.ini"));
    assertHas(
        e,
        "x.ini:"
            + lineOf(text, "[closin]")
            + ": [closin]: unknown rule id (did you mean 'closing'?)");
    assertHas(
        e,
        "x.ini:"
            + lineOf(text, "grade_bb")
            + ": [scoring] grade_bb: unknown key (did you mean 'grade_b'?)");
    assertHas(e, "[closing] missing");
  }

  @Test
  void badValuesAreReportedAllAtOnce() {
    String text =
        defaultText()
            .replace("sla_seconds = 30", "sla_seconds = thirty")
            .replace(
                "severity = minor\ndeduction = 5\nwords = 您好",
                "severity = harsh\ndeduction = 5\nwords = 您好")
            .replace("auto_fail = false", "auto_fail = maybe")
            .replace("deduction = 10\nsla_seconds", "deduction = 300\nsla_seconds");
    RulebookException e =
        assertThrows(RulebookException.class, () -> Rulebook.parse(text, "x.ini"));
    assertHas(
        e,
        "x.ini:"
            + lineOf(text, "sla_seconds = thirty")
            + ": [first_response_sla] sla_seconds: 'thirty' is not a whole number");
    assertHas(e, "[greeting] severity: 'harsh' is not one of minor, major, critical");
    assertHas(e, "[scoring] auto_fail: 'maybe' is not true or false");
    assertHas(e, "[first_response_sla] deduction: 300 is outside 0..100");
    assertEquals(4, e.problems().size(), e.getMessage());
  }

  @Test
  void gradeBandsMustBeInOrder() {
    String text = defaultText().replace("grade_b = 75", "grade_b = 95");
    RulebookException e =
        assertThrows(RulebookException.class, () -> Rulebook.parse(text, "x.ini"));
    assertHas(e, "grade bands out of order: need grade_a > grade_b > grade_c, got 90, 95, 60");
  }

  @Test
  void anEnabledRuleNeedsItsWordList() {
    String text = defaultText().replace("words = 谢谢, 感谢", "wordz = 谢谢, 感谢");
    RulebookException e =
        assertThrows(RulebookException.class, () -> Rulebook.parse(text, "x.ini"));
    assertHas(e, "[closing] wordz: unknown key (did you mean 'words'?)");
    assertHas(e, "[closing] words: empty word list for an enabled rule");
    // Switched off, the empty list is fine.
    String off =
        defaultText()
            .replace("never wrote.\nenabled = true", "never wrote.\nenabled = false")
            .replaceAll("(?s)words = 谢谢.*?\nallow = 庆祝", "words =\nallow = 庆祝");
    assertFalse(Rulebook.parse(off, "x.ini").rule(RuleId.CLOSING).enabled());
  }

  @Test
  void versionIsRequiredAndTermSyntaxIsChecked() {
    String text =
        defaultText()
            .replace("version = zh-2026.11-2", "")
            .replace("allow = 庆祝", "allow = 庆*祝")
            .replace("path_suffixes = .jpg", "path_suffixes = jpg");
    RulebookException e =
        assertThrows(RulebookException.class, () -> Rulebook.parse(text, "x.ini"));
    assertHas(e, "version: required");
    assertHas(e, "allow lists take plain phrases, not * or +");
    assertHas(e, "path_suffixes: 'jpg' must start with a dot (.tk)");
  }

  @Test
  void aMinimalRulebookTakesQaRulesDefaults() {
    StringBuilder sb = new StringBuilder("version = mini-1\n");
    for (RuleId id : RuleId.values()) {
      sb.append('[').append(id.id()).append("]\n");
      switch (id) {
        case COMPLAINT_EMPATHY -> sb.append("complaint_words = 投诉\nempathy_words = 抱歉\n");
        case GREETING, IMPOLITE, OVER_PROMISE, CLOSING -> sb.append("words = 某词\n");
        case UNSAFE_LINK -> sb.append("domain_suffixes = .tk\n");
        default -> {}
      }
    }
    Rulebook rb = Rulebook.parse(sb.toString(), "mini.ini");
    assertEquals(10, rb.rule(RuleId.UNANSWERED).deduction());
    assertEquals(Severity.MAJOR, rb.rule(RuleId.OVER_PROMISE).severity());
    assertEquals(15, rb.rule(RuleId.SLOW_RESPONSE).maxDeduction());
    assertEquals(30, rb.rule(RuleId.PRIVACY_LEAK).maxDeduction());
    assertTrue(rb.rule(RuleId.PRIVACY_LEAK).flag("address"));
  }

  @Test
  void indentedLinesContinueAWordList() {
    Rulebook rb = Rulebook.defaultChinese();
    List<String> words = rb.rule(RuleId.GREETING).list("words");
    assertTrue(words.contains("您好") && words.contains("早上好"), words.toString());
  }

  private static int lineOf(String text, String needle) {
    String before = text.substring(0, text.indexOf(needle));
    return (int) before.chars().filter(c -> c == '\n').count() + 1;
  }

  private static void assertHas(RulebookException e, String fragment) {
    assertTrue(
        e.problems().stream().anyMatch(p -> p.contains(fragment)),
        "no problem contains \"" + fragment + "\" in:\n" + e.getMessage());
  }
}
