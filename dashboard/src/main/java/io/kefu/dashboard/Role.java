package io.kefu.dashboard;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a person is to the shop's service team, which decides what the dashboard lets them open.
 *
 * <p>The wire name is what {@code app.duckdb} stores and the admin form sends.
 */
public enum Role implements RouteRole {
  /** Runs the dashboard: users, audit log, everything a manager sees. */
  ADMIN("admin"),
  /** 客服主管: the live wall, KPIs of every agent, data health. */
  MANAGER("manager"),
  /** 质检员: the review queue and transcripts of every agent. */
  REVIEWER("reviewer"),
  /** 客服: their own figures and transcripts only. */
  AGENT("agent");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Role> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String w = s.trim().toLowerCase(Locale.ROOT);
    for (Role r : values()) {
      if (r.wire.equals(w)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
