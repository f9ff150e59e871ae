package io.kefu.dashboard;

import static io.kefu.dashboard.ReviewFixture.RUDE;
import static io.kefu.dashboard.ReviewFixture.SHOP;
import static io.kefu.dashboard.ReviewFixture.XSS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review workflow and the live wall in a real headless Chromium (see {@link Chromium}): a
 * reviewer deciding hits with the mouse, decisions surviving a restart, an agent refused a
 * colleague's transcript, a script in a chat message shown as text, an injected filter, a stranger
 * sent to sign in, and the live wall following a new publish of the live file. Screenshots: {@code
 * target/review-transcript.png}, {@code target/live-wall.png}.
 */
class ReviewBrowserTest {

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
    TestWarehouse.publish(server.warehouse, c -> ReviewFixture.fill(c, true));
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
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  void signIn(String user, String next) {
    browser.get(url("/login?next=" + Html.urlPart(next)));
    browser.findElement(By.name("username")).sendKeys(user);
    browser.findElement(By.name("password")).sendKeys(TestServer.PASSWORD);
    browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  void screenshot(String name) throws Exception {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, Path.of("target/" + name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void shouldKeepAReviewersDecisionsAcrossARestart() throws Exception {
    browser.get(url("/review"));
    waiting().until(ExpectedConditions.urlContains("/login?next="));
    signIn("zhao", "/review");
    browser.findElement(By.cssSelector("#review-queue tr[data-session='" + RUDE + "'] a")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("transcript")));
    assertTrue(
        browser
            .findElement(By.cssSelector("tr[data-event='e-r4']"))
            .getAttribute("class")
            .contains("hit-critical"),
        "the rude line is highlighted");
    browser.findElement(By.cssSelector("input[name='hit.1'][value='dismiss']")).click();
    browser.findElement(By.cssSelector("input[name='hit.3'][value='dismiss']")).click();
    browser.findElement(By.id("comment")).sendKeys("慢回复有原因；告别语不计");
    browser.findElement(By.id("save-review")).click();
    waiting().until(ExpectedConditions.urlContains("done=saved"));
    // 100 - the one confirmed hit's 30 points (59 automatic under V2 + the dismissed 6 and 5)
    assertEquals("70", browser.findElement(By.id("reviewed-score")).getText());
    screenshot("review-transcript.png");

    server.restart();
    browser.manage().deleteAllCookies();
    signIn("zhao", ReviewPages.transcriptUrl(SHOP, RUDE, null));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("transcript")));
    assertTrue(
        browser.findElement(By.cssSelector("input[name='hit.1'][value='dismiss']")).isSelected());
    assertTrue(
        browser.findElement(By.cssSelector("input[name='hit.2'][value='confirm']")).isSelected());
    assertTrue(
        browser.findElement(By.cssSelector("input[name='hit.3'][value='dismiss']")).isSelected());
    assertEquals("70", browser.findElement(By.id("reviewed-score")).getText());
    assertEquals("慢回复有原因；告别语不计", browser.findElement(By.id("comment")).getAttribute("value"));
  }

  @Test
  void shouldShowAScriptInAChatMessageAsText() {
    signIn("zhao", ReviewPages.transcriptUrl(SHOP, XSS, null));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("transcript")));
    assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    String cell =
        browser.findElement(By.cssSelector("tr[data-event='e-x1'] td.text")).getText().strip();
    assertEquals(ReviewFixture.XSS_TEXT, cell);
    assertTrue(browser.findElements(By.cssSelector("#transcript img")).isEmpty());
    assertTrue(browser.findElements(By.cssSelector("#transcript b")).isEmpty());
  }

  @Test
  void shouldRefuseAnAgentAColleaguesTranscriptAndIgnoreInjectedFilters() {
    signIn("xiaomei", ReviewPages.transcriptUrl(SHOP, RUDE, null));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("transcript")));
    assertFalse(browser.getPageSource().contains(ReviewFixture.PHONE), "masked for an agent");
    browser.get(url(ReviewPages.transcriptUrl(SHOP, XSS, null)));
    assertEquals("无权访问 · 客服洞察 Kefu Insight", browser.getTitle());
    browser.get(url("/review"));
    assertEquals("无权访问 · 客服洞察 Kefu Insight", browser.getTitle());

    browser.manage().deleteAllCookies();
    signIn("zhao", "/review?week=all&agent=" + Html.urlPart("x' OR '1'='1"));
    assertTrue(browser.findElements(By.cssSelector("#review-queue tbody tr")).isEmpty());
    browser.get(url("/review?week=all"));
    assertEquals(5, browser.findElements(By.cssSelector("#review-queue tbody tr")).size());
  }

  @Test
  void shouldFollowNewRowsOnTheLiveWall() throws Exception {
    Instant now = Instant.now();
    TestWarehouse.publish(server.live, c -> LiveFixture.snapshot(c, now));
    signIn("wang", "/live");
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("live-shop")));
    assertEquals(
        "2", browser.findElement(By.cssSelector("#live-shop [data-k='waiting']")).getText());
    assertTrue(
        browser
            .findElement(By.cssSelector("#live-waiting tr[data-id='s-w2']"))
            .getAttribute("class")
            .contains("wait-warning"));
    waiting()
        .until(
            d ->
                ((Number)
                            ((org.openqa.selenium.JavascriptExecutor) d)
                                .executeScript(
                                    "const i = document.getElementById('live-chart-turns');"
                                        + " return i && i.complete ? i.naturalWidth : 0;"))
                        .intValue()
                    > 0);

    TestWarehouse.publish(server.live, c -> LiveFixture.snapshot(c, now, "b-angry"));
    waiting()
        .until(ExpectedConditions.textToBe(By.cssSelector("#live-shop [data-k='waiting']"), "3"));
    assertTrue(
        browser
            .findElement(By.cssSelector("#live-waiting tbody tr:first-child"))
            .getAttribute("class")
            .contains("wait-breach"));
    assertEquals(
        "b-angry",
        browser
            .findElement(By.cssSelector("#live-waiting tbody tr:first-child td[data-k='buyer']"))
            .getText());
    assertTrue(browser.findElements(By.cssSelector("#live-alerts img")).isEmpty());
    screenshot("live-wall.png");
  }
}
