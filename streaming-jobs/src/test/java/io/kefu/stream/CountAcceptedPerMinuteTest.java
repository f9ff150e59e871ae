package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

/** The pieces of the per-minute count. */
class CountAcceptedPerMinuteTest {

  @Test
  void aMinuteIsFinalWhenTheWatermarkPassedItByTheAllowedLateness() {
    TimeWindow minute = new TimeWindow(60_000, 120_000);
    assertEquals(119_999 + 300_000, CountAcceptedPerMinute.WhenFinal.finalAt(minute, 300_000));
    assertEquals(119_999, CountAcceptedPerMinute.WhenFinal.finalAt(minute, 0));
  }

  @Test
  void theLastMinuteOfTimeDoesNotOverflow() {
    TimeWindow last = new TimeWindow(Long.MAX_VALUE - 60_000, Long.MAX_VALUE);
    assertEquals(
        Long.MAX_VALUE,
        CountAcceptedPerMinute.WhenFinal.finalAt(last, Duration.ofMinutes(5).toMillis()));
  }

  @Test
  void countsAreKeptPerShopAndStream() {
    assertEquals(
        Tuple2.of("sunshine-baby", "chat-events"),
        CountAcceptedPerMinute.shopAndStream(Fixtures.event(Fixtures.EVERY_TYPE[0])));
    assertEquals(
        Tuple2.of("sunshine-baby", "order-events"),
        CountAcceptedPerMinute.shopAndStream(Fixtures.event(Fixtures.EVERY_TYPE[6])));
  }
}
