package io.kefu.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tasks' KPI parts write their measures as variable-length longs: every long comes back. */
class VarLongTest {

  @Test
  void everyLongComesBack() throws Exception {
    long[] values = new long[1000];
    long[] edges = {
      0, 1, -1, 63, 64, -64, -65, 127, 128, 16_383, 16_384, Long.MAX_VALUE, Long.MIN_VALUE
    };
    System.arraycopy(edges, 0, values, 0, edges.length);
    Random random = new Random(3);
    for (int i = edges.length; i < values.length; i++) {
      values[i] = random.nextLong() >> random.nextInt(64);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (long v : values) {
      KpiBase.writeVarLong(out, v);
    }
    out.flush();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    for (long v : values) {
      assertEquals(v, KpiBase.readVarLong(in));
    }
    assertEquals(-1, in.read(), "nothing left over");
    ByteArrayOutputStream small = new ByteArrayOutputStream();
    KpiBase.writeVarLong(new DataOutputStream(small), 0);
    KpiBase.writeVarLong(new DataOutputStream(small), 60_000);
    assertEquals(1 + 3, small.size(), "a zero takes one byte, a minute in ms three");
  }
}
