package io.kefu.stream.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One shop's orders, payments and refund requests in one minute of event time ({@code
 * live_shop_minute}), each event counted once however often it was delivered.
 *
 * @param windowStart epoch milliseconds of the minute's start
 * @param day the shop-local day of the minute
 */
public record ShopMinute(
    String shopId,
    long windowStart,
    LocalDate day,
    int ordersCreated,
    BigDecimal ordersAmount,
    int paidOrders,
    BigDecimal paidSales,
    int refundRequests,
    BigDecimal refundRequestedAmount)
    implements LiveRow {

  @Override
  public LiveTable table() {
    return LiveTable.SHOP_MINUTE;
  }

  @Override
  public String key() {
    return shopId + '|' + windowStart;
  }

  @Override
  public boolean deleted() {
    return false;
  }

  @Override
  public Object[] values() {
    return new Object[] {
      shopId,
      LiveTable.timestamp(windowStart),
      day,
      ordersCreated,
      ordersAmount,
      paidOrders,
      paidSales,
      refundRequests,
      refundRequestedAmount
    };
  }
}
