package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live wall on the real server, over live files published as the Flink job's sink does. */
class LiveServerTest {

  @TempDir static Path shared;
  static Path staff;

  @TempDir Path dir;
  TestServer server;
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void writeStaff() {
    staff = shared.resolve("staff.duckdb");
    TestServer.writeStaff(staff);
  }

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(dir).startWithStaffFrom(staff);
    TestWarehouse.publish(server.warehouse, c -> ReviewFixture.fill(c, false));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Browser signedIn(String user) throws Exception {
    Browser b = new Browser(server);
    assertEquals(303, b.login(user, TestServer.PASSWORD).statusCode());
    return b;
  }

  JsonNode api(Browser b) throws Exception {
    HttpResponse<String> r = b.get("/api/live");
    assertEquals(200, r.statusCode());
    return json.readTree(r.body());
  }

  @Test
  void shouldSayWhenTheLiveJobHasPublishedNothing() throws Exception {
    Browser b = signedIn("wang");
    assertTrue(b.get("/live").body().contains("实时数据尚未发布"));
    assertFalse(api(b).get("ok").asBoolean());
  }

  @Test
  void shouldShowTheShopRightNowAndFollowEachPublish() throws Exception {
    Instant now = Instant.now();
    TestWarehouse.publish(server.live, c -> LiveFixture.snapshot(c, now));
    Browser b = signedIn("wang");
    String html = b.get("/live").body();
    assertTrue(html.contains("id=\"live-shop\""));
    assertTrue(html.contains("<script src=\"/static/live.js\" defer></script>"));
    assertTrue(html.contains("小美 (a-xiaomei)") && html.contains("阿杰 (a-ajie)"), "roster names");
    assertTrue(html.contains("<tr data-id=\"s-w2\" class=\"wait-warning\">"), "90 s is amber");
    assertTrue(html.contains("<tr data-id=\"s-w1\" class=\"wait-ok\">"), "30 s is not");
    assertFalse(html.contains("<img src=x"), "alert details are text");
    assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; 爱买不买"));
    assertTrue(html.contains("不礼貌用语"), "quality alert kinds named");

    JsonNode j = api(b);
    assertTrue(j.get("ok").asBoolean());
    assertEquals("2", j.get("shop").get("waiting").asText());
    assertEquals("1:30", j.get("shop").get("longest_wait").asText());
    assertEquals("warning", j.get("shop").get("longest_wait_level").asText());
    assertEquals("5", j.get("shop").get("sessions_active").asText(), "3 + 2 in the last minute");
    // 30 minutes × (80 000 + 40 000) ms over 30 × 5 answers = 24 s
    assertEquals("24.0 s", j.get("shop").get("avg_rt_today").asText());
    assertEquals("¥2,985.00 · 30", j.get("shop").get("sales_today").asText());
    assertEquals(2, j.get("agents").size());
    assertEquals("a-ajie", j.get("agents").get(0).get("id").asText(), "longest wait first");

    HttpResponse<byte[]> png = bytes(b, "/live/chart.png?which=turns&k=x");
    assertEquals(200, png.statusCode());
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.body(), 4));
    assertEquals(200, bytes(b, "/live/chart.png?which=rt").statusCode());
    assertEquals(400, b.get("/live/chart.png?which=x'--").statusCode());

    // The next publish: a buyer waiting 200 s, red.
    TestWarehouse.publish(server.live, c -> LiveFixture.snapshot(c, now, "b-angry"));
    JsonNode next = api(b);
    assertEquals("3", next.get("shop").get("waiting").asText());
    assertEquals("breach", next.get("shop").get("longest_wait_level").asText());
    assertEquals("b-angry", next.get("waiting").get(0).get("buyer").asText());
    assertEquals("breach", next.get("waiting").get(0).get("level").asText());
    assertFalse(next.get("chartKey").asText().equals(j.get("chartKey").asText()));
  }

  @Test
  void shouldShowAReplayAtTheReplayedMoment() throws Exception {
    Instant past = Instant.parse("2026-11-11T02:00:00Z");
    TestWarehouse.publish(server.live, c -> LiveFixture.snapshot(c, past));
    Browser b = signedIn("boss");
    JsonNode j = api(b);
    assertTrue(
        j.get("status").asText().contains("回放数据：看板时间为 2026-11-11 09:59:58"),
        j.get("status").asText());
    assertEquals("1:28", j.get("shop").get("longest_wait").asText(), "waits at the watermark");
  }

  @Test
  void shouldKeepTheWallToManagers() throws Exception {
    TestWarehouse.publish(server.live, c -> LiveFixture.snapshot(c, Instant.now()));
    for (String user : new String[] {"zhao", "xiaomei"}) {
      Browser b = signedIn(user);
      assertEquals(403, b.get("/live").statusCode(), user);
      assertEquals(403, b.get("/api/live").statusCode(), user);
      assertEquals(403, b.get("/live/chart.png?which=rt").statusCode(), user);
    }
  }

  HttpResponse<byte[]> bytes(Browser b, String path) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(b.cookies).build();
    return http.send(
        HttpRequest.newBuilder(URI.create(server.base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
