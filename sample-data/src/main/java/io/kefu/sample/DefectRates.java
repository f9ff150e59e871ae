package io.kefu.sample;

/**
 * The controlled share of bad input the generator mixes in, so every "nothing lost" path of the
 * product has material. Rates are per event of the kind named; all are documented in {@code
 * sample-data/README.md} and every defect actually written is counted in {@code manifest.json}.
 *
 * <p>Why these kinds: mobile clients retry (duplicates, out-of-order arrival), chat platforms batch
 * uploads (events hours late), log shippers cut lines (truncated JSON, then the full line again),
 * platforms add event kinds before the contract knows them ({@code typing}), ERPs export local
 * times without an offset or with a sign error, and rating widgets post scores out of range.
 *
 * @param duplicate a clean line delivered a second time, seconds to minutes later
 * @param outOfOrder an event that arrives 1-120 s after later events
 * @param late an event that arrives 1-6 hours late, often in the next day's file
 * @param truncated a cut-off copy of a line (not_json), followed by the full line
 * @param unknownType an extra {@code typing} event of a type the contract does not define
 * @param missingField a line with buyer_id or ts removed (the event is lost)
 * @param badTimestamp a line whose ts lost its offset (the event is lost)
 * @param badSender a message whose sender is {@code customer} (the event is lost)
 * @param negativeAmount an order_paid with a minus sign (the payment is lost)
 * @param badScore a rating of 0 or 6 (the rating is lost)
 * @param refundExceedsPayment a refund_completed for more than the order's payment
 */
record DefectRates(
    double duplicate,
    double outOfOrder,
    double late,
    double truncated,
    double unknownType,
    double missingField,
    double badTimestamp,
    double badSender,
    double negativeAmount,
    double badScore,
    double refundExceedsPayment) {

  static final DefectRates DEFAULT =
      new DefectRates(
          0.005, 0.03, 0.003, 0.0005, 0.0005, 0.0005, 0.0004, 0.0003, 0.002, 0.01, 0.01);

  static final DefectRates NONE = new DefectRates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
