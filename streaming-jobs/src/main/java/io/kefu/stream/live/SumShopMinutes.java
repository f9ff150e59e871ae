package io.kefu.stream.live;

import io.kefu.core.event.OrderCreated;
import io.kefu.core.event.OrderEvent;
import io.kefu.core.event.OrderPaid;
import io.kefu.core.event.RefundRequested;
import io.kefu.stream.warehouse.ShopMinute;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * How much is the shop selling right now? Orders placed, payments and refund requests per shop and
 * minute of event time ({@code live_shop_minute}): a 1-minute event-time window keyed by
 * shop-minute ({@link #windowKey}), written on every change, each event counted once however often
 * it was delivered (the window remembers its event ids). The window is cleared when the watermark
 * has passed its end by the allowed lateness: from then on every event of that minute is routed
 * late before it gets here (the rule of {@code RouteLateEvents}), so nothing can reopen it.
 */
public final class SumShopMinutes extends KeyedProcessFunction<String, OrderEvent, ShopMinute> {

  private final long allowedLatenessMillis;
  private final ZoneId zone;
  private transient ValueState<Window> windows;

  public SumShopMinutes(Duration allowedLateness, ZoneId zone) {
    this.allowedLatenessMillis = allowedLateness.toMillis();
    this.zone = zone;
  }

  /** Whether an order event counts in a shop-minute: orders, payments, refund requests. */
  public static boolean counts(OrderEvent e) {
    return e instanceof OrderCreated || e instanceof OrderPaid || e instanceof RefundRequested;
  }

  /** The window of an order event: its shop and the minute of its time. */
  public static String windowKey(OrderEvent e) {
    return e.shopId() + '|' + Minutes.startOf(e.ts().toEpochMilli());
  }

  /** One shop-minute's sums and the events already counted in it. */
  static final class Window implements Serializable {
    private static final long serialVersionUID = 1L;
    final HashSet<String> eventIds = new HashSet<>();
    int ordersCreated;
    BigDecimal ordersAmount = BigDecimal.ZERO.setScale(2);
    int paidOrders;
    BigDecimal paidSales = BigDecimal.ZERO.setScale(2);
    int refundRequests;
    BigDecimal refundRequestedAmount = BigDecimal.ZERO.setScale(2);

    /** Adds an event; false when it was counted before. */
    boolean add(OrderEvent e) {
      if (!eventIds.add(e.eventId())) {
        return false;
      }
      if (e instanceof OrderCreated c) {
        ordersCreated++;
        ordersAmount = ordersAmount.add(c.amount());
      } else if (e instanceof OrderPaid p) {
        paidOrders++;
        paidSales = paidSales.add(p.amount());
      } else if (e instanceof RefundRequested r) {
        refundRequests++;
        refundRequestedAmount = refundRequestedAmount.add(r.amount());
      }
      return true;
    }
  }

  @Override
  public void open(OpenContext openContext) {
    windows =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("window", TypeInformation.of(Window.class)));
  }

  @Override
  public void processElement(OrderEvent event, Context ctx, Collector<ShopMinute> out)
      throws Exception {
    Window w = windows.value();
    long minute = Minutes.startOf(event.ts().toEpochMilli());
    if (w == null) {
      w = new Window();
      ctx.timerService()
          .registerEventTimeTimer(
              TrackSessions.saturatingAdd(minute + Minutes.MILLIS - 1, allowedLatenessMillis));
    }
    if (!w.add(event)) {
      return;
    }
    windows.update(w);
    out.collect(
        new ShopMinute(
            event.shopId(),
            minute,
            Instant.ofEpochMilli(minute).atZone(zone).toLocalDate(),
            w.ordersCreated,
            w.ordersAmount,
            w.paidOrders,
            w.paidSales,
            w.refundRequests,
            w.refundRequestedAmount));
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<ShopMinute> out) {
    windows.clear();
  }
}
