package io.kefu.dashboard;

import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * May this signed-in person open this page, and whose agents' data may they see?
 *
 * <p>Every route declares its roles; a route that declares none is closed to everyone, so a page
 * added without thinking about access fails safe. An agent sees only the figures and transcripts of
 * the agent id their account is linked to: later pages call {@link #agentScope(User)} to filter
 * their queries and {@link #requireAgentVisible(User, String)} before showing one agent's data.
 */
public final class Access {

  /** Route markers that are not roles. */
  public enum Open implements RouteRole {
    /** Reachable without signing in (the login page, the language switch). */
    ANYONE,
    /** Any signed-in person, whatever their role. */
    SIGNED_IN
  }

  /** Thrown when a signed-in person asks for something their role does not allow. */
  public static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String why) {
      super(why);
    }
  }

  private Access() {}

  /** Whether a route with these declared roles is open to the given user (null: not signed in). */
  public static boolean mayOpen(User user, Set<RouteRole> routeRoles) {
    if (routeRoles.contains(Open.ANYONE)) {
      return true;
    }
    if (user == null || user.disabled()) {
      return false;
    }
    return routeRoles.contains(Open.SIGNED_IN) || routeRoles.contains(user.role());
  }

  /** The agents whose data this user may see. */
  public static AgentScope agentScope(User user) {
    if (user == null || user.disabled()) {
      return AgentScope.NONE;
    }
    if (user.role() != Role.AGENT) {
      return AgentScope.ALL;
    }
    return user.agentId() == null || user.agentId().isBlank()
        ? AgentScope.NONE
        : AgentScope.only(user.agentId());
  }

  public static boolean maySeeAgent(User user, String agentId) {
    return agentScope(user).allows(agentId);
  }

  /**
   * The check a page runs before showing one agent's figures or one transcript (whose agent id it
   * passes): an agent asking for a colleague's gets 403, not an empty page.
   */
  public static void requireAgentVisible(User user, String agentId) {
    if (!maySeeAgent(user, agentId)) {
      throw new Forbidden("agent data of " + agentId + " is not visible to this account");
    }
  }

  /** The pages this user may navigate to, in menu order. */
  public static List<Feature> features(User user) {
    List<Feature> out = new ArrayList<>();
    if (user == null || user.disabled()) {
      return out;
    }
    for (Feature f : Feature.values()) {
      if (f.openTo(user.role())) {
        out.add(f);
      }
    }
    return out;
  }
}
