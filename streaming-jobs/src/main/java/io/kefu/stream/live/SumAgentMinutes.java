package io.kefu.stream.live;

import io.kefu.stream.warehouse.AgentMinute;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Each agent's figures per minute of event time: the 1-minute event-time windows of {@code
 * live_agent_minute}. Keyed by agent-minute ({@link MinuteChange#windowKey()}), the window adds up
 * the changes its sessions send ({@link MinuteChange}) and writes the minute's sums whenever one
 * comes, so the live wall moves with every answer instead of once a minute.
 *
 * <p>Why not Flink's window operator: a minute's figures change long after the minute (a turn
 * started in it is answered later; a rating, counted on the session's start, may come days later),
 * and a session's new contribution must replace its earlier one rather than add to it, which is why
 * sessions send changes, not contributions. So the window lives in keyed state ({@link MinuteSums},
 * a few numbers and the response times) for {@code retention} after the minute, and an event-time
 * timer clears it then; a change for a window already cleared is counted and dropped, never written
 * as if it were the whole minute.
 */
public final class SumAgentMinutes extends KeyedProcessFunction<String, MinuteChange, AgentMinute> {

  private final long retentionMillis;
  private final ZoneId zone;

  private transient ValueState<MinuteSums> sums;
  private transient Counter tooLate;

  public SumAgentMinutes(Duration retention, ZoneId zone) {
    this.retentionMillis = retention.toMillis();
    this.zone = zone;
  }

  @Override
  public void open(OpenContext openContext) {
    sums =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("sums", TypeInformation.of(MinuteSums.class)));
    tooLate = getRuntimeContext().getMetricGroup().counter("contributionsAfterWindowCleared");
  }

  /** When a window is cleared: its end plus the retention (saturating). */
  long clearAt(long minute) {
    return TrackSessions.saturatingAdd(minute + Minutes.MILLIS - 1, retentionMillis);
  }

  @Override
  public void processElement(MinuteChange change, Context ctx, Collector<AgentMinute> out)
      throws Exception {
    if (clearAt(change.minute()) <= ctx.timerService().currentWatermark()) {
      tooLate.inc();
      return;
    }
    MinuteSums minute = sums.value();
    if (minute == null) {
      minute = new MinuteSums();
      ctx.timerService().registerEventTimeTimer(clearAt(change.minute()));
    }
    minute.add(change);
    sums.update(minute);
    out.collect(minute.row(change.shopId(), change.agentId(), change.minute(), zone));
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AgentMinute> out) {
    sums.clear();
  }
}
