package io.kefu.core.qa;

/**
 * How bad a rule hit is. A {@code critical} hit flags the session for review whatever its score
 * (and zeroes the score when the rulebook says {@code auto_fail = true}).
 */
public enum Severity {
  MINOR,
  MAJOR,
  CRITICAL;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
