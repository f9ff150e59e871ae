package io.kefu.stream;

import io.kefu.core.event.EventType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The live production source: the contract's two Kafka topics, every record value one raw line.
 * Nothing is parsed here; the record keeps its topic, partition and offset so that a dead letter
 * points at the exact record.
 */
public final class KafkaLines {

  /** The consumer group; its committed offsets are where a job without a checkpoint resumes. */
  public static final String GROUP_ID = "kefu-live-events";

  /** Client properties the job sets itself; a --kafka-properties file may not set them. */
  public static final Set<String> RESERVED_PROPERTIES =
      Set.of(
          "bootstrap.servers",
          "group.id",
          "enable.auto.commit",
          "key.deserializer",
          "value.deserializer");

  private KafkaLines() {}

  /**
   * Reads {@code cs.chat-events} and {@code cs.order-events} from {@code bootstrapServers},
   * starting at the group's committed offsets, or at the earliest record for a new group so that a
   * first start misses nothing.
   */
  public static KafkaSource<RawLine> source(String bootstrapServers) {
    return source(bootstrapServers, false);
  }

  /**
   * As {@link #source(String)}; with {@code stopAtLatest} the source is bounded and ends at the
   * offsets that were the latest when the job started (for tests and backfills).
   */
  public static KafkaSource<RawLine> source(String bootstrapServers, boolean stopAtLatest) {
    return source(bootstrapServers, GROUP_ID, stopAtLatest, Map.of());
  }

  /** The source {@code kefu stream --source kafka} reads, as its options say. */
  public static KafkaSource<RawLine> source(StreamOptions o) {
    return source(o.bootstrapServers(), o.kafkaGroup(), o.kafkaStopAtLatest(), o.kafkaProperties());
  }

  /**
   * As {@link #source(String, boolean)}, for consumer group {@code groupId} and with extra client
   * {@code properties} (security, tuning), which must not include {@link #RESERVED_PROPERTIES}.
   */
  public static KafkaSource<RawLine> source(
      String bootstrapServers,
      String groupId,
      boolean stopAtLatest,
      Map<String, String> properties) {
    var builder = KafkaSource.<RawLine>builder();
    if (stopAtLatest) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    properties.forEach(builder::setProperty);
    return builder
        .setBootstrapServers(bootstrapServers)
        .setTopics(EventType.Stream.CHAT.defaultTopic(), EventType.Stream.ORDER.defaultTopic())
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new ToRawLine())
        // Offsets are committed on checkpoints only, so the group's position never runs ahead of
        // what the job has safely processed.
        .setProperty("enable.auto.commit", "false")
        .build();
  }

  /**
   * The origin of a Kafka record in dead letters: {@code topic-partition}, like Kafka writes it.
   */
  static String origin(String topic, int partition) {
    return topic + "-" + partition;
  }

  /**
   * Record value → {@link RawLine}; an undecodable byte becomes U+FFFD and the parser rejects it.
   */
  static final class ToRawLine implements KafkaRecordDeserializationSchema<RawLine> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
      byte[] value = record.value();
      out.collect(
          new RawLine(
              origin(record.topic(), record.partition()),
              record.offset(),
              value == null ? null : new String(value, StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
      return TypeInformation.of(RawLine.class);
    }
  }
}
