package io.kefu.stream.live;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Message;
import io.kefu.core.event.Rating;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionEnd;
import io.kefu.core.event.SessionStart;
import io.kefu.core.event.Transfer;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.metrics.Turn;
import io.kefu.core.metrics.TurnTracker;
import io.kefu.stream.warehouse.LiveAlert;
import io.kefu.stream.warehouse.WaitingBuyer;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chat session as the live job knows it so far: its events in METRICS.md order, the {@link
 * TurnTracker} fed with them (the same turn rules the batch job applies through {@link
 * SessionAnalyzer}), and what the job last wrote about it. Pure Java, no Flink: {@link
 * TrackSessions} keeps one per session in keyed state and decides when time has moved on.
 *
 * <p>Events are fed to the tracker as they arrive when they come in order; one that sorts before an
 * event already fed (message times, not arrival order, decide who answered when), or that reveals a
 * different first owner of a session whose session_start was lost, makes the session replay its
 * events into a fresh tracker. So the turns are always exactly those {@link SessionAnalyzer} finds
 * in the same events.
 *
 * <p>The session lives in two phases. While open it holds its events. When it ends or times out it
 * is <em>closed</em>: the events, the tracker and the quality-check state are dropped, and only
 * what a late rating needs is kept (who is credited, the start minute, the final contributions).
 */
final class LiveSession implements Serializable {

  private static final long serialVersionUID = 1L;

  static final long MINUTE_MILLIS = 60_000;

  final String shopId;
  final String sessionId;
  String buyerId;

  // ---- open phase
  private ArrayList<ChatEvent> events = new ArrayList<>();
  private HashSet<String> ids = new HashSet<>();
  private TurnTracker tracker;
  private String trackerInitialOwner;
  private ArrayList<Turn> turns = new ArrayList<>();
  private HashSet<String> activeCells = new HashSet<>();
  Serializable qaState;

  /** The latest event time seen (idle timeout counts from it). */
  long maxTs = Long.MIN_VALUE;

  /** The idle timer registered, or {@code Long.MIN_VALUE}: one at a time, moved when it fires. */
  long idleTimer = Long.MIN_VALUE;

  /** The session_end's time (the last one in order), or {@code null}. */
  Instant endTs;

  private Rating rating;

  /**
   * Changes whenever the session's figures may have changed (a turn opened or closed, a replay, new
   * activity, a rating, an end): an event that leaves it alone (a buyer's second message in a turn,
   * an agent's follow-up) needs nothing written.
   */
  long version;

  // ---- closed phase
  boolean closed;
  long closedAt;
  private Map<String, SessionCell> closedBaseCells;
  private Map<String, LiveAlert> closedAlerts;
  private String closedCredit;
  private long closedStart;

  // ---- what was last written
  Map<String, SessionCell> emittedCells = new HashMap<>();
  Map<String, LiveAlert> emittedAlerts = new HashMap<>();
  WaitingBuyer emittedWaiting;

  LiveSession(String shopId, String sessionId, String buyerId, Serializable qaState) {
    this.shopId = shopId;
    this.sessionId = sessionId;
    this.buyerId = buyerId;
    this.qaState = qaState;
  }

  /** What adding an event did. */
  enum Added {
    /** The event changed the session. */
    CHANGED,
    /** An event_id seen before: a duplicate delivery, counted once. */
    DUPLICATE,
    /** A non-rating event of a session already closed: too late for the live figures. */
    AFTER_CLOSE
  }

  /** Takes one event of this session, in whatever order it arrives. */
  Added add(ChatEvent e, KefuConfig config) {
    if (closed) {
      if (e instanceof Rating r) {
        if (rating != null && rating.eventId().equals(r.eventId())) {
          return Added.DUPLICATE;
        }
        if (rating == null || SessionAnalyzer.EVENT_ORDER.compare(r, rating) > 0) {
          rating = r;
          version++;
        }
        return Added.CHANGED;
      }
      return Added.AFTER_CLOSE;
    }
    if (!ids.add(e.eventId())) {
      return Added.DUPLICATE;
    }
    maxTs = Math.max(maxTs, e.ts().toEpochMilli());
    int at = Collections.binarySearch(events, e, SessionAnalyzer.EVENT_ORDER);
    int index = at < 0 ? -at - 1 : at;
    events.add(index, e);
    if (e instanceof SessionEnd) {
      endTs = lastEnd();
      version++;
    } else if (e instanceof Rating r
        && (rating == null || SessionAnalyzer.EVENT_ORDER.compare(r, rating) > 0)) {
      rating = r;
      version++;
    }
    boolean inOrder = index == events.size() - 1;
    if (tracker == null || !inOrder || firstOwnerChanged(e)) {
      replay(config);
      version++;
    } else {
      feed(e);
    }
    return Added.CHANGED;
  }

  private Instant lastEnd() {
    Instant end = null;
    for (ChatEvent e : events) {
      if (e instanceof SessionEnd) {
        end = e.ts();
      }
    }
    return end;
  }

  // Only an assignment or an agent's message can reveal who had the buyer before any assignment.
  private boolean firstOwnerChanged(ChatEvent e) {
    boolean evidence =
        e instanceof SessionStart
            || e instanceof Transfer
            || (e instanceof Message m && m.sender() == Sender.AGENT);
    return evidence && !Objects.equals(TurnTracker.initialOwner(events), trackerInitialOwner);
  }

  private void replay(KefuConfig config) {
    trackerInitialOwner = TurnTracker.initialOwner(events);
    tracker = new TurnTracker(config, trackerInitialOwner);
    turns.clear();
    activeCells.clear();
    for (ChatEvent e : events) {
      feed(e);
    }
  }

  private void feed(ChatEvent e) {
    boolean waiting = tracker.waiting();
    Turn answered = tracker.accept(e);
    if (answered != null) {
      turns.add(answered);
    }
    if (answered != null || waiting != tracker.waiting()) {
      version++;
    }
    String owner = tracker.owner();
    if (owner != null
        && !(e instanceof Rating)
        && activeCells.add(cellKey(owner, minuteOf(e.ts().toEpochMilli())))) {
      version++;
    }
  }

  /** The start of the minute holding {@code epochMillis}. */
  static long minuteOf(long epochMillis) {
    return epochMillis - Math.floorMod(epochMillis, MINUTE_MILLIS);
  }

  private static String cellKey(String agentId, long minute) {
    return agentId + '|' + minute;
  }

  /** The session's start as METRICS.md has it: its session_start, else its earliest event. */
  long start() {
    if (closed) {
      return closedStart;
    }
    for (ChatEvent e : events) {
      if (e instanceof SessionStart) {
        return e.ts().toEpochMilli();
      }
    }
    return events.get(0).ts().toEpochMilli();
  }

  /** Who a rating is credited to: the last agent who spoke, else the owner; or {@code null}. */
  String credit() {
    if (closed) {
      return closedCredit;
    }
    String last = tracker.lastAgentSpeaker();
    return last != null ? last : tracker.owner();
  }

  /** Every turn so far, the open one (unanswered yet) included. */
  List<Turn> turns() {
    List<Turn> all = new ArrayList<>(turns);
    Turn open = tracker.openTurn();
    if (open != null) {
      all.add(open);
    }
    return all;
  }

  /**
   * The session's contribution to every agent-minute it touches, keyed {@code agent|minute}: turns
   * by owner and the minute of their start (counted ones with a known owner, as the batch KPIs
   * count them), the rating by credited agent and the minute of the session's start, activity by
   * owner and the minute of each event.
   */
  Map<String, SessionCell> cells() {
    Map<String, Acc> accs = new LinkedHashMap<>();
    if (closed) {
      closedBaseCells.forEach((k, c) -> accs.put(k, Acc.of(c)));
    } else {
      for (Turn t : turns()) {
        if (t.counted() && t.ownerAgentId() != null) {
          acc(accs, t.ownerAgentId(), minuteOf(t.start().toEpochMilli())).addTurn(t);
        }
      }
      for (String k : activeCells) {
        int sep = k.lastIndexOf('|');
        acc(accs, k.substring(0, sep), Long.parseLong(k.substring(sep + 1))).active = true;
      }
    }
    String credit = credit();
    if (rating != null && credit != null) {
      acc(accs, credit, minuteOf(start())).addRating(rating.score());
    }
    Map<String, SessionCell> cells = new HashMap<>();
    accs.forEach((k, a) -> cells.put(k, a.build(shopId, sessionId)));
    return cells;
  }

  private static Acc acc(Map<String, Acc> accs, String agentId, long minute) {
    return accs.computeIfAbsent(cellKey(agentId, minute), k -> new Acc(agentId, minute));
  }

  /**
   * The wait alerts of the session's turns, keyed by alert id. A level (warning, breach) is raised
   * for a counted turn iff the buyer's wait exceeded it: answered later than the limit, or still
   * unanswered when the session ended after the limit, or never answered at all. For the turn still
   * open, the only thing not yet known is whether the answer will come in time, so it is raised
   * once the watermark has passed the limit. Defined by the events alone, not by when they arrived:
   * an out-of-order answer that came in time removes an alert raised meanwhile, so a replay or a
   * restart ends with the same alerts.
   */
  Map<String, LiveAlert> alerts(KefuConfig config, long watermark) {
    if (closed) {
      return closedAlerts;
    }
    Map<String, LiveAlert> alerts = new HashMap<>();
    for (Turn t : turns) {
      waitAlerts(t, config, watermark, false, alerts);
    }
    Turn open = tracker.openTurn();
    if (open != null) {
      waitAlerts(open, config, watermark, true, alerts);
    }
    return alerts;
  }

  private void waitAlerts(
      Turn t, KefuConfig config, long watermark, boolean open, Map<String, LiveAlert> out) {
    if (!t.counted()) {
      return;
    }
    Long waitEnd =
        t.answered()
            ? Long.valueOf(t.answeredAt().toEpochMilli())
            : endTs != null && !endTs.isBefore(t.start())
                ? Long.valueOf(endTs.toEpochMilli())
                : null;
    level(t, LiveAlert.WAIT_WARNING, config.waitWarningSeconds(), waitEnd, open, watermark, out);
    level(t, LiveAlert.WAIT_BREACH, config.waitBreachSeconds(), waitEnd, open, watermark, out);
  }

  private void level(
      Turn t,
      String kind,
      int seconds,
      Long waitEnd,
      boolean open,
      long watermark,
      Map<String, LiveAlert> out) {
    long start = t.start().toEpochMilli();
    long raisedAt = start + seconds * 1000L;
    boolean raised =
        waitEnd != null ? waitEnd - start > seconds * 1000L : !open || watermark >= raisedAt;
    if (!raised) {
      return;
    }
    String id = alertId(kind, start);
    String detail =
        t.answered()
            ? "buyer waited " + (t.answeredAt().toEpochMilli() - start) / 1000 + " s for an answer"
            : waitEnd != null
                ? "session ended after the buyer waited " + (waitEnd - start) / 1000 + " s"
                : "buyer waiting since " + t.start();
    out.put(
        id,
        new LiveAlert(
            id,
            shopId,
            t.ownerAgentId(),
            sessionId,
            kind,
            raisedAt,
            detail,
            t.answered() ? t.answeredAt().toEpochMilli() : null,
            false));
  }

  private String alertId(String kind, long turnStart) {
    return kind + ':' + shopId + ':' + sessionId + ':' + turnStart;
  }

  /**
   * The buyer waiting right now, or {@code null}: a counted open turn of a session that has not
   * ended, at the level the watermark has reached.
   */
  WaitingBuyer waiting(KefuConfig config, long watermark) {
    if (closed || !tracker.waiting()) {
      return null;
    }
    Turn open = tracker.openTurn();
    if (!open.counted() || (endTs != null && !endTs.isBefore(open.start()))) {
      return null;
    }
    long since = open.start().toEpochMilli();
    String level =
        watermark >= since + config.waitBreachSeconds() * 1000L
            ? WaitingBuyer.BREACH
            : watermark >= since + config.waitWarningSeconds() * 1000L
                ? WaitingBuyer.WARNING
                : WaitingBuyer.WAITING;
    return new WaitingBuyer(shopId, sessionId, buyerId, open.ownerAgentId(), since, level, false);
  }

  /** When a buyer started waiting for the open turn, or {@code null}. */
  Instant waitingSince() {
    return closed || tracker == null ? null : tracker.waitingSince();
  }

  /**
   * Ends the open phase at event time {@code at}: the figures are final except for a rating still
   * to come, so only what a rating needs is kept.
   */
  void close(KefuConfig config, long at) {
    Map<String, LiveAlert> finalAlerts = new HashMap<>();
    for (Turn t : turns) {
      waitAlerts(t, config, Long.MAX_VALUE, false, finalAlerts);
    }
    Turn open = tracker.finish();
    if (open != null) {
      waitAlerts(open, config, Long.MAX_VALUE, false, finalAlerts);
      turns.add(open);
    }
    Rating kept = rating;
    rating = null;
    closedBaseCells = withoutRating();
    rating = kept;
    closedCredit = credit();
    closedStart = start();
    closedAlerts = finalAlerts;
    closed = true;
    closedAt = at;
    version++;
    events = null;
    ids = null;
    tracker = null;
    turns = null;
    activeCells = null;
    qaState = null;
  }

  private Map<String, SessionCell> withoutRating() {
    Map<String, SessionCell> cells = cells();
    cells.values().removeIf(SessionCell::isEmpty);
    return cells;
  }

  /** Sums one session's turns and rating in one agent-minute. */
  private static final class Acc {
    final String agentId;
    final long minute;
    int turns;
    int answered;
    int repliedInTime;
    long responseSum;
    List<Long> responses = new ArrayList<>();
    int firstResponses;
    long firstResponseSum;
    int ratings;
    int satisfied;
    int dissatisfied;
    int ratingSum;
    boolean active;

    Acc(String agentId, long minute) {
      this.agentId = agentId;
      this.minute = minute;
    }

    static Acc of(SessionCell c) {
      Acc a = new Acc(c.agentId(), c.minute());
      a.turns = c.turns();
      a.answered = c.answered();
      a.repliedInTime = c.repliedInTime();
      a.responseSum = c.responseSumMillis();
      for (long r : c.responseMillis()) {
        a.responses.add(r);
      }
      a.firstResponses = c.firstResponses();
      a.firstResponseSum = c.firstResponseSumMillis();
      a.ratings = c.ratings();
      a.satisfied = c.satisfied();
      a.dissatisfied = c.dissatisfied();
      a.ratingSum = c.ratingSum();
      a.active = c.active();
      return a;
    }

    void addTurn(Turn t) {
      turns++;
      if (t.answered()) {
        answered++;
        responseSum += t.responseMillis();
        responses.add(t.responseMillis());
        if (t.repliedInTime()) {
          repliedInTime++;
        }
        if (t.first()) {
          firstResponses++;
          firstResponseSum += t.responseMillis();
        }
      }
    }

    void addRating(int score) {
      ratings++;
      ratingSum += score;
      if (Rating.satisfied(score)) {
        satisfied++;
      }
      if (Rating.dissatisfied(score)) {
        dissatisfied++;
      }
    }

    SessionCell build(String shopId, String sessionId) {
      long[] rt = new long[responses.size()];
      for (int i = 0; i < rt.length; i++) {
        rt[i] = responses.get(i);
      }
      return new SessionCell(
          shopId,
          agentId,
          minute,
          sessionId,
          turns,
          answered,
          repliedInTime,
          responseSum,
          rt,
          firstResponses,
          firstResponseSum,
          ratings,
          satisfied,
          dissatisfied,
          ratingSum,
          active);
    }
  }
}
