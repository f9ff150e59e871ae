package io.kefu.sample;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Everything a generator run depends on. Two runs with equal options write byte-identical files.
 *
 * @param shopId the tenant id written into every event ({@code sunshine-baby})
 * @param shopName the shop's name as agents say it (阳光儿童母婴旗舰店)
 * @param channel the platform, written as each chat event's channel ({@code tmall})
 * @param agents how many agents the shop employs
 * @param days how many shop-local days to write, from {@code start}
 * @param start the first day written
 * @param seed the seed every random choice derives from
 * @param out the folder to write into
 * @param gzip whether to gzip the event files
 * @param rate pre-sale sessions per pre-sale agent on an ordinary weekday
 * @param zone the shop's time zone
 * @param defects the share of bad input to mix in
 */
record GeneratorOptions(
    String shopId,
    String shopName,
    String channel,
    int agents,
    int days,
    LocalDate start,
    long seed,
    Path out,
    boolean gzip,
    double rate,
    ZoneId zone,
    DefectRates defects) {}
