package io.kefu.core.metrics;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An inquiry (询单): a pre-sale session together with an agent who owned it while the buyer sent at
 * least one message. Its time is the buyer's first message to that agent. A transfer can give one
 * session two inquiries.
 */
public record Inquiry(
    String shopId, String buyerId, String sessionId, String agentId, Instant at, LocalDate day)
    implements Serializable {}
