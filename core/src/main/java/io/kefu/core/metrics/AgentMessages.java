package io.kefu.core.metrics;

import java.io.Serializable;
import java.time.LocalDate;

/** How many messages an agent sent in a session on one shop-local day (答问比's numerator). */
public record AgentMessages(String agentId, LocalDate day, int count) implements Serializable {}
