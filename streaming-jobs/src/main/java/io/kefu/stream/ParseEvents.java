package io.kefu.stream;

import io.kefu.core.event.Event;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.ParseResult;
import io.kefu.core.event.Rejection;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Histogram;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Which input lines are events the live figures may use? Every line passes core's {@link
 * EventParser}, the same gate as the batch job, so live and batch accept and reject exactly the
 * same lines. Accepted events go on; a rejected line goes to {@link #DEAD_LETTERS} with its origin,
 * reason and text, and is counted per reason. A bad line never fails the job.
 *
 * <p>Counts are kept twice on purpose: as metrics ({@code linesRead}, {@code accepted}, {@code
 * deadLetters} per {@code reason}) for a running job's dashboards, and as accumulators ({@link
 * #LINES_READ}, {@link #ACCEPTED}, {@link #DEAD_LETTER_PREFIX}{@code <reason>}) that a finished
 * replay reports in its summary.
 */
public final class ParseEvents extends ProcessFunction<RawLine, Event> {

  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  public static final String LINES_READ = "lines-read";
  public static final String ACCEPTED = "accepted";
  public static final String DEAD_LETTER_PREFIX = "dead-letter:";

  /** Wall-clock milliseconds of the first line parsed, over all subtasks. */
  public static final String FIRST_LINE_AT = "first-line-at";

  /** Wall-clock milliseconds of the last line parsed (to within {@link #CLOCK_EVERY} lines). */
  public static final String LAST_LINE_AT = "last-line-at";

  /**
   * Lines parsed per wall-clock second (epoch seconds → blocks of {@link #CLOCK_EVERY} lines), over
   * all subtasks: how the rate moved during the run, so a summary can tell the rate once the JIT
   * has compiled the hot code from the rate of the whole run.
   */
  public static final String BLOCKS_BY_SECOND = "line-blocks-by-second";

  /**
   * The clock is read once per this many lines: reading it per line would cost more than it says.
   */
  static final int CLOCK_EVERY = 1024;

  private transient EventParser parser;
  private transient Counter linesRead;
  private transient Counter accepted;
  private transient MetricGroup metrics;
  private transient Map<String, Counter> deadLettersByReason;
  private transient LongCounter linesReadTotal;
  private transient LongCounter acceptedTotal;
  private transient Map<String, LongCounter> deadLetterTotals;
  private transient LongMinimum firstLineAt;
  private transient LongMaximum lastLineAt;
  private transient Histogram blocksBySecond;
  private transient long sinceClock;

  @Override
  public void open(OpenContext openContext) {
    parser = new EventParser();
    metrics = getRuntimeContext().getMetricGroup();
    linesRead = metrics.counter("linesRead");
    accepted = metrics.counter("accepted");
    deadLettersByReason = new HashMap<>();
    linesReadTotal = getRuntimeContext().getLongCounter(LINES_READ);
    acceptedTotal = getRuntimeContext().getLongCounter(ACCEPTED);
    deadLetterTotals = new HashMap<>();
    firstLineAt = new LongMinimum();
    lastLineAt = new LongMaximum();
    getRuntimeContext().addAccumulator(FIRST_LINE_AT, firstLineAt);
    getRuntimeContext().addAccumulator(LAST_LINE_AT, lastLineAt);
    blocksBySecond = new Histogram();
    getRuntimeContext().addAccumulator(BLOCKS_BY_SECOND, blocksBySecond);
    sinceClock = CLOCK_EVERY;
  }

  @Override
  public void processElement(RawLine line, Context ctx, Collector<Event> events) {
    linesRead.inc();
    linesReadTotal.add(1L);
    if (++sinceClock >= CLOCK_EVERY) {
      markClock();
    }
    byte[] utf8 = line.utf8();
    ParseResult result =
        utf8 != null ? parser.parse(utf8, 0, utf8.length) : parser.parse(line.text());
    if (result instanceof ParseResult.Accepted a) {
      accepted.inc();
      acceptedTotal.add(1L);
      events.collect(a.event());
    } else {
      DeadLetter dead = deadLetter(line, ((ParseResult.Rejected) result).rejection());
      countDeadLetter(dead.reason());
      ctx.output(DEAD_LETTERS, dead);
    }
  }

  // The first and last reading of the clock bracket the parsing: how fast the job really ran,
  // without its start-up and final checkpoint.
  private void markClock() {
    long now = System.currentTimeMillis();
    if (lastLineAt.getLocalValuePrimitive() == Long.MIN_VALUE) {
      firstLineAt.add(now);
    } else {
      blocksBySecond.add((int) (now / 1000));
    }
    lastLineAt.add(now);
    sinceClock = 0;
  }

  /** The dead letter of a rejected line: where it came from, why, and the line itself. */
  static DeadLetter deadLetter(RawLine line, Rejection rejection) {
    return new DeadLetter(
        line.origin(),
        line.offset(),
        rejection.reason(),
        rejection.message(),
        rejection.eventId(),
        line.text());
  }

  // Counters per reason are created on first sight: the set of reasons is open-ended
  // (missing_field:<any field>), and registering all combinations up front would flood the metrics.
  private void countDeadLetter(String reason) {
    deadLettersByReason
        .computeIfAbsent(reason, r -> metrics.addGroup("reason", r).counter("deadLetters"))
        .inc();
    deadLetterTotals
        .computeIfAbsent(reason, r -> getRuntimeContext().getLongCounter(DEAD_LETTER_PREFIX + r))
        .add(1L);
  }
}
