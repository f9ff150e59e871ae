package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Elements pass at once; watermarks at most once per interval, the latest one never lost. */
class ThinWatermarksTest {

  private static final long MAX_LAG = 30_000;

  @Test
  void eventTimeNeverRunsFurtherAheadThanTheLagBeforeAWatermarkGoesOn() throws Exception {
    try (var h = harness()) {
      h.setProcessingTime(1_000);
      h.processWatermark(new Watermark(100_000));
      h.processWatermark(new Watermark(100_000 + MAX_LAG - 1));
      assertEquals(new Watermark(100_000), last(h), "held: within the interval and the lag");
      h.processWatermark(new Watermark(100_000 + MAX_LAG));
      assertEquals(new Watermark(100_000 + MAX_LAG), last(h), "the lag reached: sent at once");
    }
  }

  @Test
  void elementsPassAtOnceAndWatermarksAtMostOncePerInterval() throws Exception {
    try (var h = harness()) {
      h.setProcessingTime(1_000);
      h.processWatermark(new Watermark(10));
      h.processElement("a", 20);
      h.setProcessingTime(1_010);
      h.processWatermark(new Watermark(20));
      h.processElement("b", 30);
      h.processWatermark(new Watermark(30));
      assertEquals(
          List.of(new Watermark(10), new StreamRecord<>("a", 20), new StreamRecord<>("b", 30)),
          new ArrayList<>(h.getOutput()),
          "the first passes; the next ones within the interval are held, the elements are not");
      h.setProcessingTime(1_000 + LiveEventsJob.HOLD_MILLIS);
      assertEquals(new Watermark(30), last(h), "the latest held one, when the interval is up");
      h.setProcessingTime(5_000);
      h.processWatermark(new Watermark(40));
      assertEquals(new Watermark(40), last(h), "after a quiet spell, at once");
    }
  }

  @Test
  void theEndOfInputAndIdlenessAreNotHeld() throws Exception {
    try (var h = harness()) {
      h.setProcessingTime(1_000);
      h.processWatermark(new Watermark(10));
      h.processWatermark(new Watermark(20));
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      List<Object> out = new ArrayList<>(h.getOutput());
      assertEquals(List.of(new Watermark(10), new Watermark(20), WatermarkStatus.IDLE), out);
      h.processWatermark(new Watermark(30));
      h.processWatermark(new Watermark(40));
      h.getOutput().clear();
      h.processWatermark(Watermark.MAX_WATERMARK);
      assertEquals(
          List.of(new Watermark(40), Watermark.MAX_WATERMARK),
          new ArrayList<>(h.getOutput()),
          "the last event time reached, then the end");
    }
  }

  private static Object last(OneInputStreamOperatorTestHarness<String, String> h) {
    List<Object> out = new ArrayList<>(h.getOutput());
    return out.get(out.size() - 1);
  }

  private static OneInputStreamOperatorTestHarness<String, String> harness() throws Exception {
    var h =
        new OneInputStreamOperatorTestHarness<String, String>(
            new ThinWatermarks<>(LiveEventsJob.HOLD_MILLIS, MAX_LAG));
    h.setup(Types.STRING.createSerializer(new SerializerConfigImpl()));
    h.open();
    return h;
  }
}
