package io.kefu.core.config;

import java.io.Serializable;
import java.time.LocalTime;

/**
 * The shop-local hours in which buyer turns count (e.g. 08:00–23:00). A window whose end is before
 * its start runs past midnight (20:00–02:00). {@link #ALL_DAY} counts every turn.
 */
public record ServiceWindow(LocalTime start, LocalTime end) implements Serializable {

  public static final ServiceWindow ALL_DAY = new ServiceWindow(LocalTime.MIN, LocalTime.MIN);

  public boolean isAllDay() {
    return start.equals(end);
  }

  /**
   * Whether a turn starting at this local time of day is counted. Start inclusive, end exclusive.
   */
  public boolean contains(LocalTime t) {
    if (isAllDay()) {
      return true;
    }
    if (start.isBefore(end)) {
      return !t.isBefore(start) && t.isBefore(end);
    }
    return !t.isBefore(start) || t.isBefore(end);
  }

  /** Parses {@code HH:mm-HH:mm}; an empty string or {@code all} is all day. */
  static ServiceWindow parse(String s) {
    String v = s.strip();
    if (v.isEmpty() || v.equalsIgnoreCase("all")) {
      return ALL_DAY;
    }
    String[] parts = v.split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected HH:mm-HH:mm, e.g. 08:00-23:00");
    }
    return new ServiceWindow(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
  }

  @Override
  public String toString() {
    return isAllDay() ? "all" : start + "-" + end;
  }
}
