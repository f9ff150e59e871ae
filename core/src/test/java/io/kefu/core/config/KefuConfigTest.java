package io.kefu.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KefuConfigTest {

  private static KefuConfig of(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return KefuConfig.fromProperties(p, "test");
  }

  @Test
  void theDocumentedFileStatesExactlyTheDefaults() {
    KefuConfig documented = KefuConfig.load(Path.of("../conf/kefu.properties"));
    assertEquals(KefuConfig.defaults(), documented);
    assertEquals(KefuConfig.KEYS, documented.asMap().keySet().stream().toList());
  }

  @Test
  void anEmptyFileMeansDefaults(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("empty.properties"), "# nothing\n");
    KefuConfig c = KefuConfig.load(f);
    assertEquals(ZoneId.of("Asia/Shanghai"), c.zone());
    assertEquals(Duration.ofHours(24), c.attributionWindow());
    assertEquals(Touch.LAST, c.attributionTouch());
    assertFalse(c.botRepliesCount());
    assertTrue(c.serviceWindow().isAllDay());
  }

  @Test
  void shouldReadPlatformVariants() {
    KefuConfig c =
        of(
            "attribution.window", "3d",
            "attribution.touch", "FIRST",
            "response.turn_cap_seconds", "600",
            "response.service_window", "08:00-23:00",
            "response.bot_replies_count", "true",
            "shop.timezone", "UTC");
    assertEquals(Duration.ofDays(3), c.attributionWindow());
    assertEquals(Touch.FIRST, c.attributionTouch());
    assertEquals(600, c.turnCapSeconds());
    assertTrue(c.botRepliesCount());
    assertEquals(ZoneId.of("UTC"), c.zone());
    assertTrue(c.serviceWindow().contains(LocalTime.of(8, 0)));
    assertFalse(c.serviceWindow().contains(LocalTime.of(23, 0)));
    assertTrue(c.describe().contains("attribution.window=3d"), c.describe());
    assertEquals("first touch, 3d window", c.attributionRule());
  }

  @Test
  void aServiceWindowMayRunPastMidnight() {
    ServiceWindow night = of("response.service_window", "20:00-02:00").serviceWindow();
    assertTrue(night.contains(LocalTime.of(23, 30)));
    assertTrue(night.contains(LocalTime.of(1, 59)));
    assertFalse(night.contains(LocalTime.of(2, 0)));
    assertFalse(night.contains(LocalTime.of(12, 0)));
  }

  @Test
  void shouldReportEveryProblemAtOnceAndSuggestTypos() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                of(
                    "attributon.window", "24h",
                    "shop.timezone", "Mars/Olympus",
                    "attribution.touch", "middle",
                    "response.bot_replies_count", "yes"));
    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'attribution.window'"), e.getMessage());
    assertTrue(e.getMessage().contains("Mars/Olympus"), e.getMessage());
  }

  @Test
  void shouldRejectInconsistentThresholds() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> of("live.wait_warning_seconds", "200", "live.wait_breach_seconds", "100"));
    assertTrue(e.getMessage().contains("live.wait_breach_seconds"), e.getMessage());
  }

  @Test
  void durationsRoundTrip() {
    for (String s : new String[] {"90s", "30m", "24h", "48h", "3d"}) {
      assertEquals(s, KefuConfig.formatDuration(KefuConfig.parseDuration(s)));
    }
    assertEquals(Duration.ofHours(24), KefuConfig.parseDuration("PT24H"));
  }
}
