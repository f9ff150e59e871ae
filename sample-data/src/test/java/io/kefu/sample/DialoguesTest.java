package io.kefu.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.Queue;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DialoguesTest {

  private static final Dialogues LIBRARY = Dialogues.loadDefault();
  private static final Pattern APOLOGY = Pattern.compile("抱歉|对不起|不好意思|理解|歉");
  private static final Pattern BANNED =
      Pattern.compile("爱买不买|你自己看|滚|有病|烦不烦|自己不会看吗|关我什么事|随便你|你懂不懂|别问了");

  @Test
  void theBundledLibraryCoversBothQueuesAndTheSeedsSituations() {
    assertTrue(LIBRARY.scenes(Queue.PRE_SALE).size() >= 22);
    assertTrue(LIBRARY.scenes(Queue.AFTER_SALE).size() >= 14);
    assertTrue(LIBRARY.catalog().size() >= 25);
    String topics =
        String.join(
            " ",
            LIBRARY.scenes(Queue.PRE_SALE).stream().map(Dialogues.Scene::topic).toList()
                + " "
                + LIBRARY.scenes(Queue.AFTER_SALE).stream().map(Dialogues.Scene::topic).toList());
    for (String situation : List.of("议价", "包邮", "发货", "快递", "退", "色差", "缺货", "催付", "投诉", "差评")) {
      assertTrue(topics.contains(situation), situation + " missing from " + topics);
    }
  }

  @Test
  void complaintScenesGiveTheEmpathyRuleRealMaterial() {
    for (Queue q : Queue.values()) {
      for (Dialogues.Scene s : LIBRARY.scenes(q)) {
        if (!s.complaint()) {
          continue;
        }
        Dialogues.Exchange first = s.exchanges().get(0);
        first.good().forEach(g -> assertTrue(APOLOGY.matcher(g).find(), s.id() + ": " + g));
        first.curt().forEach(c -> assertFalse(APOLOGY.matcher(c).find(), s.id() + ": " + c));
      }
    }
  }

  @Test
  void scriptedAgentLinesAreCleanAndRudeLinesAreRude() {
    for (Queue q : Queue.values()) {
      for (Dialogues.Scene s : LIBRARY.scenes(q)) {
        for (Dialogues.Exchange e : s.exchanges()) {
          for (String line : e.good()) {
            assertFalse(BANNED.matcher(line).find(), s.id() + ": " + line);
            assertFalse(line.contains("{other_phone}") || line.contains("{bad_link}"), line);
          }
        }
      }
    }
    Pattern rude = Pattern.compile(BANNED.pattern() + "|不知道|没办法");
    LIBRARY.pool("impolite").forEach(l -> assertTrue(rude.matcher(l).find(), l));
    LIBRARY
        .pool("privacy_leak")
        .forEach(l -> assertTrue(l.contains("{other_phone}") || l.contains("{other_address}"), l));
    LIBRARY.pool("phishing_buyer").forEach(l -> assertTrue(l.contains("{bad_link}"), l));
  }

  @Test
  void scenesNamingAProductCategoryGetAnItemOfIt() {
    java.util.Random r = new java.util.Random(1);
    for (Dialogues.Scene s : LIBRARY.scenes(Queue.PRE_SALE)) {
      if (!s.product().isEmpty()) {
        for (int i = 0; i < 20; i++) {
          Dialogues.Item item = LIBRARY.item(s, r);
          assertTrue(
              item.category().contains(s.product()) || item.name().contains(s.product()),
              s.id() + " got " + item);
        }
      }
    }
  }

  @Test
  void fillReplacesEveryPlaceholder() {
    assertEquals(
        "亲，{product} 现在 459 元", Dialogues.fill("亲，{product} 现在 {price} 元", Map.of("price", "459")));
    assertEquals("电话$1", Dialogues.fill("电话{buyer_phone}", Map.of("buyer_phone", "$1")));
  }

  @Test
  void brokenLibrariesFailWithTheLineNumber() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Dialogues.parse(
                    "@pool greeting\n亲\n@scene x queue=pre_sale weight=1 topic=t\nA: 好\n"));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    IllegalArgumentException placeholder =
        assertThrows(
            IllegalArgumentException.class, () -> Dialogues.parse("@pool greeting\n亲{nickname}\n"));
    assertTrue(placeholder.getMessage().contains("{nickname}"), placeholder.getMessage());
  }
}
