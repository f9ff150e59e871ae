package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KPI explorer's routes on the real server on a random port, over the fixture warehouse. */
class KpiServerTest {

  static final String PASSWORD = TestServer.PASSWORD;
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir static Path shared;
  static Path staff;

  @TempDir Path dir;
  TestServer server;

  @BeforeAll
  static void writeStaff() {
    staff = shared.resolve("staff.duckdb");
    TestServer.writeStaff(staff);
  }

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(dir).startWithStaffFrom(staff);
    TestWarehouse.publish(server.warehouse, new KpiFixture(7)::fill);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Browser signedIn(String user) throws Exception {
    Browser b = new Browser(server);
    assertEquals(303, b.login(user, PASSWORD).statusCode());
    return b;
  }

  HttpResponse<byte[]> bytes(Browser b, String path) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(b.cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return http.send(
        HttpRequest.newBuilder(URI.create(server.base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void shouldShowAManagerEveryAgentAndEveryFigure() throws Exception {
    Browser b = signedIn("wang");
    HttpResponse<String> r = b.get("/kpi");
    assertEquals(200, r.statusCode());
    String html = r.body();
    for (String name : new String[] {"小美", "阿杰", "王姐", "a-ghost"}) {
      assertTrue(html.contains(name), name);
    }
    for (Metric m : Metric.values()) {
      assertTrue(html.contains("data-m=\"" + m.column() + "\""), m.column());
    }
    assertTrue(html.contains("询单转化率") && html.contains("客单价"));
    assertTrue(html.contains("value=\"2026-11-02\"") && html.contains("value=\"2026-11-15\""));
    assertTrue(html.contains("/kpi/trend.png?") && html.contains("/kpi/ranking.svg?"));
    assertTrue(html.contains("last touch, 24h window"), "the attribution rule is printed");
    assertTrue(b.get("/").body().contains("href=\"/kpi\""), "landing page links the explorer");
  }

  @Test
  void shouldFilterByTeamAndRankTeams() throws Exception {
    Browser b = signedIn("wang");
    String team = b.get("/kpi?team=%E5%94%AE%E5%90%8E%E4%B8%80%E7%BB%84").body(); // 售后一组
    assertTrue(team.contains("data-key=\"a-wangjie\""));
    assertFalse(team.contains("data-key=\"a-xiaomei\""));
    String teams = b.get("/kpi?by=team&grain=week").body();
    assertTrue(teams.contains("data-key=\"售前一组\"") && teams.contains("（未分组）"));
    assertTrue(teams.contains("data-key=\"2026-11-09\""), "weekly trend rows");
  }

  @Test
  void shouldKeepAnAgentToTheirOwnRows() throws Exception {
    Browser b = signedIn("xiaomei");
    String html = b.get("/kpi").body();
    assertTrue(html.contains("data-key=\"a-xiaomei\""));
    assertFalse(html.contains("a-ajie") || html.contains("阿杰"), "no other agent anywhere");
    assertFalse(html.contains("name=\"team\""), "no team filter for an agent");
    String byTeam = b.get("/kpi?by=team&team=%E5%94%AE%E5%89%8D%E4%B8%80%E7%BB%84").body();
    assertTrue(byTeam.contains("data-key=\"a-xiaomei\"") && !byTeam.contains("阿杰"));
    for (String path :
        new String[] {
          "/kpi?agent=a-ajie",
          "/kpi/trend.png?agent=a-ajie",
          "/kpi/ranking.svg?agent=a-ajie",
          "/kpi/export.csv?agent=a-ajie",
          "/kpi/export.xlsx?agent=a-ajie"
        }) {
      assertEquals(403, b.get(path).statusCode(), path);
    }
    String csv = b.get("/kpi/export.csv").body();
    assertTrue(csv.contains("a-xiaomei") && !csv.contains("a-ajie"), csv);
  }

  @Test
  void shouldRefuseOthers() throws Exception {
    Browser anonymous = new Browser(server);
    for (String path : new String[] {"/kpi", "/kpi/trend.png", "/kpi/export.csv"}) {
      HttpResponse<String> r = anonymous.get(path);
      assertEquals(303, r.statusCode(), path);
      assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login?next="));
    }
    Browser reviewer = signedIn("zhao");
    assertEquals(403, reviewer.get("/kpi").statusCode());
    assertEquals(403, reviewer.get("/kpi/export.xlsx").statusCode());
  }

  @Test
  void shouldRejectMalformedFiltersWithAMessage() throws Exception {
    Browser b = signedIn("wang");
    HttpResponse<String> date = b.get("/kpi?from=yesterday");
    assertEquals(400, date.statusCode());
    assertTrue(date.body().contains("日期格式不正确"));
    assertEquals(400, b.get("/kpi?from=2026-11-10&to=2026-11-01").statusCode());
    assertEquals(400, b.get("/kpi?from=2020-01-01&to=2026-11-01").statusCode());
    assertEquals(400, b.get("/kpi?metric=1;DROP").statusCode());
    assertEquals(400, b.get("/kpi?sort=rt_sum_ms").statusCode());
    assertEquals(400, b.get("/kpi/export.csv?table=users").statusCode());
    String none = b.get("/kpi?from=2030-01-01&to=2030-01-02").body();
    assertTrue(none.contains("所选范围内没有数据"));
  }

  @Test
  void shouldServeChartsAsPngAndSvg() throws Exception {
    Browser b = signedIn("wang");
    HttpResponse<byte[]> png = bytes(b, "/kpi/trend.png?metric=art_avg_s&grain=week");
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(PNG, Arrays.copyOf(png.body(), 4));
    java.awt.image.BufferedImage image =
        javax.imageio.ImageIO.read(new ByteArrayInputStream(png.body()));
    assertEquals(KpiCharts.WIDTH, image.getWidth());
    HttpResponse<String> svg = b.get("/kpi/ranking.svg?metric=inquiry_conversion_rate");
    assertEquals(200, svg.statusCode());
    assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
    assertTrue(svg.body().contains("<svg") && svg.body().contains("询单转化率排名"));
    assertTrue(svg.body().contains("小美"));
  }

  @Test
  void shouldExportWhatIsOnScreen() throws Exception {
    Browser b = signedIn("wang");
    HttpResponse<byte[]> csv =
        bytes(b, "/kpi/export.csv?team=%E5%94%AE%E5%89%8D%E4%B8%80%E7%BB%84");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains(".csv"));
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFF姓名,客服工号,组别,接待人数"), text);
    assertEquals(4, text.split("\r\n").length, "header, 2 agents, total");
    HttpResponse<byte[]> xlsx = bytes(b, "/kpi/export.xlsx?grain=week");
    assertEquals(200, xlsx.statusCode());
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      assertEquals(3, wb.getNumberOfSheets());
      assertEquals("排名", wb.getSheetName(0));
      assertEquals(1 + 4 + 1, wb.getSheetAt(0).getPhysicalNumberOfRows());
      assertEquals(1 + 2, wb.getSheetAt(1).getPhysicalNumberOfRows(), "two weeks");
    }
  }

  @Test
  void shouldSpeakEnglishWhenAsked() throws Exception {
    Browser b = signedIn("wang");
    b.submit("/kpi", "/lang", "lang", "en", "back", "/kpi");
    String html = b.get("/kpi").body();
    assertTrue(html.contains("KPI explorer") && html.contains("Inquiry conversion"));
    HttpResponse<String> svg = b.get("/kpi/trend.svg?metric=sales");
    assertTrue(svg.body().contains("Sales (CNY): trend"), "chart titles in English too");
  }

  @Test
  void shouldSayWhenNothingIsPublished() throws Exception {
    java.nio.file.Files.delete(server.warehouse);
    Browser b = signedIn("wang");
    assertTrue(b.get("/kpi").body().contains("尚未发布数据"));
    assertEquals(404, b.get("/kpi/trend.png").statusCode());
  }
}
