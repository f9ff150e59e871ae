package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium: signing in through the form, what each role can open,
 * and the KPI explorer's filters, sorting and charts, as a person would use them. See {@link
 * Chromium} for the browser it needs. A screenshot of the explorer is kept in {@code
 * target/kpi-explorer.png}.
 */
class KpiBrowserTest {

  @TempDir static Path shared;
  static Path staff;
  static ChromeDriver browser;

  @TempDir Path dir;
  TestServer server;

  @BeforeAll
  static void startBrowser() {
    browser = Chromium.start();
    staff = shared.resolve("staff.duckdb");
    TestServer.writeStaff(staff);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(dir).startWithStaffFrom(staff);
    TestWarehouse.publish(server.warehouse, new KpiFixture(7)::fill);
    browser.manage().deleteAllCookies();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String url(String path) {
    return server.base() + path;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(10));
  }

  /** Signs in through the form of whatever login page the browser is on. */
  void signIn(String user) {
    browser.findElement(By.name("username")).sendKeys(user);
    browser.findElement(By.name("password")).sendKeys(TestServer.PASSWORD);
    browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
  }

  List<String> rankingKeys() {
    return browser.findElements(By.cssSelector("#kpi-ranking tbody tr")).stream()
        .map(tr -> tr.getAttribute("data-key"))
        .toList();
  }

  boolean imageLoaded(String figureId) {
    Object w =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const i = document.querySelector('#' + arguments[0] + ' img');"
                    + " return i && i.complete ? i.naturalWidth : 0;",
                figureId);
    return ((Number) w).intValue() > 0;
  }

  @Test
  void shouldSendAStrangerToSignInAndThenToTheExplorer() {
    browser.get(url("/kpi"));
    waiting().until(ExpectedConditions.urlContains("/login?next="));
    assertEquals("登录 · 客服洞察 Kefu Insight", browser.getTitle());
    signIn("wang");
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("kpi-ranking")));
    assertTrue(browser.getCurrentUrl().endsWith("/kpi"), browser.getCurrentUrl());
    assertEquals(
        List.of("a-ajie", "a-wangjie", "a-xiaomei", "a-ghost").size(), rankingKeys().size());
  }

  @Test
  void shouldFilterSortAndDrawChartsForAManager() throws Exception {
    browser.get(url("/login?next=%2Fkpi"));
    signIn("wang");
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("kpi-ranking")));
    waiting().until(d -> imageLoaded("chart-trend") && imageLoaded("chart-ranking"));

    new Select(browser.findElement(By.name("team"))).selectByVisibleText("售前一组");
    new Select(browser.findElement(By.name("grain"))).selectByValue("week");
    new Select(browser.findElement(By.name("metric"))).selectByValue("art_avg_s");
    browser.findElement(By.cssSelector("#kpi-filters button[type=submit]")).click();
    waiting().until(ExpectedConditions.urlContains("grain=week"));
    assertEquals(
        List.of("a-ajie", "a-xiaomei"), rankingKeys().stream().sorted().toList(), "one team");
    assertEquals(2, browser.findElements(By.cssSelector("#kpi-trend tbody tr")).size(), "weeks");
    waiting().until(d -> imageLoaded("chart-trend") && imageLoaded("chart-ranking"));
    assertTrue(
        browser
            .findElement(By.cssSelector("#chart-trend img"))
            .getAttribute("alt")
            .contains("平均响应时间"));

    // Sorting by 接待人数: first click sorts descending, the second ascending.
    browser.findElement(By.cssSelector("#kpi-ranking th[data-key=received_buyers] a")).click();
    waiting().until(ExpectedConditions.urlContains("sort=received_buyers"));
    List<Integer> received = column("received_buyers");
    assertEquals(received.stream().sorted((a, b) -> b - a).toList(), received);
    browser.findElement(By.cssSelector("#kpi-ranking th[data-key=received_buyers] a")).click();
    waiting().until(ExpectedConditions.urlContains("dir=asc"));
    received = column("received_buyers");
    assertEquals(received.stream().sorted().toList(), received);

    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, Path.of("target/kpi-explorer.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private List<Integer> column(String metric) {
    return browser
        .findElements(By.cssSelector("#kpi-ranking tbody td[data-m=" + metric + "]"))
        .stream()
        .map(WebElement::getText)
        .map(s -> Integer.parseInt(s.replace(",", "")))
        .toList();
  }

  @Test
  void shouldShowAnAgentOnlyTheirOwnFigures() {
    browser.get(url("/login?next=%2Fkpi"));
    signIn("xiaomei");
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("kpi-ranking")));
    assertEquals(List.of("a-xiaomei"), rankingKeys());
    assertTrue(browser.findElements(By.name("team")).isEmpty());
    assertFalse(browser.getPageSource().contains("阿杰"));
    waiting().until(d -> imageLoaded("chart-ranking"));

    browser.get(url("/kpi?agent=a-ajie"));
    assertEquals("无权访问 · 客服洞察 Kefu Insight", browser.getTitle());
    browser.get(url("/admin/users"));
    assertEquals("无权访问 · 客服洞察 Kefu Insight", browser.getTitle());
    browser.get(url("/health"));
    assertEquals("无权访问 · 客服洞察 Kefu Insight", browser.getTitle());
  }

  @Test
  void shouldSignOutAndThenRefuse() {
    browser.get(url("/login"));
    signIn("boss");
    waiting().until(ExpectedConditions.titleContains("首页"));
    browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
    waiting().until(ExpectedConditions.urlContains("/login"));
    browser.get(url("/kpi/export.csv"));
    waiting().until(ExpectedConditions.urlContains("/login?next="));
  }
}
