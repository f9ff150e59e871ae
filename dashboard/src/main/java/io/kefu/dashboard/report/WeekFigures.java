package io.kefu.dashboard.report;

import io.kefu.dashboard.KpiFigures;
import java.math.BigDecimal;

/**
 * Everything the report says about one agent, team or the shop in one week: the METRICS.md figures
 * exactly as the KPI explorer computes them (an agent's week is its {@code agent_weekly_kpi} row)
 * and the quality figures.
 */
public record WeekFigures(KpiFigures kpi, QaFigures qa) {

  public static final WeekFigures EMPTY =
      new WeekFigures(
          new KpiFigures(
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              null,
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              BigDecimal.ZERO.setScale(2),
              0,
              BigDecimal.ZERO.setScale(2),
              0,
              0,
              0,
              0,
              0),
          QaFigures.NONE);

  /** Whether anything happened: an agent without sessions, turns, inquiries or orders is absent. */
  public boolean active() {
    return kpi.assignments() > 0
        || kpi.buyerTurns() > 0
        || kpi.inquiringBuyers() > 0
        || kpi.creditedOrders() > 0
        || kpi.ratings() > 0
        || qa.sessions() > 0;
  }
}
