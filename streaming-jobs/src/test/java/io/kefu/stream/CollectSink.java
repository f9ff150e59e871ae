package io.kefu.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in memory, for mini-cluster tests. The sink object is
 * serialized to the tasks, so values are kept in a static map under the sink's id, where the test
 * that made it can read them back.
 */
final class CollectSink<T> implements Sink<T> {

  private static final Map<String, Queue<Object>> RECEIVED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  CollectSink() {
    RECEIVED.put(id, new ConcurrentLinkedQueue<>());
  }

  @SuppressWarnings("unchecked")
  List<T> values() {
    List<T> out = new ArrayList<>();
    for (Object o : RECEIVED.get(id)) {
      out.add((T) o);
    }
    return out;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> queue = RECEIVED.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        queue.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
