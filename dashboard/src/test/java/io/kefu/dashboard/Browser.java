package io.kefu.dashboard;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client: keeps cookies, does not follow redirects (tests look at them), and
 * fills in forms the way a person would, CSRF token included.
 */
final class Browser {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final TestServer server;
  final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  Browser(TestServer server) {
    this.server = server;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A raw form post with exactly the fields given (name, value, name, value …). */
  HttpResponse<String> post(String path, String... nameValues)
      throws IOException, InterruptedException {
    String body = Html.url("", nameValues);
    body = body.isEmpty() ? "" : body.substring(1);
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the page, then submits one of its forms with its CSRF token added. */
  HttpResponse<String> submit(String page, String action, String... nameValues)
      throws IOException, InterruptedException {
    String token = csrfOf(get(page).body());
    String[] all = new String[nameValues.length + 2];
    all[0] = Csrf.FIELD;
    all[1] = token;
    System.arraycopy(nameValues, 0, all, 2, nameValues.length);
    return post(action, all);
  }

  HttpResponse<String> login(String username, String password)
      throws IOException, InterruptedException {
    return submit("/login", "/login", "username", username, "password", password);
  }

  static String csrfOf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF field in:\n" + html);
    }
    return m.group(1);
  }

  private URI uri(String path) {
    return server.base().resolve(path);
  }
}
