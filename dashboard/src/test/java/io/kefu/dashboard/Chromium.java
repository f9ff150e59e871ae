package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}
 * (installed by {@code .ci/prepare}), named explicitly, so Selenium Manager never looks for, or
 * downloads, a browser or a driver. Other paths: {@code -Dkefu.chromium=…} and {@code
 * -Dkefu.chromedriver=…}.
 *
 * <p>Without them the browser tests are skipped with a message on a developer's machine, and fail
 * under CI ({@code CI=true}), where {@code .ci/prepare} must have installed them.
 */
final class Chromium {

  private Chromium() {}

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Path find(String property, List<String> candidates) {
    String set = System.getProperty(property);
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    return Path.of(candidates.get(0));
  }

  /** Starts a headless browser, or skips (not CI) or fails (CI) when there is none. */
  static ChromeDriver start() {
    Path browser = find("kefu.chromium", List.of("/usr/bin/chromium", "/usr/bin/chromium-browser"));
    Path driver =
        find(
            "kefu.chromedriver",
            List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"));
    if (!Files.isExecutable(browser) || !Files.isExecutable(driver)) {
      String why =
          "headless Chromium not found ("
              + browser
              + ", "
              + driver
              + "): install Debian's chromium and chromium-driver (.ci/prepare does)";
      if (inCi()) {
        fail("CI=true: " + why);
      }
      assumeTrue(false, "browser tests skipped: " + why);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI containers often run as root, where the sandbox cannot start
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--lang=zh-CN");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(30))
            .build();
    return new ChromeDriver(service, options);
  }
}
