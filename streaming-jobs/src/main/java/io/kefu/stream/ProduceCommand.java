package io.kefu.stream;

import io.kefu.core.event.EventParser;
import io.kefu.core.event.EventType;
import io.kefu.core.event.ParseResult;
import io.kefu.core.io.EventFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code kefu produce}: sends event files to the contract's Kafka topics, every line as one record,
 * in file order: what a shop's chat platform and order system do in production, for the live job to
 * read. Lines the contract rejects are sent too (the job dead-letters them with their reason).
 *
 * <p>A record's key is {@code shop_id/buyer_id}, so one buyer's events keep their order within a
 * partition; a line that does not parse has no key. The producer is idempotent and waits for all
 * in-sync replicas, and the command fails if any record could not be written.
 */
public final class ProduceCommand {

  static final String USAGE =
      """
      Usage: kefu produce --input DIR [--bootstrap-servers LIST] [--kafka-properties FILE]

      Sends the chat-events*.jsonl[.gz] files under DIR to topic cs.chat-events and the
      order-events*.jsonl[.gz] files to cs.order-events, one record per line, in file order,
      keyed by shop_id/buyer_id. Every line is sent, rejected ones too.

        --input DIR                 the event files (kefu generate writes them)
        --bootstrap-servers LIST    brokers, host:port[,host:port]             [localhost:9092]
        --kafka-properties FILE     client properties (security.protocol, sasl.*, ssl.*)

      Exit code 0 when every line was written, 1 when a record failed, 2 for bad arguments.
      """;

  private ProduceCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path input = null;
    String servers = "localhost:9092";
    Map<String, String> extra = Map.of();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        out.print(USAGE);
        return 0;
      }
      if (i + 1 >= args.length) {
        problems.add(flag + " needs a value");
        break;
      }
      String value = args[++i];
      switch (flag) {
        case "--input" -> input = Path.of(value);
        case "--bootstrap-servers" -> servers = value;
        case "--kafka-properties" -> {
          try {
            extra = StreamOptions.kafkaProperties(value);
          } catch (IllegalArgumentException e) {
            problems.add(flag + " " + value + ": " + e.getMessage());
          }
        }
        default -> problems.add("unknown option '" + flag + "'");
      }
    }
    if (input == null) {
      problems.add("--input DIR is required");
    } else if (!Files.isDirectory(input)) {
      problems.add("--input " + input + ": no such folder");
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("kefu produce: " + p));
      err.println("(kefu produce --help lists the options)");
      return 2;
    }
    try {
      long started = System.nanoTime();
      Counts counts = produce(input, servers, extra);
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(
          "kefu produce: %,d lines to %s (%,d to %s, %,d to %s) in %.1f s%n",
          counts.total(),
          servers,
          counts.chat,
          EventType.Stream.CHAT.defaultTopic(),
          counts.order,
          EventType.Stream.ORDER.defaultTopic(),
          seconds);
      return 0;
    } catch (Exception e) {
      err.println("kefu produce: " + e.getMessage());
      return 1;
    }
  }

  /** Lines sent per topic. */
  static final class Counts {
    long chat;
    long order;

    long total() {
      return chat + order;
    }
  }

  /** Sends every line under {@code dir}; throws if any record was not acknowledged. */
  static Counts produce(Path dir, String servers, Map<String, String> extra) throws Exception {
    Properties p = new Properties();
    p.putAll(extra);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    EventParser parser = new EventParser();
    Counts counts = new Counts();
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (EventType.Stream stream : EventType.Stream.values()) {
        String topic = stream.defaultTopic();
        for (Path f : EventFiles.list(dir, stream)) {
          EventFiles.forEachLine(
              f,
              l -> {
                producer.send(
                    new ProducerRecord<>(topic, key(parser.parse(l.text())), l.text()),
                    (meta, e) -> {
                      if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                      }
                    });
                if (stream == EventType.Stream.CHAT) {
                  counts.chat++;
                } else {
                  counts.order++;
                }
              });
        }
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(
          failed.get() + " records were not written: " + firstFailure.get().getMessage(),
          firstFailure.get());
    }
    return counts;
  }

  /** {@code shop_id/buyer_id} of a line the contract accepts; none for a rejected line. */
  static String key(ParseResult parsed) {
    if (parsed instanceof ParseResult.Accepted a) {
      return a.event().shopId() + "/" + a.event().buyerId();
    }
    return null;
  }
}
