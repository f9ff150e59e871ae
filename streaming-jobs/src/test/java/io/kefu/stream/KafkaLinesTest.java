package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Kafka records become raw lines that point at their record; no broker needed for this part. */
class KafkaLinesTest {

  @Test
  void aRecordBecomesARawLineWithTopicPartitionAndOffset() throws Exception {
    String value = Fixtures.EVERY_TYPE[1];
    List<RawLine> out = deserialize(value.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(new RawLine("cs.chat-events-3", 42, value)), out);
  }

  @Test
  void aRecordWithoutValueIsKeptForTheParserToReject() throws Exception {
    assertEquals(List.of(new RawLine("cs.chat-events-3", 42, null)), deserialize(null));
  }

  @Test
  void theSourceReadsBothTopicsOfTheContract() {
    // Building the source checks the wiring (topics, group, deserializer) without a broker.
    assertEquals(
        org.apache.flink.api.connector.source.Boundedness.CONTINUOUS_UNBOUNDED,
        KafkaLines.source("127.0.0.1:9092").getBoundedness());
  }

  private static List<RawLine> deserialize(byte[] value) throws Exception {
    List<RawLine> out = new ArrayList<>();
    new KafkaLines.ToRawLine()
        .deserialize(
            new ConsumerRecord<>("cs.chat-events", 3, 42, null, value),
            new Collector<>() {
              @Override
              public void collect(RawLine record) {
                out.add(record);
              }

              @Override
              public void close() {}
            });
    return out;
  }
}
