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
                + "|problem|kpi)\\.[a-z_0-9]+)\"");
    TreeSet<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/io/kefu/dashboard"))) {
      for (Path f : files.toList()) {
        Matcher m = key.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    used.remove("app.duckdb"); // a file name, not a key
    used.remove("kpi.grain_"); // completed with the grain below
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
