package io.kefu.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-02T10:15:30+08:00",
        "2026-11-02T10:15:30.120+08:00",
        "2026-11-02T10:15:30.1+08:00",
        "2026-11-02T10:15:30.123456789+08:00",
        "2026-11-02T16:30:00Z",
        "2026-11-02T16:30:00.000Z",
        "2024-02-29T23:59:59-05:30",
        "2000-01-01T00:00:00+14:00",
      })
  void shouldAgreeWithTheFullParser(String s) {
    assertEquals(
        OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
        IsoTimestamps.parse(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-02T10:15:30",
        "2026-11-02 10:15:30+08:00",
        "2026-13-02T10:15:30+08:00",
        "2026-02-30T10:15:30+08:00",
        "2026-11-02T24:00:00+08:00",
        "2026-11-02T10:15:30.+08:00",
        "2026-11-02T10:15:30+0800",
        "2026-11-02T10:15+08:00",
        "２０２６-11-02T10:15:30+08:00",
      })
  void shouldLeaveEverythingElseToTheFullParser(String s) {
    assertNull(IsoTimestamps.parse(s));
  }

  @Test
  void shouldAgreeOnManyRandomTimes() {
    Random r = new Random(1);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    for (int i = 0; i < 10_000; i++) {
      OffsetDateTime t =
          OffsetDateTime.of(
              2000 + r.nextInt(99),
              1 + r.nextInt(12),
              1 + r.nextInt(28),
              r.nextInt(24),
              r.nextInt(60),
              r.nextInt(60),
              r.nextInt(1000) * 1_000_000,
              java.time.ZoneOffset.ofTotalSeconds((r.nextInt(28) - 12) * 1800));
      String s = f.format(t);
      assertEquals(t.toInstant(), IsoTimestamps.parse(s), s);
    }
  }
}
