package io.kefu.core.qa;

import static io.kefu.core.qa.Transcript.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Score = 100 − deductions, floored at 0; grades; the critical flag; auto-fail; the version. */
class ScoringTest {

  static final Rulebook ZH = Rulebook.defaultChinese();
  static final QaEngine ENGINE = new QaEngine(ZH);

  static final Transcript PERFECT =
      session().buyer(0, "在吗").agent(5, "亲，您好，在的").buyer(20, "包邮吗").agent(30, "满99包邮，感谢咨询~");

  static final Transcript NO_GREETING_NO_CLOSING =
      session().buyer(0, "在吗").agent(5, "说").buyer(20, "包邮吗").agent(30, "满99包邮");

  static final Transcript RUDE =
      session().buyer(0, "便宜点").agent(5, "亲，您好，活动价了").buyer(20, "别家便宜").agent(30, "爱买不买，谢谢");

  @Test
  void aCompliantSessionScoresHundredGradeA() {
    SessionScore s = PERFECT.score(ENGINE);
    assertEquals(100, s.score());
    assertEquals("A", s.grade());
    assertFalse(s.critical());
    assertTrue(s.hits().isEmpty());
  }

  @Test
  void deductionsAddUpAndDecideTheGrade() {
    SessionScore s = NO_GREETING_NO_CLOSING.score(ENGINE);
    assertEquals(90, s.score(), s.hits().toString());
    assertEquals("A", s.grade());
    SessionScore rude = RUDE.score(ENGINE);
    assertEquals(70, rude.score());
    assertEquals("C", rude.grade());
    assertTrue(rude.critical());
  }

  @Test
  void aSerializedEngineTravelsAsItsRulebookAndScoresTheSame() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(ENGINE);
    }
    // the compiled matchers alone are about 1.5 MB; the rulebook a few KB
    assertTrue(bytes.size() < 64 * 1024, "serialized engine of " + bytes.size() + " bytes");
    QaEngine back;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (QaEngine) in.readObject();
    }
    assertEquals(ZH, back.rulebook());
    for (Transcript t : new Transcript[] {PERFECT, NO_GREETING_NO_CLOSING, RUDE}) {
      assertEquals(t.score(ENGINE), t.score(back));
    }
  }

  @Test
  void gradeBandsComeFromTheRulebook() {
    assertEquals("A", ZH.grade(90));
    assertEquals("B", ZH.grade(89));
    assertEquals("B", ZH.grade(75));
    assertEquals("C", ZH.grade(60));
    assertEquals("D", ZH.grade(59));
    Rulebook strict = edit("grade_a = 90", "grade_a = 95");
    assertEquals("B", strict.grade(94));
  }

  @Test
  void theScoreIsFlooredAtZero() {
    Transcript worst =
        session()
            .buyer(0, "垃圾东西")
            .agent(100, "关我什么事")
            .buyer(130, "怎么处理")
            .agent(210, "在这重新登录退款 http://tuikuan-yg.tk/a")
            .buyer(240, "别的办法")
            .agent(250, "找她问问，她住杭州市西湖区文三路100号3幢201室")
            .buyer(270, "什么意思")
            .agent(280, "退款保证今天到")
            .buyer(300, "多久到");
    SessionScore s = worst.score(ENGINE);
    assertEquals(0, s.score());
    assertEquals("D", s.grade());
    assertEquals(10, s.hits().stream().map(RuleHit::rule).distinct().count(), s.hits().toString());
  }

  @Test
  void aRuleCountsOnceUnlessItsMaxDeductionAllowsMore() {
    Transcript twice =
        session().buyer(0, "在吗").agent(5, "您好，你自己看").buyer(20, "看不懂").agent(30, "烦不烦，谢谢");
    SessionScore s = twice.score(ENGINE);
    assertEquals(2, s.hitCount(RuleId.IMPOLITE));
    assertEquals(70, s.score(), "impolite costs 30 once: max_deduction defaults to the deduction");
    assertEquals(0, s.hits().get(1).deduction());
  }

  @Test
  void autoFailZeroesACriticalSession() {
    Rulebook autoFail = edit("auto_fail = false", "auto_fail = true");
    SessionScore s = RUDE.score(new QaEngine(autoFail));
    assertEquals(0, s.score());
    assertEquals("D", s.grade());
    assertTrue(s.critical());
    assertEquals(90, NO_GREETING_NO_CLOSING.score(new QaEngine(autoFail)).score());
  }

  @Test
  void theRulebookVersionIsCarriedIntoEveryScore() {
    assertEquals("zh-2026.11-2", PERFECT.score(ENGINE).rulebookVersion());
    Rulebook next = edit("version = zh-2026.11-2", "version = zh-2026.12-2");
    assertEquals("zh-2026.12-2", PERFECT.score(new QaEngine(next)).rulebookVersion());
  }

  @Test
  void aDisabledRuleNeverHits() {
    String greeting = "(a bot's greeting does not count).\nenabled = true";
    Rulebook noGreeting = edit(greeting, greeting.replace("true", "false"));
    SessionScore s = NO_GREETING_NO_CLOSING.score(new QaEngine(noGreeting));
    assertEquals(0, s.hitCount(RuleId.GREETING));
    assertEquals(95, s.score());
  }

  @Test
  void severityAndDeductionsAreData() {
    Rulebook lenient =
        edit(
            "severity = critical\ndeduction = 30\nwords = 爱买不买",
            "severity = major\ndeduction = 12\nwords = 爱买不买");
    SessionScore s = RUDE.score(new QaEngine(lenient));
    assertEquals(88, s.score());
    assertFalse(s.critical());
  }

  /** The default rulebook with one text replacement (which must apply). */
  static Rulebook edit(String from, String to) {
    String text = RulebookTest.defaultText();
    assertTrue(text.contains(from), "default rulebook lacks: " + from);
    return Rulebook.parse(text.replace(from, to), "edited.ini");
  }
}
