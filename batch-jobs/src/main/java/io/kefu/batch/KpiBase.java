package io.kefu.batch;

import io.kefu.core.event.EventCodec;
import io.kefu.core.event.Rating;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every fact's contribution to the KPI measures, summed by each task while it makes its facts, and
 * handed to the driver with the task's result ({@link #drain}): the additive measures per shop,
 * agent and day (the sums); the distinct-buyer figures (接待人数, 询单人数, 下单/付款人数) of the task's buyers
 * per agent-day, agent-week and shop-day (the reach); and each agent-day's response times (the P90
 * needs every value). A task sees every fact of its buyers (the shuffle groups by buyer), so it can
 * tell whether a buyer had an assignment in an agent's week; no other task holds that buyer, so the
 * tasks' counts add up. {@link KpiRollup} adds the tasks' parts up per grain, and {@link KpiSql}
 * turns the totals into the KPI tables.
 *
 * <p>Each fact row counts on the day and for the agent its measure belongs to (NULL agent: the shop
 * only):
 *
 * <ul>
 *   <li>{@code turn_fact}, counted turns with an owner: turns, answered, in time (3-minute rule),
 *       response-time sum, buyer messages, and for the session's first turn the first-response
 *       count and sum; by owner and turn day. An answered turn's response time also joins its
 *       agent-day's list.
 *   <li>{@code agent_message_fact}: the agent's messages, by agent and day.
 *   <li>{@code assignment_fact}, {@code inquiry_fact}: one each, by agent, day and buyer.
 *   <li>{@code order_fact}, credited: one credited order and paid (by buyer), sales, refunded,
 *       refund amount, by the credited agent on the credited inquiry's day (cohort view).
 *   <li>{@code session_fact}: one session, rated, satisfied, dissatisfied, rating sum, by the agent
 *       the rating is credited to, on the start day.
 *   <li>{@code session_quality}: one scored session, its score, critical.
 *   <li>{@code order_fact}, for the shop: silent orders and their sales, created orders (creation
 *       day), and paid orders and sales by payment day.
 * </ul>
 *
 * Money is summed as whole cents (exact). Rows whose day is unknown are kept and fall outside any
 * range.
 */
final class KpiBase {

  /** The additive measures, in the order a part holds them. */
  static final String[] MEASURES = {
    "turns",
    "answered",
    "in_time",
    "rt_sum",
    "buyer_msgs",
    "frt_n",
    "frt_sum",
    "agent_msgs",
    "sales",
    "refunded",
    "refund_amt",
    "sessions",
    "rated",
    "satisfied",
    "dissatisfied",
    "rating_sum",
    "qa_n",
    "qa_sum",
    "qa_critical",
    "silent",
    "silent_sales",
    "created",
    "paid_pd",
    "paid_pd_sales",
  };

  /**
   * The distinct-buyer measures of a grain (agent-day, agent-week with g its Monday, shop-day):
   * buyers with at least one assignment, and assignments; the same for inquiries, credited orders
   * and paid credited orders.
   */
  static final String[] REACH_MEASURES = {
    "received_buyers",
    "assigned",
    "inquiring_buyers",
    "inquired",
    "ordering_buyers",
    "credited",
    "paying_buyers",
    "paid"
  };

  /** The grains a reach row counts for (its scope); weeks start on Monday. */
  static final String AGENT_DAY = "agent_day";

  static final String AGENT_WEEK = "agent_week";

  static final String SHOP_DAY = "shop_day";

  /** The scope of the grain a KPI table is made at. */
  static String reachScope(boolean byAgent, boolean weekly) {
    if (!byAgent && weekly) {
      throw new IllegalArgumentException("no shop-week grain");
    }
    return byAgent ? (weekly ? AGENT_WEEK : AGENT_DAY) : SHOP_DAY;
  }

  private static final int TURNS = 0;
  private static final int ANSWERED = 1;
  private static final int IN_TIME = 2;
  private static final int RT_SUM = 3;
  private static final int BUYER_MSGS = 4;
  private static final int FRT_N = 5;
  private static final int FRT_SUM = 6;
  private static final int AGENT_MSGS = 7;
  private static final int SALES = 8;
  private static final int REFUNDED = 9;
  private static final int REFUND_AMT = 10;
  private static final int SESSIONS = 11;
  private static final int RATED = 12;
  private static final int SATISFIED = 13;
  private static final int DISSATISFIED = 14;
  private static final int RATING_SUM = 15;
  private static final int QA_N = 16;
  private static final int QA_SUM = 17;
  private static final int QA_CRITICAL = 18;
  private static final int SILENT = 19;
  private static final int SILENT_SALES = 20;
  private static final int CREATED = 21;
  private static final int PAID_PD = 22;
  private static final int PAID_PD_SALES = 23;
  private static final int ASSIGNED = 0;
  private static final int INQUIRED = 1;
  private static final int CREDITED = 2;
  private static final int PAID = 3;
  private static final int BUYER_COUNTS = 4;

  // Column positions in the fact rows (FactRows.SCHEMAS), resolved once.
  private static final int A_AGENT_ID = col(FactRows.ASSIGNMENT, "agent_id");
  private static final int A_BUYER_ID = col(FactRows.ASSIGNMENT, "buyer_id");
  private static final int A_DAY = col(FactRows.ASSIGNMENT, "day");
  private static final int A_SHOP_ID = col(FactRows.ASSIGNMENT, "shop_id");
  private static final int M_AGENT_ID = col(FactRows.AGENT_MESSAGE, "agent_id");
  private static final int M_DAY = col(FactRows.AGENT_MESSAGE, "day");
  private static final int M_MESSAGES = col(FactRows.AGENT_MESSAGE, "messages");
  private static final int M_SHOP_ID = col(FactRows.AGENT_MESSAGE, "shop_id");
  private static final int O_BUYER_ID = col(FactRows.ORDER, "buyer_id");
  private static final int O_CREATED_AT = col(FactRows.ORDER, "created_at");
  private static final int O_CREDITED = col(FactRows.ORDER, "credited");
  private static final int O_CREDITED_AGENT_ID = col(FactRows.ORDER, "credited_agent_id");
  private static final int O_CREDITED_DAY = col(FactRows.ORDER, "credited_day");
  private static final int O_DAY = col(FactRows.ORDER, "day");
  private static final int O_PAID_AMOUNT = col(FactRows.ORDER, "paid_amount");
  private static final int O_PAID_AT = col(FactRows.ORDER, "paid_at");
  private static final int O_PAID_DAY = col(FactRows.ORDER, "paid_day");
  private static final int O_REFUNDED_AMOUNT = col(FactRows.ORDER, "refunded_amount");
  private static final int O_SHOP_ID = col(FactRows.ORDER, "shop_id");
  private static final int Q_AGENT_ID = col(FactRows.INQUIRY, "agent_id");
  private static final int Q_BUYER_ID = col(FactRows.INQUIRY, "buyer_id");
  private static final int Q_DAY = col(FactRows.INQUIRY, "day");
  private static final int Q_SHOP_ID = col(FactRows.INQUIRY, "shop_id");
  private static final int S_CREDIT_AGENT = col(FactRows.SESSION, "credit_agent");
  private static final int S_DAY = col(FactRows.SESSION, "day");
  private static final int S_RATING = col(FactRows.SESSION, "rating");
  private static final int S_SHOP_ID = col(FactRows.SESSION, "shop_id");
  private static final int SQ_AGENT_ID = col(FactRows.SESSION_QUALITY, "agent_id");
  private static final int SQ_CRITICAL = col(FactRows.SESSION_QUALITY, "critical");
  private static final int SQ_DAY = col(FactRows.SESSION_QUALITY, "day");
  private static final int SQ_QA_SCORE = col(FactRows.SESSION_QUALITY, "qa_score");
  private static final int SQ_SHOP_ID = col(FactRows.SESSION_QUALITY, "shop_id");
  private static final int T_AGENT_ID = col(FactRows.TURN, "agent_id");
  private static final int T_ANSWERED = col(FactRows.TURN, "answered");
  private static final int T_BUYER_MESSAGES = col(FactRows.TURN, "buyer_messages");
  private static final int T_COUNTED = col(FactRows.TURN, "counted");
  private static final int T_DAY = col(FactRows.TURN, "day");
  private static final int T_FIRST_TURN = col(FactRows.TURN, "first_turn");
  private static final int T_REPLIED_IN_TIME = col(FactRows.TURN, "replied_in_time");
  private static final int T_RESPONSE_MS = col(FactRows.TURN, "response_ms");
  private static final int T_SHOP_ID = col(FactRows.TURN, "shop_id");

  private record Key(String shop, String agent, LocalDate day, String buyer) {}

  /** A reach row's key: the grain, shop, agent (NULL for the shop), day or Monday. */
  private record ReachKey(String scope, String shop, String agent, LocalDate g) {}

  private final Map<Key, long[]> sums = new HashMap<>();
  private final Map<Key, long[]> buyers = new HashMap<>();
  private final Map<Key, Longs> responseTimes = new HashMap<>();

  /** A growing list of longs: a task's response times of an agent-day, a grain's on the driver. */
  static final class Longs {
    long[] values = new long[16];
    int n;

    void add(long v) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = v;
    }

    void addAll(long[] v) {
      if (n + v.length > values.length) {
        values = Arrays.copyOf(values, Math.max(2 * values.length, n + v.length));
      }
      System.arraycopy(v, 0, values, n, v.length);
      n += v.length;
    }

    long[] toArray() {
      return Arrays.copyOf(values, n);
    }
  }

  /** Adds one fact row (table number and values as {@link FactRows.Out} receives them). */
  void add(int table, Object[] r) {
    switch (table) {
      case FactRows.TURN -> {
        if (isTrue(r[T_COUNTED]) && r[T_AGENT_ID] != null) {
          Key agentDay = key(r, T_SHOP_ID, T_AGENT_ID, T_DAY);
          long[] m = at(agentDay);
          boolean answered = isTrue(r[T_ANSWERED]);
          boolean first = isTrue(r[T_FIRST_TURN]);
          long response = longOr0(r[T_RESPONSE_MS]);
          m[TURNS]++;
          m[ANSWERED] += answered ? 1 : 0;
          m[IN_TIME] += isTrue(r[T_REPLIED_IN_TIME]) ? 1 : 0;
          m[RT_SUM] += response;
          m[BUYER_MSGS] += longOr0(r[T_BUYER_MESSAGES]);
          m[FRT_N] += first && answered ? 1 : 0;
          m[FRT_SUM] += first ? response : 0;
          if (answered && r[T_RESPONSE_MS] != null) {
            responseTimes.computeIfAbsent(agentDay, x -> new Longs()).add(response);
          }
        }
      }
      case FactRows.AGENT_MESSAGE ->
          at(r, M_SHOP_ID, M_AGENT_ID, M_DAY)[AGENT_MSGS] += longOr0(r[M_MESSAGES]);
      case FactRows.ASSIGNMENT -> buyer(r, A_SHOP_ID, A_AGENT_ID, A_DAY, A_BUYER_ID)[ASSIGNED]++;
      case FactRows.INQUIRY -> buyer(r, Q_SHOP_ID, Q_AGENT_ID, Q_DAY, Q_BUYER_ID)[INQUIRED]++;
      case FactRows.ORDER -> order(r);
      case FactRows.SESSION -> {
        long[] m = at(r, S_SHOP_ID, S_CREDIT_AGENT, S_DAY);
        Object rating = r[S_RATING];
        m[SESSIONS]++;
        if (rating != null) {
          int score = (Integer) rating;
          m[RATED]++;
          m[SATISFIED] += Rating.satisfied(score) ? 1 : 0;
          m[DISSATISFIED] += Rating.dissatisfied(score) ? 1 : 0;
          m[RATING_SUM] += score;
        }
      }
      case FactRows.SESSION_QUALITY -> {
        long[] m = at(r, SQ_SHOP_ID, SQ_AGENT_ID, SQ_DAY);
        m[QA_N]++;
        m[QA_SUM] += longOr0(r[SQ_QA_SCORE]);
        m[QA_CRITICAL] += isTrue(r[SQ_CRITICAL]) ? 1 : 0;
      }
      default -> {
        // rejects, transcripts and rule hits feed no KPI sum
      }
    }
  }

  private void order(Object[] r) {
    boolean paid = r[O_PAID_AT] != null;
    long paidCents = paid ? cents(r[O_PAID_AMOUNT]) : 0;
    Object credited = r[O_CREDITED];
    if (isTrue(credited)) {
      long[] b = buyer(r, O_SHOP_ID, O_CREDITED_AGENT_ID, O_CREDITED_DAY, O_BUYER_ID);
      b[CREDITED]++;
      b[PAID] += paid ? 1 : 0;
      long[] m = at(r, O_SHOP_ID, O_CREDITED_AGENT_ID, O_CREDITED_DAY);
      long refunded = cents(r[O_REFUNDED_AMOUNT]);
      m[SALES] += paidCents;
      m[REFUNDED] += paid && refunded > 0 ? 1 : 0;
      m[REFUND_AMT] += refunded;
    }
    if (r[O_CREATED_AT] != null) {
      long[] m = at(r, O_SHOP_ID, -1, O_DAY);
      m[CREATED]++;
      if (Boolean.FALSE.equals(credited)) {
        m[SILENT]++;
        m[SILENT_SALES] += paidCents;
      }
    }
    if (r[O_PAID_DAY] != null) {
      long[] m = at(r, O_SHOP_ID, -1, O_PAID_DAY);
      m[PAID_PD]++;
      m[PAID_PD_SALES] += cents(r[O_PAID_AMOUNT]);
    }
  }

  /** The sums of the key read from columns shop, agent, day of r (agent -1: NULL). */
  private long[] at(Object[] r, int shop, int agent, int day) {
    return at(key(r, shop, agent, day));
  }

  private long[] at(Key shopAgentDay) {
    return sums.computeIfAbsent(shopAgentDay, x -> new long[MEASURES.length]);
  }

  /** The key read from columns shop, agent, day of r (agent -1: NULL), no buyer. */
  private static Key key(Object[] r, int shop, int agent, int day) {
    return new Key(
        (String) r[shop], agent < 0 ? null : (String) r[agent], (LocalDate) r[day], null);
  }

  /**
   * The per-buyer counts of the key read from columns shop, agent, day, buyer of r. The agent-day
   * gets a row of sums too (all 0 if nothing else counts there), so every agent-day with a buyer in
   * the reach has its row of sums and in the KPI tables.
   */
  private long[] buyer(Object[] r, int shop, int agent, int day, int buyer) {
    at(r, shop, agent, day);
    Key k = new Key((String) r[shop], (String) r[agent], (LocalDate) r[day], (String) r[buyer]);
    return buyers.computeIfAbsent(k, x -> new long[BUYER_COUNTS]);
  }

  /**
   * The task's sums, distinct-buyer counts of every grain and each agent-day's response times, as
   * the bytes the task hands the driver ({@link KpiRollup} reads them), and forgets them.
   */
  byte[] drain() {
    EventCodec.Sink out = new EventCodec.Sink(1 << 16);
    out.vint(sums.size());
    for (Map.Entry<Key, long[]> e : sums.entrySet()) {
      writeKey(out, e.getKey().shop(), e.getKey().agent(), e.getKey().day());
      for (long v : e.getValue()) {
        out.zlong(v);
      }
    }
    sums.clear();
    out.vint(responseTimes.size());
    for (Map.Entry<Key, Longs> e : responseTimes.entrySet()) {
      writeKey(out, e.getKey().shop(), e.getKey().agent(), e.getKey().day());
      Longs l = e.getValue();
      out.vint(l.n);
      for (int i = 0; i < l.n; i++) {
        out.zlong(l.values[i]);
      }
    }
    responseTimes.clear();
    Map<ReachKey, long[]> reach = reach();
    out.vint(reach.size());
    for (Map.Entry<ReachKey, long[]> e : reach.entrySet()) {
      out.str(e.getKey().scope());
      writeKey(out, e.getKey().shop(), e.getKey().agent(), e.getKey().g());
      for (long v : e.getValue()) {
        out.zlong(v);
      }
    }
    return out.toBytes();
  }

  /**
   * The distinct-buyer counts of every grain. A buyer counts once per grain: its counts are first
   * summed over the grain (an agent's week, the shop's day across agents), then each buyer with a
   * count adds one.
   */
  private Map<ReachKey, long[]> reach() {
    Map<ReachKey, long[]> reach = new HashMap<>();
    Map<Key, long[]> agentWeek = new HashMap<>();
    Map<Key, long[]> shopDay = new HashMap<>();
    buyers.forEach(
        (k, c) -> {
          if (k.agent() != null) {
            reach(reach, new ReachKey(AGENT_DAY, k.shop(), k.agent(), k.day()), c);
            merge(agentWeek, new Key(k.shop(), k.agent(), KpiSql.monday(k.day()), k.buyer()), c);
          }
          merge(shopDay, new Key(k.shop(), null, k.day(), k.buyer()), c);
        });
    buyers.clear();
    agentWeek.forEach(
        (k, c) -> reach(reach, new ReachKey(AGENT_WEEK, k.shop(), k.agent(), k.day()), c));
    shopDay.forEach((k, c) -> reach(reach, new ReachKey(SHOP_DAY, k.shop(), null, k.day()), c));
    return reach;
  }

  /**
   * A row's key: shop, agent and day, each NULL possible, in core's {@link EventCodec} varints and
   * strings (measures go as {@link EventCodec.Sink#zlong}: most sums of a task's agent-day are 0 or
   * small, so a part is several times smaller than with 8 bytes a value).
   */
  static void writeKey(EventCodec.Sink out, String shop, String agent, LocalDate day) {
    out.str(shop).str(agent);
    writeDay(out, day);
  }

  /** The epoch day written for an unknown day. */
  private static final long NO_DAY = Long.MIN_VALUE;

  /** A day, NULL possible. */
  static void writeDay(EventCodec.Sink out, LocalDate day) {
    out.zlong(day == null ? NO_DAY : day.toEpochDay());
  }

  static LocalDate readDay(EventCodec.Source in) {
    long epochDay = in.zlong();
    return epochDay == NO_DAY ? null : LocalDate.ofEpochDay(epochDay);
  }

  /** Adds one buyer's counts in a grain: one buyer per count above 0, and the counts. */
  private static void reach(Map<ReachKey, long[]> reach, ReachKey k, long[] c) {
    long[] m = reach.computeIfAbsent(k, x -> new long[REACH_MEASURES.length]);
    for (int i = 0; i < c.length; i++) {
      m[2 * i] += c[i] > 0 ? 1 : 0;
      m[2 * i + 1] += c[i];
    }
  }

  private static void merge(Map<Key, long[]> into, Key k, long[] c) {
    long[] m = into.computeIfAbsent(k, x -> new long[c.length]);
    for (int i = 0; i < c.length; i++) {
      m[i] += c[i];
    }
  }

  private static boolean isTrue(Object v) {
    return Boolean.TRUE.equals(v);
  }

  private static long longOr0(Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }

  /** DECIMAL(18,2) money as whole cents; NULL counts 0. */
  private static long cents(Object v) {
    return v == null ? 0 : ((BigDecimal) v).movePointRight(2).longValueExact();
  }

  private static int col(int table, String name) {
    return FactRows.SCHEMAS[table].fieldIndex(name);
  }
}
