package io.kefu.dashboard;

import io.kefu.core.qa.ContactMasker;
import io.kefu.dashboard.QualityRepository.Hit;
import io.kefu.dashboard.QualityRepository.Message;
import io.kefu.dashboard.QualityRepository.QueueRow;
import io.kefu.dashboard.QualityRepository.SessionHead;
import io.kefu.dashboard.ReviewRepository.Dispute;
import io.kefu.dashboard.ReviewRepository.HitDecision;
import io.kefu.dashboard.ReviewRepository.Review;
import io.kefu.dashboard.ReviewRepository.SessionRef;
import io.kefu.dashboard.ReviewRepository.Summary;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The HTML of the review workflow (质检复核): the queue, the transcript with its rule hits and the
 * review form, an agent's reviews, the disputes and the calibration view. Pure functions of what
 * they show. Transcript text, excerpts, comments and names come from outside and go through {@link
 * Html#text}; where the person may not see buyers' contact details they are masked first.
 */
final class ReviewPages {

  static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ReviewPages() {}

  // ---- shared ------------------------------------------------------------------------------

  /** The queue's state of a session: to review, reviewed, disputed (open), dispute resolved. */
  static String status(Summary s) {
    if (s == null) {
      return "todo";
    }
    if (s.disputeStatus() == null) {
      return "reviewed";
    }
    return s.disputeStatus().equals(ReviewRepository.OPEN) ? "disputed" : "resolved";
  }

  static String transcriptUrl(String shop, String session, String version) {
    return Html.url("/review/session", "shop", shop, "session", session, "version", version);
  }

  static String agentLabel(String agentId, String name) {
    if (agentId == null) {
      return "–";
    }
    return name == null || name.isBlank() ? agentId : name + " (" + agentId + ")";
  }

  private static String score(Integer s) {
    return s == null ? "–" : Integer.toString(s);
  }

  static String duration(Long ms) {
    if (ms == null) {
      return "";
    }
    long s = Math.round(ms / 1000.0);
    if (s < 60) {
      return s + " s";
    }
    return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
  }

  static String shopTime(ViewContext v, LocalDateTime utc, DateTimeFormatter f) {
    return utc == null ? "" : f.format(utc.toInstant(ZoneOffset.UTC).atZone(v.zone()));
  }

  private static void tabs(Html b, ViewContext v, String current) {
    Messages.Text t = v.t();
    b.raw("<p class=\"tabs\">");
    Role r = v.user().role();
    if (r != Role.AGENT) {
      tab(b, "/review", t.get("review.tab_queue"), current);
      tab(b, "/review/disputes", t.get("review.tab_disputes"), current);
      tab(b, "/review/calibration", t.get("review.tab_calibration"), current);
    } else {
      tab(b, "/review/mine", t.get("review.tab_mine"), current);
    }
    b.raw("</p>\n");
  }

  private static void tab(Html b, String href, String label, String current) {
    if (href.equals(current)) {
      b.el("strong", label);
    } else {
      b.link(href, label);
    }
  }

  static String noTables(ViewContext v, String titleKey, List<String> missing) {
    Messages.Text t = v.t();
    Html b = new Html();
    b.add(Layout.box("notice", t.format("review.no_tables", String.join(", ", missing))));
    return Layout.page(v, t.get(titleKey), b);
  }

  // ---- the queue ---------------------------------------------------------------------------

  /** What the queue page shows. */
  record Queue(
      List<QueueRow> rows,
      int total,
      int page,
      int pages,
      Map<SessionRef, Summary> reviewed,
      List<String> versions,
      String version,
      List<LocalDate> weeks,
      LocalDate week,
      String reason,
      String agent,
      String status,
      Map<String, String> names) {}

  static final List<String> STATUSES = List.of("todo", "reviewed", "disputed", "resolved");

  static String queue(ViewContext v, Queue q) {
    Messages.Text t = v.t();
    Html b = new Html();
    tabs(b, v, "/review");
    b.raw("<form method=\"get\" action=\"/review\" class=\"filters wrap\" id=\"review-filters\">");
    b.raw("<label>").text(t.get("review.week")).raw("<select name=\"week\">");
    List<String[]> weeks = new ArrayList<>();
    weeks.add(new String[] {"all", t.get("review.all_weeks")});
    for (LocalDate w : q.weeks()) {
      weeks.add(new String[] {w.toString(), t.format("review.week_of", w, w.plusDays(6))});
    }
    Pages.options(b, weeks, q.week() == null ? "all" : q.week().toString());
    b.raw("</select></label>");
    b.raw("<label>").text(t.get("review.reason")).raw("<select name=\"reason\">");
    List<String[]> reasons = new ArrayList<>();
    reasons.add(new String[] {"", t.get("kpi.all")});
    for (String r : QualityRepository.REASONS) {
      reasons.add(new String[] {r, t.get("review.reason_" + r)});
    }
    Pages.options(b, reasons, q.reason() == null ? "" : q.reason());
    b.raw("</select></label>");
    b.raw("<label>").text(t.get("kpi.agent")).raw("<select name=\"agent\">");
    List<String[]> agents = new ArrayList<>();
    agents.add(new String[] {"", t.get("kpi.all")});
    TreeSet<String> ids = new TreeSet<>(q.names().keySet());
    if (q.agent() != null) {
      ids.add(q.agent());
    }
    for (String id : ids) {
      agents.add(new String[] {id, agentLabel(id, q.names().get(id))});
    }
    Pages.options(b, agents, q.agent() == null ? "" : q.agent());
    b.raw("</select></label>");
    b.raw("<label>").text(t.get("review.status")).raw("<select name=\"status\">");
    List<String[]> statuses = new ArrayList<>();
    statuses.add(new String[] {"", t.get("kpi.all")});
    for (String s : STATUSES) {
      statuses.add(new String[] {s, t.get("review.status_" + s)});
    }
    Pages.options(b, statuses, q.status() == null ? "" : q.status());
    b.raw("</select></label>");
    b.raw("<label>").text(t.get("review.version")).raw("<select name=\"version\">");
    List<String[]> versions = new ArrayList<>();
    for (String ver : q.versions()) {
      versions.add(new String[] {ver, ver});
    }
    Pages.options(b, versions, q.version());
    b.raw("</select></label>");
    b.raw("<button type=\"submit\">").text(t.get("kpi.submit")).raw("</button></form>\n");

    b.el("p", "muted", t.format("review.queue_count", q.total(), q.version()));
    if (q.rows().isEmpty()) {
      b.add(Layout.box("notice", t.get("review.queue_empty")));
      return Layout.page(v, t.get("review.title"), b);
    }
    b.raw("<div class=\"scroll\"><table class=\"grid\" id=\"review-queue\"><thead><tr>");
    for (String k :
        new String[] {
          "review.day",
          "kpi.agent",
          "review.session",
          "review.reason",
          "review.auto_score",
          "review.grade",
          "review.hits",
          "review.reviewed_score",
          "review.status"
        }) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead><tbody>\n");
    for (QueueRow r : q.rows()) {
      SessionRef ref = new SessionRef(r.shopId(), r.sessionId(), r.version());
      Summary s = q.reviewed().get(ref);
      String status = status(s);
      b.raw("<tr data-session=\"").text(r.sessionId()).raw("\" data-status=\"").text(status);
      b.raw("\"").raw(Boolean.TRUE.equals(r.critical()) ? " class=\"critical\"" : "").raw(">");
      b.el("td", r.day());
      b.el("td", agentLabel(r.agentId(), r.agentName()));
      b.raw("<td>").link(transcriptUrl(r.shopId(), r.sessionId(), r.version()), r.sessionId());
      b.raw("</td>");
      b.el("td", "reason-" + r.reason(), t.get("review.reason_" + r.reason()));
      b.el("td", "num", score(r.qaScore()));
      b.el("td", r.grade() == null ? "–" : r.grade());
      b.el("td", "num", r.hits() == null ? "–" : r.hits());
      b.el("td", "num", s == null ? "–" : Integer.toString(s.reviewedScore()));
      b.el(
          "td",
          "status-" + status,
          t.get("review.status_" + status)
              + (s == null ? "" : " · " + String.join(", ", s.reviewers())));
      b.raw("</tr>\n");
    }
    b.raw("</tbody></table></div>\n");
    if (q.pages() > 1) {
      b.raw("<p class=\"pager\">");
      String week = q.week() == null ? "all" : q.week().toString();
      for (int p = 1; p <= q.pages(); p++) {
        String href =
            Html.url(
                "/review",
                "week",
                week,
                "reason",
                q.reason(),
                "agent",
                q.agent(),
                "status",
                q.status(),
                "version",
                q.version(),
                "page",
                Integer.toString(p));
        if (p == q.page()) {
          b.el("strong", p);
        } else {
          b.link(href, p);
        }
      }
      b.raw("</p>\n");
    }
    return Layout.page(v, t.get("review.title"), b);
  }

  // ---- the transcript ----------------------------------------------------------------------

  /** What the transcript page shows, and what this person may do on it. */
  record Transcript(
      SessionHead head,
      List<String> versions,
      List<Message> messages,
      List<Hit> hits,
      List<Review> reviews,
      Dispute dispute,
      Map<String, String> names,
      boolean masked,
      boolean mayReview,
      boolean mayResolve,
      boolean mayDispute,
      String notice,
      int responseSlaSeconds) {

    Optional<Review> official() {
      return reviews.stream().filter(Review::official).findFirst();
    }

    Optional<Review> mine(long userId) {
      return reviews.stream().filter(r -> r.reviewerId() == userId).findFirst();
    }
  }

  static String transcript(ViewContext v, Transcript tr) {
    Messages.Text t = v.t();
    SessionHead h = tr.head();
    Html b = new Html();
    User me = v.user();
    tabs(b, v, "");
    if (tr.notice() != null) {
      b.add(Layout.box("ok", t.get(tr.notice())));
    }
    String mask = tr.masked() ? "masked" : "unmasked";
    b.raw("<dl class=\"facts\" id=\"session-facts\" data-contacts=\"").text(mask).raw("\">");
    b.el("dt", t.get("review.session")).el("dd", h.sessionId());
    b.el("dt", t.get("kpi.agent")).el("dd", agentLabel(h.agentId(), h.agentName()));
    b.el("dt", t.get("review.buyer")).el("dd", h.buyerId());
    b.el("dt", t.get("review.day")).el("dd", h.day());
    if (h.startAt() != null) {
      b.el("dt", t.get("review.started"))
          .el(
              "dd",
              shopTime(v, h.startAt(), DAY_CLOCK)
                  + (h.endAt() == null ? "" : " – " + shopTime(v, h.endAt(), CLOCK))
                  + " ("
                  + v.zone()
                  + ")");
    }
    if (h.channel() != null || h.queue() != null) {
      b.el("dt", t.get("review.channel"))
          .el("dd", (h.channel() == null ? "" : h.channel()) + " · " + h.queue());
    }
    if (h.rating() != null) {
      b.el("dt", t.get("review.rating")).el("dd", h.rating() + " / 5");
    }
    b.el("dt", t.get("review.auto_score"))
        .raw("<dd id=\"auto-score\">")
        .text(score(h.qaScore()) + (h.grade() == null ? "" : " · " + h.grade()))
        .raw(h.critical() ? " <span class=\"badge critical\">" : "")
        .text(h.critical() ? t.get("review.critical") : "")
        .raw(h.critical() ? "</span>" : "")
        .raw("</dd>");
    if (h.queueReason() != null) {
      b.el("dt", t.get("review.reason")).el("dd", t.get("review.reason_" + h.queueReason()));
    }
    b.el("dt", t.get("review.version")).raw("<dd>");
    for (String ver : tr.versions()) {
      if (ver.equals(h.version())) {
        b.el("strong", ver);
      } else {
        b.link(transcriptUrl(h.shopId(), h.sessionId(), ver), ver);
      }
      b.raw(" ");
    }
    b.raw("</dd>");
    Optional<Review> official = tr.official();
    if (official.isPresent()) {
      b.el("dt", t.get("review.reviewed_score"))
          .raw("<dd id=\"reviewed-score\">")
          .text(effective(official.get(), tr.dispute()))
          .raw("</dd>");
    }
    b.raw("</dl>\n");
    if (tr.masked()) {
      b.el("p", "muted", t.get("review.masked_note"));
    }

    Optional<Review> mine = tr.mine(me.id());
    // An agent sees the official review; a reviewer their own decisions (blind to others' until
    // they have reviewed, for calibration); a lead or admin the official one.
    Review shown =
        me.role() == Role.AGENT
            ? official.orElse(null)
            : mine.orElse(me.role() == Role.REVIEWER ? null : official.orElse(null));

    // Hits that belong to no message of the transcript (session-level, or a message not found).
    List<String> eventIds = tr.messages().stream().map(Message::eventId).toList();
    Map<String, List<Hit>> byEvent = new LinkedHashMap<>();
    List<Hit> loose = new ArrayList<>();
    for (Hit hit : tr.hits()) {
      if (hit.eventId() != null && eventIds.contains(hit.eventId())) {
        byEvent.computeIfAbsent(hit.eventId(), k -> new ArrayList<>()).add(hit);
      } else {
        loose.add(hit);
      }
    }
    boolean form = tr.mayReview();
    if (form) {
      b.raw("<form method=\"post\" action=\"/review/session/decide\" id=\"review-form\">");
      b.hidden(Csrf.FIELD, v.csrfToken());
      b.hidden("shop", h.shopId()).hidden("session", h.sessionId()).hidden("version", h.version());
    }
    b.el("h2", t.format("review.hits_title", tr.hits().size()));
    if (!loose.isEmpty()) {
      b.raw("<ul class=\"hits\" id=\"session-hits\">");
      for (Hit hit : loose) {
        b.raw("<li>");
        hitBadge(b, v, tr, hit, shown, form);
        b.raw("</li>");
      }
      b.raw("</ul>\n");
    } else if (tr.hits().isEmpty()) {
      b.el("p", "muted", t.get("review.no_hits"));
    }

    b.el("h2", t.get("review.transcript"));
    b.raw("<table class=\"grid transcript\" id=\"transcript\"><thead><tr>");
    for (String k :
        new String[] {"review.time", "review.sender", "review.text", "review.response_time"}) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead><tbody>\n");
    for (Message m : tr.messages()) {
      List<Hit> hits = byEvent.getOrDefault(m.eventId(), List.of());
      String worst = worstSeverity(hits);
      b.raw("<tr id=\"m-").text(m.seq()).raw("\" data-event=\"").text(m.eventId());
      b.raw("\" class=\"msg ").text(m.sender() == null ? "unknown" : m.sender());
      if (worst != null) {
        b.raw(" hit hit-").text(worst);
      }
      b.raw("\">");
      b.raw("<td class=\"time\" title=\"")
          .text(shopTime(v, m.ts(), DAY_CLOCK))
          .raw("\">")
          .text(shopTime(v, m.ts(), CLOCK))
          .raw("</td>");
      b.el("td", senderLabel(t, m, tr.names()));
      String text = tr.masked() ? ContactMasker.mask(m.text()) : m.text();
      b.raw("<td class=\"text\">");
      highlight(b, text, hits, tr.masked());
      if (m.contentType() != null
          && !m.contentType().isBlank()
          && !"text".equals(m.contentType())) {
        b.raw(" ").el("span", "muted", "[" + m.contentType() + "]");
      }
      for (Hit hit : hits) {
        b.raw("<div class=\"hit-line\">");
        hitBadge(b, v, tr, hit, shown, form);
        b.raw("</div>");
      }
      b.raw("</td>");
      String rt = duration(m.responseMs());
      boolean slow = m.responseMs() != null && m.responseMs() > tr.responseSlaSeconds() * 1000L;
      b.el("td", slow ? "num rt slow" : "num rt", rt);
      b.raw("</tr>\n");
    }
    b.raw("</tbody></table>\n");
    if (tr.messages().isEmpty()) {
      b.el("p", "muted", t.get("review.no_messages"));
    }

    if (form) {
      Review base = mine.orElse(null);
      b.el("h2", t.get(base == null ? "review.your_review" : "review.your_review_again"));
      b.raw("<div class=\"card stack\">");
      b.el("p", "muted", t.get("review.score_help"));
      b.raw("<label>").text(t.get("review.adjusted_score"));
      b.raw("<input type=\"number\" name=\"score\" min=\"0\" max=\"100\" id=\"score\" value=\"");
      b.text(base == null ? "" : Integer.toString(base.score())).raw("\"></label>");
      b.raw("<label>").text(t.get("review.comment"));
      b.raw("<textarea name=\"comment\" rows=\"3\" maxlength=\"4000\" id=\"comment\">");
      b.text(base == null ? "" : base.comment()).raw("</textarea></label>");
      b.raw("<button type=\"submit\" id=\"save-review\">")
          .text(t.get("review.save"))
          .raw("</button></div></form>\n");
    }

    reviewsSection(b, v, tr, shown, mine.isPresent());
    disputeSection(b, v, tr, official.orElse(null));
    return Layout.page(v, t.format("review.transcript_title", h.sessionId()), b);
  }

  static String effective(Review official, Dispute d) {
    if (d != null && d.changedScore() && d.finalScore() != null) {
      return d.finalScore() + " (" + official.score() + " → " + d.finalScore() + ")";
    }
    return Integer.toString(official.score());
  }

  private static String senderLabel(Messages.Text t, Message m, Map<String, String> names) {
    String s = m.sender() == null ? "" : m.sender();
    if (s.equals("agent")) {
      return agentLabel(m.agentId(), names.get(m.agentId()));
    }
    if (s.equals("buyer") || s.equals("bot") || s.equals("system")) {
      return t.get("review.sender_" + s);
    }
    return s;
  }

  /** The message text, with the hits' excerpts marked where they can be found in it. */
  private static void highlight(Html b, String text, List<Hit> hits, boolean masked) {
    if (text == null) {
      return;
    }
    int from = -1;
    int to = -1;
    for (Hit hit : hits) {
      String ex = excerptCore(hit.excerpt());
      if (ex == null) {
        continue;
      }
      if (masked) {
        ex = ContactMasker.mask(ex);
      }
      int at = text.indexOf(ex);
      if (at >= 0) {
        from = at;
        to = at + ex.length();
        break;
      }
    }
    if (from < 0) {
      b.text(text);
      return;
    }
    b.text(text.substring(0, from)).el("mark", text.substring(from, to)).text(text.substring(to));
  }

  /** An excerpt without the timing prefix ({@code (45 s) }) and the ellipsis of a cut. */
  static String excerptCore(String excerpt) {
    if (excerpt == null) {
      return null;
    }
    String s = excerpt.replaceFirst("^\\(\\d+ ?s\\)\\s*", "");
    s = s.replaceFirst("^[…]+", "").replaceFirst("[…]+$", "").strip();
    return s.length() < 2 ? null : s;
  }

  private static String worstSeverity(List<Hit> hits) {
    String worst = null;
    for (Hit h : hits) {
      String s = h.severity() == null ? "minor" : h.severity();
      if (worst == null || rank(s) > rank(worst)) {
        worst = s;
      }
    }
    return worst;
  }

  private static int rank(String severity) {
    return switch (severity) {
      case "critical" -> 3;
      case "major" -> 2;
      default -> 1;
    };
  }

  private static void hitBadge(
      Html b, ViewContext v, Transcript tr, Hit hit, Review shown, boolean form) {
    Messages.Text t = v.t();
    String sev = hit.severity() == null ? "minor" : hit.severity();
    b.raw("<span class=\"badge ").text(sev).raw("\" data-rule=\"").text(hit.ruleId()).raw("\">");
    b.text(ruleLabel(t, hit.ruleId()));
    b.text(" · " + t.get("review.severity_" + sev));
    if (hit.deduction() != null) {
      b.text(" −" + hit.deduction());
    }
    b.raw("</span>");
    if (hit.excerpt() != null && !hit.excerpt().isBlank()) {
      b.raw(" ").el("q", tr.masked() ? ContactMasker.mask(hit.excerpt()) : hit.excerpt());
    }
    Optional<HitDecision> d =
        shown == null
            ? Optional.empty()
            : shown.decisionFor(hit.seq(), hit.ruleId(), hit.eventId());
    if (form) {
      boolean dismissed = d.isPresent() && !d.get().confirmed();
      String name = "hit." + hit.seq();
      b.raw(" <span class=\"decide\" data-hit=\"").text(hit.seq()).raw("\">");
      radio(b, name, "confirm", !dismissed, t.get("review.confirm"));
      radio(b, name, "dismiss", dismissed, t.get("review.dismiss"));
      b.raw("</span>");
    } else if (d.isPresent()) {
      b.raw(" ")
          .el(
              "span",
              d.get().confirmed() ? "decision confirmed" : "decision dismissed",
              t.get(d.get().confirmed() ? "review.confirmed" : "review.dismissed"));
    }
  }

  static String ruleLabel(Messages.Text t, String ruleId) {
    String label = t.get("rule." + ruleId);
    return label.startsWith("??") ? ruleId : label;
  }

  private static void radio(Html b, String name, String value, boolean checked, String label) {
    b.raw("<label class=\"inline-choice\"><input type=\"radio\" name=\"").text(name);
    b.raw("\" value=\"").text(value).raw("\"").raw(checked ? " checked" : "").raw("> ");
    b.text(label).raw("</label>");
  }

  private static void reviewsSection(
      Html b, ViewContext v, Transcript tr, Review shown, boolean reviewedByMe) {
    Messages.Text t = v.t();
    User me = v.user();
    List<Review> visible = new ArrayList<>();
    for (Review r : tr.reviews()) {
      boolean mayList =
          me.role() == Role.AGENT
              ? r.official()
              : me.role() != Role.REVIEWER || reviewedByMe || r.reviewerId() == me.id();
      if (mayList) {
        visible.add(r);
      }
    }
    if (visible.isEmpty()) {
      if (me.role() == Role.REVIEWER && !tr.reviews().isEmpty() && !reviewedByMe) {
        b.el("p", "muted", t.format("review.blind", tr.reviews().size()));
      }
      return;
    }
    b.el("h2", t.get("review.reviews"));
    b.raw("<table class=\"grid\" id=\"reviews\"><thead><tr>");
    for (String k :
        new String[] {
          "review.reviewer",
          "review.adjusted_score",
          "review.decisions",
          "review.comment",
          "review.updated"
        }) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead><tbody>");
    for (Review r : visible) {
      long confirmed = r.hits().stream().filter(HitDecision::confirmed).count();
      long dismissed = r.hits().size() - confirmed;
      b.raw("<tr data-reviewer=\"").text(r.reviewer()).raw("\">");
      b.el(
          "td",
          r.reviewer()
              + (r.official() ? " · " + t.get("review.official") : " · " + t.get("review.second")));
      b.el("td", "num", r.score());
      b.el("td", t.format("review.decision_counts", confirmed, dismissed));
      b.el("td", tr.masked() ? ContactMasker.mask(r.comment()) : r.comment());
      b.el("td", v.time(r.updatedAt()));
      b.raw("</tr>");
    }
    b.raw("</tbody></table>\n");
  }

  private static void disputeSection(Html b, ViewContext v, Transcript tr, Review official) {
    Messages.Text t = v.t();
    Dispute d = tr.dispute();
    if (official == null) {
      if (v.user().role() == Role.AGENT) {
        b.el("p", "muted", t.get("review.not_reviewed_yet"));
      }
      return;
    }
    if (d == null && !tr.mayDispute()) {
      return;
    }
    b.el("h2", t.get("review.dispute"));
    if (d != null) {
      b.raw("<dl class=\"facts\" id=\"dispute\" data-status=\"").text(d.status()).raw("\">");
      b.el("dt", t.get("review.status")).el("dd", t.get("review.dispute_" + d.status()));
      b.el("dt", t.get("review.raised_by")).el("dd", d.raisedBy() + " · " + v.time(d.raisedAt()));
      b.el("dt", t.get("review.dispute_reason"))
          .el("dd", tr.masked() ? ContactMasker.mask(d.reason()) : d.reason());
      b.el("dt", t.get("review.requested_score")).el("dd", score(d.requestedScore()));
      if (!d.open()) {
        b.el("dt", t.get("review.resolved_by"))
            .el("dd", d.resolvedBy() + " · " + v.time(d.resolvedAt()));
        b.el("dt", t.get("review.final_score"))
            .el(
                "dd",
                d.finalScore() == null
                    ? Integer.toString(official.score())
                    : d.finalScore().toString());
        b.el("dt", t.get("review.resolution"))
            .el("dd", tr.masked() ? ContactMasker.mask(d.resolution()) : d.resolution());
      }
      b.raw("</dl>\n");
      if (d.open() && tr.mayResolve()) {
        b.raw("<form method=\"post\" action=\"/review/disputes/")
            .text(d.disputeId())
            .raw("\" class=\"card stack\" id=\"resolve-form\">");
        b.hidden(Csrf.FIELD, v.csrfToken());
        b.hidden(
            "back",
            transcriptUrl(
                official.session().shopId(),
                official.session().sessionId(),
                official.session().version()));
        b.raw("<label>").text(t.get("review.decision")).raw("<select name=\"status\">");
        List<String[]> choices = new ArrayList<>();
        for (String s :
            List.of(
                ReviewRepository.ACCEPTED,
                ReviewRepository.PARTLY_ACCEPTED,
                ReviewRepository.REJECTED)) {
          choices.add(new String[] {s, t.get("review.dispute_" + s)});
        }
        Pages.options(b, choices, ReviewRepository.ACCEPTED);
        b.raw("</select></label>");
        b.raw("<label>").text(t.get("review.partial_score"));
        b.raw("<input type=\"number\" name=\"score\" min=\"0\" max=\"100\"></label>");
        b.raw("<label>").text(t.get("review.resolution"));
        b.raw("<textarea name=\"resolution\" rows=\"2\" maxlength=\"2000\"></textarea></label>");
        b.raw("<button type=\"submit\">").text(t.get("review.resolve")).raw("</button></form>\n");
      }
      return;
    }
    b.raw("<form method=\"post\" action=\"/review/session/dispute\" class=\"card stack\"");
    b.raw(" id=\"dispute-form\">");
    b.hidden(Csrf.FIELD, v.csrfToken());
    b.hidden("shop", official.session().shopId())
        .hidden("session", official.session().sessionId())
        .hidden("version", official.session().version());
    b.el("p", "muted", t.get("review.dispute_help"));
    b.raw("<label>").text(t.get("review.dispute_reason"));
    b.raw("<textarea name=\"reason\" rows=\"3\" maxlength=\"2000\" required></textarea></label>");
    b.raw("<label>").text(t.get("review.requested_score"));
    b.raw("<input type=\"number\" name=\"requested\" min=\"0\" max=\"100\"></label>");
    b.raw("<button type=\"submit\">").text(t.get("review.raise_dispute")).raw("</button></form>\n");
  }

  // ---- an agent's reviews ------------------------------------------------------------------

  static String mine(ViewContext v, List<Review> reviews, Map<Long, Dispute> disputes) {
    Messages.Text t = v.t();
    Html b = new Html();
    tabs(b, v, "/review/mine");
    if (v.user().agentId() == null) {
      b.add(Layout.box("notice", t.get("home.agent_unlinked")));
      return Layout.page(v, t.get("review.mine_title"), b);
    }
    if (reviews.isEmpty()) {
      b.add(Layout.box("notice", t.get("review.mine_empty")));
      return Layout.page(v, t.get("review.mine_title"), b);
    }
    b.raw("<table class=\"grid\" id=\"my-reviews\"><thead><tr>");
    for (String k :
        new String[] {
          "review.day",
          "review.session",
          "review.auto_score",
          "review.reviewed_score",
          "review.reviewer",
          "review.dispute"
        }) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead><tbody>");
    for (Review r : reviews) {
      Dispute d = disputes.get(r.reviewId());
      b.raw("<tr>");
      b.el("td", r.day());
      b.raw("<td>")
          .link(
              transcriptUrl(r.session().shopId(), r.session().sessionId(), r.session().version()),
              r.session().sessionId())
          .raw("</td>");
      b.el("td", "num", score(r.autoScore()));
      b.el("td", "num", effective(r, d));
      b.el("td", r.reviewer());
      b.el("td", d == null ? "–" : t.get("review.dispute_" + d.status()));
      b.raw("</tr>");
    }
    b.raw("</tbody></table>\n");
    return Layout.page(v, t.get("review.mine_title"), b);
  }

  // ---- disputes ----------------------------------------------------------------------------

  static String disputes(ViewContext v, List<Dispute> disputes, String status) {
    Messages.Text t = v.t();
    Html b = new Html();
    tabs(b, v, "/review/disputes");
    b.raw("<form method=\"get\" action=\"/review/disputes\" class=\"filters\">");
    b.raw("<label>").text(t.get("review.status")).raw("<select name=\"status\">");
    List<String[]> choices = new ArrayList<>();
    choices.add(new String[] {"", t.get("kpi.all")});
    for (String s :
        List.of(
            ReviewRepository.OPEN,
            ReviewRepository.ACCEPTED,
            ReviewRepository.PARTLY_ACCEPTED,
            ReviewRepository.REJECTED)) {
      choices.add(new String[] {s, t.get("review.dispute_" + s)});
    }
    Pages.options(b, choices, status == null ? "" : status);
    b.raw("</select></label><button type=\"submit\">")
        .text(t.get("kpi.submit"))
        .raw("</button></form>\n");
    if (disputes.isEmpty()) {
      b.add(Layout.box("notice", t.get("review.disputes_empty")));
      return Layout.page(v, t.get("review.disputes_title"), b);
    }
    b.raw("<table class=\"grid\" id=\"disputes\"><thead><tr>");
    for (String k :
        new String[] {
          "review.session",
          "kpi.agent",
          "review.raised_by",
          "review.dispute_reason",
          "review.requested_score",
          "review.status",
          "review.resolved_by"
        }) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead><tbody>");
    for (Dispute d : disputes) {
      b.raw("<tr data-status=\"").text(d.status()).raw("\">");
      b.raw("<td>")
          .link(
              transcriptUrl(d.session().shopId(), d.session().sessionId(), d.session().version()),
              d.session().sessionId())
          .raw("</td>");
      b.el("td", d.agentId());
      b.el("td", d.raisedBy() + " · " + v.time(d.raisedAt()));
      b.el("td", d.reason());
      b.el("td", "num", score(d.requestedScore()));
      b.el("td", t.get("review.dispute_" + d.status()));
      b.el("td", d.resolvedBy() == null ? "–" : d.resolvedBy() + " · " + v.time(d.resolvedAt()));
      b.raw("</tr>");
    }
    b.raw("</tbody></table>\n");
    return Layout.page(v, t.get("review.disputes_title"), b);
  }

  // ---- calibration -------------------------------------------------------------------------

  static String calibration(ViewContext v, Calibration c) {
    Messages.Text t = v.t();
    Html b = new Html();
    tabs(b, v, "/review/calibration");
    b.el("p", "muted", t.get("review.calibration_help"));
    if (c.sessions().isEmpty()) {
      b.add(Layout.box("notice", t.get("review.calibration_empty")));
      return Layout.page(v, t.get("review.calibration_title"), b);
    }
    b.el("h2", t.get("review.calibration_reviewers"));
    b.raw("<table class=\"grid\" id=\"calibration-reviewers\"><thead><tr>");
    for (String k :
        new String[] {
          "review.reviewer",
          "review.cal_sessions",
          "review.cal_mean_diff",
          "review.cal_mean_abs_diff",
          "review.cal_vs_auto"
        }) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead><tbody>");
    for (Calibration.ReviewerStats r : c.reviewers()) {
      b.raw("<tr data-reviewer=\"").text(r.reviewer()).raw("\">");
      b.el("td", r.reviewer());
      b.el("td", "num", r.sessions());
      b.el("td", "num", signed(r.meanDiff()));
      b.el("td", "num", fixed(r.meanAbsDiff()));
      b.el("td", "num", signed(r.meanVsAuto()));
      b.raw("</tr>");
    }
    b.raw("</tbody></table>\n");
    b.el("h2", t.get("review.calibration_sessions"));
    b.el("p", "muted", t.format("review.cal_summary", c.sessions().size(), fixed(c.meanSpread())));
    b.raw("<table class=\"grid\" id=\"calibration-sessions\"><thead><tr>");
    for (String k :
        new String[] {
          "review.session",
          "review.day",
          "review.auto_score",
          "review.cal_scores",
          "review.cal_spread",
          "review.cal_sd",
          "review.cal_hit_agreement"
        }) {
      b.el("th", t.get(k));
    }
    b.raw("</tr></thead><tbody>");
    for (Calibration.SessionStats s : c.sessions()) {
      b.raw("<tr data-session=\"").text(s.session().sessionId()).raw("\"");
      b.raw(s.spread() >= Calibration.WIDE_SPREAD ? " class=\"wide\"" : "").raw(">");
      b.raw("<td>")
          .link(
              transcriptUrl(s.session().shopId(), s.session().sessionId(), s.session().version()),
              s.session().sessionId())
          .raw("</td>");
      b.el("td", s.day());
      b.el("td", "num", score(s.autoScore()));
      StringBuilder scores = new StringBuilder();
      s.scores()
          .forEach(
              (who, sc) ->
                  scores
                      .append(scores.length() == 0 ? "" : ", ")
                      .append(who)
                      .append(' ')
                      .append(sc));
      b.el("td", scores.toString());
      b.el("td", "num spread", s.spread());
      b.el("td", "num", fixed(s.sd()));
      b.el("td", "num", s.hitAgreement() == null ? "–" : Math.round(s.hitAgreement() * 100) + " %");
      b.raw("</tr>");
    }
    b.raw("</tbody></table>\n");
    return Layout.page(v, t.get("review.calibration_title"), b);
  }

  private static String signed(Double d) {
    return d == null ? "–" : String.format(Locale.ROOT, "%+.1f", d);
  }

  private static String fixed(Double d) {
    return d == null ? "–" : String.format(Locale.ROOT, "%.1f", d);
  }
}
