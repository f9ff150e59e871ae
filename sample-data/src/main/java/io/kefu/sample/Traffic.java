package io.kefu.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;

/**
 * How many buyers arrive, and when. Shop traffic follows the day: quiet from 2 to 6 in the morning,
 * a rise to a late-morning plateau, a dip at lunch and the day's peak at 20:00-22:00 when mothers
 * shop after the children sleep (the curve Taobao shops see in 生意参谋). Weekends bring 15-20 % more
 * buyers. Shopping festivals multiply the whole day: Double 11 (双十一) brings four times the traffic
 * with a rush right after midnight when the discounts open, the days around it about twice; 12.12
 * and 618 are smaller peaks.
 */
final class Traffic {

  private Traffic() {}

  /** Relative arrivals per shop-local hour on an ordinary day (peak hour = 1.2). */
  private static final double[] HOURLY = {
    0.35, 0.2, 0.1, 0.06, 0.05, 0.06, 0.12, 0.3, 0.6, 0.9, 1.0, 0.95, 0.75, 0.85, 0.95, 0.95, 0.9,
    0.8, 0.75, 0.9, 1.1, 1.2, 1.05, 0.7
  };

  /** The festival's own day has a midnight rush: the first two hours are the busiest of the day. */
  private static final double[] FESTIVAL_HOURLY = {
    3.0, 1.6, 0.5, 0.15, 0.08, 0.08, 0.15, 0.35, 0.7, 1.0, 1.1, 1.05, 0.85, 0.95, 1.0, 1.0, 0.95,
    0.85, 0.8, 1.0, 1.25, 1.35, 1.2, 0.9
  };

  private static final Map<MonthDay, Double> FESTIVALS =
      Map.of(
          MonthDay.of(11, 10), 1.9,
          MonthDay.of(11, 11), 4.0,
          MonthDay.of(11, 12), 1.7,
          MonthDay.of(11, 13), 1.25,
          MonthDay.of(12, 12), 1.8,
          MonthDay.of(6, 18), 2.5);

  /** Multiplier of the day's buyer arrivals relative to an ordinary weekday. */
  static double dayFactor(LocalDate day) {
    double festival = FESTIVALS.getOrDefault(MonthDay.from(day), 1.0);
    DayOfWeek dow = day.getDayOfWeek();
    double weekend = dow == DayOfWeek.SATURDAY ? 1.15 : dow == DayOfWeek.SUNDAY ? 1.2 : 1.0;
    return festival * weekend;
  }

  /** Whether the day is a festival's main day, with its midnight rush and all hands on duty. */
  static boolean isPeak(LocalDate day) {
    return FESTIVALS.getOrDefault(MonthDay.from(day), 1.0) >= 2.5;
  }

  /** Whether rest days are cancelled (the festival and the days around it). */
  static boolean allHands(LocalDate day) {
    return FESTIVALS.containsKey(MonthDay.from(day));
  }

  /** Agents take longer per turn when the queue is long: 1 on ordinary days, up to 2.2. */
  static double loadFactor(LocalDate day, int hour) {
    double f = dayFactor(day);
    double h = hourly(day)[hour];
    return Math.min(2.2, Math.max(1.0, 0.6 + 0.35 * f * h));
  }

  static double[] hourly(LocalDate day) {
    return isPeak(day) ? FESTIVAL_HOURLY : HOURLY;
  }

  /** A second of the day drawn from the hourly curve, uniform within the hour. */
  static int secondOfDay(LocalDate day, java.util.Random r) {
    double[] w = hourly(day);
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double u = r.nextDouble() * total;
    for (int h = 0; h < 24; h++) {
      u -= w[h];
      if (u < 0) {
        return h * 3600 + r.nextInt(3600);
      }
    }
    return 23 * 3600 + r.nextInt(3600);
  }
}
