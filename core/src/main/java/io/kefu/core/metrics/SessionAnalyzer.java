package io.kefu.core.metrics;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Message;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Rating;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionEnd;
import io.kefu.core.event.SessionStart;
import io.kefu.core.event.Transfer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who answered whom, how fast, and who owned the buyer when: the definitions of METRICS.md
 * ("Sessions, turns, responses" and "Inquiry") applied to one session's events. It is the one place
 * these rules live; the batch job and the streaming job both call it.
 *
 * <p>Events may come in any order and with duplicate deliveries: they are de-duplicated by event_id
 * and ordered by timestamp, ties broken by event_id, because message times, not arrival order,
 * decide who answered when.
 */
public final class SessionAnalyzer implements java.io.Serializable {

  /** Orders a session's events as METRICS.md prescribes: by ts, ties by event_id. */
  public static final Comparator<ChatEvent> EVENT_ORDER = SessionAnalyzer::compareEvents;

  /** The answering party recorded when a bot reply counts as a response. */
  public static final String BOT = "bot";

  private static final long serialVersionUID = 1L;

  private final KefuConfig config;
  private final ZoneId zone;

  public SessionAnalyzer(KefuConfig config) {
    this.config = config;
    this.zone = config.zone();
  }

  /** Analyzes all events of one session (one shop, one session id). */
  public SessionFacts analyze(List<? extends ChatEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a session has at least one event");
    }
    List<ChatEvent> sorted = dedupAndSort(events);
    ChatEvent head = sorted.get(0);

    Queue queue = null;
    Instant start = null;
    for (ChatEvent e : sorted) {
      if (e instanceof SessionStart s) {
        queue = s.queue();
        start = s.ts();
        break;
      }
    }
    if (start == null) {
      start = head.ts();
    }

    String firstOwner = TurnTracker.initialOwner(sorted);
    TurnTracker tracker = new TurnTracker(config, firstOwner);
    boolean started = sorted.stream().anyMatch(e -> e instanceof SessionStart);
    List<Turn> turns = new ArrayList<>();
    List<Assignment> assignments = new ArrayList<>();
    List<Inquiry> inquiries = new ArrayList<>();
    Set<String> inquired = new HashSet<>();
    Map<String, int[]> agentMessages = new LinkedHashMap<>();
    if (!started && firstOwner != null) {
      // The session_start line was lost: the inferred owner still received this buyer.
      assignments.add(new Assignment(firstOwner, head.buyerId(), day(head.ts())));
    }
    Rating rating = null;
    Instant end = null;

    for (ChatEvent e : sorted) {
      Turn answered = tracker.accept(e);
      if (answered != null) {
        turns.add(answered);
      }
      if (e instanceof SessionStart s) {
        assignments.add(new Assignment(s.agentId(), s.buyerId(), day(s.ts())));
      } else if (e instanceof Transfer t) {
        assignments.add(new Assignment(t.toAgentId(), t.buyerId(), day(t.ts())));
      } else if (e instanceof Message m) {
        String owner = tracker.owner();
        if (m.sender() == Sender.BUYER
            && queue == Queue.PRE_SALE
            && owner != null
            && inquired.add(owner)) {
          inquiries.add(
              new Inquiry(m.shopId(), m.buyerId(), m.sessionId(), owner, m.ts(), day(m.ts())));
        } else if (m.sender() == Sender.AGENT) {
          agentMessages.computeIfAbsent(m.agentId() + "\u0000" + day(m.ts()), k -> new int[1])[0]++;
        }
      } else if (e instanceof SessionEnd) {
        end = e.ts();
      } else if (e instanceof Rating r) {
        rating = r; // sorted by time: the last one wins if a buyer rated twice
      }
    }
    Turn unanswered = tracker.finish();
    if (unanswered != null) {
      turns.add(unanswered);
    }
    String owner = tracker.owner();
    String lastAgentSpeaker = tracker.lastAgentSpeaker();

    List<AgentMessages> sent = new ArrayList<>(agentMessages.size());
    agentMessages.forEach(
        (k, n) -> {
          int sep = k.indexOf('\u0000');
          sent.add(
              new AgentMessages(k.substring(0, sep), LocalDate.parse(k.substring(sep + 1)), n[0]));
        });
    String credit = lastAgentSpeaker != null ? lastAgentSpeaker : owner;
    return new SessionFacts(
        head.shopId(),
        head.sessionId(),
        head.buyerId(),
        head.channel(),
        queue,
        start,
        day(start),
        firstOwner,
        owner,
        credit,
        List.copyOf(turns),
        List.copyOf(assignments),
        List.copyOf(inquiries),
        List.copyOf(sent),
        rating == null ? 0 : rating.score(),
        rating == null ? null : rating.eventId(),
        end != null,
        end);
  }

  // Written out rather than Comparator.comparing(...).thenComparing(...): sorting sessions is on
  // the hot path of quality scoring, and the composed comparator costs several calls per compare.
  private static int compareEvents(ChatEvent a, ChatEvent b) {
    int c = a.ts().compareTo(b.ts());
    return c != 0 ? c : a.eventId().compareTo(b.eventId());
  }

  /** De-duplicates by event_id and orders by {@link #EVENT_ORDER}. */
  public static List<ChatEvent> dedupAndSort(List<? extends ChatEvent> events) {
    Set<String> seen = new HashSet<>();
    List<ChatEvent> out = new ArrayList<>(events.size());
    for (ChatEvent e : events) {
      if (seen.add(e.eventId())) {
        out.add(e);
      }
    }
    out.sort(EVENT_ORDER);
    return out;
  }

  LocalDate day(Instant t) {
    return t.atZone(zone).toLocalDate();
  }
}
