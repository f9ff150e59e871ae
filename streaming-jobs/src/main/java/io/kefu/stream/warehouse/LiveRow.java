package io.kefu.stream.warehouse;

/**
 * One row of a live table, or the removal of one: what the live job hands its single warehouse
 * writer. Rows are keyed; a later row with the same key replaces the earlier one, so re-sent rows
 * (a re-fired window, a replay after a restart) leave the table as if sent once.
 */
public interface LiveRow {

  /** The table this row belongs to. */
  LiveTable table();

  /** The row's key within its table (the table's key columns, joined). */
  String key();

  /** Which row of which table this is: what a later row replaces it by. */
  record Id(LiveTable table, String key) {}

  /** This row's {@link Id}. */
  default Id id() {
    return new Id(table(), key());
  }

  /** Whether this removes the row with {@link #key()} instead of writing it. */
  boolean deleted();

  /** The column values in {@link LiveTable#columns()} order. */
  Object[] values();
}
