package io.kefu.dashboard.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week, as the warehouse's {@code agent_weekly_kpi.week_start} (a Monday) and the command
 * line ({@code 2026-W45}) name it. ISO weeks belong to the year of their Thursday, so 2026-W01 may
 * start in December 2025.
 */
public record IsoWeek(LocalDate monday) implements Comparable<IsoWeek> {

  private static final Pattern TEXT = Pattern.compile("(\\d{4})-?W(\\d{1,2})");

  public IsoWeek {
    if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException(monday + " is not a Monday");
    }
  }

  /** The week a day falls in. */
  public static IsoWeek of(LocalDate day) {
    return new IsoWeek(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
  }

  /** Parses {@code 2026-W45} (or {@code 2026W45}, {@code 2026-w45}). */
  public static IsoWeek parse(String s) {
    Matcher m = TEXT.matcher(s == null ? "" : s.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("a week is written like 2026-W45, not '" + s + "'");
    }
    int year = Integer.parseInt(m.group(1));
    int week = Integer.parseInt(m.group(2));
    LocalDate thursdayOfW1 = LocalDate.of(year, 1, 4);
    long weeks = thursdayOfW1.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    if (week < 1 || week > weeks) {
      throw new IllegalArgumentException(year + " has ISO weeks 1 to " + weeks + ", not " + week);
    }
    LocalDate monday =
        thursdayOfW1
            .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new IsoWeek(monday);
  }

  public LocalDate sunday() {
    return monday.plusDays(6);
  }

  public IsoWeek minus(int weeks) {
    return new IsoWeek(monday.minusWeeks(weeks));
  }

  public IsoWeek plus(int weeks) {
    return new IsoWeek(monday.plusWeeks(weeks));
  }

  /** {@code 2026-W45}. */
  public String label() {
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        monday.get(IsoFields.WEEK_BASED_YEAR),
        monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** {@code W45}, for chart axes. */
  public String shortLabel() {
    return String.format(Locale.ROOT, "W%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  @Override
  public int compareTo(IsoWeek o) {
    return monday.compareTo(o.monday);
  }

  @Override
  public String toString() {
    return label();
  }
}
