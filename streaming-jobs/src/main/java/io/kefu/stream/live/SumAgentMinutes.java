package io.kefu.stream.live;

import io.kefu.core.metrics.Percentiles;
import io.kefu.stream.warehouse.AgentMinute;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Each agent's figures per minute of event time: the 1-minute event-time windows of {@code
 * live_agent_minute}. Keyed by agent-minute ({@link SessionCell#windowKey()}), the window holds the
 * latest contribution of every session that touches it and writes the minute's sums whenever one
 * changes, so the live wall moves with every answer instead of once a minute.
 *
 * <p>Why not Flink's window operator: a minute's figures change long after the minute (a turn
 * started in it is answered later; a rating, counted on the session's start, may come two days
 * later), and a contribution must replace the session's earlier one rather than add to it. So the
 * window lives in keyed state for {@code retention} after the minute, and an event-time timer
 * clears it then; a contribution for a window already cleared is counted and dropped, never written
 * as if it were the whole minute.
 */
public final class SumAgentMinutes extends KeyedProcessFunction<String, SessionCell, AgentMinute> {

  private final long retentionMillis;
  private final ZoneId zone;

  private transient MapState<String, SessionCell> bySession;
  private transient ValueState<Boolean> written;
  private transient Counter tooLate;

  public SumAgentMinutes(Duration retention, ZoneId zone) {
    this.retentionMillis = retention.toMillis();
    this.zone = zone;
  }

  @Override
  public void open(OpenContext openContext) {
    bySession =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "by-session", Types.STRING, TypeInformation.of(SessionCell.class)));
    written = getRuntimeContext().getState(new ValueStateDescriptor<>("written", Types.BOOLEAN));
    tooLate = getRuntimeContext().getMetricGroup().counter("contributionsAfterWindowCleared");
  }

  /** When a window is cleared: its end plus the retention (saturating). */
  long clearAt(long minute) {
    return TrackSessions.saturatingAdd(minute + LiveSession.MINUTE_MILLIS - 1, retentionMillis);
  }

  @Override
  public void processElement(SessionCell cell, Context ctx, Collector<AgentMinute> out)
      throws Exception {
    if (clearAt(cell.minute()) <= ctx.timerService().currentWatermark()) {
      tooLate.inc();
      return;
    }
    boolean known = bySession.contains(cell.sessionId());
    if (cell.isEmpty()) {
      if (!known) {
        return;
      }
      bySession.remove(cell.sessionId());
    } else {
      bySession.put(cell.sessionId(), cell);
    }
    if (written.value() == null) {
      ctx.timerService().registerEventTimeTimer(clearAt(cell.minute()));
    }
    List<SessionCell> cells = new ArrayList<>();
    for (SessionCell c : bySession.values()) {
      cells.add(c);
    }
    out.collect(sum(cell.shopId(), cell.agentId(), cell.minute(), cells, zone));
    written.update(true);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AgentMinute> out) {
    bySession.clear();
    written.clear();
  }

  /** The minute's figures from its sessions' contributions; a deletion when none is left. */
  static AgentMinute sum(
      String shopId, String agentId, long minute, List<SessionCell> cells, ZoneId zone) {
    int turns = 0;
    int answered = 0;
    int inTime = 0;
    long rtSum = 0;
    int frt = 0;
    long frtSum = 0;
    int ratings = 0;
    int satisfied = 0;
    int dissatisfied = 0;
    int ratingSum = 0;
    int active = 0;
    int n = 0;
    for (SessionCell c : cells) {
      n += c.responseMillis().length;
    }
    long[] rt = new long[n];
    int i = 0;
    for (SessionCell c : cells) {
      turns += c.turns();
      answered += c.answered();
      inTime += c.repliedInTime();
      rtSum += c.responseSumMillis();
      for (long r : c.responseMillis()) {
        rt[i++] = r;
      }
      frt += c.firstResponses();
      frtSum += c.firstResponseSumMillis();
      ratings += c.ratings();
      satisfied += c.satisfied();
      dissatisfied += c.dissatisfied();
      ratingSum += c.ratingSum();
      if (c.active()) {
        active++;
      }
    }
    return new AgentMinute(
        shopId,
        agentId,
        minute,
        Instant.ofEpochMilli(minute).atZone(zone).toLocalDate(),
        turns,
        answered,
        inTime,
        rtSum,
        n,
        Percentiles.of(rt, 0.9),
        frt,
        frtSum,
        ratings,
        satisfied,
        dissatisfied,
        ratingSum,
        active,
        cells.isEmpty());
  }
}
