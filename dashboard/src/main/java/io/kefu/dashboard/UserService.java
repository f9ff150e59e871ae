package io.kefu.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who may use the dashboard, with which role, and which agent an agent account is: the admin's user
 * management and the first-admin command. Every change is audited with the admin who made it;
 * disabling a user or resetting their password ends their sessions.
 */
public final class UserService {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

  /** The contract's agent ids look like {@code a-xiaomei}; anything printable and short is kept. */
  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  private final AppRepository repo;
  private final PasswordHasher hasher;
  private final Clock clock;

  public UserService(AppRepository repo, PasswordHasher hasher, Clock clock) {
    this.repo = repo;
    this.hasher = hasher;
    this.clock = clock;
  }

  public List<User> list() {
    return repo.listUsers();
  }

  public User get(long id) {
    return repo.findUser(id).orElseThrow(() -> new InputProblem("users.not_found"));
  }

  public boolean noUsersYet() {
    return repo.countUsers() == 0;
  }

  /** Creates a user; {@code actor} is the admin's username, or {@link AuditEntry#SYSTEM}. */
  public User create(
      String actor, String username, String roleName, String agentId, String password, String ip) {
    String name = AuthService.normalize(username);
    if (!USERNAME.matcher(name).matches()) {
      throw new InputProblem("users.bad_username");
    }
    Role role = Role.parse(roleName).orElseThrow(() -> new InputProblem("users.bad_role"));
    String agent = agentFor(role, agentId);
    PasswordHasher.policyProblem(password, name)
        .ifPresent(
            k -> {
              throw new InputProblem(k, PasswordHasher.MIN_LENGTH);
            });
    User u;
    try {
      u = repo.createUser(name, role, agent, hasher.hash(password), clock.instant());
    } catch (AppRepository.DuplicateUsername e) {
      throw new InputProblem("users.exists", name);
    }
    repo.audit(
        clock.instant(),
        actor,
        AuditEntry.USER_CREATED,
        name,
        ip,
        "role=" + role.wire() + (agent == null ? "" : " agent_id=" + agent));
    return u;
  }

  /**
   * Changes role, agent link and disabled flag. An admin cannot change their own role or disable
   * themselves, so the last admin cannot lock everyone out.
   */
  public User update(
      User actor, long id, String roleName, String agentId, boolean disabled, String ip) {
    User before = get(id);
    Role role = Role.parse(roleName).orElseThrow(() -> new InputProblem("users.bad_role"));
    String agent = agentFor(role, agentId);
    if (before.id() == actor.id() && (role != before.role() || disabled)) {
      throw new InputProblem("users.not_yourself");
    }
    List<String> changes = new ArrayList<>();
    if (role != before.role()) {
      changes.add("role " + before.role().wire() + " -> " + role.wire());
    }
    if (!Objects.equals(agent, before.agentId())) {
      changes.add("agent_id " + before.agentId() + " -> " + agent);
    }
    if (disabled != before.disabled()) {
      changes.add(disabled ? "disabled" : "enabled");
    }
    if (changes.isEmpty()) {
      return before;
    }
    Instant now = clock.instant();
    repo.updateUser(id, role, agent, disabled);
    if (disabled) {
      repo.deleteSessionsOfUser(id, null);
    }
    repo.audit(
        now,
        actor.username(),
        AuditEntry.USER_CHANGED,
        before.username(),
        ip,
        String.join(", ", changes));
    return get(id);
  }

  /** Sets a new password chosen by an admin and ends the user's sessions. */
  public void resetPassword(String actor, long id, String password, String ip) {
    User u = get(id);
    PasswordHasher.policyProblem(password, u.username())
        .ifPresent(
            k -> {
              throw new InputProblem(k, PasswordHasher.MIN_LENGTH);
            });
    Instant now = clock.instant();
    repo.setPasswordHash(id, hasher.hash(password), now);
    repo.deleteSessionsOfUser(id, null);
    repo.clearThrottle("user:" + u.username());
    repo.audit(now, actor, AuditEntry.PASSWORD_RESET, u.username(), ip, "sessions ended");
  }

  /**
   * The agent id to store: only agents have one. An agent account may be created before its agent
   * id is known; until it is linked it sees no one's data ({@link AgentScope#NONE}).
   */
  private static String agentFor(Role role, String agentId) {
    String a = agentId == null ? "" : agentId.trim();
    if (role != Role.AGENT) {
      if (!a.isEmpty()) {
        throw new InputProblem("users.agent_only_for_agents");
      }
      return null;
    }
    if (a.isEmpty()) {
      return null;
    }
    if (!AGENT_ID.matcher(a).matches()) {
      throw new InputProblem("users.bad_agent_id");
    }
    return a;
  }
}
