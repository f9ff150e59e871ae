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
 * --partitions N     shuffle partitions; default 4 × cores
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
    String staging) {

  static final String USAGE =
      """
      Usage: kefu batch --input DIR --warehouse FILE [--from DATE --to DATE] [--config FILE]
                        [--master URL] [--partitions N] [--staging DIR]

      Computes every KPI of METRICS.md (per agent-day, agent-week, shop-day, plus the facts behind
      them) from the chat and order event files under DIR and publishes them into the DuckDB
      warehouse FILE. Re-running a range replaces exactly those days; every input line is
      accounted for in ingest_run and ingest_reject.

        --input DIR        chat-events*/order-events* files: .jsonl, .jsonl.gz or .parquet
        --warehouse FILE   DuckDB file to publish into (created if missing)
        --from DATE        first shop-local day to compute (default: first day in the input)
        --to DATE          last day (default: last day in the input)
        --config FILE      configuration (default: built-in defaults = conf/kefu.properties)
        --master URL       Spark master (default local[*]; spark-submit's when submitted)
        --partitions N     Spark shuffle partitions (default 4 x cores)
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
    return new BatchOptions(input, warehouse, from, to, config, master, partitions, staging);
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
