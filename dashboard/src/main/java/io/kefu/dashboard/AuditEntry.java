package io.kefu.dashboard;

import java.time.Instant;

/**
 * One line of the audit log: who did what to which target, when and from where.
 *
 * @param actor the username (for a failed login: the name that was typed), or {@code system}
 * @param action what happened, one of {@link AuditEntry} constants
 * @param target what it happened to (a username, later a session id of a transcript), or null
 * @param detail a short free-text note (old and new role, the reason of a failure)
 */
public record AuditEntry(
    long id, Instant at, String actor, String action, String target, String ip, String detail) {

  public static final String LOGIN = "login";
  public static final String LOGIN_FAILED = "login_failed";
  public static final String LOGIN_LOCKED = "login_locked";
  public static final String LOGOUT = "logout";
  public static final String PASSWORD_CHANGED = "password_changed";
  public static final String PASSWORD_RESET = "password_reset";
  public static final String USER_CREATED = "user_created";
  public static final String USER_CHANGED = "user_changed";

  /** Someone opened a transcript (target: shop/session). */
  public static final String TRANSCRIPT_OPENED = "transcript_opened";

  public static final String REVIEW_SAVED = "review_saved";
  public static final String DISPUTE_RAISED = "dispute_raised";
  public static final String DISPUTE_RESOLVED = "dispute_resolved";

  /** The actor of what the dashboard or a command did on its own. */
  public static final String SYSTEM = "system";
}
