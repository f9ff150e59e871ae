import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for the dashboard: N virtual managers, each signed in with its own session, each
 * repeatedly opening a KPI explorer view (the page, then its trend and ranking PNGs, as a browser
 * does) with a think time between views, for a fixed time. Views are drawn from a fixed mix: the
 * default view (last 14 days by agent), one agent's 14 days (200 agents), a 90-day weekly trend,
 * a team ranking over 6 weeks, and a chosen figure. Prints p50/p95/p99/max per kind of request and
 * the errors (any status other than 200, or an exception). Only talks to the given local URL.
 *
 * <p>Usage: java LoadClient.java BASE_URL USER PASSWORD [users=50] [seconds=60] [thinkMs=1000]
 * [agents=200]
 */
public class LoadClient {

  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  record Sample(String kind, long micros, boolean ok) {}

  public static void main(String[] a) throws Exception {
    URI base = URI.create(a[0]);
    if (!List.of("127.0.0.1", "localhost", "[::1]").contains(base.getHost())) {
      throw new IllegalArgumentException("only a dashboard on this machine is a target");
    }
    String user = a[1];
    String password = a[2];
    int users = a.length > 3 ? Integer.parseInt(a[3]) : 50;
    int seconds = a.length > 4 ? Integer.parseInt(a[4]) : 60;
    int thinkMs = a.length > 5 ? Integer.parseInt(a[5]) : 1000;
    int agents = a.length > 6 ? Integer.parseInt(a[6]) : 200;

    List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    CountDownLatch signedIn = new CountDownLatch(users);
    CountDownLatch done = new CountDownLatch(users);
    long[] window = new long[2];
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int id = u;
      Thread t =
          new Thread(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                try {
                  signIn(http, base, user, password);
                } catch (Exception e) {
                  errors.computeIfAbsent("sign-in: " + e, k -> new AtomicInteger()).incrementAndGet();
                  signedIn.countDown();
                  done.countDown();
                  return;
                }
                signedIn.countDown();
                try {
                  signedIn.await();
                  Random r = new Random(id);
                  long end = System.nanoTime() + seconds * 1_000_000_000L;
                  Thread.sleep(r.nextInt(Math.max(1, thinkMs + 1)));
                  while (System.nanoTime() < end) {
                    String q = view(r, agents);
                    get(http, base, "/kpi" + q, "page", samples, errors);
                    get(http, base, "/kpi/trend.png" + q, "trend.png", samples, errors);
                    get(http, base, "/kpi/ranking.png" + q, "ranking.png", samples, errors);
                    if (thinkMs > 0) {
                      Thread.sleep(thinkMs / 2 + r.nextInt(thinkMs + 1));
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              });
      threads.add(t);
      t.start();
    }
    signedIn.await();
    window[0] = System.nanoTime();
    done.await();
    window[1] = System.nanoTime();
    double secs = (window[1] - window[0]) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%d users, %d s, think time %d ms (±50%%), %d requests, %.1f requests/s%n",
        users,
        seconds,
        thinkMs,
        samples.size(),
        samples.size() / secs);
    System.out.printf("%-12s %7s %8s %8s %8s %8s %7s%n", "kind", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors");
    for (String kind : List.of("page", "trend.png", "ranking.png", "all")) {
      List<Long> ms = new ArrayList<>();
      long bad = 0;
      synchronized (samples) {
        for (Sample s : samples) {
          if (kind.equals("all") || s.kind().equals(kind)) {
            ms.add(s.micros());
            if (!s.ok()) {
              bad++;
            }
          }
        }
      }
      Collections.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "%-12s %7d %8.1f %8.1f %8.1f %8.1f %7d%n",
          kind,
          ms.size(),
          pct(ms, 50),
          pct(ms, 95),
          pct(ms, 99),
          ms.isEmpty() ? 0 : ms.get(ms.size() - 1) / 1000.0,
          bad);
    }
    errors.forEach((k, v) -> System.out.println("error: " + k + " × " + v));
    System.exit(errors.isEmpty() ? 0 : 1);
  }

  /** One view of the explorer, as a query string. */
  static String view(Random r, int agents) {
    int pick = r.nextInt(10);
    String agent = String.format("a-%03d", 1 + r.nextInt(agents));
    return switch (pick) {
      case 0, 1, 2 -> ""; // the default view: last 14 days by agent
      case 3, 4 -> "?agent=" + agent;
      case 5, 6 -> "?from=2026-08-17&to=2026-11-15&grain=week&metric=art_avg_s";
      case 7 -> "?by=team&from=2026-10-05&to=2026-11-15&metric=inquiry_conversion_rate";
      case 8 -> "?team=" + URLEncoder.encode("第" + (1 + r.nextInt(10)) + "组", StandardCharsets.UTF_8);
      default -> "?metric=sales&from=2026-11-01&to=2026-11-15";
    };
  }

  static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1000.0;
  }

  static void get(
      HttpClient http,
      URI base,
      String path,
      String kind,
      List<Sample> samples,
      Map<String, AtomicInteger> errors) {
    long t0 = System.nanoTime();
    boolean ok;
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      ok = r.statusCode() == 200 && r.body().length > 0;
      if (!ok) {
        errors.computeIfAbsent(kind + " HTTP " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
      }
    } catch (Exception e) {
      ok = false;
      errors.computeIfAbsent(kind + " " + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
    }
    samples.add(new Sample(kind, (System.nanoTime() - t0) / 1000, ok));
  }

  static void signIn(HttpClient http, URI base, String user, String password) throws Exception {
    String page =
        http.send(HttpRequest.newBuilder(base.resolve("/login")).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("no CSRF token on /login");
    }
    String body =
        "_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)
            + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 303) {
      throw new IllegalStateException("sign-in answered " + r.statusCode());
    }
  }
}
