package io.kefu.dashboard;

import java.util.EnumSet;
import java.util.Set;

/**
 * The pages a signed-in person can navigate to, and who may open each. The routes declare their
 * roles from here and the navigation lists only what a role may open, so the two cannot disagree.
 * Later pages (live wall, KPI explorer, review queue, reports) add themselves here.
 */
public enum Feature {
  KPI("/kpi", "nav.kpi", "home.kpi", EnumSet.of(Role.MANAGER, Role.ADMIN, Role.AGENT)),
  LIVE("/live", "nav.live", "home.live", EnumSet.of(Role.MANAGER, Role.ADMIN)),
  REVIEW(
      "/review", "nav.review", "home.review", EnumSet.of(Role.REVIEWER, Role.MANAGER, Role.ADMIN)),
  MY_REVIEWS("/review/mine", "nav.my_reviews", "home.my_reviews", EnumSet.of(Role.AGENT)),
  REPORTS(
      "/reports", "nav.reports", "home.reports", EnumSet.of(Role.MANAGER, Role.ADMIN, Role.AGENT)),
  HEALTH("/health", "nav.health", "home.health", EnumSet.of(Role.MANAGER, Role.ADMIN)),
  USERS("/admin/users", "nav.users", "home.users", EnumSet.of(Role.ADMIN)),
  AUDIT("/admin/audit", "nav.audit", "home.audit", EnumSet.of(Role.ADMIN)),
  ACCOUNT("/account", "nav.account", "home.account", EnumSet.allOf(Role.class));

  private final String path;
  private final String navKey;
  private final String blurbKey;
  private final Set<Role> roles;

  Feature(String path, String navKey, String blurbKey, Set<Role> roles) {
    this.path = path;
    this.navKey = navKey;
    this.blurbKey = blurbKey;
    this.roles = roles;
  }

  public String path() {
    return path;
  }

  /** Message key of the link text. */
  public String navKey() {
    return navKey;
  }

  /** Message key of the one-line description on the landing page. */
  public String blurbKey() {
    return blurbKey;
  }

  public Role[] roles() {
    return roles.toArray(new Role[0]);
  }

  public boolean openTo(Role role) {
    return roles.contains(role);
  }
}
