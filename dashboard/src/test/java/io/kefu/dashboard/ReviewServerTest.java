package io.kefu.dashboard;

import static io.kefu.dashboard.ReviewFixture.CLEAN;
import static io.kefu.dashboard.ReviewFixture.LEAK;
import static io.kefu.dashboard.ReviewFixture.OLD;
import static io.kefu.dashboard.ReviewFixture.RUDE;
import static io.kefu.dashboard.ReviewFixture.SHOP;
import static io.kefu.dashboard.ReviewFixture.V1;
import static io.kefu.dashboard.ReviewFixture.V2;
import static io.kefu.dashboard.ReviewFixture.XSS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.dashboard.report.ReviewedScores;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review workflow on the real server on a random port, over {@link ReviewFixture}: the queue
 * and its filters, transcripts (escaping, masking, agents only their own), reviews that survive a
 * restart and a re-publish, disputes, calibration and the reviewed score for reports.
 */
class ReviewServerTest {

  static final String PASSWORD = TestServer.PASSWORD;

  @TempDir static Path shared;
  static Path staff;

  @TempDir Path dir;
  TestServer server;

  @BeforeAll
  static void writeStaff() {
    staff = shared.resolve("staff.duckdb");
    TestServer.writeStaff(staff);
    try (AppDb db = AppDb.open(staff)) {
      UserService users =
          new UserService(new AppRepository(db), new PasswordHasher(), Clock.systemUTC());
      users.create(AuditEntry.SYSTEM, "qian", "reviewer", null, PASSWORD, "test");
      users.create(AuditEntry.SYSTEM, "ajie", "agent", "a-ajie", PASSWORD, "test");
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(dir).startWithStaffFrom(staff);
    TestWarehouse.publish(server.warehouse, c -> ReviewFixture.fill(c, true));
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

  static String transcript(String session, String version) {
    return ReviewPages.transcriptUrl(SHOP, session, version);
  }

  /** Saves a review through the transcript's form: decisions per hit seq, score may be empty. */
  static HttpResponse<String> review(
      Browser b, String session, String version, String score, String comment, String... hits)
      throws Exception {
    String[] fields = new String[10 + hits.length];
    fields[0] = "shop";
    fields[1] = SHOP;
    fields[2] = "session";
    fields[3] = session;
    fields[4] = "version";
    fields[5] = version;
    fields[6] = "score";
    fields[7] = score;
    fields[8] = "comment";
    fields[9] = comment;
    System.arraycopy(hits, 0, fields, 10, hits.length);
    return b.submit(transcript(session, version), "/review/session/decide", fields);
  }

  @Test
  void shouldListTheLatestVersionsQueueMostUrgentFirst() throws Exception {
    Browser b = signedIn("zhao");
    String html = b.get("/review").body();
    assertTrue(html.contains("规则版本 " + V2), "the newest version by default");
    int rude = html.indexOf("data-session=\"" + RUDE + "\"");
    int leak = html.indexOf("data-session=\"" + LEAK + "\"");
    int xss = html.indexOf("data-session=\"" + XSS + "\"");
    int clean = html.indexOf("data-session=\"" + CLEAN + "\"");
    assertTrue(rude > 0 && leak > 0 && xss > 0 && clean > 0, html);
    assertTrue(rude < xss && leak < xss && xss < clean, "critical, low score, sample");
    assertFalse(html.contains("data-session=\"" + OLD + "\""), "the latest week by default");
    assertTrue(b.get("/review?week=all").body().contains("data-session=\"" + OLD + "\""));
    String old = b.get("/review?week=2026-11-02&version=" + V1).body();
    assertTrue(old.contains("data-session=\"" + OLD + "\"") && !old.contains(RUDE));

    String critical = b.get("/review?reason=critical").body();
    assertTrue(critical.contains(RUDE) && critical.contains(LEAK) && !critical.contains(CLEAN));
    String mei = b.get("/review?agent=a-xiaomei").body();
    assertTrue(mei.contains(RUDE) && mei.contains(CLEAN) && !mei.contains(LEAK));
    assertTrue(b.get("/").body().contains("href=\"/review\""), "landing page links the queue");
  }

  @Test
  void shouldTreatInjectedFilterValuesAsData() throws Exception {
    Browser b = signedIn("zhao");
    String injected =
        b.get("/review?agent=" + Html.urlPart("a-xiaomei' OR '1'='1") + "&week=all").body();
    assertTrue(injected.contains("没有符合条件的会话"), "no row matches the literal value");
    assertFalse(injected.contains("data-session="));
    String version =
        b.get("/review?version=" + Html.urlPart(V2 + "' OR 1=1 --") + "&week=all").body();
    assertFalse(version.contains("data-session="));
    assertEquals(400, b.get("/review?reason=critical'--").statusCode());
    assertEquals(
        400, b.get("/review?week=" + Html.urlPart("2026-11-09;DROP TABLE review")).statusCode());
    assertEquals(
        404,
        b.get("/review/session?shop=" + SHOP + "&session=" + Html.urlPart("x' OR '1'='1"))
            .statusCode());
    // Everything still there.
    assertTrue(b.get("/review").body().contains(RUDE));
  }

  @Test
  void shouldShowTheTranscriptWithTimesResponseTimesAndHitsOnTheirLines() throws Exception {
    Browser b = signedIn("zhao");
    HttpResponse<String> r = b.get(transcript(RUDE, null));
    assertEquals(200, r.statusCode());
    String html = r.body();
    assertTrue(html.contains("<strong>" + V2 + "</strong>"), "latest version by default");
    assertTrue(html.contains(">10:00:00<") && html.contains(">10:01:15<"), "shop-local times");
    assertTrue(html.contains("1 min 15 s"), "response time of the slow answer");
    assertTrue(html.contains("class=\"num rt slow\""), "over the 60 s limit");
    int line = html.indexOf("data-event=\"e-r4\"");
    int end = html.indexOf("</tr>", line);
    String rudeLine = html.substring(line, end);
    assertTrue(rudeLine.contains("hit-critical") && rudeLine.contains("data-rule=\"impolite\""));
    assertTrue(rudeLine.contains("data-rule=\"closing\""));
    assertTrue(rudeLine.contains("<mark>爱买不买</mark>"), rudeLine);
    assertTrue(html.contains(ReviewFixture.PHONE), "a reviewer sees the buyer's number");
    assertTrue(html.contains("文三路100号3幢201室"));
    assertEquals(1, server.repo().auditCount(AuditEntry.TRANSCRIPT_OPENED));
    assertTrue(
        server.repo().auditPage(AuditEntry.TRANSCRIPT_OPENED, 0, 1).get(0).target().endsWith(RUDE));
    String v1 = b.get(transcript(RUDE, V1)).body();
    assertTrue(
        v1.contains("<strong>" + V1 + "</strong>") && v1.contains("id=\"auto-score\">60 · C"));
    assertEquals(404, b.get(transcript(RUDE, "zh-9999")).statusCode());
  }

  @Test
  void shouldShowChatTextAsTextNeverAsMarkup() throws Exception {
    Browser b = signedIn("zhao");
    String html = b.get(transcript(XSS, null)).body();
    assertFalse(html.contains("<script>alert"), "no script from a message");
    assertFalse(html.contains("<img src=x"));
    assertFalse(html.contains("<b>收到</b>"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;"));
    assertTrue(html.contains("&lt;b&gt;收到&lt;/b&gt;"));
    assertTrue(html.contains("id=\"session-hits\""), "the unanswered hit has no line");
  }

  @Test
  void shouldKeepAnAgentToTheirOwnTranscriptsWithContactsMasked() throws Exception {
    Browser mei = signedIn("xiaomei");
    HttpResponse<String> own = mei.get(transcript(RUDE, null));
    assertEquals(200, own.statusCode());
    assertFalse(own.body().contains(ReviewFixture.PHONE), "masked for an agent");
    assertTrue(own.body().contains("138****5678"));
    assertTrue(own.body().contains("文三路***号*幢***室"));
    assertFalse(own.body().contains("name=\"hit.1\""), "no review form for an agent");
    for (String other : List.of(XSS, LEAK)) {
      assertEquals(403, mei.get(transcript(other, null)).statusCode(), other);
      assertEquals(403, mei.get(transcript(other, V1)).statusCode(), other);
    }
    assertEquals(403, mei.get("/review").statusCode(), "no queue for agents");
    assertEquals(403, mei.get("/review/calibration").statusCode());
    assertEquals(
        403,
        mei.submit(
                transcript(RUDE, null),
                "/review/session/decide",
                "shop",
                SHOP,
                "session",
                RUDE,
                "version",
                V2,
                "score",
                "100")
            .statusCode(),
        "agents do not review");
    assertEquals(200, mei.get("/review/mine").statusCode());
  }

  @Test
  void shouldRefuseStrangers() throws Exception {
    Browser anonymous = new Browser(server);
    for (String path :
        List.of("/review", transcript(RUDE, null), "/review/disputes", "/review/mine", "/live")) {
      HttpResponse<String> r = anonymous.get(path);
      assertEquals(303, r.statusCode(), path);
      assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login?next="));
    }
    assertEquals(401, anonymous.get("/api/live").statusCode());
    HttpResponse<String> post =
        anonymous.post("/review/session/decide", "shop", SHOP, "session", RUDE, "version", V2);
    assertTrue(post.statusCode() == 403 || post.statusCode() == 303, "" + post.statusCode());
    assertEquals(0, new ReviewRepository(server.repo().db()).summaries(null, null).size());
    Browser boss = signedIn("boss");
    assertTrue(boss.get("/review").body().contains(RUDE), "admins review too");
  }

  @Test
  void shouldKeepDecisionsAcrossARestartAndARepublish() throws Exception {
    Browser b = signedIn("zhao");
    HttpResponse<String> saved =
        review(
            b, RUDE, V2, "", "态度问题属实", "hit.1", "dismiss", "hit.2", "confirm", "hit.3", "confirm");
    assertEquals(303, saved.statusCode(), saved.body());
    String page = b.get(saved.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(page.contains("复核已保存"));
    // 100 - the confirmed hits' 35 points (= 59 automatic under V2 + the dismissed slow answer's 6)
    assertTrue(page.contains("id=\"reviewed-score\">65<"), page);
    assertEquals(1, server.repo().auditCount(AuditEntry.REVIEW_SAVED));

    server.restart();
    TestWarehouse.publish(server.warehouse, c -> ReviewFixture.fill(c, true));
    b = signedIn("zhao");
    String again = b.get(transcript(RUDE, V2)).body();
    assertTrue(again.contains("id=\"reviewed-score\">65<"));
    assertTrue(again.contains("name=\"hit.1\" value=\"dismiss\" checked"), "decision kept");
    assertTrue(again.contains("name=\"hit.2\" value=\"confirm\" checked"));
    assertTrue(again.contains("态度问题属实"));
    String queue = b.get("/review").body();
    assertTrue(queue.contains("data-status=\"reviewed\""));

    // Changing one's mind replaces the decisions, it does not add to them.
    review(b, RUDE, V2, "70", "改判", "hit.1", "confirm", "hit.2", "confirm", "hit.3", "dismiss");
    List<ReviewRepository.Review> all =
        new ReviewRepository(server.repo().db())
            .reviewsOf(new ReviewRepository.SessionRef(SHOP, RUDE, V2));
    assertEquals(1, all.size());
    assertEquals(70, all.get(0).score());
    assertEquals(3, all.get(0).hits().size());
    assertFalse(all.get(0).hits().get(2).confirmed());
    assertEquals(
        400,
        review(b, RUDE, V2, "101", "", "hit.1", "confirm", "hit.2", "confirm", "hit.3", "confirm")
            .statusCode());
    assertEquals(400, review(b, RUDE, V2, "", "", "hit.1", "confirm").statusCode(), "every hit");
  }

  @Test
  void shouldLetAnAgentDisputeOnceAndALeadDecide() throws Exception {
    Browser zhao = signedIn("zhao");
    review(zhao, RUDE, V2, "50", "", "hit.1", "confirm", "hit.2", "confirm", "hit.3", "confirm");
    Browser mei = signedIn("xiaomei");
    String own = mei.get(transcript(RUDE, V2)).body();
    assertTrue(own.contains("id=\"dispute-form\""));
    HttpResponse<String> d =
        mei.submit(
            transcript(RUDE, V2),
            "/review/session/dispute",
            "shop",
            SHOP,
            "session",
            RUDE,
            "version",
            V2,
            "reason",
            "买家先骂人 <script>x</script>",
            "requested",
            "80");
    assertEquals(303, d.statusCode(), d.body());
    String after = mei.get(transcript(RUDE, V2)).body();
    assertTrue(after.contains("data-status=\"open\"") && !after.contains("id=\"dispute-form\""));
    assertTrue(after.contains("&lt;script&gt;x&lt;/script&gt;"));
    assertEquals(
        400,
        mei.post(
                "/review/session/dispute",
                Csrf.FIELD,
                Browser.csrfOf(after),
                "shop",
                SHOP,
                "session",
                RUDE,
                "version",
                V2,
                "reason",
                "again")
            .statusCode(),
        "once");
    Browser ajie = signedIn("ajie");
    assertEquals(403, ajie.get(transcript(RUDE, V2)).statusCode());

    Browser wang = signedIn("wang");
    String disputes = wang.get("/review/disputes?status=open").body();
    assertTrue(disputes.contains(RUDE));
    long id =
        new ReviewRepository(server.repo().db())
            .disputes("open", AgentScope.ALL, 10)
            .get(0)
            .disputeId();
    assertEquals(403, zhao.post("/review/disputes/" + id, "status", "accepted").statusCode());
    HttpResponse<String> partly =
        wang.submit(
            transcript(RUDE, V2),
            "/review/disputes/" + id,
            "status",
            "partly_accepted",
            "score",
            "65",
            "resolution",
            "买家确有辱骂，酌情加分",
            "back",
            transcript(RUDE, V2));
    assertEquals(303, partly.statusCode(), partly.body());
    String resolved = mei.get(transcript(RUDE, V2)).body();
    assertTrue(resolved.contains("data-status=\"partly_accepted\""));
    assertTrue(resolved.contains("id=\"reviewed-score\">65 (50 → 65)<"), resolved);
    assertTrue(mei.get("/review/mine").body().contains("部分接受"));

    ReviewRepository repo = new ReviewRepository(server.repo().db());
    Map<ReviewedScores.SessionKey, Double> scores =
        repo.reviewedScores(
            List.of(
                new ReviewedScores.SessionKey(SHOP, RUDE),
                new ReviewedScores.SessionKey(SHOP, CLEAN)));
    assertEquals(Map.of(new ReviewedScores.SessionKey(SHOP, RUDE), 65.0), scores);
    assertEquals(1, server.repo().auditCount(AuditEntry.DISPUTE_RAISED));
    assertEquals(1, server.repo().auditCount(AuditEntry.DISPUTE_RESOLVED));
  }

  @Test
  void shouldCompareReviewersOnTheSameSessions() throws Exception {
    Browser zhao = signedIn("zhao");
    Browser qian = signedIn("qian");
    review(zhao, RUDE, V2, "60", "", "hit.1", "confirm", "hit.2", "confirm", "hit.3", "confirm");
    String blind = qian.get(transcript(RUDE, V2)).body();
    assertTrue(blind.contains("你提交自己的复核后才能看到他人的分数"), "blind before own review");
    assertFalse(blind.contains("data-reviewer=\"zhao\""));
    review(qian, RUDE, V2, "80", "", "hit.1", "dismiss", "hit.2", "confirm", "hit.3", "dismiss");
    review(zhao, LEAK, V2, "70", "", "hit.1", "confirm");
    review(qian, LEAK, V2, "72", "", "hit.1", "confirm");
    assertTrue(qian.get(transcript(RUDE, V2)).body().contains("data-reviewer=\"zhao\""));

    String html = zhao.get("/review/calibration").body();
    assertTrue(html.contains("data-session=\"" + RUDE + "\" class=\"wide\""), html);
    assertTrue(html.contains("2 个会话，平均分差 11.0 分"), html);
    // zhao: (60-70) and (70-71) → mean −5.5; qian +5.5
    assertTrue(html.contains("-5.5") && html.contains("+5.5"), html);

    // The official review is the first one: the reviewed score for reports is zhao's.
    assertEquals(
        60.0,
        new ReviewRepository(server.repo().db())
            .reviewedScores(List.of(new ReviewedScores.SessionKey(SHOP, RUDE)))
            .get(new ReviewedScores.SessionKey(SHOP, RUDE)));
  }
}
