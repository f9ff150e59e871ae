package io.kefu.core.event;

/**
 * Why an input line was not accepted. The {@link #code()} is what lands in reject tables and
 * dead-letter outputs; kinds that concern one field are written {@code code:field}, e.g. {@code
 * missing_field:ts}.
 */
public enum RejectKind {
  /** An empty or whitespace-only line. */
  BLANK_LINE("blank_line"),
  /** Not parseable as JSON, or trailing text after the object. */
  NOT_JSON("not_json"),
  /** Valid JSON, but not an object (an array, a string, a number). */
  NOT_OBJECT("not_object"),
  /** A required field is absent, null or an empty string. */
  MISSING_FIELD("missing_field"),
  /** A field has the wrong JSON type (an object where a string belongs, a string for qty …). */
  BAD_FIELD("bad_field"),
  /** An enumerated field holds a value the contract does not define (sender, queue …). */
  BAD_VALUE("bad_value"),
  /** {@code type} names no event type of the contract. */
  UNKNOWN_TYPE("unknown_type"),
  /** {@code ts} is not ISO-8601 with an offset, or lies outside 2000–2099. */
  BAD_TIMESTAMP("bad_timestamp"),
  /** An amount that is not a decimal with at most 2 places, or is absurdly large. */
  BAD_AMOUNT("bad_amount"),
  /** An amount below zero. */
  NEGATIVE_AMOUNT("negative_amount"),
  /** A rating score that is not an integer from 1 to 5. */
  BAD_SCORE("bad_score"),
  /**
   * A compressed file that ends in the middle (an interrupted upload): the lines before the cut are
   * read; the cut itself is recorded once, with this reason. Raised by the file readers.
   */
  TRUNCATED_FILE("truncated_file"),
  /**
   * A refund that would take back more than the order's payment. Needs the order's history, so only
   * jobs that see it (batch) raise it.
   */
  REFUND_EXCEEDS_PAYMENT("refund_exceeds_payment");

  private final String code;

  RejectKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
