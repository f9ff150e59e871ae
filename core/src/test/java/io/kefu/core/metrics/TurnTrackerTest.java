package io.kefu.core.metrics;

import static io.kefu.core.metrics.Fixtures.DAWEI;
import static io.kefu.core.metrics.Fixtures.T0;
import static io.kefu.core.metrics.Fixtures.XIAOMEI;
import static io.kefu.core.metrics.Fixtures.agent;
import static io.kefu.core.metrics.Fixtures.bot;
import static io.kefu.core.metrics.Fixtures.buyer;
import static io.kefu.core.metrics.Fixtures.config;
import static io.kefu.core.metrics.Fixtures.start;
import static io.kefu.core.metrics.Fixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Queue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The turn rules one event at a time, as the streaming job uses them: who is waiting since when,
 * and the turn each answer closes. {@link SessionAnalyzerTest} covers the same rules on whole
 * sessions, through the same tracker.
 */
class TurnTrackerTest {

  private static final KefuConfig DEFAULTS = KefuConfig.defaults();

  @Test
  void shouldShowWhoWaitsSinceTheTurnsFirstMessageUntilAnAgentAnswers() {
    TurnTracker t = new TurnTracker(DEFAULTS, null);
    assertNull(t.accept(start("s-1", XIAOMEI, Queue.PRE_SALE, T0)));
    assertFalse(t.waiting());
    assertNull(t.accept(buyer("s-1", T0.plusSeconds(5), "在吗")));
    assertNull(t.accept(buyer("s-1", T0.plusSeconds(9), "这款有货吗")));
    assertTrue(t.waiting());
    assertEquals(T0.plusSeconds(5), t.waitingSince());
    assertEquals(XIAOMEI, t.waitingFor());
    assertEquals(2, t.openTurn().buyerMessages());

    Turn answered = t.accept(agent("s-1", XIAOMEI, T0.plusSeconds(17)));
    assertEquals(12_000, answered.responseMillis());
    assertTrue(answered.first());
    assertFalse(t.waiting());
    assertNull(t.finish(), "nobody left waiting");
  }

  @Test
  void shouldKeepTheTurnWithTheOwnerAtItsStartAcrossATransfer() {
    TurnTracker t = new TurnTracker(DEFAULTS, null);
    t.accept(start("s-1", XIAOMEI, Queue.PRE_SALE, T0));
    t.accept(buyer("s-1", T0.plusSeconds(5), "在吗"));
    t.accept(transfer("s-1", XIAOMEI, DAWEI, T0.plusSeconds(10)));
    assertEquals(DAWEI, t.owner());
    Turn answered = t.accept(agent("s-1", DAWEI, T0.plusSeconds(20)));
    assertEquals(XIAOMEI, answered.ownerAgentId());
    assertEquals(DAWEI, answered.answeredBy());
    assertEquals(DAWEI, t.lastAgentSpeaker());
  }

  @Test
  void shouldLetABotAnswerOnlyWhenBotRepliesCount() {
    for (boolean bots : new boolean[] {false, true}) {
      TurnTracker t =
          new TurnTracker(config("response.bot_replies_count", Boolean.toString(bots)), XIAOMEI);
      t.accept(buyer("s-1", T0, "在吗"));
      Turn byBot = t.accept(bot("s-1", T0.plusSeconds(1), "您好，我是小蜜"));
      assertEquals(bots, byBot != null);
      assertEquals(!bots, t.waiting());
    }
  }

  @Test
  void shouldInferTheFirstOwnerWhenTheSessionStartWasLost() {
    List<ChatEvent> noStart =
        List.of(
            buyer("s-1", T0, "在吗"),
            transfer("s-1", XIAOMEI, DAWEI, T0.plusSeconds(5)),
            agent("s-1", DAWEI, T0.plusSeconds(9)));
    assertEquals(XIAOMEI, TurnTracker.initialOwner(noStart));
    assertNull(TurnTracker.initialOwner(List.of(buyer("s-1", T0, "在吗"))));
  }
}
