package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {

  private final Messages messages = new Messages();

  @Test
  void shouldSayTheSameThingsInBothLanguages() {
    assertEquals(messages.keys(Lang.ZH), messages.keys(Lang.EN));
    for (Lang lang : Lang.values()) {
      for (String k : messages.keys(lang)) {
        assertFalse(messages.text(lang).get(k).isBlank(), lang + " " + k);
      }
    }
  }

  @Test
  void shouldHaveEveryKeyThePagesAskFor() throws IOException {
    Pattern key =
        Pattern.compile(
            "\"((?:app|nav|home|login|logout|lang|account|password|users|audit|health|warehouse"
                + "|problem|kpi|reports|review|live)\\.[a-z_0-9]+)\"");
    TreeSet<String> used = new TreeSet<>();
    // the page packages too (io.kefu.dashboard.report)
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/kefu/dashboard"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = key.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    used.remove("app.duckdb"); // a file name, not a key
    used.remove("live.duckdb"); // a file name too
    used.remove("kpi.grain_"); // completed with the grain below
    // review workflow and live wall: prefixes completed from their lists
    used.removeIf(k -> (k.startsWith("review.") || k.startsWith("live.")) && k.endsWith("_"));
    for (String r : QualityRepository.REASONS) {
      used.add("review.reason_" + r);
    }
    for (String st : ReviewPages.STATUSES) {
      used.add("review.status_" + st);
    }
    for (String d : java.util.List.of("open", "accepted", "partly_accepted", "rejected")) {
      used.add("review.dispute_" + d);
    }
    for (String sev : java.util.List.of("minor", "major", "critical")) {
      used.add("review.severity_" + sev);
    }
    for (String sender : java.util.List.of("buyer", "bot", "system")) {
      used.add("review.sender_" + sender);
    }
    LivePage.SHOP_KEYS.forEach(k -> used.add("live.shop_" + k));
    LivePage.AGENT_COLUMNS.forEach(k -> used.add("live.agent_" + k));
    LivePage.WAITING_COLUMNS.forEach(k -> used.add("live.waiting_" + k));
    LivePage.ALERT_COLUMNS.forEach(k -> used.add("live.alert_" + k));
    LiveCharts.WHICH.forEach(k -> used.add("live.chart_" + k));
    for (Role r : Role.values()) {
      used.add("role." + r.wire());
    }
    for (Metric m : Metric.values()) {
      used.add(m.labelKey());
    }
    for (KpiQuery.Grain g : KpiQuery.Grain.values()) {
      used.add("kpi.grain_" + g.code());
    }
    used.removeAll(messages.keys(Lang.ZH));
    assertEquals(new TreeSet<String>(), used, "keys used in code but missing in the bundles");
  }

  @Test
  void shouldDefaultToChineseAndFillArguments() {
    assertEquals(Lang.ZH, Lang.fromCode(null));
    assertEquals(Lang.ZH, Lang.fromCode("fr"));
    assertEquals(Lang.EN, Lang.fromCode("en"));
    assertEquals("登录", messages.text(Lang.ZH).get("login.title"));
    assertEquals("Hello, li (Agent).", messages.text(Lang.EN).format("home.hello", "li", "Agent"));
    assertTrue(messages.text(Lang.EN).get("no.such.key").startsWith("??"));
  }
}
