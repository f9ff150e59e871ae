package io.kefu.core.event;

/**
 * What a message holds. Platforms add card kinds over time, so an unknown value is kept as {@code
 * OTHER} rather than rejected: the message still counts as a message.
 */
public enum ContentType implements WireNamed {
  TEXT("text"),
  IMAGE("image"),
  LINK("link"),
  PRODUCT_CARD("product_card"),
  ORDER_CARD("order_card"),
  OTHER("other");

  private final String wireName;

  ContentType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
