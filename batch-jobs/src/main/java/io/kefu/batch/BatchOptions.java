package io.kefu.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The options of {@code kefu batch}, parsed once.
 *
 * <pre>
 * --input DIR        event files (chat-events*, order-events* as .jsonl, .jsonl.gz or .parquet);
 *                    any Hadoop path (hdfs://, s3a://) works when the cluster can read it
 * --warehouse FILE   the DuckDB warehouse to publish into (created if missing)
 * --from DATE        first shop-local day to (re)compute; default: the first day in the input
 * --to DATE          last day; default: the last day in the input
 * --config FILE      conf/kefu.properties-style configuration; default: built-in defaults
 * --master URL       Spark master; default local[*] unless spark-submit set one
 * --partitions N     event shuffle partitions; default one per 24 MB of input, ≥ 4 × cores
 * --rulebook FILE    the quality rulebook (conf/qa-rulebook.zh.ini style); default: built-in zh
 * --review-sample-rate R   share of each agent's sessions per week drawn for review (0.05)
 * --review-lowest-share S  share of each shop-week's lowest scores put up for review (0.05)
 * --staging DIR      where the run stages its Parquet files; default: beside the warehouse.
 *                    On a cluster: a path every executor and the driver can reach (hdfs://, s3a://)
 * </pre>
 */
record BatchOptions(
    String input,
    Path warehouse,
    LocalDate from,
    LocalDate to,
    Path config,
    String master,
    int partitions,
    String staging,
    Path rulebook,
    double sampleRate,
    double lowestShare) {

  static final String USAGE =
      """
      Usage: kefu batch --input DIR --warehouse FILE [--from DATE --to DATE] [--config FILE]
                        [--rulebook FILE] [--review-sample-rate R] [--review-lowest-share S]
                        [--master URL] [--partitions N] [--staging DIR]

      Computes every KPI of METRICS.md (per agent-day, agent-week, shop-day, plus the facts behind
      them) from the chat and order event files under DIR, scores every ended session's transcript
      with the quality rulebook (session_quality, review_queue) and publishes it all into the
      DuckDB warehouse FILE. Re-running a range replaces exactly those days; every input line is
      accounted for in ingest_run and ingest_reject.

        --input DIR        chat-events*/order-events* files: .jsonl, .jsonl.gz or .parquet
        --warehouse FILE   DuckDB file to publish into (created if missing)
        --from DATE        first shop-local day to compute (default: first day in the input)
        --to DATE          last day (default: last day in the input)
        --config FILE      configuration (default: built-in defaults = conf/kefu.properties)
        --rulebook FILE    quality rulebook (default: built-in Chinese = conf/qa-rulebook.zh.ini);
                           scores keep the rulebook's version, so re-scoring keeps old scores;
                           give a changed rulebook a new version (qa_rulebook records each
                           version's settings, and the last run's win)
        --review-sample-rate R    share of each agent's sessions per week drawn for review,
                           at least one per agent and week (default 0.05)
        --review-lowest-share S   share of each shop-week's lowest-scoring sessions put up for
                           review (default 0.05); critical sessions always are
        --master URL       Spark master (default local[*]; spark-submit's when submitted);
                           bin/kefu submits to spark://, yarn or k8s:// masters through
                           SparkSubmit in client mode (cluster/README.md)
        --conf KEY=VALUE   (bin/kefu) a Spark property, e.g. spark.executor.memory=4g
        --partitions N     groups the events are shuffled into (default: one per 24 MB of input,
                           at least 4 x cores)
        --staging DIR      where the run stages its Parquet files (default: beside the warehouse;
                           on a cluster, a path all executors and this process reach: hdfs://, s3a://)
      """;

  static BatchOptions parse(String[] args) {
    String input = null;
    Path warehouse = null;
    LocalDate from = null;
    LocalDate to = null;
    Path config = null;
    String master = null;
    int partitions = 0;
    String staging = null;
    Path rulebook = null;
    double sampleRate = 0.05;
    double lowestShare = 0.05;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        return null;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            a.startsWith("--") ? a + " needs a value" : "unexpected '" + a + "'");
      }
      String v = args[++i];
      switch (a) {
        case "--input" -> input = v;
        case "--warehouse" -> warehouse = Path.of(v);
        case "--from" -> from = date(a, v);
        case "--to" -> to = date(a, v);
        case "--config" -> config = Path.of(v);
        case "--master" -> master = v;
        case "--staging" -> staging = v;
        case "--rulebook" -> rulebook = Path.of(v);
        case "--review-sample-rate" -> sampleRate = share(a, v);
        case "--review-lowest-share" -> lowestShare = share(a, v);
        case "--partitions" -> {
          try {
            partitions = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--partitions must be a whole number");
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    if (input == null) {
      throw new IllegalArgumentException("--input DIR is required");
    }
    if (warehouse == null) {
      throw new IllegalArgumentException("--warehouse FILE is required");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    return new BatchOptions(
        input,
        warehouse,
        from,
        to,
        config,
        master,
        partitions,
        staging,
        rulebook,
        sampleRate,
        lowestShare);
  }

  private static double share(String option, String v) {
    try {
      double d = Double.parseDouble(v);
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " must be a share between 0 and 1, got '" + v + "'");
  }

  private static LocalDate date(String option, String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be a date like 2026-11-02, got '" + v + "'");
    }
  }
}
