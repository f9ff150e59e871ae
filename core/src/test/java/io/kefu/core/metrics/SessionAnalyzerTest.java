package io.kefu.core.metrics;

import static io.kefu.core.metrics.Fixtures.BUYER;
import static io.kefu.core.metrics.Fixtures.DAWEI;
import static io.kefu.core.metrics.Fixtures.LINGLING;
import static io.kefu.core.metrics.Fixtures.NOV_2;
import static io.kefu.core.metrics.Fixtures.NOV_3;
import static io.kefu.core.metrics.Fixtures.SHOP;
import static io.kefu.core.metrics.Fixtures.T0;
import static io.kefu.core.metrics.Fixtures.XIAOMEI;
import static io.kefu.core.metrics.Fixtures.agent;
import static io.kefu.core.metrics.Fixtures.analyze;
import static io.kefu.core.metrics.Fixtures.at;
import static io.kefu.core.metrics.Fixtures.bot;
import static io.kefu.core.metrics.Fixtures.buyer;
import static io.kefu.core.metrics.Fixtures.config;
import static io.kefu.core.metrics.Fixtures.end;
import static io.kefu.core.metrics.Fixtures.rating;
import static io.kefu.core.metrics.Fixtures.start;
import static io.kefu.core.metrics.Fixtures.system;
import static io.kefu.core.metrics.Fixtures.transfer;
import static io.kefu.core.metrics.Fixtures.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Rating;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * METRICS.md "Sessions, turns, responses", "Inquiry" and "Satisfaction" on single sessions. Every
 * expected number is worked out by hand in the comment above its assertion; T0 is 2026-11-02
 * 10:00:00 +08:00 and "T0+n" means n seconds later.
 */
class SessionAnalyzerTest {

  private static final Queue PRE = Queue.PRE_SALE;
  private static final Queue AFTER = Queue.AFTER_SALE;

  private static List<Long> responseMillis(SessionFacts f) {
    List<Long> out = new ArrayList<>();
    for (Turn t : f.turns()) {
      out.add(t.answered() ? t.responseMillis() : null);
    }
    return out;
  }

  private static int buyerMessagesOwnedBy(SessionFacts f, String agentId, LocalDate day) {
    int n = 0;
    for (Turn t : f.turns()) {
      if (agentId.equals(t.ownerAgentId()) && day.equals(t.day())) {
        n += t.buyerMessages();
      }
    }
    return n;
  }

  @Nested
  class Turns {

    @Test
    void shouldCountConsecutiveBuyerMessagesAsOneTurn() {
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0.plusSeconds(5), "在吗"),
              buyer("s-1", T0.plusSeconds(8), "这款推车能包邮吗？"),
              buyer("s-1", T0.plusSeconds(10), "急"),
              agent("s-1", XIAOMEI, T0.plusSeconds(17)));

      // One run of 3 buyer messages = one turn. The clock starts at the FIRST one (10:00:05),
      // so the response time is 10:00:17 - 10:00:05 = 12 s (not 7 s from the last at :10).
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(5),
                  NOV_2,
                  3,
                  T0.plusSeconds(17),
                  XIAOMEI,
                  12_000,
                  true,
                  true,
                  true)),
          f.turns());
    }

    @Test
    void shouldStartANewTurnWithTheFirstBuyerMessageAfterAnAgentReply() {
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0.plusSeconds(5), "在吗"),
              agent("s-1", XIAOMEI, T0.plusSeconds(17)),
              agent("s-1", XIAOMEI, T0.plusSeconds(20), "有什么可以帮您？"),
              buyer("s-1", T0.plusSeconds(60), "能包邮吗"),
              buyer("s-1", T0.plusSeconds(70), "江浙沪"),
              agent("s-1", XIAOMEI, T0.plusSeconds(100)));

      // turn 1: 5 -> answered by the agent at 17: 12 s; the follow-up at 20 answers nothing.
      // turn 2: 60, 70 -> answered at 100: 100 - 60 = 40 s, 2 buyer messages.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(5),
                  NOV_2,
                  1,
                  T0.plusSeconds(17),
                  XIAOMEI,
                  12_000,
                  true,
                  true,
                  true),
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(60),
                  NOV_2,
                  2,
                  T0.plusSeconds(100),
                  XIAOMEI,
                  40_000,
                  true,
                  false,
                  true)),
          f.turns());
      // FRT = response time of the first buyer turn = 12 s.
      assertEquals(12_000, f.firstResponseTurn().responseMillis());
    }

    @Test
    void shouldNotLetBotOrSystemMessagesAnswerOrSplitATurn() {
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0.plusSeconds(5), "在吗"),
              bot("s-1", T0.plusSeconds(6), "您好，店小蜜为您服务"),
              system("s-1", T0.plusSeconds(7), "客服正在赶来，请稍候"),
              buyer("s-1", T0.plusSeconds(20), "有优惠吗"),
              agent("s-1", XIAOMEI, T0.plusSeconds(65)));

      // Default (bots don't count): bot at 6 and system at 7 neither answer nor split, so the
      // buyer messages at 5 and 20 are ONE turn of 2 messages, answered at 65: 65 - 5 = 60 s.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(5),
                  NOV_2,
                  2,
                  T0.plusSeconds(65),
                  XIAOMEI,
                  60_000,
                  true,
                  true,
                  true)),
          f.turns());
      // Only the one agent message is an agent message (答问比 numerator); bot/system are not.
      assertEquals(List.of(new AgentMessages(XIAOMEI, NOV_2, 1)), f.agentMessages());
    }

    @Test
    void shouldLetTheBotAnswerWhenBotRepliesCount() {
      KefuConfig bots = config("response.bot_replies_count", "true");
      SessionFacts f =
          analyze(
              bots,
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0.plusSeconds(5), "在吗"),
              bot("s-1", T0.plusSeconds(6), "您好，店小蜜为您服务"),
              system("s-1", T0.plusSeconds(7), "客服正在赶来，请稍候"),
              buyer("s-1", T0.plusSeconds(20), "有优惠吗"),
              agent("s-1", XIAOMEI, T0.plusSeconds(65)));

      // With bot replies counting: the bot at 6 answers turn 1 (6 - 5 = 1 s); the system message
      // still does nothing; the buyer at 20 opens turn 2, answered by the agent at 65: 45 s.
      // Both turns are owned by the session's owner, a-xiaomei.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(5),
                  NOV_2,
                  1,
                  T0.plusSeconds(6),
                  SessionAnalyzer.BOT,
                  1_000,
                  true,
                  true,
                  true),
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(20),
                  NOV_2,
                  1,
                  T0.plusSeconds(65),
                  XIAOMEI,
                  45_000,
                  true,
                  false,
                  true)),
          f.turns());
      // FRT of the session (owner a-xiaomei) = 1 s; bot messages are still not agent messages.
      assertEquals(1_000, f.firstResponseTurn().responseMillis());
      assertEquals(XIAOMEI, f.firstResponseTurn().ownerAgentId());
      assertEquals(List.of(new AgentMessages(XIAOMEI, NOV_2, 1)), f.agentMessages());
    }

    @Test
    void shouldLeaveATurnAtTheEndOfASessionUnanswered() {
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0.plusSeconds(5), "在吗"),
              bot("s-1", T0.plusSeconds(6), "您好，店小蜜为您服务"),
              end("s-1", T0.plusSeconds(600)));

      // buyer_turns = 1, answered_turns = 0 (the bot does not answer by default).
      assertEquals(1, f.turns().size());
      Turn t = f.turns().get(0);
      assertEquals(XIAOMEI, t.ownerAgentId());
      assertEquals(T0.plusSeconds(5), t.start());
      assertEquals(NOV_2, t.day());
      assertEquals(1, t.buyerMessages());
      assertFalse(t.answered());
      assertNull(t.answeredAt());
      assertNull(t.answeredBy());
      assertTrue(t.first());
      assertTrue(t.counted());
      assertFalse(t.repliedInTime());
      // the first buyer turn was not answered: the session contributes no FRT.
      assertNull(f.firstResponseTurn());
    }

    @Test
    void shouldCountABuyerTurnAfterTheLastAgentMessageAsUnanswered() {
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0.plusSeconds(5), "在吗"),
              agent("s-1", XIAOMEI, T0.plusSeconds(20)),
              buyer("s-1", T0.plusSeconds(300), "还在吗？"),
              buyer("s-1", T0.plusSeconds(320), "？"),
              end("s-1", T0.plusSeconds(900)));

      // turn 1: 20 - 5 = 15 s; turn 2 (300, 320) is never answered.
      // buyer_turns = 2, answered_turns = 1 -> reply_rate 1/2.
      assertEquals(Arrays.asList(15_000L, null), responseMillis(f));
      Turn last = f.turns().get(1);
      assertEquals(XIAOMEI, last.ownerAgentId());
      assertEquals(T0.plusSeconds(300), last.start());
      assertEquals(2, last.buyerMessages());
      assertFalse(last.answered());
      assertFalse(last.first());
      // the FRT is the first turn's: 15 s.
      assertEquals(15_000, f.firstResponseTurn().responseMillis());
    }
  }

  @Nested
  class Transfers {

    @Test
    void shouldGiveATurnToTheOwnerAtItsStartEvenIfTheNewAgentAnswersIt() {
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0.plusSeconds(5), "这个有现货吗"),
              transfer("s-1", XIAOMEI, DAWEI, T0.plusSeconds(30)),
              buyer("s-1", T0.plusSeconds(40), "能今天发吗"),
              agent("s-1", DAWEI, T0.plusSeconds(50)),
              buyer("s-1", T0.plusSeconds(100), "好的，那我拍了"),
              agent("s-1", DAWEI, T0.plusSeconds(110)));

      // turn 1 starts at 5 while a-xiaomei owns the session; the transfer at 30 does not split
      // it (not a message), the buyer adds a message at 40, a-dawei answers at 50:
      //   owner a-xiaomei, 2 buyer messages, response 50 - 5 = 45 s, answered by a-dawei.
      // turn 2 starts at 100 under a-dawei, answered at 110: 10 s.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(5),
                  NOV_2,
                  2,
                  T0.plusSeconds(50),
                  DAWEI,
                  45_000,
                  true,
                  true,
                  true),
              new Turn(
                  DAWEI,
                  T0.plusSeconds(100),
                  NOV_2,
                  1,
                  T0.plusSeconds(110),
                  DAWEI,
                  10_000,
                  true,
                  false,
                  true)),
          f.turns());
      // 接待人数: the buyer was assigned to a-xiaomei (start) and to a-dawei (transfer-in).
      assertEquals(
          Set.of(new Assignment(XIAOMEI, BUYER, NOV_2), new Assignment(DAWEI, BUYER, NOV_2)),
          Set.copyOf(f.assignments()));
      assertEquals(2, f.assignments().size());
      // The session's FRT belongs to the owner of its first buyer turn: a-xiaomei, 45 s.
      Turn frt = f.firstResponseTurn();
      assertNotNull(frt);
      assertEquals(XIAOMEI, frt.ownerAgentId());
      assertEquals(45_000, frt.responseMillis());
      assertEquals(XIAOMEI, f.firstOwnerId());
      assertEquals(DAWEI, f.lastOwnerId());
      // 答问比 inputs: a-xiaomei sent 0 messages and owns 2 buyer messages; a-dawei sent 2 and
      // owns 1.
      assertEquals(List.of(new AgentMessages(DAWEI, NOV_2, 2)), f.agentMessages());
      assertEquals(2, buyerMessagesOwnedBy(f, XIAOMEI, NOV_2));
      assertEquals(1, buyerMessagesOwnedBy(f, DAWEI, NOV_2));
    }

    @Test
    void shouldGiveATransferredPreSaleSessionOneInquiryPerAgentTimedAtTheBuyersFirstMessage() {
      SessionFacts f =
          analyze(
              start("s-2", XIAOMEI, PRE, T0),
              buyer("s-2", T0.plusSeconds(5), "这款有蓝色吗"),
              agent("s-2", XIAOMEI, T0.plusSeconds(15)),
              buyer("s-2", T0.plusSeconds(60), "尺码怎么选"),
              transfer("s-2", XIAOMEI, DAWEI, T0.plusSeconds(120)),
              agent("s-2", DAWEI, T0.plusSeconds(130), "您好，我是大卫"),
              buyer("s-2", T0.plusSeconds(200), "身高165"),
              buyer("s-2", T0.plusSeconds(210), "体重50kg"),
              agent("s-2", DAWEI, T0.plusSeconds(220)));

      // a-xiaomei owned it while the buyer wrote at 5 and 60 -> inquiry at 5 (the first).
      // a-dawei owned it from 120; the buyer's first message to him is at 200 (not the transfer
      // at 120, not his own greeting at 130) -> inquiry at 200. Two inquiries, both on 11-02.
      assertEquals(
          Set.of(
              new Inquiry(SHOP, BUYER, "s-2", XIAOMEI, T0.plusSeconds(5), NOV_2),
              new Inquiry(SHOP, BUYER, "s-2", DAWEI, T0.plusSeconds(200), NOV_2)),
          Set.copyOf(f.inquiries()));
      assertEquals(2, f.inquiries().size());
    }

    @Test
    void shouldNotGiveAnInquiryToAnAgentTheBuyerNeverWroteTo() {
      SessionFacts f =
          analyze(
              start("s-3", XIAOMEI, PRE, T0),
              buyer("s-3", T0.plusSeconds(5), "在吗"),
              agent("s-3", XIAOMEI, T0.plusSeconds(15)),
              transfer("s-3", XIAOMEI, DAWEI, T0.plusSeconds(60)),
              agent("s-3", DAWEI, T0.plusSeconds(70), "您好，我是大卫"),
              end("s-3", T0.plusSeconds(300)));

      // a-dawei owned the session but the buyer sent him nothing: 1 inquiry (a-xiaomei at 5).
      assertEquals(
          List.of(new Inquiry(SHOP, BUYER, "s-3", XIAOMEI, T0.plusSeconds(5), NOV_2)),
          f.inquiries());
      // ... but he did receive the buyer (transfer-in): assignments for both.
      assertEquals(
          Set.of(new Assignment(XIAOMEI, BUYER, NOV_2), new Assignment(DAWEI, BUYER, NOV_2)),
          Set.copyOf(f.assignments()));
    }

    @Test
    void shouldKeepOneInquiryPerAgentWhenTheSessionComesBackToThem() {
      SessionFacts f =
          analyze(
              start("s-4", XIAOMEI, PRE, T0),
              buyer("s-4", T0.plusSeconds(5), "在吗"),
              transfer("s-4", XIAOMEI, DAWEI, T0.plusSeconds(60)),
              buyer("s-4", T0.plusSeconds(70), "有人吗"),
              transfer("s-4", DAWEI, XIAOMEI, T0.plusSeconds(120)),
              buyer("s-4", T0.plusSeconds(130), "？？"),
              agent("s-4", XIAOMEI, T0.plusSeconds(140)));

      // An inquiry is a (session, agent) pair: a-xiaomei at 5 (her first; not again at 130),
      // a-dawei at 70.
      assertEquals(
          Set.of(
              new Inquiry(SHOP, BUYER, "s-4", XIAOMEI, T0.plusSeconds(5), NOV_2),
              new Inquiry(SHOP, BUYER, "s-4", DAWEI, T0.plusSeconds(70), NOV_2)),
          Set.copyOf(f.inquiries()));
      assertEquals(2, f.inquiries().size());
      // No agent message until 140: buyer messages at 5, 70, 130 are one turn owned by
      // a-xiaomei (owner at 5), answered at 140: 140 - 5 = 135 s.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(5),
                  NOV_2,
                  3,
                  T0.plusSeconds(140),
                  XIAOMEI,
                  135_000,
                  true,
                  true,
                  true)),
          f.turns());
    }

    @Test
    void shouldGiveNoInquiriesForAnAfterSaleSession() {
      SessionFacts f =
          analyze(
              start("s-5", XIAOMEI, AFTER, T0),
              buyer("s-5", T0.plusSeconds(5), "我要退货"),
              transfer("s-5", XIAOMEI, DAWEI, T0.plusSeconds(30)),
              buyer("s-5", T0.plusSeconds(40), "快递单号是多少"),
              agent("s-5", DAWEI, T0.plusSeconds(50)));

      // after_sale: no 询单 at all, but the turn is still a turn (owner a-xiaomei, 45 s).
      assertTrue(f.inquiries().isEmpty());
      assertEquals(Arrays.asList(45_000L), responseMillis(f));
      assertEquals(XIAOMEI, f.turns().get(0).ownerAgentId());
    }
  }

  @Nested
  class Delivery {

    @Test
    void shouldGiveTheSameFactsForOutOfOrderAndDuplicatedEventsAsForCleanInput() {
      ChatEvent e1 = start("s-1", XIAOMEI, PRE, T0);
      ChatEvent e2 = buyer("s-1", T0.plusSeconds(5), "这个有现货吗");
      ChatEvent e3 = transfer("s-1", XIAOMEI, DAWEI, T0.plusSeconds(30));
      ChatEvent e4 = buyer("s-1", T0.plusSeconds(40), "能今天发吗");
      ChatEvent e5 = agent("s-1", DAWEI, T0.plusSeconds(50));
      ChatEvent e6 = buyer("s-1", T0.plusSeconds(100), "好的");
      ChatEvent e7 = agent("s-1", DAWEI, T0.plusSeconds(110));
      ChatEvent e8 = end("s-1", T0.plusSeconds(300));
      ChatEvent e9 = rating("s-1", 4, T0.plusSeconds(3600));

      SessionFacts clean = analyze(e1, e2, e3, e4, e5, e6, e7, e8, e9);
      // Arrival order scrambled; e2 (buyer), e3 (transfer) and e5 (agent) delivered twice.
      SessionFacts messy = analyze(e9, e7, e2, e5, e3, e8, e6, e1, e4, e5, e2, e3);

      assertEquals(clean, messy);
      // And by hand, what both must be (a duplicate counted twice would show up here):
      // turns: [5,40] owner a-xiaomei answered at 50 (45 s, 2 msgs; 3 if e2 counted twice),
      //        [100] owner a-dawei answered at 110 (10 s, 1 msg).
      assertEquals(Arrays.asList(45_000L, 10_000L), responseMillis(messy));
      assertEquals(2, messy.turns().get(0).buyerMessages());
      assertEquals(1, messy.turns().get(1).buyerMessages());
      // 2 assignments (3 if the transfer counted twice); a-dawei sent 2 messages (not 3).
      assertEquals(2, messy.assignments().size());
      assertEquals(List.of(new AgentMessages(DAWEI, NOV_2, 2)), messy.agentMessages());
      // rating 4, credited to the last agent message's sender a-dawei, on the start day.
      assertEquals(4, messy.ratingScore());
      assertEquals(DAWEI, messy.creditAgentId());
      assertEquals(NOV_2, messy.day());
    }

    @Test
    void shouldBreakTsTiesByEventIdSoABuyerMessageSortingFirstIsAnsweredInZeroSeconds() {
      // Same ts; the buyer's id "m-1" sorts before the agent's "m-2", whatever the arrival order.
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              withId("m-2", agent("s-1", XIAOMEI, T0.plusSeconds(5))),
              withId("m-1", buyer("s-1", T0.plusSeconds(5), "在吗")));

      // order: buyer (m-1), agent (m-2) -> answered, 5 - 5 = 0 s.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(5),
                  NOV_2,
                  1,
                  T0.plusSeconds(5),
                  XIAOMEI,
                  0,
                  true,
                  true,
                  true)),
          f.turns());
    }

    @Test
    void shouldBreakTsTiesByEventIdSoAnAgentMessageSortingFirstDoesNotAnswer() {
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              withId("m-2", buyer("s-1", T0.plusSeconds(5), "在吗")),
              withId("m-1", agent("s-1", XIAOMEI, T0.plusSeconds(5))));

      // order: agent (m-1), buyer (m-2) -> the agent spoke BEFORE the turn; it stays unanswered.
      assertEquals(1, f.turns().size());
      assertFalse(f.turns().get(0).answered());
      assertEquals(List.of(new AgentMessages(XIAOMEI, NOV_2, 1)), f.agentMessages());
    }

    @Test
    void shouldBreakATieBetweenTransferAndBuyerMessageByEventIdForTurnOwnership() {
      // transfer "x-1" before buyer "x-2" at the same ts: the turn starts under a-dawei.
      SessionFacts transferFirst =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              withId("x-2", buyer("s-1", T0.plusSeconds(30), "在吗")),
              withId("x-1", transfer("s-1", XIAOMEI, DAWEI, T0.plusSeconds(30))),
              agent("s-1", DAWEI, T0.plusSeconds(45)));
      assertEquals(DAWEI, transferFirst.turns().get(0).ownerAgentId());
      // and the buyer's first message to a-dawei is that one: a single inquiry, a-dawei's.
      assertEquals(
          List.of(new Inquiry(SHOP, BUYER, "s-1", DAWEI, T0.plusSeconds(30), NOV_2)),
          transferFirst.inquiries());

      // buyer "x-1" before transfer "x-2": the turn starts under a-xiaomei.
      SessionFacts buyerFirst =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              withId("x-1", buyer("s-1", T0.plusSeconds(30), "在吗")),
              withId("x-2", transfer("s-1", XIAOMEI, DAWEI, T0.plusSeconds(30))),
              agent("s-1", DAWEI, T0.plusSeconds(45)));
      assertEquals(XIAOMEI, buyerFirst.turns().get(0).ownerAgentId());
      assertEquals(
          List.of(new Inquiry(SHOP, BUYER, "s-1", XIAOMEI, T0.plusSeconds(30), NOV_2)),
          buyerFirst.inquiries());
      // both: response 45 - 30 = 15 s.
      assertEquals(15_000, transferFirst.turns().get(0).responseMillis());
      assertEquals(15_000, buyerFirst.turns().get(0).responseMillis());
    }

    @Test
    void shouldInferTheOwnerFromTheFirstAgentMessageWhenSessionStartWasLost() {
      SessionFacts f =
          analyze(
              buyer("s-9", T0.plusSeconds(5), "在吗"),
              agent("s-9", XIAOMEI, T0.plusSeconds(17)),
              buyer("s-9", T0.plusSeconds(60), "多少钱"),
              agent("s-9", XIAOMEI, T0.plusSeconds(70)),
              end("s-9", T0.plusSeconds(300)),
              rating("s-9", 5, T0.plusSeconds(400)));

      // No session_start: the only agent evidence is a-xiaomei, so she owned the session from
      // the beginning, including the turn at 5 that came before she first spoke.
      // turn 1: 17 - 5 = 12 s; turn 2: 70 - 60 = 10 s; both owned by a-xiaomei.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(5),
                  NOV_2,
                  1,
                  T0.plusSeconds(17),
                  XIAOMEI,
                  12_000,
                  true,
                  true,
                  true),
              new Turn(
                  XIAOMEI,
                  T0.plusSeconds(60),
                  NOV_2,
                  1,
                  T0.plusSeconds(70),
                  XIAOMEI,
                  10_000,
                  true,
                  false,
                  true)),
          f.turns());
      assertEquals(XIAOMEI, f.firstOwnerId());
      assertEquals(XIAOMEI, f.firstResponseTurn().ownerAgentId());
      assertEquals(XIAOMEI, f.creditAgentId());
      assertEquals(5, f.ratingScore());
      assertEquals(NOV_2, f.day());
    }

    @Test
    void shouldInferTheOwnerFromTheFirstTransferWhenSessionStartWasLost() {
      SessionFacts f =
          analyze(
              buyer("s-9", T0.plusSeconds(5), "在吗"),
              transfer("s-9", XIAOMEI, DAWEI, T0.plusSeconds(20)),
              agent("s-9", DAWEI, T0.plusSeconds(30)));

      // The transfer says the session moved FROM a-xiaomei at 20, so she owned it at 5.
      // response 30 - 5 = 25 s, owner a-xiaomei, answered by a-dawei.
      Turn t = f.turns().get(0);
      assertEquals(XIAOMEI, t.ownerAgentId());
      assertEquals(DAWEI, t.answeredBy());
      assertEquals(25_000, t.responseMillis());
    }
  }

  @Nested
  class PlatformVariants {

    @Test
    void shouldCapEachResponseAtTheConfiguredTurnCap() {
      ChatEvent[] events = {
        start("s-1", XIAOMEI, PRE, T0),
        buyer("s-1", T0.plusSeconds(5), "在吗"),
        agent("s-1", XIAOMEI, T0.plusSeconds(905)), // 900 s
        buyer("s-1", T0.plusSeconds(1000), "？"),
        agent("s-1", XIAOMEI, T0.plusSeconds(1599)), // 599 s
        buyer("s-1", T0.plusSeconds(2000), "？？"),
        agent("s-1", XIAOMEI, T0.plusSeconds(2600)), // 600 s
      };

      // cap 600: min(900, 600) = 600; 599 stays; 600 stays.
      SessionFacts capped = analyze(config("response.turn_cap_seconds", "600"), events);
      assertEquals(Arrays.asList(600_000L, 599_000L, 600_000L), responseMillis(capped));
      // the answer itself still happened at 905.
      assertEquals(T0.plusSeconds(905), capped.turns().get(0).answeredAt());

      // default: no cap, 900 s stays 900 s.
      SessionFacts uncapped = analyze(events);
      assertEquals(Arrays.asList(900_000L, 599_000L, 600_000L), responseMillis(uncapped));
    }

    @ParameterizedTest(name = "buyer turn at {0} -> counted {1}")
    @CsvSource({
      // local +08:00 times
      "2026-11-02T23:30:00+08:00, false",
      "2026-11-02T07:59:59+08:00, false",
      "2026-11-02T08:00:00+08:00, true",
      "2026-11-02T12:00:00+08:00, true",
      "2026-11-02T22:59:59+08:00, true",
      // the same kind of instants written in UTC: the window is in SHOP-LOCAL time
      "2026-11-02T15:30:00Z, false", // 23:30 local
      "2026-11-01T23:59:59Z, false", // 07:59:59 local on 11-02
      "2026-11-02T00:00:00Z, true", // 08:00:00 local
      "2026-11-02T03:00:00Z, true", // 11:00 local (03:00 UTC would be outside if read as UTC)
    })
    void shouldCountOnlyTurnsStartingInsideTheServiceWindow(String turnStart, boolean counted) {
      Instant t = at(turnStart);
      ChatEvent[] events = {
        start("s-w", XIAOMEI, PRE, t.minusSeconds(60)),
        buyer("s-w", t, "在吗"),
        agent("s-w", XIAOMEI, t.plusSeconds(20)),
      };

      SessionFacts windowed = analyze(config("response.service_window", "08:00-23:00"), events);
      assertEquals(counted, windowed.turns().get(0).counted());

      // without a service window (the default) every turn counts.
      assertTrue(analyze(events).turns().get(0).counted());
    }

    @Test
    void shouldJudgeEachTurnOfASessionByItsOwnStartAgainstTheServiceWindow() {
      SessionFacts f =
          analyze(
              config("response.service_window", "08:00-23:00"),
              start("s-1", XIAOMEI, PRE, at("2026-11-02T07:59:00+08:00")),
              buyer("s-1", at("2026-11-02T07:59:50+08:00"), "在吗"),
              agent("s-1", XIAOMEI, at("2026-11-02T08:00:10+08:00")),
              buyer("s-1", at("2026-11-02T08:01:00+08:00"), "多少钱"),
              agent("s-1", XIAOMEI, at("2026-11-02T08:01:30+08:00")));

      // turn 1 starts 07:59:50 (outside, though answered inside), turn 2 starts 08:01 (inside).
      assertFalse(f.turns().get(0).counted());
      assertTrue(f.turns().get(1).counted());
      assertEquals(30_000, f.turns().get(1).responseMillis());
    }

    @Test
    void shouldCountAnAnswerInExactly180SecondsAsWithinThreeMinutes() {
      KefuConfig c = KefuConfig.defaults();
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0, "在吗"),
              agent("s-1", XIAOMEI, T0.plusSeconds(180)));

      // 180.000 s <= 180 s: within (the edge is inclusive).
      Turn t = f.turns().get(0);
      assertEquals(180_000, t.responseMillis());
      assertEquals(180, c.replyWithinSeconds());
      assertTrue(t.repliedInTime());
    }

    @Test
    void shouldNotCountAnAnswerAfter180Point001SecondsAsWithinThreeMinutes() {
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0, "在吗"),
              agent("s-1", XIAOMEI, T0.plusMillis(180_001)));

      // 180.001 s > 180 s: answered, but not within 3 minutes.
      Turn t = f.turns().get(0);
      assertEquals(180_001, t.responseMillis());
      assertTrue(t.answered());
      assertFalse(t.repliedInTime());
    }

    @Test
    void shouldNotCountAnAnswerHalfAMillisecondPast180SecondsAsWithinThreeMinutes() {
      // EVENTS.md ts is ISO-8601 and the parser keeps sub-millisecond digits
      // (e.g. 10:03:00.000500+08:00). 180.0005 s is more than 180 s: not within 3 minutes.
      SessionFacts f =
          analyze(
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0, "在吗"),
              agent("s-1", XIAOMEI, T0.plusSeconds(180).plusNanos(500_000)));

      Turn t = f.turns().get(0);
      assertTrue(t.answered());
      assertFalse(t.repliedInTime(), "answered after 180.0005 s is not within 180 s");
    }

    @Test
    void shouldNotLetTheTurnCapMakeASlowAnswerCountAsWithinThreeMinutes() {
      // A cap is a response-TIME rule; the 3-minute rate counts "turns answered within 180 s".
      // With a (small) cap of 120 s, a 900 s answer is counted as 120 s of response time, but it
      // was still not answered within 180 s.
      SessionFacts f =
          analyze(
              config("response.turn_cap_seconds", "120"),
              start("s-1", XIAOMEI, PRE, T0),
              buyer("s-1", T0, "在吗"),
              agent("s-1", XIAOMEI, T0.plusSeconds(900)));

      Turn t = f.turns().get(0);
      assertEquals(120_000, t.responseMillis()); // min(900, 120) = 120 s
      assertFalse(t.repliedInTime(), "answered after 900 s is not within 180 s");
    }
  }

  @Nested
  class ShopLocalDays {

    @Test
    void shouldCountTurnsAndInquiriesOnTheShopLocalDayOfUtcTimestamps() {
      // 2026-11-02T16:30:00Z is 2026-11-03 00:30 in Asia/Shanghai.
      SessionFacts f =
          analyze(
              start("s-z", XIAOMEI, PRE, at("2026-11-02T16:29:00Z")),
              buyer("s-z", at("2026-11-02T16:30:00Z"), "在吗"),
              agent("s-z", XIAOMEI, at("2026-11-02T16:30:20Z")));

      // everything on 11-03 (shop-local), none on the UTC day 11-02; response 20 s.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  at("2026-11-02T16:30:00Z"),
                  NOV_3,
                  1,
                  at("2026-11-02T16:30:20Z"),
                  XIAOMEI,
                  20_000,
                  true,
                  true,
                  true)),
          f.turns());
      assertEquals(
          List.of(new Inquiry(SHOP, BUYER, "s-z", XIAOMEI, at("2026-11-02T16:30:00Z"), NOV_3)),
          f.inquiries());
      assertEquals(List.of(new Assignment(XIAOMEI, BUYER, NOV_3)), f.assignments());
      assertEquals(List.of(new AgentMessages(XIAOMEI, NOV_3, 1)), f.agentMessages());
      assertEquals(NOV_3, f.day());
    }

    @Test
    void shouldCountEachTurnAndInquiryOnItsOwnDayWhenASessionCrossesMidnight() {
      SessionFacts f =
          analyze(
              start("s-m", XIAOMEI, PRE, at("2026-11-02T15:58:00Z")), // 23:58 on 11-02
              buyer("s-m", at("2026-11-02T15:59:30Z"), "在吗"), // 23:59:30 on 11-02
              agent("s-m", XIAOMEI, at("2026-11-02T16:00:10Z")), // 00:00:10 on 11-03
              transfer("s-m", XIAOMEI, DAWEI, at("2026-11-02T16:01:00Z")), // 00:01 on 11-03
              buyer("s-m", at("2026-11-02T16:02:00Z"), "多少钱"), // 00:02 on 11-03
              agent("s-m", DAWEI, at("2026-11-02T16:02:30Z")));

      // turn 1: starts 23:59:30 on 11-02 -> day 11-02 although answered after midnight: 40 s.
      // turn 2: starts 00:02 on 11-03 under a-dawei -> day 11-03: 30 s.
      assertEquals(
          List.of(
              new Turn(
                  XIAOMEI,
                  at("2026-11-02T15:59:30Z"),
                  NOV_2,
                  1,
                  at("2026-11-02T16:00:10Z"),
                  XIAOMEI,
                  40_000,
                  true,
                  true,
                  true),
              new Turn(
                  DAWEI,
                  at("2026-11-02T16:02:00Z"),
                  NOV_3,
                  1,
                  at("2026-11-02T16:02:30Z"),
                  DAWEI,
                  30_000,
                  true,
                  false,
                  true)),
          f.turns());
      // inquiries: a-xiaomei at 23:59:30 (11-02), a-dawei at 00:02 (11-03).
      assertEquals(
          Set.of(
              new Inquiry(SHOP, BUYER, "s-m", XIAOMEI, at("2026-11-02T15:59:30Z"), NOV_2),
              new Inquiry(SHOP, BUYER, "s-m", DAWEI, at("2026-11-02T16:02:00Z"), NOV_3)),
          Set.copyOf(f.inquiries()));
      // received: a-xiaomei on 11-02 (start), a-dawei on 11-03 (transfer-in).
      assertEquals(
          Set.of(new Assignment(XIAOMEI, BUYER, NOV_2), new Assignment(DAWEI, BUYER, NOV_3)),
          Set.copyOf(f.assignments()));
      // the session (ratings, sessions owned) counts on its start day 11-02.
      assertEquals(NOV_2, f.day());
    }

    @Test
    void shouldUseTheConfiguredShopTimeZone() {
      SessionFacts f =
          analyze(
              config("shop.timezone", "UTC"),
              start("s-z", XIAOMEI, PRE, at("2026-11-02T16:29:00Z")),
              buyer("s-z", at("2026-11-02T16:30:00Z"), "在吗"),
              agent("s-z", XIAOMEI, at("2026-11-02T16:30:20Z")));

      // in a UTC shop the same instants are all on 11-02.
      assertEquals(NOV_2, f.turns().get(0).day());
      assertEquals(NOV_2, f.inquiries().get(0).day());
      assertEquals(NOV_2, f.day());
    }
  }

  @Nested
  class Satisfaction {

    @Test
    void shouldCreditARatingToTheSenderOfTheLastAgentMessage() {
      SessionFacts f =
          analyze(
              start("s-r", XIAOMEI, PRE, T0),
              buyer("s-r", T0.plusSeconds(5), "在吗"),
              agent("s-r", XIAOMEI, T0.plusSeconds(15)),
              transfer("s-r", XIAOMEI, DAWEI, T0.plusSeconds(60)),
              buyer("s-r", T0.plusSeconds(70), "发什么快递"),
              agent("s-r", DAWEI, T0.plusSeconds(80), "默认中通哦"),
              transfer("s-r", DAWEI, LINGLING, T0.plusSeconds(120)),
              end("s-r", T0.plusSeconds(300)),
              rating("s-r", 5, T0.plusSeconds(320)));

      // last agent message: a-dawei at 80. The final owner a-lingling never wrote, and
      // a-xiaomei wrote earlier: the rating (5) goes to a-dawei, on 11-02.
      assertEquals(DAWEI, f.creditAgentId());
      assertEquals(5, f.ratingScore());
      assertTrue(f.rated());
      assertEquals(NOV_2, f.day());
    }

    @Test
    void shouldCreditARatingToTheOwnerWhenNoAgentWrote() {
      SessionFacts f =
          analyze(
              start("s-r", XIAOMEI, PRE, T0),
              buyer("s-r", T0.plusSeconds(5), "在吗"),
              bot("s-r", T0.plusSeconds(6), "您好，店小蜜为您服务"),
              end("s-r", T0.plusSeconds(600)),
              rating("s-r", 1, T0.plusSeconds(700)));

      // no agent message (the bot is no agent): the session owner a-xiaomei gets the 1.
      assertEquals(XIAOMEI, f.creditAgentId());
      assertEquals(1, f.ratingScore());
    }

    @Test
    void shouldCountALateRatingOnTheSessionsStartDay() {
      SessionFacts f =
          analyze(
              start("s-r", XIAOMEI, PRE, at("2026-11-02T23:50:00+08:00")),
              buyer("s-r", at("2026-11-02T23:51:00+08:00"), "在吗"),
              agent("s-r", XIAOMEI, at("2026-11-02T23:52:00+08:00")),
              end("s-r", at("2026-11-02T23:58:00+08:00")),
              rating("s-r", 3, at("2026-11-03T09:15:00+08:00")));

      // rated 9 h 17 min after session_end, on 11-03; it still counts on the start day 11-02.
      assertEquals(NOV_2, f.day());
      assertEquals(3, f.ratingScore());
      assertEquals(XIAOMEI, f.creditAgentId());
    }

    @Test
    void shouldLetTheLaterRatingWinWhenABuyerRatedTwice() {
      Rating first = rating("s-r", 2, T0.plusSeconds(600));
      Rating second = rating("s-r", 5, T0.plusSeconds(900));
      SessionFacts f =
          analyze(
              start("s-r", XIAOMEI, PRE, T0),
              buyer("s-r", T0.plusSeconds(5), "在吗"),
              agent("s-r", XIAOMEI, T0.plusSeconds(15)),
              second, // delivered first, but it is the later rating
              first);

      // later by ts: 5 at T0+900 wins over 2 at T0+600, whatever the arrival order.
      assertEquals(5, f.ratingScore());
      assertEquals(second.eventId(), f.ratingEventId());

      // and the other way round: a later, lower score replaces an earlier 5.
      Rating happy = rating("s-q", 5, T0.plusSeconds(600));
      Rating angry = rating("s-q", 1, T0.plusSeconds(900));
      SessionFacts g =
          analyze(
              start("s-q", XIAOMEI, PRE, T0),
              buyer("s-q", T0.plusSeconds(5), "在吗"),
              agent("s-q", XIAOMEI, T0.plusSeconds(15)),
              happy,
              angry);
      assertEquals(1, g.ratingScore());
      assertEquals(angry.eventId(), g.ratingEventId());
    }
  }

  @Nested
  class AnswerQuestionRatio {

    @Test
    void shouldCountAgentMessagesPerAgentAndShopLocalDay() {
      SessionFacts f =
          analyze(
              start("s-a", XIAOMEI, PRE, at("2026-11-02T23:58:00+08:00")),
              buyer("s-a", at("2026-11-02T23:58:30+08:00"), "在吗"),
              agent("s-a", XIAOMEI, at("2026-11-02T23:59:00+08:00")),
              agent("s-a", XIAOMEI, at("2026-11-02T23:59:10+08:00"), "有什么可以帮您"),
              buyer("s-a", at("2026-11-02T23:59:40+08:00"), "这个"),
              buyer("s-a", at("2026-11-02T23:59:50+08:00"), "还有吗"),
              agent("s-a", XIAOMEI, at("2026-11-03T00:00:10+08:00")),
              transfer("s-a", XIAOMEI, DAWEI, at("2026-11-03T00:01:00+08:00")),
              buyer("s-a", at("2026-11-03T00:01:30+08:00"), "什么时候发货"),
              agent("s-a", DAWEI, at("2026-11-03T00:02:00+08:00")),
              agent("s-a", DAWEI, at("2026-11-03T00:02:05+08:00"), "今天就发"),
              bot("s-a", at("2026-11-03T00:02:06+08:00"), "感谢您的咨询"));

      // messages sent: a-xiaomei 2 on 11-02 (23:59:00, 23:59:10) + 1 on 11-03 (00:00:10);
      //                a-dawei 2 on 11-03; the bot's message is nobody's.
      assertEquals(
          Set.of(
              new AgentMessages(XIAOMEI, NOV_2, 2),
              new AgentMessages(XIAOMEI, NOV_3, 1),
              new AgentMessages(DAWEI, NOV_3, 2)),
          Set.copyOf(f.agentMessages()));
      assertEquals(3, f.agentMessages().size());
      // buyer messages in owned turns: a-xiaomei's turns start 23:58:30 (1 msg) and 23:59:40
      // (2 msgs), both 11-02 -> 3; a-dawei's turn 00:01:30 (1 msg) on 11-03 -> 1.
      assertEquals(3, buyerMessagesOwnedBy(f, XIAOMEI, NOV_2));
      assertEquals(0, buyerMessagesOwnedBy(f, XIAOMEI, NOV_3));
      assertEquals(1, buyerMessagesOwnedBy(f, DAWEI, NOV_3));
      // each of the three turns was answered in 30 s.
      assertEquals(Arrays.asList(30_000L, 30_000L, 30_000L), responseMillis(f));
    }
  }
}
