package io.kefu.batch;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for all tests of the module: starting Spark costs seconds. */
final class SparkTests {

  private SparkTests() {}

  private static SparkSession spark;

  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = BatchCommand.session("local[2]", 2);
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }
}
