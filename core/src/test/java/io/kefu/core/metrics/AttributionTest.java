package io.kefu.core.metrics;

import static io.kefu.core.metrics.Fixtures.DAWEI;
import static io.kefu.core.metrics.Fixtures.LINGLING;
import static io.kefu.core.metrics.Fixtures.NOV_2;
import static io.kefu.core.metrics.Fixtures.T0;
import static io.kefu.core.metrics.Fixtures.XIAOMEI;
import static io.kefu.core.metrics.Fixtures.agent;
import static io.kefu.core.metrics.Fixtures.analyze;
import static io.kefu.core.metrics.Fixtures.at;
import static io.kefu.core.metrics.Fixtures.buyer;
import static io.kefu.core.metrics.Fixtures.config;
import static io.kefu.core.metrics.Fixtures.inquiry;
import static io.kefu.core.metrics.Fixtures.start;
import static io.kefu.core.metrics.Fixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.Queue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * METRICS.md "Attribution": an order_created is credited to the latest inquiry of the same buyer
 * whose time is before the order and at most 24 h (configurable) before it; else it is a silent
 * order. First touch picks the earliest inquiry in the same window.
 */
class AttributionTest {

  private static final Duration H = Duration.ofHours(1);

  private static final KefuConfig LAST_24H = KefuConfig.defaults();
  private static final KefuConfig FIRST_24H = config("attribution.touch", "first");
  private static final KefuConfig LAST_48H = config("attribution.window", "48h");

  private static Inquiry credit(KefuConfig c, Instant orderAt, Inquiry... inquiries) {
    List<Inquiry> sorted = new ArrayList<>(List.of(inquiries));
    sorted.sort(Attribution.ORDER); // the API wants the buyer's inquiries in time order
    return new Attribution(c.attributionWindow(), c.attributionTouch()).credit(orderAt, sorted);
  }

  @Test
  void shouldCreditTheLatestInquiryBeforeTheOrderUnderLastTouch() {
    Inquiry a = inquiry("s-1", XIAOMEI, T0);
    Inquiry b = inquiry("s-2", DAWEI, T0.plus(H.multipliedBy(2)));
    Inquiry c = inquiry("s-3", LINGLING, T0.plus(H.multipliedBy(5)));

    // order at T0+4h: candidates before it and >= T0-20h are a (T0) and b (T0+2h); c (T0+5h) is
    // after the order. Latest -> b (a-dawei).
    assertSame(b, credit(LAST_24H, T0.plus(H.multipliedBy(4)), a, b, c));
  }

  @Test
  void shouldCreditAnOrderExactly24HoursAfterTheInquiry() {
    Inquiry q = inquiry("s-1", XIAOMEI, T0);
    // order - inquiry = 24 h exactly: "at most 24 h before" -> credited (edge inclusive).
    assertSame(q, credit(LAST_24H, T0.plus(Duration.ofHours(24)), q));
  }

  @Test
  void shouldMakeAnOrder24HoursAnd1MillisecondAfterTheInquiryASilentOrder() {
    Inquiry q = inquiry("s-1", XIAOMEI, T0);
    // 24 h + 1 ms > 24 h -> no inquiry in the window -> silent order (null).
    assertNull(credit(LAST_24H, T0.plus(Duration.ofHours(24)).plusMillis(1), q));
  }

  @Test
  void shouldNotCreditAnInquiryAtTheSameInstantAsTheOrder() {
    Inquiry same = inquiry("s-1", XIAOMEI, T0);
    // inquiry time must be BEFORE the order: equal instants -> silent.
    assertNull(credit(LAST_24H, T0, same));
    assertNull(credit(FIRST_24H, T0, same));

    // 1 ms before is before -> credited.
    Inquiry justBefore = inquiry("s-2", DAWEI, T0.minusMillis(1));
    assertSame(justBefore, credit(LAST_24H, T0, justBefore));

    // with an older inquiry too, last touch skips the same-instant one and takes the older.
    Inquiry older = inquiry("s-0", LINGLING, T0.minus(H));
    assertSame(older, credit(LAST_24H, T0, older, same));
  }

  @Test
  void shouldCreditCompetingAgentsByLastOrFirstTouch() {
    // buyer asked a-xiaomei in s-1 at T0, then a-dawei in another session s-2 at T0+3h;
    // ordered at T0+5h. Both inquiries are within 24 h before the order.
    Inquiry askedA = inquiry("s-1", XIAOMEI, T0);
    Inquiry askedB = inquiry("s-2", DAWEI, T0.plus(H.multipliedBy(3)));
    Instant orderAt = T0.plus(H.multipliedBy(5));

    assertEquals(DAWEI, credit(LAST_24H, orderAt, askedA, askedB).agentId()); // last touch
    assertEquals(XIAOMEI, credit(FIRST_24H, orderAt, askedA, askedB).agentId()); // first touch
  }

  @Test
  void shouldIgnoreInquiriesOlderThanTheWindowUnderFirstTouch() {
    Inquiry tooOld = inquiry("s-1", XIAOMEI, T0); // 25 h before the order
    Inquiry early = inquiry("s-2", DAWEI, T0.plus(H.multipliedBy(2))); // 23 h before
    Inquiry late = inquiry("s-3", LINGLING, T0.plus(H.multipliedBy(20))); // 5 h before
    Instant orderAt = T0.plus(H.multipliedBy(25));

    // window = [T0+1h, T0+25h): first touch -> the earliest inside it, a-dawei (not a-xiaomei);
    // last touch -> a-lingling.
    assertSame(early, credit(FIRST_24H, orderAt, tooOld, early, late));
    assertSame(late, credit(LAST_24H, orderAt, tooOld, early, late));
  }

  @Test
  void shouldStretchTheWindowTo48HoursWhenConfigured() {
    Inquiry q = inquiry("s-1", XIAOMEI, T0);

    // 30 h: outside 24 h (silent), inside 48 h (credited).
    assertNull(credit(LAST_24H, T0.plus(H.multipliedBy(30)), q));
    assertSame(q, credit(LAST_48H, T0.plus(H.multipliedBy(30)), q));
    // 48 h exactly: credited; 48 h + 1 ms: silent.
    assertSame(q, credit(LAST_48H, T0.plus(H.multipliedBy(48)), q));
    assertNull(credit(LAST_48H, T0.plus(H.multipliedBy(48)).plusMillis(1), q));
  }

  @Test
  void shouldMakeAnOrderWithNoInquiryASilentOrder() {
    assertNull(credit(LAST_24H, T0));
    // an inquiry only after the order does not help.
    assertNull(credit(LAST_24H, T0, inquiry("s-1", XIAOMEI, T0.plusSeconds(1))));
  }

  @Test
  void shouldTellWhetherAnInquiryIsInTheWindowOfAnOrder() {
    Attribution a = new Attribution(Duration.ofHours(24), LAST_24H.attributionTouch());
    assertTrue(a.inWindow(T0, T0.plusSeconds(1)));
    assertTrue(a.inWindow(T0, T0.plus(Duration.ofHours(24)))); // edge inclusive
    assertFalse(a.inWindow(T0, T0.plus(Duration.ofHours(24)).plusMillis(1)));
    assertFalse(a.inWindow(T0, T0)); // not before
    assertFalse(a.inWindow(T0.plusMillis(1), T0)); // after the order
  }

  @Test
  void shouldCountACreditedOrderOnTheDayOfItsInquiry() {
    // inquiry 2026-11-02 20:00 local, order the next morning 09:00 (13 h later): credited, and
    // the order counts on the inquiry's day 11-02 (cohort view), not on 11-03.
    Inquiry q = inquiry("s-1", XIAOMEI, at("2026-11-02T20:00:00+08:00"));
    Inquiry credited = credit(LAST_24H, at("2026-11-03T09:00:00+08:00"), q);
    assertSame(q, credited);
    assertEquals(NOV_2, credited.day());
  }

  // ---- together with SessionAnalyzer: an inquiry's time is the buyer's first message --------

  @Test
  void shouldTimeAnInquiryAtTheBuyersFirstMessageNotAtSessionStart() {
    // session_start 10:00, order 10:01, buyer's first message 10:02: the inquiry's time is
    // 10:02, which is not before the order -> silent order.
    SessionFacts f =
        analyze(
            start("s-1", XIAOMEI, Queue.PRE_SALE, T0),
            buyer("s-1", T0.plusSeconds(120), "刚拍了，能改地址吗"),
            agent("s-1", XIAOMEI, T0.plusSeconds(130)));
    assertNull(credit(LAST_24H, T0.plusSeconds(60), f.inquiries().toArray(new Inquiry[0])));

    // session started 10 min before the buyer wrote at T0; an order at T0+24h is exactly 24 h
    // after the inquiry (24 h 10 min after the session start) -> credited.
    SessionFacts g =
        analyze(
            start("s-2", DAWEI, Queue.PRE_SALE, T0.minusSeconds(600)),
            buyer("s-2", T0, "在吗"),
            agent("s-2", DAWEI, T0.plusSeconds(10)));
    Inquiry credited =
        credit(LAST_24H, T0.plus(Duration.ofHours(24)), g.inquiries().toArray(new Inquiry[0]));
    assertEquals(DAWEI, credited.agentId());
    assertEquals(T0, credited.at());
  }

  @Test
  void shouldCreditEitherAgentOfATransferredSessionByTheOrderTime() {
    SessionFacts f =
        analyze(
            start("s-2", XIAOMEI, Queue.PRE_SALE, T0),
            buyer("s-2", T0.plusSeconds(5), "这款有蓝色吗"),
            agent("s-2", XIAOMEI, T0.plusSeconds(15)),
            transfer("s-2", XIAOMEI, DAWEI, T0.plusSeconds(120)),
            buyer("s-2", T0.plusSeconds(200), "身高165"),
            agent("s-2", DAWEI, T0.plusSeconds(220)));
    Inquiry[] qs = f.inquiries().toArray(new Inquiry[0]);

    // inquiries: a-xiaomei at T0+5, a-dawei at T0+200.
    // order at T0+150: only a-xiaomei's is before it -> a-xiaomei.
    assertEquals(XIAOMEI, credit(LAST_24H, T0.plusSeconds(150), qs).agentId());
    // order at T0+300: both before; last touch -> a-dawei, first touch -> a-xiaomei.
    assertEquals(DAWEI, credit(LAST_24H, T0.plusSeconds(300), qs).agentId());
    assertEquals(XIAOMEI, credit(FIRST_24H, T0.plusSeconds(300), qs).agentId());
  }
}
