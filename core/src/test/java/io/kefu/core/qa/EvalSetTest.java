package io.kefu.core.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.qa.Evaluation.Report;
import io.kefu.core.qa.Evaluation.RuleStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The default rulebook on the labelled sessions: precision ≥ 0.9 and recall ≥ 0.85 per rule. */
class EvalSetTest {

  @Test
  void everyRuleMeetsThePrecisionAndRecallTargets() {
    Report report = Evaluation.run(new QaEngine(Rulebook.defaultChinese()), EvalSet.load());
    assertEquals(296, report.sessions());
    for (RuleStats s : report.stats().values()) {
      assertTrue(s.expectedSessions() > 0, s.rule() + " has labelled positives");
      assertTrue(
          s.precision() >= 0.9, s.rule() + " precision " + s.precision() + "\n" + report.table());
      assertTrue(s.recall() >= 0.85, s.rule() + " recall " + s.recall() + "\n" + report.table());
    }
  }

  @Test
  void theCommandPrintsTheTable() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EvalCommand.run(
            new String[0],
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("precision") && text.contains("complaint_empathy"), text);
    assertTrue(text.contains("296 labelled sessions"), text);
  }

  @Test
  void aBadRulebookFileIsAnErrorNotAStackTrace() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    java.nio.file.Path f = java.nio.file.Files.createTempFile("rb", ".ini");
    java.nio.file.Files.writeString(f, "version = x\n[greting]\n");
    int code =
        EvalCommand.run(
            new String[] {"--rulebook", f.toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("did you mean 'greeting'"));
    java.nio.file.Files.delete(f);
  }
}
