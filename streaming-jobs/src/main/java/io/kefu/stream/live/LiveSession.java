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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * is <em>closed</em>: its final figures are written, then the events, the tracker, the
 * quality-check state and what was written are dropped, and only what a late rating needs is kept
 * (who is credited, the start minute, the rating counted). A closed session waits days for a
 * rating, so it must be small: most of the job's state is closed sessions.
 */
final class LiveSession implements Serializable {

  private static final long serialVersionUID = 2L;

  final String shopId;
  final String sessionId;
  String buyerId;

  // ---- open phase
  private ArrayList<ChatEvent> events = new ArrayList<>();
  private HashSet<String> ids = new HashSet<>();
  private TurnTracker tracker;
  private String trackerInitialOwner;
  private ArrayList<Turn> turns = new ArrayList<>(); // answered ones, in the order answered
  // The answered turns and the activity, summed per agent-minute as they come: what the session
  // contributes apart from its open turn and its rating.
  private HashMap<CellKey, Acc> base = new HashMap<>();
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
  private Map<CellKey, SessionCell> closedBaseCells;
  private Map<String, LiveAlert> closedAlerts;
  private String closedCredit;
  private long closedStart;

  // ---- what changed since the last write: after a replay or the close, everything may have
  private boolean compareAll = true;
  private HashSet<CellKey> changedCells = new HashSet<>();
  private ArrayList<Turn> answeredSinceWritten = new ArrayList<>();

  // ---- what was last written
  private HashMap<CellKey, SessionCell> emittedCells = new HashMap<>();
  private HashMap<String, LiveAlert> emittedAlerts = new HashMap<>();
  private WaitingBuyer emittedWaiting;
  private Rating emittedRating; // in the closed phase, once its figures are written
  private CellKey emittedRatingCell;

  /** An agent's minute (its start, epoch milliseconds): where a contribution goes. */
  record CellKey(String agentId, long minute) implements Serializable {}

  /** Where {@link #emitChanges} sends what changed. */
  interface Changes {
    /** How the session's contribution to an agent-minute changed. */
    void minute(MinuteChange change);

    /** A wait alert raised or changed, or withdrawn ({@link LiveAlert#deleted()}). */
    void alert(LiveAlert alert);

    /** The waiting buyer, or its withdrawal ({@link WaitingBuyer#deleted()}). */
    void waiting(WaitingBuyer waiting);
  }

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
    base.clear();
    for (ChatEvent e : events) {
      feed(e);
    }
    compareAll = true;
    changedCells.clear();
    answeredSinceWritten.clear();
  }

  private void feed(ChatEvent e) {
    boolean waiting = tracker.waiting();
    Turn answered = tracker.accept(e);
    if (answered != null) {
      turns.add(answered);
      answeredSinceWritten.add(answered);
      CellKey at = turnCell(answered);
      if (at != null) {
        base.computeIfAbsent(at, Acc::new).addTurn(answered);
        changedCells.add(at);
      }
    }
    if (answered != null || waiting != tracker.waiting()) {
      version++;
    }
    String owner = tracker.owner();
    if (owner != null && !(e instanceof Rating)) {
      CellKey at = new CellKey(owner, Minutes.startOf(e.ts().toEpochMilli()));
      Acc acc = base.computeIfAbsent(at, Acc::new);
      if (!acc.active) {
        acc.active = true;
        changedCells.add(at);
        version++;
      }
    }
  }

  /**
   * Where a turn is counted: its owner's minute of its start, for a counted turn with a known owner
   * (as the batch KPIs count them); else {@code null}.
   */
  private static CellKey turnCell(Turn t) {
    return t != null && t.counted() && t.ownerAgentId() != null
        ? new CellKey(t.ownerAgentId(), Minutes.startOf(t.start().toEpochMilli()))
        : null;
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

  /** Where the rating is counted: the credited agent's minute of the session's start, or null. */
  private CellKey ratingCell() {
    if (rating == null) {
      return null;
    }
    String credit = credit();
    return credit == null ? null : new CellKey(credit, Minutes.startOf(start()));
  }

  private Turn openTurn() {
    return closed ? null : tracker.openTurn();
  }

  /**
   * The session's contribution to every agent-minute it touches: turns by owner and the minute of
   * their start (counted ones with a known owner, as the batch KPIs count them), the rating by
   * credited agent and the minute of the session's start, activity by owner and the minute of each
   * event. Empty contributions are left out. Computed from scratch: what {@link #emitChanges} keeps
   * written, one changed cell at a time. Of a closed session, known only until its final figures
   * are written (then only what a rating needs is kept).
   */
  Map<CellKey, SessionCell> cells() {
    Set<CellKey> keys = new HashSet<>(closed ? closedBaseCells.keySet() : base.keySet());
    Turn open = openTurn();
    CellKey openCell = turnCell(open);
    CellKey ratingCell = ratingCell();
    addIfNotNull(keys, openCell);
    addIfNotNull(keys, ratingCell);
    Map<CellKey, SessionCell> cells = new HashMap<>();
    for (CellKey k : keys) {
      SessionCell c = cell(k, open, openCell, ratingCell);
      if (!c.isEmpty()) {
        cells.put(k, c);
      }
    }
    return cells;
  }

  /** The session's contribution to one agent-minute as it stands now; possibly empty. */
  private SessionCell cell(CellKey k, Turn open, CellKey openCell, CellKey ratingCell) {
    Acc acc = new Acc(k);
    if (closed) {
      SessionCell was = closedBaseCells.get(k);
      if (was != null) {
        acc.add(was);
      }
    } else {
      Acc b = base.get(k);
      if (b != null) {
        acc.add(b);
      }
    }
    if (k.equals(openCell)) {
      acc.addTurn(open);
    }
    if (k.equals(ratingCell)) {
      acc.addRating(rating.score());
    }
    return acc.build(shopId, sessionId);
  }

  private static <T> void addIfNotNull(Set<T> set, T value) {
    if (value != null) {
      set.add(value);
    }
  }

  /**
   * Sends what changed since the session was last written: its contributions to agent-minutes, its
   * wait alerts and its waiting buyer, each compared with what was last sent, so that the latest
   * row sent for each equals {@link #cells()}, {@link #alerts} and {@link #waiting} now. Only what
   * the events since then can have touched is compared: the cells they changed, the turns they
   * answered, the open turn, and the rating's cell before and now. After a replay or the close,
   * everything is. (The turn open at the last write needs no looking after: a turn's owner and
   * start never change, so it is either still open, or answered, its cell among the changed ones,
   * or it went through a replay or the close.)
   */
  void emitChanges(KefuConfig config, long watermark, Changes out) {
    if (closed && !compareAll) {
      emitRatingChange(out);
      return;
    }
    Turn open = openTurn();
    CellKey openCell = turnCell(open);
    CellKey ratingCell = ratingCell();

    Set<CellKey> cellKeys = new HashSet<>(changedCells);
    Map<String, LiveAlert> alertsNow;
    Set<String> alertIds;
    if (compareAll) {
      cellKeys.addAll(emittedCells.keySet());
      cellKeys.addAll(closed ? closedBaseCells.keySet() : base.keySet());
      alertsNow = alerts(config, watermark);
      alertIds = new HashSet<>(alertsNow.keySet());
      alertIds.addAll(emittedAlerts.keySet());
    } else {
      alertsNow = new HashMap<>();
      for (Turn t : answeredSinceWritten) {
        waitAlerts(t, config, watermark, false, alertsNow);
      }
      if (open != null) {
        waitAlerts(open, config, watermark, true, alertsNow);
      }
      if (emittedAlerts.isEmpty()) {
        // Nothing sent that could need withdrawing: most sessions, whose buyers never waited long.
        alertIds = alertsNow.keySet();
      } else {
        alertIds = new HashSet<>(alertsNow.keySet());
        for (Turn t : answeredSinceWritten) {
          addAlertIds(alertIds, t.start());
        }
        if (open != null) {
          addAlertIds(alertIds, open.start());
        }
      }
    }
    addIfNotNull(cellKeys, openCell);
    addIfNotNull(cellKeys, ratingCell);
    addIfNotNull(cellKeys, emittedRatingCell);

    for (CellKey k : cellKeys) {
      SessionCell now = cell(k, open, openCell, ratingCell);
      if (now.isEmpty()) {
        SessionCell was = emittedCells.remove(k);
        if (was != null) {
          out.minute(MinuteChange.between(was, null));
        }
      } else {
        SessionCell was = emittedCells.put(k, now);
        if (!now.equals(was)) {
          out.minute(MinuteChange.between(was, now));
        }
      }
    }
    for (String id : alertIds) {
      LiveAlert now = alertsNow.get(id);
      LiveAlert was = emittedAlerts.get(id);
      if (now != null && !now.equals(was)) {
        emittedAlerts.put(id, now);
        out.alert(now);
      } else if (now == null && was != null) {
        emittedAlerts.remove(id);
        out.alert(withdrawn(was));
      }
    }
    WaitingBuyer waiting = waiting(config, watermark);
    if (!Objects.equals(waiting, emittedWaiting)) {
      out.waiting(waiting != null ? waiting : withdrawn(emittedWaiting));
      emittedWaiting = waiting;
    }

    compareAll = false;
    changedCells.clear();
    answeredSinceWritten.clear();
    emittedRatingCell = ratingCell;
    if (closed) {
      // Written for good: from now on only a rating can change, and only its own figures.
      emittedRating = rating;
      closedBaseCells = null;
      closedAlerts = null;
      emittedCells = null;
      emittedAlerts = null;
    }
  }

  /**
   * A closed session whose final figures are written: a rating that came since (or replaced the one
   * counted) changes the credited agent's minute of the session's start by the difference.
   */
  private void emitRatingChange(Changes out) {
    if (Objects.equals(rating, emittedRating) || closedCredit == null) {
      emittedRating = rating;
      return; // no agent to credit: the rating counts nowhere, as before the close
    }
    CellKey at = new CellKey(closedCredit, Minutes.startOf(closedStart));
    Acc was = new Acc(at);
    if (emittedRating != null) {
      was.addRating(emittedRating.score());
    }
    Acc now = new Acc(at);
    now.addRating(rating.score());
    out.minute(MinuteChange.between(was.build(shopId, sessionId), now.build(shopId, sessionId)));
    emittedRating = rating;
  }

  private void addAlertIds(Set<String> ids, Instant turnStart) {
    ids.add(alertId(LiveAlert.WAIT_WARNING, turnStart.toEpochMilli()));
    ids.add(alertId(LiveAlert.WAIT_BREACH, turnStart.toEpochMilli()));
  }

  private static LiveAlert withdrawn(LiveAlert a) {
    return new LiveAlert(
        a.alertId(),
        a.shopId(),
        a.agentId(),
        a.sessionId(),
        a.kind(),
        a.raisedAt(),
        a.detail(),
        a.clearedAt(),
        true);
  }

  private static WaitingBuyer withdrawn(WaitingBuyer w) {
    return new WaitingBuyer(
        w.shopId(), w.sessionId(), w.buyerId(), w.agentId(), w.waitingSince(), w.level(), true);
  }

  /** The latest rows sent: contributions, alerts, waiting buyer (for tests). */
  Map<CellKey, SessionCell> emittedCells() {
    return emittedCells;
  }

  Map<String, LiveAlert> emittedAlerts() {
    return emittedAlerts;
  }

  WaitingBuyer emittedWaiting() {
    return emittedWaiting;
  }

  /**
   * The wait alerts of the session's turns, keyed by alert id. A level (warning, breach) is raised
   * for a counted turn iff the buyer's wait exceeded it: answered later than the limit, or still
   * unanswered when the session ended after the limit, or never answered at all. For the turn still
   * open, the only thing not yet known is whether the answer will come in time, so it is raised
   * once the watermark has passed the limit. Defined by the events alone, not by when they arrived:
   * an out-of-order answer that came in time removes an alert raised meanwhile, so a replay or a
   * restart ends with the same alerts. Of a closed session, known only until they are written.
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
      CellKey cell = turnCell(open);
      if (cell != null) {
        base.computeIfAbsent(cell, Acc::new).addTurn(open);
      }
    }
    Rating kept = rating;
    rating = null;
    closedBaseCells = cells();
    rating = kept;
    closedCredit = credit();
    closedStart = start();
    closedAlerts = finalAlerts;
    closed = true;
    closedAt = at;
    version++;
    compareAll = true;
    events = null;
    ids = null;
    tracker = null;
    turns = null;
    base = null;
    changedCells.clear();
    answeredSinceWritten.clear();
    qaState = null;
  }

  /** Sums one session's turns, activity and rating in one agent-minute. */
  private static final class Acc implements Serializable {
    private static final long serialVersionUID = 1L;

    final CellKey key;
    int turns;
    int answered;
    int repliedInTime;
    long responseSum;
    long[] responses = new long[0];
    int responseCount;
    int firstResponses;
    long firstResponseSum;
    int ratings;
    int satisfied;
    int dissatisfied;
    int ratingSum;
    boolean active;

    Acc(CellKey key) {
      this.key = key;
    }

    void add(Acc o) {
      turns += o.turns;
      answered += o.answered;
      repliedInTime += o.repliedInTime;
      responseSum += o.responseSum;
      for (int i = 0; i < o.responseCount; i++) {
        addResponse(o.responses[i]);
      }
      firstResponses += o.firstResponses;
      firstResponseSum += o.firstResponseSum;
      ratings += o.ratings;
      satisfied += o.satisfied;
      dissatisfied += o.dissatisfied;
      ratingSum += o.ratingSum;
      active |= o.active;
    }

    void add(SessionCell c) {
      turns += c.turns();
      answered += c.answered();
      repliedInTime += c.repliedInTime();
      responseSum += c.responseSumMillis();
      for (long r : c.responseMillis()) {
        addResponse(r);
      }
      firstResponses += c.firstResponses();
      firstResponseSum += c.firstResponseSumMillis();
      ratings += c.ratings();
      satisfied += c.satisfied();
      dissatisfied += c.dissatisfied();
      ratingSum += c.ratingSum();
      active |= c.active();
    }

    private void addResponse(long millis) {
      if (responseCount == responses.length) {
        responses = Arrays.copyOf(responses, Math.max(4, 2 * responseCount));
      }
      responses[responseCount++] = millis;
    }

    void addTurn(Turn t) {
      turns++;
      if (t.answered()) {
        answered++;
        responseSum += t.responseMillis();
        addResponse(t.responseMillis());
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
      return new SessionCell(
          shopId,
          key.agentId(),
          key.minute(),
          sessionId,
          turns,
          answered,
          repliedInTime,
          responseSum,
          Arrays.copyOf(responses, responseCount),
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
