package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.security.RouteRole;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {

  static final User ADMIN = user(1, "boss", Role.ADMIN, null);
  static final User MANAGER = user(2, "wang", Role.MANAGER, null);
  static final User REVIEWER = user(3, "zhao", Role.REVIEWER, null);
  static final User XIAOMEI = user(4, "xiaomei", Role.AGENT, "a-xiaomei");
  static final User UNLINKED_AGENT = user(5, "newbie", Role.AGENT, null);

  static User user(long id, String name, Role role, String agentId) {
    return new User(id, name, role, agentId, false, Instant.EPOCH, null);
  }

  @Test
  void shouldLetAnAgentSeeOnlyTheirOwnData() {
    assertTrue(Access.maySeeAgent(XIAOMEI, "a-xiaomei"));
    assertFalse(Access.maySeeAgent(XIAOMEI, "a-xiaoxue"));
    assertFalse(Access.maySeeAgent(XIAOMEI, null));
    assertFalse(Access.maySeeAgent(XIAOMEI, "A-XIAOMEI"), "agent ids are exact");
    assertDoesNotThrow(() -> Access.requireAgentVisible(XIAOMEI, "a-xiaomei"));
    assertThrows(Access.Forbidden.class, () -> Access.requireAgentVisible(XIAOMEI, "a-xiaoxue"));
  }

  @Test
  void shouldLetStaffRolesSeeEveryAgent() {
    for (User u : List.of(ADMIN, MANAGER, REVIEWER)) {
      assertTrue(Access.agentScope(u).all(), u.username());
      assertTrue(Access.maySeeAgent(u, "a-xiaoxue"));
    }
  }

  @Test
  void shouldShowNothingToAnUnlinkedAgentOrNobody() {
    assertFalse(Access.maySeeAgent(UNLINKED_AGENT, "a-xiaomei"));
    assertFalse(Access.agentScope(UNLINKED_AGENT).all());
    assertNull(Access.agentScope(UNLINKED_AGENT).agentId());
    assertFalse(Access.maySeeAgent(null, "a-xiaomei"));
    User disabled = new User(6, "gone", Role.MANAGER, null, true, Instant.EPOCH, null);
    assertFalse(Access.maySeeAgent(disabled, "a-xiaomei"));
  }

  @Test
  void shouldBindTheScopeAsTwoParameters() {
    AgentScope own = Access.agentScope(XIAOMEI);
    assertFalse(own.all());
    assertEquals("a-xiaomei", own.agentId());
  }

  @Test
  void shouldOpenRoutesByDeclaredRoleAndCloseUndeclaredOnes() {
    Set<RouteRole> adminOnly = Set.of(Feature.USERS.roles());
    assertTrue(Access.mayOpen(ADMIN, adminOnly));
    assertFalse(Access.mayOpen(REVIEWER, adminOnly));
    assertFalse(Access.mayOpen(MANAGER, adminOnly));
    assertFalse(Access.mayOpen(null, adminOnly));

    Set<RouteRole> health = Set.of(Feature.HEALTH.roles());
    assertTrue(Access.mayOpen(MANAGER, health));
    assertTrue(Access.mayOpen(ADMIN, health));
    assertFalse(Access.mayOpen(REVIEWER, health));
    assertFalse(Access.mayOpen(XIAOMEI, health));

    assertTrue(Access.mayOpen(XIAOMEI, Set.of(Access.Open.SIGNED_IN)));
    assertFalse(Access.mayOpen(null, Set.of(Access.Open.SIGNED_IN)));
    assertTrue(Access.mayOpen(null, Set.of(Access.Open.ANYONE)));
    assertFalse(Access.mayOpen(ADMIN, Set.of()), "a route without roles is closed");
  }

  @Test
  void shouldListOnlyThePagesARoleMayOpen() {
    assertEquals(
        List.of(Feature.KPI, Feature.MY_REVIEWS, Feature.REPORTS, Feature.ACCOUNT),
        Access.features(XIAOMEI));
    assertEquals(List.of(Feature.REVIEW, Feature.ACCOUNT), Access.features(REVIEWER));
    assertEquals(
        List.of(
            Feature.KPI,
            Feature.LIVE,
            Feature.REVIEW,
            Feature.REPORTS,
            Feature.HEALTH,
            Feature.ACCOUNT),
        Access.features(MANAGER));
    assertEquals(
        java.util.Arrays.stream(Feature.values()).filter(f -> f != Feature.MY_REVIEWS).toList(),
        Access.features(ADMIN),
        "everything but an agent's own reviews");
    assertEquals(List.of(), Access.features(null));
  }
}
