package io.kefu.batch;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Event;
import io.kefu.core.event.EventCodec;
import io.kefu.core.event.OrderEvent;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.RefundRequested;
import io.kefu.core.event.Rejection;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One input line as a Spark row, keyed for the one shuffle of the job: an accepted event carries
 * its group (its session or its order) and its {@link EventCodec binary form}; a rejected line is a
 * group of its own and carries the reason, the message and the raw text.
 */
final class EventRows {

  private EventRows() {}

  /** Column positions, so the hot path reads by index. */
  static final int KEY = 0;

  static final int FILE = 1;
  static final int LINE = 2;
  static final int EVENT_ID = 3;
  static final int PAYLOAD = 4;
  static final int REASON = 5;
  static final int MESSAGE = 6;
  static final int RAW = 7;

  static final StructType SCHEMA =
      new StructType()
          .add("key", DataTypes.StringType)
          .add("file", DataTypes.StringType)
          .add("line_no", DataTypes.LongType)
          .add("event_id", DataTypes.StringType)
          .add("payload", DataTypes.BinaryType)
          .add("reason", DataTypes.StringType)
          .add("message", DataTypes.StringType)
          .add("raw", DataTypes.StringType);

  /** Group keys start with the group's kind: a chat session, an order, or a rejected line. */
  static final char CHAT = 'c';

  static final char ORDER = 'o';
  static final char REJECTED = 'r';

  static Row rejected(String file, long lineNo, Rejection r, String raw) {
    return RowFactory.create(
        REJECTED + "\u0000" + file + '\u0000' + lineNo,
        file,
        lineNo,
        r.eventId(),
        null,
        r.reason(),
        r.message(),
        raw);
  }

  /**
   * An accepted event's row. The raw line is kept only for refunds, the one kind the batch job may
   * still reject once it sees the whole order (a refund larger than the payment).
   */
  static Row accepted(String file, long lineNo, Event e, String raw) {
    String key =
        e instanceof ChatEvent c
            ? CHAT + "\u0000" + e.shopId() + '\u0000' + c.sessionId()
            : ORDER + "\u0000" + e.shopId() + '\u0000' + ((OrderEvent) e).orderId();
    boolean refund = e instanceof RefundRequested || e instanceof RefundCompleted;
    return RowFactory.create(
        key, file, lineNo, e.eventId(), EventCodec.encode(e), null, null, refund ? raw : null);
  }

  static Event event(Row r) {
    return EventCodec.decode((byte[]) r.get(PAYLOAD));
  }
}
