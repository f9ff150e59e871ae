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
 * changes, how its contribution to each agent-minute it touches changed ({@link MinuteChange}, main
 * output), and on {@link #LIVE_ROWS} the buyer waiting in it ({@code live_waiting}) and its alerts
 * ({@code live_alert}): a buyer waiting past the warning and breach limits, and messages that break
 * a critical quality rule.
 *
 * <p>Event-time timers:
 *
 * <ul>
 *   <li>at a turn's start + the warning limit: the warning of a buyer still waiting then, and only
 *       then a timer at the start + the breach limit (most buyers are answered long before the
 *       first limit: one timer per turn, not two);
 *   <li>at the latest event + {@code sessionIdleTimeout}: a silent session is treated as ended (one
 *       timer at a time, moved on when it fires while newer events came);
 *   <li>at session_end + the allowed lateness: the moment no event from before the end can still
 *       arrive on time, the session is closed;
 *   <li>at the close + the rating window: a rating can no longer come, the state is cleared.
 * </ul>
 */
public final class TrackSessions extends KeyedProcessFunction<String, ChatEvent, MinuteChange> {

  /** Waiting buyers and alerts, for the warehouse. */
  public static final OutputTag<LiveRow> LIVE_ROWS =
      new OutputTag<>("live-rows", LiveRowTypeInfo.INSTANCE);

  private final KefuConfig config;
  private final long allowedLatenessMillis;
  private final long ratingWindowMillis;
  private final MessageCheck check;
  // The wait levels in the order a waiting buyer reaches them.
  private final long firstLevelMillis;
  private final long secondLevelMillis;

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
    long warning = config.waitWarningSeconds() * 1000L;
    long breach = config.waitBreachSeconds() * 1000L;
    this.firstLevelMillis = Math.min(warning, breach);
    this.secondLevelMillis = Math.max(warning, breach);
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
  public void processElement(ChatEvent event, Context ctx, Collector<MinuteChange> cells)
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
        timers.registerEventTimeTimer(waiting.toEpochMilli() + firstLevelMillis);
      }
      if (event instanceof Message m) {
        for (MessageCheck.Hit hit : check.check(m, session.qaState)) {
          ctx.output(LIVE_ROWS, qualityAlert(m, hit));
        }
      }
    }
    if (session.version != versionBefore) {
      emitChanges(session, timers.currentWatermark(), cells, ctx, config);
    }
    sessions.update(session);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<MinuteChange> cells)
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
    Instant waiting = session.waitingSince();
    boolean waitLevel =
        waiting != null
            && (time == waiting.toEpochMilli() + firstLevelMillis
                || time == waiting.toEpochMilli() + secondLevelMillis);
    long idleTime = idleAt(session.maxTs);
    if (!ended && !waitLevel && time != session.idleTimer && time < idleTime) {
      // The wait level of a turn answered since (most turns are answered within a minute), an end
      // timer made stale by a later session_end, or a timer of an earlier session of this key:
      // what the watermark decides (the open turn's level and alerts, LiveSession.waiting and
      // level) changes only at the open turn's own level times, each with its timer. Nothing to
      // write.
      return;
    }
    if (time == session.idleTimer && time < idleTime && !ended) {
      session.idleTimer = idleTime;
      ctx.timerService().registerEventTimeTimer(session.idleTimer);
    }
    if (waiting != null
        && time == waiting.toEpochMilli() + firstLevelMillis
        && secondLevelMillis > firstLevelMillis) {
      // Still waiting at the first level: only now is the second one worth a timer.
      ctx.timerService().registerEventTimeTimer(waiting.toEpochMilli() + secondLevelMillis);
    }
    if (ended || time >= idleTime) {
      session.close(config, time);
      closedSessions.inc();
      ctx.timerService().registerEventTimeTimer(saturatingAdd(time, ratingWindowMillis));
    }
    emitChanges(session, ctx.timerService().currentWatermark(), cells, ctx, config);
    sessions.update(session);
  }

  private long idleAt(long maxTs) {
    return saturatingAdd(maxTs, config.sessionIdleTimeout().toMillis());
  }

  static long saturatingAdd(long t, long d) {
    return t > Long.MAX_VALUE - d ? Long.MAX_VALUE : t + d;
  }

  /** Sends what changed since the session was last written: contributions, alerts, the waiter. */
  private static void emitChanges(
      LiveSession session, long watermark, Collector<MinuteChange> out, Context ctx, KefuConfig c) {
    session.emitChanges(
        c,
        watermark,
        new LiveSession.Changes() {
          @Override
          public void minute(MinuteChange change) {
            out.collect(change);
          }

          @Override
          public void alert(LiveAlert alert) {
            ctx.output(LIVE_ROWS, alert);
          }

          @Override
          public void waiting(WaitingBuyer waiting) {
            ctx.output(LIVE_ROWS, waiting);
          }
        });
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
