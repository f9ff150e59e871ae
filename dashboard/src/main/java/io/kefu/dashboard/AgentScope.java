package io.kefu.dashboard;

import java.util.Objects;

/**
 * Whose figures and transcripts may this person see: every agent's, only their own, or none (an
 * agent account not yet linked to an agent id).
 *
 * <p>Queries bind it as two parameters, never concatenated: {@code WHERE (? OR agent_id = ?)} with
 * {@link #all()} and {@link #agentId()}. For {@link #NONE} that is {@code false OR agent_id =
 * NULL}, which matches no row.
 */
public final class AgentScope {

  public static final AgentScope ALL = new AgentScope(true, null);
  public static final AgentScope NONE = new AgentScope(false, null);

  private final boolean all;
  private final String agentId;

  private AgentScope(boolean all, String agentId) {
    this.all = all;
    this.agentId = agentId;
  }

  public static AgentScope only(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return new AgentScope(false, agentId);
  }

  /** True when every agent's data is visible. */
  public boolean all() {
    return all;
  }

  /** The one agent whose data is visible, or null (all, or none). */
  public String agentId() {
    return agentId;
  }

  public boolean allows(String agentId) {
    if (all) {
      return true;
    }
    return this.agentId != null && this.agentId.equals(agentId);
  }

  @Override
  public String toString() {
    return all ? "all agents" : agentId == null ? "no agent" : "agent " + agentId;
  }
}
