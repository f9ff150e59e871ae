package io.kefu.core.metrics;

import io.kefu.core.config.Touch;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which inquiry an order is credited to (询单转化, METRICS.md "Attribution"): among the same buyer's
 * inquiries in the same shop whose time is before the order and at most the window before it, the
 * latest (last touch, the default) or the earliest (first touch). An order with none is a silent
 * order (静默下单). The window's edge is inclusive: an inquiry exactly 24 h before still counts.
 */
public final class Attribution implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** Inquiries in time order, ties broken by session and agent so the choice is deterministic. */
  public static final Comparator<Inquiry> ORDER =
      Comparator.comparing(Inquiry::at)
          .thenComparing(Inquiry::sessionId)
          .thenComparing(Inquiry::agentId);

  private final Duration window;
  private final Touch touch;

  public Attribution(Duration window, Touch touch) {
    this.window = window;
    this.touch = touch;
  }

  /**
   * The inquiry credited with an order created at {@code orderCreated}, or {@code null} for a
   * silent order.
   *
   * @param inquiries the buyer's inquiries in this shop, sorted by {@link #ORDER}
   */
  public Inquiry credit(Instant orderCreated, List<Inquiry> inquiries) {
    Instant earliest = orderCreated.minus(window);
    Inquiry chosen = null;
    for (Inquiry q : inquiries) {
      if (!q.at().isBefore(orderCreated)) {
        break;
      }
      if (q.at().isBefore(earliest)) {
        continue;
      }
      if (touch == Touch.FIRST) {
        return q;
      }
      chosen = q;
    }
    return chosen;
  }

  /** Whether an inquiry at {@code inquiryAt} is in the window of an order at {@code orderAt}. */
  public boolean inWindow(Instant inquiryAt, Instant orderAt) {
    return inquiryAt.isBefore(orderAt) && !inquiryAt.isBefore(orderAt.minus(window));
  }
}
