package io.kefu.core.metrics;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The platform assigned a buyer's session to an agent (session start or transfer-in): what 接待人数
 * counts, as distinct buyers per agent and day.
 */
public record Assignment(String agentId, String buyerId, LocalDate day) implements Serializable {}
