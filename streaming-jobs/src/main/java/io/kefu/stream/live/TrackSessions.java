package io.kefu.stream.live;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Message;
import io.kefu.core.event.SessionEnd;
import io.kefu.stream.warehouse.LiveAlert;
import io.kefu.stream.warehouse.LiveRow;
import io.kefu.stream.warehouse.LiveRowTypeInfo;
import io.kefu.stream.warehouse.WaitingBuyer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Who is waiting, for how long, and how fast was each buyer answered? Keyed by session ({@link
 * #sessionKey}), it keeps each session's {@link LiveSession} and sends out, whenever a session
 * changes, its contribution to every agent-minute it touches ({@link SessionCell}, main output),
 * and on {@link #LIVE_ROWS} the buyer waiting in it ({@code live_waiting}) and its alerts ({@code
 * live_alert}): a buyer waiting past the warning and breach limits, and messages that break a
 * critical quality rule.
 *
 * <p>Event-time timers:
 *
 * <ul>
 *   <li>at a turn's start + the warning limit and + the breach limit: the wait alerts of a buyer
 *       still waiting then;
 *   <li>at the latest event + {@code sessionIdleTimeout}: a silent session is treated as ended (one
 *       timer at a time, moved on when it fires while newer events came);
 *   <li>at session_end + the allowed lateness: the moment no event from before the end can still
 *       arrive on time, the session is closed;
 *   <li>at the close + the rating window: a rating can no longer come, the state is cleared.
 * </ul>
 */
public final class TrackSessions extends KeyedProcessFunction<String, ChatEvent, SessionCell> {

  /** Waiting buyers and alerts, for the warehouse. */
  public static final OutputTag<LiveRow> LIVE_ROWS =
      new OutputTag<>("live-rows", LiveRowTypeInfo.INSTANCE);

  private final KefuConfig config;
  private final long allowedLatenessMillis;
  private final long ratingWindowMillis;
  private final MessageCheck check;

  private transient ValueState<LiveSession> sessions;
  private transient Counter duplicates;
  private transient Counter afterClose;
  private transient Counter closedSessions;

  public TrackSessions(
      KefuConfig config, Duration allowedLateness, Duration ratingWindow, MessageCheck check) {
    this.config = config;
    this.allowedLatenessMillis = allowedLateness.toMillis();
    this.ratingWindowMillis = ratingWindow.toMillis();
    this.check = check;
  }

  /** The key of a chat event's session: sessions are unique within a shop. */
  public static String sessionKey(ChatEvent e) {
    return e.shopId() + '|' + e.sessionId();
  }

  @Override
  public void open(OpenContext openContext) {
    sessions =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("session", TypeInformation.of(LiveSession.class)));
    var metrics = getRuntimeContext().getMetricGroup();
    duplicates = metrics.counter("duplicateChatEvents");
    afterClose = metrics.counter("eventsAfterSessionClosed");
    closedSessions = metrics.counter("sessionsClosed");
  }

  @Override
  public void processElement(ChatEvent event, Context ctx, Collector<SessionCell> cells)
      throws Exception {
    LiveSession session = sessions.value();
    if (session == null) {
      session =
          new LiveSession(event.shopId(), event.sessionId(), event.buyerId(), check.newSession());
    }
    Instant waitingBefore = session.waitingSince();
    long versionBefore = session.version;
    LiveSession.Added added = session.add(event, config);
    if (added == LiveSession.Added.DUPLICATE) {
      duplicates.inc();
      return;
    }
    if (added == LiveSession.Added.AFTER_CLOSE) {
      afterClose.inc();
      return;
    }
    TimerService timers = ctx.timerService();
    if (!session.closed) {
      // One idle timer at a time: when it fires early (newer events came) it is moved, which
      // costs far less than moving it on every event.
      if (session.idleTimer == Long.MIN_VALUE) {
        session.idleTimer = idleAt(session.maxTs);
        timers.registerEventTimeTimer(session.idleTimer);
      }
      if (event instanceof SessionEnd) {
        timers.registerEventTimeTimer(
            saturatingAdd(session.endTs.toEpochMilli(), allowedLatenessMillis));
      }
      Instant waiting = session.waitingSince();
      if (waiting != null && !waiting.equals(waitingBefore)) {
        timers.registerEventTimeTimer(waiting.toEpochMilli() + config.waitWarningSeconds() * 1000L);
        timers.registerEventTimeTimer(waiting.toEpochMilli() + config.waitBreachSeconds() * 1000L);
      }
      if (event instanceof Message m) {
        for (MessageCheck.Hit hit : check.check(m, session.qaState)) {
          ctx.output(LIVE_ROWS, qualityAlert(m, hit));
        }
      }
    }
    if (session.version != versionBefore) {
      emitChanges(session, timers.currentWatermark(), cells, ctx);
    }
    sessions.update(session);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<SessionCell> cells)
      throws Exception {
    LiveSession session = sessions.value();
    if (session == null) {
      return;
    }
    if (session.closed) {
      if (time >= saturatingAdd(session.closedAt, ratingWindowMillis)) {
        sessions.clear();
      }
      return;
    }
    boolean ended =
        session.endTs != null
            && time >= saturatingAdd(session.endTs.toEpochMilli(), allowedLatenessMillis);
    if (time == session.idleTimer && time < idleAt(session.maxTs) && !ended) {
      session.idleTimer = idleAt(session.maxTs);
      ctx.timerService().registerEventTimeTimer(session.idleTimer);
    }
    if (ended || time >= idleAt(session.maxTs)) {
      session.close(config, time);
      closedSessions.inc();
      ctx.timerService().registerEventTimeTimer(saturatingAdd(time, ratingWindowMillis));
    }
    emitChanges(session, ctx.timerService().currentWatermark(), cells, ctx);
    sessions.update(session);
  }

  private long idleAt(long maxTs) {
    return saturatingAdd(maxTs, config.sessionIdleTimeout().toMillis());
  }

  static long saturatingAdd(long t, long d) {
    return t > Long.MAX_VALUE - d ? Long.MAX_VALUE : t + d;
  }

  /** Sends what changed since the session was last written: contributions, alerts, the waiter. */
  private void emitChanges(
      LiveSession session, long watermark, Collector<SessionCell> out, Context ctx) {
    Map<String, SessionCell> now = session.cells();
    now.values().removeIf(SessionCell::isEmpty);
    for (Map.Entry<String, SessionCell> e : now.entrySet()) {
      if (!e.getValue().equals(session.emittedCells.get(e.getKey()))) {
        out.collect(e.getValue());
      }
    }
    for (Map.Entry<String, SessionCell> e : session.emittedCells.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        SessionCell gone = e.getValue();
        out.collect(
            SessionCell.none(gone.shopId(), gone.agentId(), gone.minute(), gone.sessionId()));
      }
    }
    session.emittedCells = now;

    Map<String, LiveAlert> alerts = session.alerts(config, watermark);
    for (LiveAlert a : alerts.values()) {
      if (!a.equals(session.emittedAlerts.get(a.alertId()))) {
        ctx.output(LIVE_ROWS, a);
      }
    }
    for (LiveAlert a : session.emittedAlerts.values()) {
      if (!alerts.containsKey(a.alertId())) {
        ctx.output(
            LIVE_ROWS,
            new LiveAlert(
                a.alertId(),
                a.shopId(),
                a.agentId(),
                a.sessionId(),
                a.kind(),
                a.raisedAt(),
                a.detail(),
                a.clearedAt(),
                true));
      }
    }
    session.emittedAlerts = new HashMap<>(alerts);

    WaitingBuyer waiting = session.waiting(config, watermark);
    if (!Objects.equals(waiting, session.emittedWaiting)) {
      if (waiting != null) {
        ctx.output(LIVE_ROWS, waiting);
      } else {
        WaitingBuyer w = session.emittedWaiting;
        ctx.output(
            LIVE_ROWS,
            new WaitingBuyer(
                w.shopId(),
                w.sessionId(),
                w.buyerId(),
                w.agentId(),
                w.waitingSince(),
                w.level(),
                true));
      }
      session.emittedWaiting = waiting;
    }
  }

  /** The alert of a critical rule broken by a message; one per rule and message. */
  static LiveAlert qualityAlert(Message m, MessageCheck.Hit hit) {
    return new LiveAlert(
        "qa:" + hit.ruleId() + ":" + m.shopId() + ":" + m.eventId(),
        m.shopId(),
        m.agentId(),
        m.sessionId(),
        hit.ruleId(),
        m.ts().toEpochMilli(),
        hit.detail(),
        null,
        false);
  }
}
