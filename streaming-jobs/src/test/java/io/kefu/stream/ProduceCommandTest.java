package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.EventParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** kefu produce: the record key, and bad arguments (sending is in KafkaIntegrationTest). */
class ProduceCommandTest {

  static final EventParser PARSER = new EventParser();

  @Test
  void aBuyersEventsShareAKeySoTheyKeepTheirOrderInOnePartition() {
    String chat =
        "{\"event_id\":\"e1\",\"type\":\"session_start\",\"ts\":\"2026-11-02T10:00:00+08:00\","
            + "\"shop_id\":\"s1\",\"session_id\":\"x\",\"buyer_id\":\"tb_lily\","
            + "\"channel\":\"tmall\",\"agent_id\":\"a-xiaoxue\",\"queue\":\"pre_sale\"}";
    assertEquals("s1/tb_lily", ProduceCommand.key(PARSER.parse(chat)));
    assertNull(ProduceCommand.key(PARSER.parse("not json")), "a rejected line has no key");
  }

  @Test
  void badArgumentsExitTwoAndSayWhy() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ProduceCommand.run(
            new String[] {"--input", "/no/such/dir", "--frob", "1"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String m = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code);
    assertTrue(m.contains("--input /no/such/dir: no such folder"), m);
    assertTrue(m.contains("unknown option '--frob'"), m);
  }
}
