package io.kefu.stream;

import io.kefu.core.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Which chat and order events can the live figures use, right now? The live side's entry: raw lines
 * from a replay or Kafka are validated by the contract's one parser, stamped with event time, and
 * split three ways — dead letters (rejected lines, with the reason), late events (too late for
 * figures already shown) and the accepted, on-time events that the live stages (per-session
 * response timers, per-agent 1-minute windows) consume. Every line read ends up in exactly one of
 * dead letters or accepted, and every accepted event in exactly one of late or on-time: counted,
 * never silently dropped.
 *
 * <p>For now the on-time events feed one figure a person can check against the input: accepted
 * events per shop, stream and minute of event time.
 *
 * <pre>
 * lines ─ parse-events ─┬─ event-time ─ route-late ─┬─ on-time events ─ per-minute counts ─ sink
 *                       └─ dead letters ─ sink      └─ late events ─ sink
 * </pre>
 *
 * <p>Sources and sinks come in through the constructor: {@link StreamCommand} wires files and
 * Kafka, tests wire collecting sinks, and both run this very graph.
 */
public final class LiveEventsJob {

  private final Source<RawLine, ?, ?> lines;
  private final Sink<DeadLetter> deadLetterSink;
  private final Sink<LateEvent> lateEventSink;
  private final Sink<AcceptedCount> acceptedCountSink;
  private final StreamOptions options;

  public LiveEventsJob(
      Source<RawLine, ?, ?> lines,
      Sink<DeadLetter> deadLetterSink,
      Sink<LateEvent> lateEventSink,
      Sink<AcceptedCount> acceptedCountSink,
      StreamOptions options) {
    this.lines = lines;
    this.deadLetterSink = deadLetterSink;
    this.lateEventSink = lateEventSink;
    this.acceptedCountSink = acceptedCountSink;
    this.options = options;
  }

  /** Builds the graph and runs it; for a replay, returns when the files are done. */
  public JobExecutionResult execute() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env);
    DataStream<Event> onTimeEvents = onTimeEvents(env);
    countPerMinute(onTimeEvents)
        .sinkTo(acceptedCountSink)
        .name("accepted counts sink")
        .uid("accepted-counts-sink");
    return env.execute("kefu live events");
  }

  /** Parallelism, checkpoints, object reuse: the same for production and tests. */
  void configure(StreamExecutionEnvironment env) {
    env.setParallelism(options.parallelism());
    env.enableCheckpointing(options.checkpointInterval().toMillis());
    // Events are immutable records: handing the same object to the next chained operator is safe,
    // and saves a serializer copy per event per operator.
    env.getConfig().enableObjectReuse();
  }

  /**
   * The validated, event-time-stamped, on-time events, with dead letters and late events already
   * routed to their sinks. The next live stages build on this stream.
   */
  public DataStream<Event> onTimeEvents(StreamExecutionEnvironment env) {
    DataStream<RawLine> rawLines =
        env.fromSource(lines, WatermarkStrategy.noWatermarks(), "raw lines").uid("raw-lines");

    SingleOutputStreamOperator<Event> accepted =
        rawLines.process(new ParseEvents()).name("parse events").uid("parse-events");
    accepted
        .getSideOutput(ParseEvents.DEAD_LETTERS)
        .sinkTo(deadLetterSink)
        .name("dead letters sink")
        .uid("dead-letters-sink");

    DataStream<Event> stamped =
        accepted
            .assignTimestampsAndWatermarks(
                EventTimeWatermarks.forEvents(options.outOfOrderness(), options.idleness()))
            .name("event time")
            .uid("event-time");

    SingleOutputStreamOperator<Event> onTime =
        stamped
            .process(new RouteLateEvents(options.allowedLateness()))
            .name("route late events")
            .uid("route-late-events");
    onTime
        .getSideOutput(RouteLateEvents.LATE_EVENTS)
        .sinkTo(lateEventSink)
        .name("late events sink")
        .uid("late-events-sink");
    return onTime;
  }

  /**
   * Accepted on-time events per shop, stream and minute of event time, each minute written once,
   * when the watermark has passed it by the allowed lateness.
   */
  DataStream<AcceptedCount> countPerMinute(DataStream<Event> onTimeEvents) {
    Duration lateness = options.allowedLateness();
    // Only the key crosses the network, not the whole event.
    return onTimeEvents
        .map(CountAcceptedPerMinute::shopAndStream)
        .returns(Types.TUPLE(Types.STRING, Types.STRING))
        .name("shop and stream")
        .uid("shop-and-stream")
        .keyBy(key -> key, Types.TUPLE(Types.STRING, Types.STRING))
        .window(TumblingEventTimeWindows.of(CountAcceptedPerMinute.MINUTE))
        .allowedLateness(lateness)
        .trigger(new CountAcceptedPerMinute.WhenFinal(lateness))
        .aggregate(
            new CountAcceptedPerMinute.CountEvents(), new CountAcceptedPerMinute.ToAcceptedCount())
        .name("accepted per minute")
        .uid("accepted-per-minute");
  }
}
