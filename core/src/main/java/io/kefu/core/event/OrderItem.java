package io.kefu.core.event;

import java.math.BigDecimal;

/** One line of an order: a SKU, how many, and the unit price (scale 2). */
public record OrderItem(String sku, int qty, BigDecimal price) {}
