package io.kefu.core.config;

/** Which inquiry in the attribution window an order is credited to. */
public enum Touch {
  /** The latest inquiry before the order (the default, as 赤兔 and most tools count). */
  LAST,
  /** The earliest inquiry inside the window. */
  FIRST
}
