package io.kefu.stream;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Event;
import io.kefu.core.event.OrderEvent;
import io.kefu.stream.live.MessageCheck;
import io.kefu.stream.live.MinuteChange;
import io.kefu.stream.live.SumAgentMinutes;
import io.kefu.stream.live.SumShopMinutes;
import io.kefu.stream.live.TrackSessions;
import io.kefu.stream.warehouse.LiveRow;
import io.kefu.stream.warehouse.LiveRowTypeInfo;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * Who is waiting right now, how fast is each agent answering, and what is the shop selling? The
 * live side: raw lines from a replay, a simulation or Kafka are validated by the contract's one
 * parser, stamped with event time, and split three ways — dead letters (rejected lines, with the
 * reason), late events (too late for figures already shown) and the accepted, on-time events. Those
 * feed the live tables: per session (keyed state, event-time timers) the buyer turns, responses,
 * waiting buyers and alerts; per agent and minute the turn, response and rating figures; per shop
 * and minute orders, payments and refund requests; all written by one sink into the live DuckDB
 * file. Every line read ends up in exactly one of dead letters or accepted, and every accepted
 * event in exactly one of late or on-time: counted, never silently dropped.
 *
 * <pre>
 * lines ─ parse-events ─┬─ event-time ─ route-late-events ─┬─ thin-watermarks ─┬─ chat ─ track-sessions ─┬─ coalesce ─ agent-minutes ─┐
 *                       │                                  │                   │        (by session)     └─ coalesce (waiting, alerts) ┤
 *                       │                                  │                   ├─ orders ─ shop-minutes ─ coalesce ──────────────┤
 *                       │                                  │                   │                                 live-warehouse ◄┘
 *                       │                                  │                   └─ accepted-per-minute ─ sink
 *                       └─ dead letters ─ sink             └─ late events ─ sink
 * </pre>
 *
 * <p>Sources and sinks come in through the constructor: {@link StreamCommand} wires files, DuckDB
 * and Kafka, tests wire collecting sinks, and both run this very graph.
 */
public final class LiveEventsJob {

  private final Source<RawLine, ?, ?> lines;
  private final Sink<DeadLetter> deadLetterSink;
  private final Sink<LateEvent> lateEventSink;
  private final Sink<AcceptedCount> acceptedCountSink;
  private final Sink<LiveRow> liveSink;
  private final MessageCheck messageCheck;
  private final StreamOptions options;

  // Keyed by session and by shop-minute, events cross the network: core's codec, not Kryo.
  static final TypeInformation<ChatEvent> CHAT_EVENTS = EventTypeInfo.CHAT_EVENTS;
  static final TypeInformation<OrderEvent> ORDER_EVENTS = EventTypeInfo.ORDER_EVENTS;
  static final TypeInformation<LiveRow> LIVE_ROWS = LiveRowTypeInfo.INSTANCE;

  /**
   * Processing time between two watermarks past the late-event routing ({@link ThinWatermarks}),
   * and the longest a task holds an output to merge it with the next ones ({@link Coalesce}).
   */
  static final long HOLD_MILLIS = 50;

  /**
   * @param liveSink the live tables' one writer; it runs with parallelism 1
   * @param messageCheck the live quality check of every message ({@link MessageCheck#NONE} for
   *     none)
   */
  public LiveEventsJob(
      Source<RawLine, ?, ?> lines,
      Sink<DeadLetter> deadLetterSink,
      Sink<LateEvent> lateEventSink,
      Sink<AcceptedCount> acceptedCountSink,
      Sink<LiveRow> liveSink,
      MessageCheck messageCheck,
      StreamOptions options) {
    this.lines = lines;
    this.deadLetterSink = deadLetterSink;
    this.lateEventSink = lateEventSink;
    this.acceptedCountSink = acceptedCountSink;
    this.liveSink = liveSink;
    this.messageCheck = messageCheck;
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
    liveRows(onTimeEvents)
        .sinkTo(liveSink)
        .setParallelism(1)
        .name("live warehouse")
        .uid("live-warehouse-sink");
    return env.execute("kefu live events");
  }

  /** Parallelism, checkpoints, object reuse: the same for production and tests. */
  void configure(StreamExecutionEnvironment env) {
    env.setParallelism(options.parallelism());
    // Checkpoints go to files: the live state (open sessions, a few days of agent-minutes) soon
    // outgrows the job manager's 5 MB in-memory checkpoint storage.
    Configuration checkpoints = new Configuration();
    checkpoints.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    checkpoints.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDirUri());
    env.configure(checkpoints);
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
    // Kafka partitions are read side by side, each in its own order: each gets its own watermark
    // at the source (Flink's per-split watermarks), stamped from the raw line's ts, so a reader
    // catching up on a backlog does not make one partition's events late against another's. A
    // replay merges its files by event time itself, and is stamped after parsing.
    boolean perPartition = lines instanceof KafkaSource;
    WatermarkStrategy<RawLine> atSource =
        perPartition
            ? EventTimeWatermarks.forRawLines(options.outOfOrderness(), options.idleness())
            : WatermarkStrategy.noWatermarks();
    DataStream<RawLine> rawLines = env.fromSource(lines, atSource, "raw lines").uid("raw-lines");

    SingleOutputStreamOperator<Event> accepted =
        rawLines.process(new ParseEvents()).name("parse events").uid("parse-events");
    accepted
        .getSideOutput(ParseEvents.DEAD_LETTERS)
        .sinkTo(deadLetterSink)
        .name("dead letters sink")
        .uid("dead-letters-sink");

    DataStream<Event> stamped =
        perPartition
            ? accepted
            : accepted
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
    // Lateness is decided on every watermark; the stages after it need a few a second.
    return onTime
        .transform(
            "thin watermarks",
            onTime.getType(),
            new ThinWatermarks<>(HOLD_MILLIS, options.outOfOrderness().toMillis()))
        .uid("thin-watermarks");
  }

  /**
   * The rows of the live tables: per session the turns, waiting buyers and alerts; per agent-minute
   * and per shop-minute the figures. What the live warehouse's one writer applies.
   */
  DataStream<LiveRow> liveRows(DataStream<Event> onTimeEvents) {
    var config = options.config();
    DataStream<ChatEvent> chatEvents =
        onTimeEvents
            .flatMap(LiveEventsJob::chatEvents, CHAT_EVENTS)
            .name("chat events")
            .uid("chat-events");
    SingleOutputStreamOperator<MinuteChange> minuteChanges =
        chatEvents
            .keyBy(TrackSessions::sessionKey, Types.STRING)
            .process(
                new TrackSessions(
                    config, options.allowedLateness(), options.ratingWindow(), messageCheck))
            .name("track sessions")
            .uid("track-sessions");
    DataStream<LiveRow> agentMinutes =
        minuteChanges
            .transform(
                "coalesce minute changes",
                minuteChanges.getType(),
                new Coalesce.MinuteChanges(HOLD_MILLIS))
            .uid("coalesce-minute-changes")
            .keyBy(MinuteChange::windowKey, Types.STRING)
            .process(new SumAgentMinutes(options.windowRetention(), config.zone()))
            .name("agent minutes")
            .uid("agent-minutes")
            .map(row -> (LiveRow) row, LIVE_ROWS)
            .name("agent minute rows")
            .uid("agent-minute-rows");

    DataStream<OrderEvent> orderEvents =
        onTimeEvents
            .flatMap(LiveEventsJob::countedOrderEvents, ORDER_EVENTS)
            .name("order events")
            .uid("order-events");
    DataStream<LiveRow> shopMinutes =
        orderEvents
            .keyBy(SumShopMinutes::windowKey, Types.STRING)
            .process(new SumShopMinutes(options.allowedLateness(), config.zone()))
            .name("shop minutes")
            .uid("shop-minutes")
            .map(row -> (LiveRow) row, LIVE_ROWS)
            .name("shop minute rows")
            .uid("shop-minute-rows")
            .transform("coalesce shop minute rows", LIVE_ROWS, new Coalesce.Rows(HOLD_MILLIS))
            .uid("coalesce-shop-minute-rows");
    DataStream<LiveRow> sessionRows =
        minuteChanges
            .getSideOutput(TrackSessions.LIVE_ROWS)
            .transform("coalesce session rows", LIVE_ROWS, new Coalesce.Rows(HOLD_MILLIS))
            .uid("coalesce-session-rows");

    return agentMinutes.union(shopMinutes, sessionRows);
  }

  static void chatEvents(Event e, Collector<ChatEvent> out) {
    if (e instanceof ChatEvent c) {
      out.collect(c);
    }
  }

  static void countedOrderEvents(Event e, Collector<OrderEvent> out) {
    if (e instanceof OrderEvent o && SumShopMinutes.counts(o)) {
      out.collect(o);
    }
  }

  /**
   * Accepted on-time events per shop, stream and minute of event time, each minute written once,
   * when the watermark has passed it by the allowed lateness.
   */
  DataStream<AcceptedCount> countPerMinute(DataStream<Event> onTimeEvents) {
    Duration lateness = options.allowedLateness();
    // Each task counts its own events first: a few partial counts cross the network, not every
    // event.
    return onTimeEvents
        .transform(
            "count in task",
            Types.TUPLE(Types.STRING, Types.STRING, Types.LONG),
            new CountAcceptedPerMinute.PreCount())
        .uid("count-in-task")
        .keyBy(CountAcceptedPerMinute::shopAndStream, Types.TUPLE(Types.STRING, Types.STRING))
        .window(TumblingEventTimeWindows.of(CountAcceptedPerMinute.MINUTE))
        .allowedLateness(lateness)
        .trigger(new CountAcceptedPerMinute.WhenFinal(lateness))
        .aggregate(
            new CountAcceptedPerMinute.SumCounts(), new CountAcceptedPerMinute.ToAcceptedCount())
        .name("accepted per minute")
        .uid("accepted-per-minute");
  }
}
