package io.kefu.dashboard;

import io.javalin.http.Context;
import io.kefu.core.qa.SessionScore;
import io.kefu.core.qa.Severity;
import io.kefu.dashboard.QualityRepository.Hit;
import io.kefu.dashboard.QualityRepository.QueueFilter;
import io.kefu.dashboard.QualityRepository.QueueRow;
import io.kefu.dashboard.QualityRepository.SessionHead;
import io.kefu.dashboard.ReviewRepository.Dispute;
import io.kefu.dashboard.ReviewRepository.HitDecision;
import io.kefu.dashboard.ReviewRepository.Review;
import io.kefu.dashboard.ReviewRepository.SessionRef;
import io.kefu.dashboard.ReviewRepository.Summary;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review workflow's routes (质检复核): the queue, the transcript with the review form, saving a
 * review, an agent's dispute and a lead's decision on it, the disputes list, the calibration view
 * and an agent's own reviews. Thin: the warehouse is read through {@link QualityRepository}, the
 * decisions stored through {@link ReviewRepository}, the HTML made by {@link ReviewPages}.
 *
 * <p>Who may do what: reviewers, managers and admins review any session; an agent opens only the
 * transcripts of sessions credited to their own agent id (403 otherwise, by URL too), with buyers'
 * contact details masked, and may dispute the official review of one of them once; a manager or
 * admin (the lead) resolves disputes. Every transcript opened is written to the audit log.
 */
final class ReviewHandlers {

  static final int PAGE_SIZE = 100;
  private static final int QUEUE_LIMIT = 5000;

  private final WarehouseConnections warehouse;
  private final WarehouseRepository tables;
  private final QualityRepository quality;
  private final ReviewRepository reviews;
  private final AppRepository app;
  private final Clock clock;
  private final int responseSlaSeconds;

  ReviewHandlers(
      WarehouseConnections warehouse,
      WarehouseRepository tables,
      QualityRepository quality,
      ReviewRepository reviews,
      AppRepository app,
      Clock clock,
      int responseSlaSeconds) {
    this.warehouse = warehouse;
    this.tables = tables;
    this.quality = quality;
    this.reviews = reviews;
    this.app = app;
    this.clock = clock;
    this.responseSlaSeconds = responseSlaSeconds;
  }

  /** Roles that see buyers' phone numbers and addresses unmasked. */
  static boolean maySeeContacts(User u) {
    return u != null
        && (u.role() == Role.REVIEWER || u.role() == Role.MANAGER || u.role() == Role.ADMIN);
  }

  static boolean mayReview(User u) {
    return maySeeContacts(u);
  }

  static boolean mayResolve(User u) {
    return u != null && (u.role() == Role.MANAGER || u.role() == Role.ADMIN);
  }

  // ---- the queue ---------------------------------------------------------------------------

  void queue(Context ctx) throws SQLException {
    ViewContext v = Requests.view(ctx);
    String reason = choice(ctx, "reason", QualityRepository.REASONS);
    String status = choice(ctx, "status", ReviewPages.STATUSES);
    String agent = blankToNull(ctx.queryParam("agent"));
    String weekParam = blankToNull(ctx.queryParam("week"));
    LocalDate weekAsked = "all".equals(weekParam) ? null : date(weekParam, "week");
    String versionAsked = blankToNull(ctx.queryParam("version"));
    int page = pageParam(ctx);
    AgentScope scope = Access.agentScope(Requests.user(ctx));
    Optional<String> html =
        warehouse.read(
            c -> {
              List<String> missing = tables.missingTables(c, QualityRepository.TABLES);
              if (!missing.isEmpty()) {
                return ReviewPages.noTables(v, "review.title", missing);
              }
              List<String> versions = quality.versions(c);
              List<LocalDate> weeks = quality.weeks(c);
              LocalDate week =
                  weekParam == null ? (weeks.isEmpty() ? null : weeks.get(0)) : weekAsked;
              String version =
                  versionAsked != null ? versionAsked : versions.isEmpty() ? null : versions.get(0);
              List<QueueRow> rows =
                  version == null
                      ? List.of()
                      : quality.queue(
                          c,
                          new QueueFilter(reason, agent, week, version),
                          version,
                          scope,
                          QUEUE_LIMIT);
              Map<SessionRef, Summary> reviewed =
                  reviews.summaries(week, week == null ? null : week.plusDays(6));
              if (status != null) {
                rows =
                    rows.stream()
                        .filter(
                            r ->
                                status.equals(
                                    ReviewPages.status(
                                        reviewed.get(
                                            new SessionRef(
                                                r.shopId(), r.sessionId(), r.version())))))
                        .toList();
              }
              int pages = Math.max(1, (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE);
              int p = Math.min(page, pages);
              List<QueueRow> shown =
                  rows.subList((p - 1) * PAGE_SIZE, Math.min(rows.size(), p * PAGE_SIZE));
              return ReviewPages.queue(
                  v,
                  new ReviewPages.Queue(
                      shown,
                      rows.size(),
                      p,
                      pages,
                      reviewed,
                      versions,
                      version,
                      weeks,
                      week,
                      reason,
                      agent,
                      status,
                      quality.agentNames(c)));
            });
    Requests.html(ctx, 200, html.orElseGet(() -> notPublished(v, "review.title")));
  }

  // ---- the transcript ----------------------------------------------------------------------

  void transcript(Context ctx) throws SQLException {
    ViewContext v = Requests.view(ctx);
    User me = Requests.user(ctx);
    String shop = required(ctx.queryParam("shop"));
    String session = required(ctx.queryParam("session"));
    String versionAsked = blankToNull(ctx.queryParam("version"));
    Optional<ReviewPages.Transcript> loaded =
        warehouse.read(
            c -> {
              if (!tables.missingTables(c, QualityRepository.TABLES).isEmpty()) {
                throw new Requests.NotFound("no quality tables");
              }
              List<String> versions = quality.sessionVersions(c, shop, session);
              if (versions.isEmpty()
                  || (versionAsked != null && !versions.contains(versionAsked))) {
                throw new Requests.NotFound("session " + session);
              }
              String version = versionAsked == null ? versions.get(0) : versionAsked;
              SessionHead head =
                  quality
                      .session(c, shop, session, version)
                      .orElseThrow(() -> new Requests.NotFound("session " + session));
              // The check every transcript passes: an agent only opens their own sessions.
              Access.requireAgentVisible(me, head.agentId());
              SessionRef ref = new SessionRef(shop, session, version);
              List<Review> all = reviews.reviewsOf(ref);
              Dispute dispute =
                  all.isEmpty() ? null : reviews.disputeOf(all.get(0).reviewId()).orElse(null);
              boolean mayDispute =
                  me.role() == Role.AGENT
                      && !all.isEmpty()
                      && dispute == null
                      && me.agentId() != null
                      && me.agentId().equals(all.get(0).agentId());
              return new ReviewPages.Transcript(
                  head,
                  versions,
                  quality.messages(c, shop, session),
                  quality.hits(c, shop, session, version),
                  all,
                  dispute,
                  quality.agentNames(c),
                  !maySeeContacts(me),
                  mayReview(me),
                  mayResolve(me),
                  mayDispute,
                  notice(ctx),
                  responseSlaSeconds);
            });
    if (loaded.isEmpty()) {
      Requests.html(ctx, 200, notPublished(v, "review.title"));
      return;
    }
    app.audit(
        clock.instant(),
        me.username(),
        AuditEntry.TRANSCRIPT_OPENED,
        shop + "/" + session,
        ctx.ip(),
        "version " + loaded.get().head().version() + (loaded.get().masked() ? ", masked" : ""));
    Requests.html(ctx, 200, ReviewPages.transcript(v, loaded.get()));
  }

  private static String notice(Context ctx) {
    String n = ctx.queryParam("done");
    if (n == null) {
      return null;
    }
    return switch (n) {
      case "saved" -> "review.saved";
      case "disputed" -> "review.disputed";
      case "resolved" -> "review.resolved";
      default -> null;
    };
  }

  // ---- saving a review ---------------------------------------------------------------------

  void decide(Context ctx) throws SQLException {
    User me = Requests.user(ctx);
    String shop = required(ctx.formParam("shop"));
    String session = required(ctx.formParam("session"));
    String version = required(ctx.formParam("version"));
    Integer score = score(ctx.formParam("score"), "score");
    String comment = blankToNull(ctx.formParam("comment"));
    if (comment != null && comment.length() > 4000) {
      throw new InputProblem("review.too_long", 4000);
    }
    // What was hit comes from the warehouse, never from the form: the form only says yes or no.
    record Loaded(SessionHead head, List<Hit> hits) {}
    Loaded l =
        warehouse
            .read(
                c ->
                    new Loaded(
                        quality
                            .session(c, shop, session, version)
                            .orElseThrow(() -> new Requests.NotFound("session " + session)),
                        quality.hits(c, shop, session, version)))
            .orElseThrow(() -> new Requests.NotFound("no warehouse published"));
    List<HitDecision> decisions = new ArrayList<>();
    int confirmed = 0;
    for (Hit h : l.hits()) {
      String d = ctx.formParam("hit." + h.seq());
      if (!"confirm".equals(d) && !"dismiss".equals(d)) {
        throw new InputProblem("review.decide_every_hit");
      }
      boolean yes = d.equals("confirm");
      decisions.add(new HitDecision(h.seq(), h.eventId(), h.ruleId(), h.deduction(), yes));
      if (yes) {
        confirmed++;
      }
    }
    int finalScore = score != null ? score : suggestedScore(l.head(), l.hits(), decisions);
    ReviewRepository.Submission in =
        new ReviewRepository.Submission(
            new SessionRef(shop, session, version),
            l.head().agentId(),
            l.head().day(),
            l.head().qaScore(),
            finalScore,
            comment,
            decisions);
    reviews.save(me, in, clock.instant());
    app.audit(
        clock.instant(),
        me.username(),
        AuditEntry.REVIEW_SAVED,
        shop + "/" + session,
        ctx.ip(),
        "version "
            + version
            + ", score "
            + finalScore
            + ", confirmed "
            + confirmed
            + ", dismissed "
            + (decisions.size() - confirmed));
    Requests.seeOther(
        ctx,
        Html.url(
            "/review/session",
            "shop",
            shop,
            "session",
            session,
            "version",
            version,
            "done",
            "saved"));
  }

  /**
   * The score when the reviewer gives none: the session scored again with only the hits the
   * reviewer confirmed, the way QA_RULES.md scores it: 100 minus their deductions, floored at 0,
   * and 0 while a confirmed critical hit remains in a session the rulebook failed automatically.
   *
   * <p>A rule with a cap (slow answers: 5 points each, at most 15) stores its hits' points in
   * transcript order, so hits past the cap hold 0; the confirmed hits of a rule are therefore worth
   * as many full deductions as there are of them, up to what the rule took in all.
   *
   * <p>Whether the rulebook fails a critical session comes from the warehouse's {@code qa_rulebook}
   * row of the score's rulebook version. A warehouse published before that table existed has no
   * row; then it is read off the automatic score: a critical session scored 0 although its
   * deductions left points standing (when the deductions alone reach 100 the two cannot be told
   * apart, and the suggestion scores the confirmed deductions only).
   */
  static int suggestedScore(SessionHead head, List<Hit> hits, List<HitDecision> decisions) {
    Map<Integer, Boolean> confirmed = new HashMap<>();
    for (HitDecision d : decisions) {
      confirmed.put(d.seq(), d.confirmed());
    }
    /** One rule's points in all, its full deduction per hit, and its hits confirmed. */
    final class Rule {
      int taken;
      int full;
      int kept;
    }
    Map<String, Rule> rules = new HashMap<>();
    int all = 0;
    boolean criticalKept = false;
    for (Hit h : hits) {
      int points = h.deduction() == null ? 0 : h.deduction();
      all += points;
      Rule r = rules.computeIfAbsent(h.ruleId(), k -> new Rule());
      r.taken += points;
      r.full = Math.max(r.full, points);
      if (confirmed.getOrDefault(h.seq(), false)) {
        r.kept++;
        criticalKept |= Severity.CRITICAL.id().equals(h.severity());
      }
    }
    boolean autoFailed =
        head.rulebookAutoFail() != null
            ? head.rulebookAutoFail()
            : head.critical() && head.qaScore() != null && head.qaScore() == 0 && all < 100;
    int kept = 0;
    for (Rule r : rules.values()) {
      kept += Math.min(r.taken, r.kept * r.full);
    }
    return SessionScore.score(kept, criticalKept, autoFailed);
  }

  // ---- disputes ----------------------------------------------------------------------------

  void dispute(Context ctx) {
    User me = Requests.user(ctx);
    String shop = required(ctx.formParam("shop"));
    String session = required(ctx.formParam("session"));
    String version = required(ctx.formParam("version"));
    String reason = blankToNull(ctx.formParam("reason"));
    if (reason == null) {
      throw new InputProblem("review.reason_required");
    }
    if (reason.length() > 2000) {
      throw new InputProblem("review.too_long", 2000);
    }
    Integer requested = score(ctx.formParam("requested"), "requested");
    List<Review> all = reviews.reviewsOf(new SessionRef(shop, session, version));
    if (all.isEmpty()) {
      throw new Requests.NotFound("no review of " + session);
    }
    Review official = all.get(0);
    Access.requireAgentVisible(me, official.agentId());
    if (me.role() != Role.AGENT) {
      throw new Access.Forbidden("only the agent disputes a review");
    }
    if (reviews.raise(official, me, reason, requested, clock.instant()).isEmpty()) {
      throw new InputProblem("review.dispute_exists");
    }
    app.audit(
        clock.instant(),
        me.username(),
        AuditEntry.DISPUTE_RAISED,
        shop + "/" + session,
        ctx.ip(),
        "version " + version + ", review " + official.score() + ", requested " + requested);
    Requests.seeOther(
        ctx,
        Html.url(
            "/review/session",
            "shop",
            shop,
            "session",
            session,
            "version",
            version,
            "done",
            "disputed"));
  }

  void resolve(Context ctx) {
    User me = Requests.user(ctx);
    long id = Requests.idParam(ctx, "id");
    Dispute d = reviews.dispute(id).orElseThrow(() -> new Requests.NotFound("dispute " + id));
    String status =
        choice(
            ctx.formParam("status"),
            List.of(
                ReviewRepository.ACCEPTED,
                ReviewRepository.PARTLY_ACCEPTED,
                ReviewRepository.REJECTED),
            "status");
    if (status == null) {
      throw new InputProblem("kpi.bad_choice", "status");
    }
    Integer score = score(ctx.formParam("score"), "score");
    String resolution = blankToNull(ctx.formParam("resolution"));
    Integer finalScore;
    if (status.equals(ReviewRepository.PARTLY_ACCEPTED)) {
      if (score == null) {
        throw new InputProblem("review.partial_needs_score");
      }
      finalScore = score;
    } else if (status.equals(ReviewRepository.ACCEPTED)) {
      Review official =
          reviews.reviewsOf(d.session()).stream()
              .filter(r -> r.reviewId() == d.reviewId())
              .findFirst()
              .orElseThrow(() -> new Requests.NotFound("review of dispute " + id));
      // Accepting gives the agent the score they asked for, or, if they named none, the
      // automatic score the review had changed.
      finalScore =
          d.requestedScore() != null
              ? d.requestedScore()
              : official.autoScore() != null ? official.autoScore() : official.score();
    } else {
      finalScore = null;
    }
    if (!reviews.resolve(id, me, status, finalScore, resolution, clock.instant())) {
      throw new InputProblem("review.dispute_closed");
    }
    app.audit(
        clock.instant(),
        me.username(),
        AuditEntry.DISPUTE_RESOLVED,
        d.session().shopId() + "/" + d.session().sessionId(),
        ctx.ip(),
        "dispute " + id + ": " + status + (finalScore == null ? "" : ", score " + finalScore));
    String back = Requests.safeLocal(ctx.formParam("back"));
    Requests.seeOther(ctx, back.equals("/") ? "/review/disputes" : back + "&done=resolved");
  }

  void disputes(Context ctx) {
    ViewContext v = Requests.view(ctx);
    String status =
        choice(
            ctx,
            "status",
            List.of(
                ReviewRepository.OPEN,
                ReviewRepository.ACCEPTED,
                ReviewRepository.PARTLY_ACCEPTED,
                ReviewRepository.REJECTED));
    Requests.html(
        ctx,
        200,
        ReviewPages.disputes(
            v, reviews.disputes(status, Access.agentScope(Requests.user(ctx)), 500), status));
  }

  // ---- calibration and an agent's own reviews ----------------------------------------------

  void calibration(Context ctx) {
    ViewContext v = Requests.view(ctx);
    LocalDate from = date(blankToNull(ctx.queryParam("from")), "from");
    LocalDate to = date(blankToNull(ctx.queryParam("to")), "to");
    Requests.html(
        ctx, 200, ReviewPages.calibration(v, Calibration.of(reviews.calibrationSets(from, to))));
  }

  void mine(Context ctx) {
    ViewContext v = Requests.view(ctx);
    User me = Requests.user(ctx);
    List<Review> mine =
        me.agentId() == null ? List.of() : reviews.officialReviewsOf(me.agentId(), 500);
    Map<Long, Dispute> disputes = new HashMap<>();
    if (me.agentId() != null) {
      for (Dispute d : reviews.disputes(null, AgentScope.only(me.agentId()), 1000)) {
        disputes.put(d.reviewId(), d);
      }
    }
    Requests.html(ctx, 200, ReviewPages.mine(v, mine, disputes));
  }

  // ---- parameters --------------------------------------------------------------------------

  private static String notPublished(ViewContext v, String titleKey) {
    Messages.Text t = v.t();
    return Layout.page(
        v, t.get(titleKey), new Html().add(Layout.box("notice", t.get("warehouse.none"))));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String required(String s) {
    String v = blankToNull(s);
    if (v == null || v.length() > 200) {
      throw new Requests.NotFound("missing parameter");
    }
    return v;
  }

  private static String choice(Context ctx, String name, List<String> allowed) {
    return choice(ctx.queryParam(name), allowed, name);
  }

  private static String choice(String value, List<String> allowed, String name) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    if (!allowed.contains(v)) {
      throw new InputProblem("kpi.bad_choice", name);
    }
    return v;
  }

  private static LocalDate date(String s, String name) {
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new InputProblem("kpi.bad_date", name);
    }
  }

  private static Integer score(String s, String name) {
    String v = blankToNull(s);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 0 && n <= 100) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new InputProblem("review.bad_score", name);
  }

  private static int pageParam(Context ctx) {
    String p = ctx.queryParam("page");
    if (p == null) {
      return 1;
    }
    try {
      return Math.max(1, Math.min(1000, Integer.parseInt(p.trim())));
    } catch (NumberFormatException e) {
      throw new InputProblem("kpi.bad_choice", "page");
    }
  }
}
