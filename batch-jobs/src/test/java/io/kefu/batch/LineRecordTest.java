package io.kefu.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.EventParser;
import io.kefu.core.event.ParseResult;
import io.kefu.core.event.RefundRequested;
import io.kefu.core.event.RejectKind;
import io.kefu.core.event.Rejection;
import org.junit.jupiter.api.Test;

/** A line as it crosses the shuffle: its origin and its event or its rejection, exactly. */
class LineRecordTest {

  @Test
  void anAcceptedLineKeepsItsOriginEventAndForRefundsItsText() {
    String line =
        "{\"event_id\":\"r-1\",\"type\":\"refund_requested\",\"ts\":\"2026-11-02T08:00:00Z\","
            + "\"shop_id\":\"S1\",\"order_id\":\"O1\",\"buyer_id\":\"B1\",\"refund_id\":\"R1\","
            + "\"amount\":\"59.90\",\"refund_type\":\"refund_only\",\"reason\":\"尺码不合适\"}";
    ParseResult p = new EventParser().parse(line);
    assertTrue(p instanceof ParseResult.Accepted, p.toString());
    RefundRequested e = (RefundRequested) ((ParseResult.Accepted) p).event();
    LineRecord r = LineRecord.read(LineRecord.accepted(300, 5_000_000_000L, e, line));
    assertEquals(new LineRecord(300, 5_000_000_000L, e, line, "r-1", null, null), r);
    assertTrue(r.accepted());
  }

  @Test
  void aRejectedLineKeepsItsReasonAndRawText() {
    Rejection why = new Rejection(RejectKind.BAD_SCORE, "score", "score 6 is outside 1..5", "e-9");
    LineRecord r = LineRecord.read(LineRecord.rejected(2, 17, why, "{\"score\":6} 😊"));
    assertEquals(2, r.file());
    assertEquals(17, r.line());
    assertNull(r.event());
    assertEquals("e-9", r.eventId());
    assertEquals("bad_score:score", r.reason());
    assertEquals("score 6 is outside 1..5", r.message());
    assertEquals("{\"score\":6} 😊", r.raw());
  }
}
