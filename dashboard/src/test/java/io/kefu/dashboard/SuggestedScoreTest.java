package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.dashboard.QualityRepository.Hit;
import io.kefu.dashboard.QualityRepository.SessionHead;
import io.kefu.dashboard.ReviewRepository.HitDecision;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The score a review gets when the reviewer leaves it empty: the session rescored. */
class SuggestedScoreTest {

  private static Hit hit(int seq, String rule, String severity, int deduction) {
    return new Hit(seq, rule, severity, deduction, "e" + seq, "A1", "…");
  }

  /** A head from a warehouse without qa_rulebook: auto-fail is inferred from the score. */
  private static SessionHead head(int qaScore, boolean critical, List<Hit> hits) {
    return head(qaScore, critical, hits, null);
  }

  private static SessionHead head(
      int qaScore, boolean critical, List<Hit> hits, Boolean rulebookAutoFail) {
    int total = hits.stream().mapToInt(Hit::deduction).sum();
    return new SessionHead(
        "S1",
        "s1",
        "A1",
        "小王",
        "B1",
        LocalDate.of(2026, 11, 2),
        "zh-1",
        qaScore,
        "D",
        critical,
        hits.size(),
        total,
        "taobao",
        "pre_sale",
        null,
        null,
        null,
        "critical",
        rulebookAutoFail);
  }

  /** Each hit confirmed unless its seq is listed. */
  private static int suggest(SessionHead head, List<Hit> hits, int... dismissed) {
    List<HitDecision> decisions = new ArrayList<>();
    for (Hit h : hits) {
      boolean no = false;
      for (int d : dismissed) {
        no |= d == h.seq();
      }
      decisions.add(new HitDecision(h.seq(), h.eventId(), h.ruleId(), h.deduction(), !no));
    }
    return ReviewHandlers.suggestedScore(head, hits, decisions);
  }

  @Test
  void dismissedHitsGiveTheirPointsBack() {
    List<Hit> hits = List.of(hit(1, "greeting", "minor", 5), hit(2, "unanswered", "major", 10));
    SessionHead h = head(85, false, hits);
    assertEquals(85, suggest(h, hits));
    assertEquals(95, suggest(h, hits, 2));
    assertEquals(100, suggest(h, hits, 1, 2));
  }

  @Test
  void aScoreFlooredAtZeroCountsOnlyTheConfirmedDeductions() {
    // 30 + 30 + 30 + 10 + 15 = 115 points: the automatic score is 0, not -15
    List<Hit> hits =
        List.of(
            hit(1, "impolite", "critical", 30),
            hit(2, "privacy_leak", "critical", 30),
            hit(3, "unsafe_link", "critical", 30),
            hit(4, "unanswered", "major", 10),
            hit(5, "slow_response", "major", 15));
    SessionHead h = head(0, true, hits);
    assertEquals(0, suggest(h, hits, 4), "115 - 10 is still above 100");
    assertEquals(25, suggest(h, hits, 1, 4), "100 - 75, not 0 + the 40 points dismissed");
    assertEquals(55, suggest(h, hits, 1, 2, 4));
  }

  @Test
  void anAutoFailedSessionStaysFailedWhileACriticalHitIsConfirmed() {
    List<Hit> hits = List.of(hit(1, "impolite", "critical", 30), hit(2, "greeting", "minor", 5));
    // 30 + 5 points would leave 65, but the rulebook failed the session: its score is 0
    SessionHead failed = head(0, true, hits);
    assertEquals(0, suggest(failed, hits));
    assertEquals(0, suggest(failed, hits, 2), "the critical hit stands");
    assertEquals(95, suggest(failed, hits, 1), "dismissing the critical hit lifts the auto-fail");
    assertEquals(100, suggest(failed, hits, 1, 2));
    // the same hits under a rulebook without auto-fail: scored by their points
    SessionHead scored = head(65, true, hits);
    assertEquals(65, suggest(scored, hits));
    assertEquals(70, suggest(scored, hits, 2));
  }

  @Test
  void theRecordedRulebookTellsAutoFailWhereTheScoreCannot() {
    // 30 + 30 + 30 + 10 = 100 points: the automatic score is 0 with or without auto-fail
    List<Hit> hits =
        List.of(
            hit(1, "impolite", "critical", 30),
            hit(2, "privacy_leak", "critical", 30),
            hit(3, "unsafe_link", "critical", 30),
            hit(4, "unanswered", "major", 10));
    // inferred from the score alone, the floor hides the auto-fail: dismissing the unanswered hit
    // scores the confirmed 90 points
    assertEquals(10, suggest(head(0, true, hits), hits, 4));
    // the rulebook recorded with the score says critical sessions fail: 0 while one stands
    assertEquals(0, suggest(head(0, true, hits, true), hits, 4));
    assertEquals(0, suggest(head(0, true, hits, true), hits, 1, 2, 4));
    assertEquals(100, suggest(head(0, true, hits, true), hits, 1, 2, 3, 4));
    // and a rulebook recorded without auto-fail never zeroes, even for a score that looks failed
    List<Hit> two = List.of(hit(1, "impolite", "critical", 30), hit(2, "greeting", "minor", 5));
    assertEquals(65, suggest(head(0, true, two, false), two));
    assertEquals(0, suggest(head(0, true, two, true), two));
  }

  @Test
  void aCappedRuleCountsItsConfirmedHitsAtFullValueUpToItsCap() {
    // slow_response: 5 a turn, at most 15; the fourth slow turn was stored with 0 points
    List<Hit> hits =
        List.of(
            hit(1, "slow_response", "major", 5),
            hit(2, "slow_response", "major", 5),
            hit(3, "slow_response", "major", 5),
            hit(4, "slow_response", "major", 0),
            hit(5, "greeting", "minor", 5));
    SessionHead h = head(80, false, hits);
    assertEquals(80, suggest(h, hits));
    assertEquals(80, suggest(h, hits, 1), "three slow turns still cost the 15 of the cap");
    assertEquals(85, suggest(h, hits, 1, 4), "two cost 10, not the 5 + 0 stored on them");
    assertEquals(90, suggest(h, hits, 1, 2, 3), "one slow turn (5) and the greeting (5)");
    assertEquals(100, suggest(h, hits, 1, 2, 3, 4, 5));
  }

  @Test
  void aSessionWithoutHitsKeepsFullMarks() {
    assertEquals(100, suggest(head(100, false, List.of()), List.of()));
  }
}
