package io.kefu.dashboard;

import java.time.Instant;

/**
 * A person who may sign in to the dashboard, as stored in {@code app.duckdb} (without the password
 * hash, which never leaves {@link AppRepository} and {@link AuthService}).
 *
 * @param agentId the agent this account belongs to (e.g. {@code a-xiaomei}) when the role is {@link
 *     Role#AGENT}; null otherwise
 */
public record User(
    long id,
    String username,
    Role role,
    String agentId,
    boolean disabled,
    Instant createdAt,
    Instant lastLoginAt) {}
