package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.Event;
import io.kefu.core.io.EventFiles;
import io.kefu.stream.live.MessageCheck;
import io.kefu.stream.warehouse.LiveWarehouseSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job against a real Kafka broker: one KRaft node (broker and controller in one) started
 * inside the test JVM from the Maven Central jars, the contract's two topics (two partitions each)
 * filled with two days of the bundled sample by {@code kefu produce}, read by {@link KafkaLines} at
 * parallelism 2 up to the offsets of the start, and the live tables compared with core's
 * definitions for the same events.
 */
class KafkaIntegrationTest {

  static final Path SAMPLE = Path.of("../sample-data/sample");
  static final List<String> DAYS = List.of("2026-11-02", "2026-11-03");

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir static Path tmp;
  static KafkaRaftServer broker;
  static String bootstrap;

  @BeforeAll
  static void startBroker() throws Exception {
    int port = freePort();
    int controller = freePort();
    bootstrap = "127.0.0.1:" + port;
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
    p.put("listeners", "PLAINTEXT://" + bootstrap + ",CONTROLLER://127.0.0.1:" + controller);
    p.put("advertised.listeners", "PLAINTEXT://" + bootstrap);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", tmp.resolve("kafka-logs").toString());
    p.put("num.partitions", "2");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    Path config = tmp.resolve("server.properties");
    try (var out = Files.newOutputStream(config)) {
      p.store(out, "kefu test broker");
    }
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int formatted =
        StorageTool.execute(
            new String[] {
              "format",
              "-t",
              Uuid.randomUuid().toString(),
              "-c",
              config.toString(),
              "--ignore-formatted"
            },
            quiet);
    assertEquals(0, formatted, "kafka-storage format");
    broker = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
    broker.startup();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.shutdown();
      broker.awaitShutdown();
    }
  }

  @Test
  void shouldComputeTheLiveTablesFromTheContractsTopics() throws Exception {
    Path input = Files.createDirectories(tmp.resolve("input"));
    for (Path f : EventFiles.list(SAMPLE)) {
      if (DAYS.stream().anyMatch(d -> f.getFileName().toString().contains(d))) {
        Files.copy(f, input.resolve(f.getFileName()));
      }
    }
    long produced = ProduceCommand.produce(input, bootstrap, Map.of()).total();

    Path warehouse = tmp.resolve("live.duckdb");
    CollectSink<LateEvent> late = new CollectSink<>();
    StreamOptions options =
        StreamOptions.parse(
            "--source",
            "kafka",
            "--bootstrap-servers",
            bootstrap,
            "--checkpoint-interval",
            "1s",
            "--out",
            tmp.resolve("out").toString());
    var result =
        new LiveEventsJob(
                KafkaLines.source(bootstrap, true),
                new CollectSink<>(),
                late,
                new CollectSink<>(),
                new LiveWarehouseSink(warehouse, Duration.ofSeconds(1), true, null),
                MessageCheck.NONE,
                options)
            .execute();

    assertEquals(produced, (long) result.<Long>getAccumulatorResult(ParseEvents.LINES_READ));
    // Two partitions per topic, read side by side by two readers: with a watermark per partition,
    // only the events the sample delays on purpose are late, not whole days of one partition
    // against another's (a third of the events, when watermarks were merged before parsing).
    long accepted = result.<Long>getAccumulatorResult(ParseEvents.ACCEPTED);
    assertTrue(
        late.values().size() * 100L < accepted,
        late.values().size() + " of " + accepted + " events late");
    List<Event> onTime = LiveFigures.onTime(LiveFigures.accepted(input), late.values());
    Map<String, long[]> expected = LiveFigures.expected(onTime, options.config());
    assertTrue(expected.size() > 10);
    assertEquals("", LiveFigures.diff(expected, LiveFigures.live(warehouse)));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
