package io.kefu.core.metrics;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Message;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionStart;
import io.kefu.core.event.Transfer;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Who is waiting, since when, and who answered whom: the buyer-turn rules of METRICS.md ("Sessions,
 * turns, responses") applied one event at a time. A buyer turn is a maximal run of buyer messages;
 * the first later agent message answers it; bot and system messages neither answer nor split it
 * (unless bot replies count); it belongs to the session's owner at its start (session_start, then
 * each transfer); the per-turn cap, the service window and the 3-minute rule are applied here.
 *
 * <p>{@link SessionAnalyzer} feeds it a whole session in order (batch), the streaming job feeds it
 * events as they arrive, so the two sides cannot drift. Events must come in {@link
 * SessionAnalyzer#EVENT_ORDER} (ts, ties by event_id), de-duplicated; a caller that receives an
 * event out of that order replays the session's events into a new tracker. The tracker is plain
 * serializable state: a Flink job keeps one per open session.
 */
public final class TurnTracker implements Serializable {

  private static final long serialVersionUID = 1L;

  private final KefuConfig config;
  private final ZoneId zone;
  private String owner;
  private String lastAgentSpeaker;
  private int turnsStarted;

  // The open turn: the buyer is waiting. openStart == null when nobody waits.
  private String openOwner;
  private Instant openStart;
  private boolean openFirst;
  private int openBuyerMessages;

  /**
   * @param initialOwner who owns the session before any session_start or transfer: see {@link
   *     #initialOwner(List)}
   */
  public TurnTracker(KefuConfig config, String initialOwner) {
    this.config = config;
    this.zone = config.zone();
    this.owner = initialOwner;
  }

  /**
   * The owner before any assignment event: normally the session_start's agent. When that line was
   * lost (rejected), the first transfer's from-agent or the first agent to speak is the best
   * evidence of who had the buyer. {@code sorted} is in {@link SessionAnalyzer#EVENT_ORDER}.
   */
  public static String initialOwner(List<? extends ChatEvent> sorted) {
    for (ChatEvent e : sorted) {
      if (e instanceof SessionStart s) {
        return s.agentId();
      }
      if (e instanceof Transfer t) {
        return t.fromAgentId();
      }
      if (e instanceof Message m && m.sender() == Sender.AGENT) {
        return m.agentId();
      }
    }
    return null;
  }

  /**
   * Takes the session's next event (in order) and returns the turn it answered, or {@code null}.
   */
  public Turn accept(ChatEvent e) {
    if (e instanceof SessionStart s) {
      owner = s.agentId();
    } else if (e instanceof Transfer t) {
      owner = t.toAgentId();
    } else if (e instanceof Message m) {
      if (m.sender() == Sender.BUYER) {
        if (openStart == null) {
          openOwner = owner;
          openStart = m.ts();
          openFirst = turnsStarted == 0;
          turnsStarted++;
        }
        openBuyerMessages++;
      } else if (m.sender() == Sender.AGENT) {
        lastAgentSpeaker = m.agentId();
        if (openStart != null) {
          return close(m.ts(), m.agentId());
        }
      } else if (m.sender() == Sender.BOT && config.botRepliesCount() && openStart != null) {
        return close(m.ts(), SessionAnalyzer.BOT);
      }
      // system messages, and bot messages when bots do not count, neither answer nor split.
    }
    return null;
  }

  /** The session's owner now: the agent later agent messages belong to. */
  public String owner() {
    return owner;
  }

  /** The sender of the last agent message so far (a rating's credit), or {@code null}. */
  public String lastAgentSpeaker() {
    return lastAgentSpeaker;
  }

  /** Whether a buyer is waiting for an answer. */
  public boolean waiting() {
    return openStart != null;
  }

  /** When the waiting buyer's turn started (the clock of the wait), or {@code null}. */
  public Instant waitingSince() {
    return openStart;
  }

  /** The owner of the waiting buyer's turn (whom the wait counts against), or {@code null}. */
  public String waitingFor() {
    return openOwner;
  }

  /** The open turn as it stands, unanswered so far, or {@code null} when nobody waits. */
  public Turn openTurn() {
    return openStart == null ? null : unanswered();
  }

  /**
   * Ends the session: the open turn, if any, stays unanswered and is returned, else {@code null}.
   */
  public Turn finish() {
    if (openStart == null) {
      return null;
    }
    Turn t = unanswered();
    openStart = null;
    openBuyerMessages = 0;
    return t;
  }

  /** Whether a turn starting at {@code start} counts: it lies in the configured service window. */
  public boolean counted(Instant start) {
    return config.serviceWindow().contains(start.atZone(zone).toLocalTime());
  }

  /** The response time as counted: the answer's delay, capped when the platform caps it. */
  public static long responseMillis(KefuConfig config, Instant turnStart, Instant answeredAt) {
    long ms = Duration.between(turnStart, answeredAt).toMillis();
    int cap = config.turnCapSeconds();
    return cap > 0 ? Math.min(ms, cap * 1000L) : ms;
  }

  /**
   * Whether an answer came within the reply limit (180 s: Taobao's 3-minute rule), judged on the
   * real delay to the nanosecond, never on the capped response time.
   */
  public static boolean repliedInTime(KefuConfig config, Instant turnStart, Instant answeredAt) {
    return Duration.between(turnStart, answeredAt)
            .compareTo(Duration.ofSeconds(config.replyWithinSeconds()))
        <= 0;
  }

  private LocalDate day(Instant t) {
    return t.atZone(zone).toLocalDate();
  }

  private Turn close(Instant at, String by) {
    Turn t =
        new Turn(
            openOwner,
            openStart,
            day(openStart),
            openBuyerMessages,
            at,
            by,
            responseMillis(config, openStart, at),
            repliedInTime(config, openStart, at),
            openFirst,
            counted(openStart));
    openStart = null;
    openBuyerMessages = 0;
    return t;
  }

  private Turn unanswered() {
    return new Turn(
        openOwner,
        openStart,
        day(openStart),
        openBuyerMessages,
        null,
        null,
        -1,
        false,
        openFirst,
        counted(openStart));
  }
}
