package io.kefu.sample;

import io.kefu.core.event.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The agents of the simulated shop. The first twelve are hand-made archetypes a service manager
 * will recognise, so the bundled sample tells stories: 小美 is fast, warm and sells; 阿杰 is slow but
 * converts; 小林 is fast and curt; 小娟 now and then gives out someone else's phone number; 大伟 is slow,
 * curt and sometimes rude; 小雨 is new and over-promises. Larger rosters add agents whose habits are
 * drawn around the average, so a 200-agent shop looks like a normal distribution with a few
 * outliers, as real teams do. Roughly two thirds work pre-sale (售前), one third after-sale (售后), in
 * teams of five (pre-sale) and six (after-sale).
 */
final class Roster {

  private Roster() {}

  private record Archetype(
      String id,
      String name,
      Queue queue,
      double rt,
      double warmth,
      double selling,
      double rude,
      double promise,
      double leak,
      double miss) {}

  private static final List<Archetype> ARCHETYPES =
      List.of(
          new Archetype("a-xiaomei", "小美", Queue.PRE_SALE, 8, 0.95, 1.35, 0, 0.01, 0, 0.005),
          new Archetype("a-xiaoxue", "小雪", Queue.PRE_SALE, 18, 0.85, 1.0, 0, 0.02, 0, 0.01),
          new Archetype("a-ajie", "阿杰", Queue.PRE_SALE, 42, 0.9, 1.3, 0, 0.03, 0, 0.015),
          new Archetype("a-xiaolin", "小林", Queue.PRE_SALE, 9, 0.25, 0.7, 0.01, 0.02, 0, 0.01),
          new Archetype("a-xiaojuan", "小娟", Queue.AFTER_SALE, 20, 0.8, 1.0, 0, 0.02, 0.04, 0.01),
          new Archetype("a-dawei", "大伟", Queue.PRE_SALE, 55, 0.2, 0.65, 0.04, 0.03, 0, 0.04),
          new Archetype("a-xiaoyu", "小雨", Queue.PRE_SALE, 30, 0.9, 0.8, 0, 0.12, 0, 0.02),
          new Archetype("a-xiaofeng", "晓峰", Queue.PRE_SALE, 20, 0.7, 1.05, 0.003, 0.03, 0, 0.01),
          new Archetype("a-wangjie", "王姐", Queue.AFTER_SALE, 15, 0.95, 1.0, 0, 0.01, 0, 0.005),
          new Archetype("a-aqiang", "阿强", Queue.AFTER_SALE, 35, 0.3, 1.0, 0.03, 0.05, 0, 0.03),
          new Archetype("a-xiaoqi", "小琪", Queue.PRE_SALE, 14, 0.8, 1.1, 0, 0.02, 0, 0.01),
          new Archetype("a-xiaoyang", "小杨", Queue.AFTER_SALE, 12, 0.75, 1.0, 0.002, 0.02, 0, 0.01));

  private static final String[] SURNAMES = {
    "小", "阿", "晓", "大", "佳", "思", "雨", "子", "可", "欣", "安", "乐"
  };
  private static final String[] GIVEN = {
    "敏", "丽", "婷", "静", "芳", "军", "磊", "洋", "燕", "霞", "涛", "琳", "慧", "璐", "蕾", "倩", "楠", "悦", "萌",
    "彤", "宁", "晨", "恬", "瑶"
  };

  /** Builds {@code n} agents deterministically from {@code seed}. */
  static List<AgentProfile> build(int n, long seed) {
    List<AgentProfile> agents = new ArrayList<>(n);
    int preSale = 0;
    int afterSale = 0;
    for (int i = 0; i < n; i++) {
      Random r = new Random(Seeds.mix(seed, 0x5EED_A6E7L, i));
      Archetype a = i < ARCHETYPES.size() ? ARCHETYPES.get(i) : drawn(i, r);
      int teamIndex = a.queue() == Queue.PRE_SALE ? preSale++ / 5 : afterSale++ / 6;
      String team =
          a.queue() == Queue.PRE_SALE
              ? "售前" + chineseNumber(teamIndex + 1) + "组"
              : "售后" + chineseNumber(teamIndex + 1) + "组";
      agents.add(
          new AgentProfile(
              a.id(),
              a.name(),
              team,
              a.queue(),
              a.rt(),
              a.warmth(),
              a.selling(),
              a.rude(),
              a.promise(),
              a.leak(),
              a.miss(),
              1 + (i % 7)));
    }
    return List.copyOf(agents);
  }

  private static Archetype drawn(int i, Random r) {
    String name = SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    Queue q = i % 3 == 2 ? Queue.AFTER_SALE : Queue.PRE_SALE;
    // Response medians are log-normal around 18 s: most agents 8-40 s, a few slower.
    double rt = Math.max(5, Math.exp(Math.log(18) + 0.5 * r.nextGaussian()));
    double warmth = clamp(0.75 + 0.18 * r.nextGaussian(), 0.1, 0.98);
    double selling = clamp(1 + 0.2 * r.nextGaussian(), 0.5, 1.5);
    // One agent in twenty has a temper; one in forty is careless with personal data.
    double rude = r.nextInt(20) == 0 ? 0.02 + 0.02 * r.nextDouble() : 0.001 * r.nextDouble();
    double leak = r.nextInt(40) == 0 ? 0.03 : 0;
    double promise = 0.01 + 0.04 * r.nextDouble();
    double miss = 0.005 + 0.02 * r.nextDouble();
    return new Archetype(
        String.format("a-%04d", i + 1), name, q, rt, warmth, selling, rude, promise, leak, miss);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static String chineseNumber(int n) {
    String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10) {
      return digits[n];
    }
    if (n < 20) {
      return "十" + digits[n % 10];
    }
    return digits[n / 10] + "十" + digits[n % 10];
  }
}
