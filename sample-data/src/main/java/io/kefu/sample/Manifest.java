package io.kefu.sample;

import io.kefu.core.event.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generator run wrote, counted as it was written: the files, lines per stream, distinct
 * events, and every injected defect by the reason the parser will give it. Tests and the batch
 * job's reconciliation read it to prove that nothing was lost and nothing counted twice.
 */
final class Manifest {

  private final Map<String, String> parameters = new LinkedHashMap<>();
  private final List<String> files = new ArrayList<>();
  private final Map<EventType.Stream, Long> lines = new EnumMap<>(EventType.Stream.class);
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Long> rejects = new TreeMap<>();

  void parameter(String key, Object value) {
    parameters.put(key, String.valueOf(value));
  }

  void file(String name) {
    files.add(name);
  }

  void line(EventType.Stream stream) {
    lines.merge(stream, 1L, Long::sum);
  }

  void count(String what) {
    counts.merge(what, 1L, Long::sum);
  }

  void reject(String reason) {
    rejects.merge(reason, 1L, Long::sum);
  }

  long count(String what, boolean reject) {
    return (reject ? rejects : counts).getOrDefault(what, 0L);
  }

  long lines() {
    return lines.values().stream().mapToLong(Long::longValue).sum();
  }

  long rejected() {
    return rejects.values().stream().mapToLong(Long::longValue).sum();
  }

  void write(Path file) throws IOException {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"generator\": \"kefu-sample-data\",\n");
    b.append("  \"parameters\": ").append(object(parameters, 4)).append(",\n");
    b.append("  \"files\": [");
    for (int i = 0; i < files.size(); i++) {
      b.append(i == 0 ? "\n    " : ",\n    ").append(quote(files.get(i)));
    }
    b.append("\n  ],\n");
    Map<String, Object> l = new LinkedHashMap<>();
    for (EventType.Stream s : EventType.Stream.values()) {
      l.put(s.filePrefix(), lines.getOrDefault(s, 0L));
    }
    l.put("total", lines());
    b.append("  \"lines\": ").append(object(l, 4)).append(",\n");
    b.append("  \"events\": ").append(object(counts, 4)).append(",\n");
    b.append("  \"rejects_expected\": ").append(object(rejects, 4)).append("\n}\n");
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  private static String object(Map<String, ?> m, int indent) {
    if (m.isEmpty()) {
      return "{}";
    }
    String pad = " ".repeat(indent);
    StringBuilder b = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, ?> e : m.entrySet()) {
      b.append(first ? "\n" : ",\n").append(pad).append(quote(e.getKey())).append(": ");
      Object v = e.getValue();
      b.append(v instanceof Number ? v.toString() : quote(String.valueOf(v)));
      first = false;
    }
    return b.append('\n').append(" ".repeat(indent - 2)).append('}').toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
