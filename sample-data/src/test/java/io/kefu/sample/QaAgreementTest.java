package io.kefu.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.EventType;
import io.kefu.core.event.Message;
import io.kefu.core.event.ParseResult;
import io.kefu.core.io.EventFiles;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.qa.QaEngine;
import io.kefu.core.qa.RuleHit;
import io.kefu.core.qa.RuleId;
import io.kefu.core.qa.Rulebook;
import io.kefu.core.qa.SessionScore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's agents and the quality rules agree: on clean data (no input defects that could
 * lose a buyer's message), privacy_leak fires only on lines of agents whose profile leaks; a
 * careful agent reads back only the phone or address the buyer typed in the session.
 */
class QaAgreementTest {

  @Test
  void onlyLeakyAgentsLeakOnCleanData(@TempDir Path tmp) throws Exception {
    GeneratorOptions options =
        new GeneratorOptions(
            "sunshine-baby",
            "阳光儿童母婴旗舰店",
            "tmall",
            12,
            7,
            LocalDate.of(2026, 11, 2),
            42,
            tmp,
            false,
            30,
            ZoneId.of("Asia/Shanghai"),
            DefectRates.NONE);
    new ShopGenerator(options, null).run();
    Set<String> leaky = new HashSet<>();
    for (AgentProfile a : Roster.build(12, 42)) {
      if (a.leak() > 0) {
        leaky.add(a.id());
      }
    }
    EventParser parser = new EventParser();
    Map<String, List<ChatEvent>> sessions = new LinkedHashMap<>();
    for (Path f : EventFiles.list(tmp, EventType.Stream.CHAT)) {
      EventFiles.forEachLine(
          f,
          line -> {
            if (parser.parse(line.text()) instanceof ParseResult.Accepted a
                && a.event() instanceof ChatEvent e) {
              sessions.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
            }
          });
    }
    QaEngine engine = new QaEngine(Rulebook.defaultChinese());
    SessionAnalyzer analyzer = new SessionAnalyzer(KefuConfig.defaults());
    int leakyHits = 0;
    List<String> wrong = new ArrayList<>();
    for (List<ChatEvent> events : sessions.values()) {
      SessionScore s = engine.score(events, analyzer.analyze(events));
      if (s.hitCount(RuleId.PRIVACY_LEAK) == 0) {
        continue;
      }
      Map<String, Message> byId = new HashMap<>();
      for (ChatEvent e : events) {
        if (e instanceof Message m) {
          byId.put(m.eventId(), m);
        }
      }
      for (RuleHit h : s.hits()) {
        if (h.rule() != RuleId.PRIVACY_LEAK) {
          continue;
        }
        Message m = byId.get(h.eventId());
        if (m != null && leaky.contains(m.agentId())) {
          leakyHits++;
        } else {
          wrong.add(h.eventId() + " " + (m == null ? "?" : m.agentId()) + ": " + h.excerpt());
        }
      }
    }
    assertTrue(wrong.isEmpty(), "privacy_leak on a careful agent's line: " + wrong);
    assertTrue(leakyHits > 0, "the leaky archetype (" + leaky + ") still leaks sometimes");
  }
}
