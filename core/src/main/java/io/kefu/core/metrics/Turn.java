package io.kefu.core.metrics;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A buyer turn (METRICS.md): a maximal run of consecutive buyer messages, answered by the first
 * later agent message. It belongs to the agent who owned the session when it started, whoever
 * answers it, and counts on the shop-local day of its start.
 *
 * @param ownerAgentId the session's owner at the turn's start ({@code null} if no agent is known)
 * @param start the first buyer message's time: the turn's clock starts here
 * @param day the shop-local day of {@code start}
 * @param buyerMessages how many buyer messages the run holds
 * @param answeredAt the answering message's time, or {@code null} if unanswered
 * @param answeredBy the answering agent (or {@code bot} when bot replies count), or {@code null}
 * @param responseMillis answer − start, capped by the configured per-turn cap; -1 if unanswered
 * @param repliedInTime answered within the configured reply limit (the 3-minute rule), judged on
 *     the real, uncapped delay
 * @param first whether this is the session's first buyer turn (its response time is the FRT)
 * @param counted false when the turn starts outside the configured service window: such turns count
 *     in no figure
 */
public record Turn(
    String ownerAgentId,
    Instant start,
    LocalDate day,
    int buyerMessages,
    Instant answeredAt,
    String answeredBy,
    long responseMillis,
    boolean repliedInTime,
    boolean first,
    boolean counted)
    implements Serializable {

  public boolean answered() {
    return answeredAt != null;
  }
}
