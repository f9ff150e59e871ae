package io.kefu.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** A task's lines grouped by key: every key's lines in one run, in arrival order. */
class GroupedTest {

  @Test
  void keysSharingTheirHighBitsStayInOneRunInArrivalOrder() {
    long a = 0x1234_5678_9A00_0001L;
    long b = 0x1234_5678_9A00_0002L; // same high 40 bits as a
    long c = 0x7000_0000_0000_0000L;
    long d = 0x8000_0000_0000_0000L; // negative: sorts first
    long[] keys = {a, c, b, d, a, b, c, a};
    List<Tuple2<Long, byte[]>> lines = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      lines.add(new Tuple2<>(keys[i], new byte[] {(byte) i}));
    }
    KpiBatchJob.Grouped g = new KpiBatchJob.Grouped(lines.iterator());
    Map<Long, List<Integer>> runs = new LinkedHashMap<>();
    for (int i = 0; i < g.size(); i++) {
      runs.computeIfAbsent(g.run(i), k -> new ArrayList<>()).add((int) g.take(i)[0]);
    }
    // Three runs: {a, b} together, c, d; each run's lines in arrival order, each line once.
    assertEquals(3, runs.size());
    assertEquals(List.of(0, 2, 4, 5, 7), runs.get(a >>> 24));
    assertEquals(List.of(1, 6), runs.get(c >>> 24));
    assertEquals(List.of(3), runs.get(d >>> 24));
  }

  @Test
  void anEmptyTaskHasNoRun() {
    assertEquals(0, new KpiBatchJob.Grouped(List.<Tuple2<Long, byte[]>>of().iterator()).size());
  }
}
