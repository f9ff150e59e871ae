package io.kefu.core.metrics;

import io.kefu.core.event.Queue;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the KPIs need from one chat session, derived by {@link SessionAnalyzer} from its
 * events alone. Batch and streaming both call the analyzer, so a session means the same thing on
 * both sides.
 *
 * @param queue the queue of its session_start, or {@code null} when that event is missing
 * @param start the session_start's time (else the earliest event's)
 * @param day the shop-local day of {@code start}: ratings and sessions count on it
 * @param creditAgentId who a rating of this session is credited to: the sender of the last agent
 *     message, else the last owner; {@code null} if no agent is known
 * @param ratingScore the buyer's rating (the latest if rated twice), or 0 if not rated
 * @param ratingEventId the rating event's id, or {@code null}
 * @param ended whether a session_end was seen
 */
public record SessionFacts(
    String shopId,
    String sessionId,
    String buyerId,
    String channel,
    Queue queue,
    Instant start,
    LocalDate day,
    String firstOwnerId,
    String lastOwnerId,
    String creditAgentId,
    List<Turn> turns,
    List<Assignment> assignments,
    List<Inquiry> inquiries,
    List<AgentMessages> agentMessages,
    int ratingScore,
    String ratingEventId,
    boolean ended,
    Instant end)
    implements Serializable {

  public boolean rated() {
    return ratingScore > 0;
  }

  /** The first buyer turn, if it counts and was answered: its response time is the FRT. */
  public Turn firstResponseTurn() {
    for (Turn t : turns) {
      if (t.first()) {
        return t.counted() && t.answered() ? t : null;
      }
    }
    return null;
  }
}
