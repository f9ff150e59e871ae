package io.kefu.batch;

import io.kefu.core.event.EventCodec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The review queue (QA_RULES.md "Review workflow") of the sessions scored in a run: every critical
 * session; the lowest-scoring {@code lowestShare} of each shop-week (percent_rank of the score,
 * missing scores first, at most the share); and a random sample of each agent's sessions per week
 * at {@code sampleRate}, at least one (the first by draw, then by session id), so every agent is
 * reviewed, not only the bad days. The draw is Spark SQL's {@code (xxhash64(session_id,
 * 'kefu-review') & 2147483647) / 2147483648.0}, computed with Spark's own hash function: the same
 * sessions are drawn on every re-run, and by the definition written in SQL. ({@code XXH64} is
 * Spark's internal class, the one its SQL function calls; {@code ReviewQueueTest} checks the two
 * agree on the build's Spark version.) One row per session, with the first reason that applies.
 *
 * <p>Each task lists its scored sessions compactly ({@link Sessions}: ids, a dictionary of shops,
 * agents and rulebook versions, day, score, critical, draw; about 50 bytes a session); the driver
 * picks the queue from all of them ({@link #select}): the ranks need each shop-week's whole score
 * distribution and the first draw each agent-week's minimum, which no task sees alone.
 */
final class ReviewQueue {

  private ReviewQueue() {}

  /** The published table's layout. */
  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("shop_id", DataTypes.StringType, true),
            DataTypes.createStructField("session_id", DataTypes.StringType, true),
            DataTypes.createStructField("agent_id", DataTypes.StringType, true),
            DataTypes.createStructField("day", DataTypes.DateType, true),
            DataTypes.createStructField("week_start", DataTypes.DateType, true),
            DataTypes.createStructField("rulebook_version", DataTypes.StringType, true),
            DataTypes.createStructField("reason", DataTypes.StringType, false),
            DataTypes.createStructField("qa_score", DataTypes.IntegerType, true)
          });

  private static final int SQ_SHOP_ID = col("shop_id");
  private static final int SQ_SESSION_ID = col("session_id");
  private static final int SQ_AGENT_ID = col("agent_id");
  private static final int SQ_DAY = col("day");
  private static final int SQ_VERSION = col("rulebook_version");
  private static final int SQ_QA_SCORE = col("qa_score");
  private static final int SQ_CRITICAL = col("critical");

  private static int col(String name) {
    return FactRows.SCHEMAS[FactRows.SESSION_QUALITY].fieldIndex(name);
  }

  /** Spark's seed for {@code xxhash64}. */
  private static final long SEED = 42L;

  private static final UTF8String SALT = UTF8String.fromString("kefu-review");

  /** {@code xxhash64(session_id, 'kefu-review') & 2147483647}, as Spark SQL computes it. */
  static long drawHash(String sessionId) {
    long h = SEED;
    if (sessionId != null) {
      h = XXH64.hashUTF8String(UTF8String.fromString(sessionId), h);
    }
    h = XXH64.hashUTF8String(SALT, h);
    return h & 2147483647L;
  }

  private static final BigDecimal TWO_TO_31 = BigDecimal.valueOf(2147483648L);

  /** The draw in [0, 1): the hash over 2³¹ as SQL's DECIMAL division gives it (12 places). */
  static BigDecimal draw(long hash) {
    return new BigDecimal(hash).divide(TWO_TO_31, 12, RoundingMode.HALF_UP);
  }

  /** The score written for a session without one. */
  private static final long NO_SCORE = Long.MIN_VALUE;

  /** A task's scored sessions, written as they are made; {@link #drain} hands them over. */
  static final class Sessions {
    private final EventCodec.Sink out = new EventCodec.Sink(1 << 16);
    private final Map<String, Integer> names = new HashMap<>();
    private int count;

    /** Adds a {@code session_quality} row (values as {@link FactRows.Out} receives them). */
    void add(Object[] r) {
      String session = (String) r[SQ_SESSION_ID];
      out.str(session);
      name((String) r[SQ_SHOP_ID]);
      name((String) r[SQ_AGENT_ID]);
      name((String) r[SQ_VERSION]);
      KpiBase.writeDay(out, (LocalDate) r[SQ_DAY]);
      Integer score = (Integer) r[SQ_QA_SCORE];
      out.zlong(score == null ? NO_SCORE : score);
      Boolean critical = (Boolean) r[SQ_CRITICAL];
      out.b(critical == null ? 2 : critical ? 1 : 0);
      out.vint((int) drawHash(session));
      count++;
    }

    /**
     * A string as its number in the task's dictionary plus one (0: NULL), spelled out the first
     * time.
     */
    private void name(String s) {
      if (s == null) {
        out.vint(0);
        return;
      }
      Integer known = names.get(s);
      if (known != null) {
        out.vint(known + 1);
      } else {
        out.vint(names.size() + 1);
        names.put(s, names.size());
        out.str(s);
      }
    }

    /** The sessions as bytes: their count, then each. */
    byte[] drain() {
      byte[] header = new EventCodec.Sink(5).vint(count).toBytes();
      byte[] all = new byte[header.length + out.length()];
      System.arraycopy(header, 0, all, 0, header.length);
      System.arraycopy(out.toBytes(), 0, all, header.length, out.length());
      return all;
    }
  }

  /** A scored session as the queue sees it. */
  private record Scored(
      String shop,
      String session,
      String agent,
      LocalDate day,
      LocalDate week,
      String version,
      Integer score,
      Boolean critical,
      long hash) {}

  private record ShopWeek(String shop, LocalDate week) {}

  private record AgentWeek(String shop, String agent, LocalDate week) {}

  /** An agent-week's first draw so far: the lowest hash, then the lowest session id. */
  private static final class First {
    long hash = Long.MAX_VALUE;
    String session;
  }

  /**
   * The queue's rows (layout {@link #SCHEMA}) of the sessions in the tasks' parts whose day is in
   * [from, to]; the ranks and first draws are over all of them, whatever their day.
   */
  static List<Object[]> select(
      List<byte[]> parts, double sampleRate, double lowestShare, LocalDate from, LocalDate to) {
    List<Scored> sessions = new ArrayList<>();
    for (byte[] part : parts) {
      read(part, sessions);
    }
    // Each shop-week's sessions per score, missing scores first (SQL's ascending order).
    Map<ShopWeek, TreeMap<Integer, long[]>> scores = new HashMap<>();
    Map<AgentWeek, First> firsts = new HashMap<>();
    for (Scored s : sessions) {
      scores.computeIfAbsent(
              new ShopWeek(s.shop(), s.week()),
              k -> new TreeMap<>(java.util.Comparator.nullsFirst(Integer::compare)))
          .computeIfAbsent(s.score(), k -> new long[1])[0]++;
      if (s.agent() != null) {
        First f =
            firsts.computeIfAbsent(new AgentWeek(s.shop(), s.agent(), s.week()), k -> new First());
        if (s.hash() < f.hash) {
          f.hash = s.hash();
          f.session = s.session();
        } else if (s.hash() == f.hash
            && s.session() != null
            && (f.session == null || utf8Order(s.session(), f.session) < 0)) {
          f.session = s.session();
        }
      }
    }
    // percent_rank = sessions scored lower / (sessions − 1); 0 for a lone session.
    Map<ShopWeek, Map<Integer, Double>> ranks = new HashMap<>();
    scores.forEach(
        (k, byScore) -> {
          long total = byScore.values().stream().mapToLong(n -> n[0]).sum();
          Map<Integer, Double> rank = new HashMap<>();
          long below = 0;
          for (Map.Entry<Integer, long[]> e : byScore.entrySet()) {
            rank.put(e.getKey(), total > 1 ? (double) below / (double) (total - 1) : 0.0);
            below += e.getValue()[0];
          }
          ranks.put(k, rank);
        });
    // The rate as the SQL text held it: a decimal literal, or a DOUBLE in exponent form (null).
    String rateText = String.valueOf(sampleRate);
    BigDecimal rateDecimal =
        rateText.indexOf('E') >= 0 || rateText.indexOf('e') >= 0 ? null : new BigDecimal(rateText);
    List<Object[]> rows = new ArrayList<>();
    for (Scored s : sessions) {
      if (s.day() == null || s.day().isBefore(from) || s.day().isAfter(to)) {
        continue;
      }
      double lowRank = ranks.get(new ShopWeek(s.shop(), s.week())).get(s.score());
      boolean critical = Boolean.TRUE.equals(s.critical());
      boolean low = lowRank <= lowestShare;
      boolean sampled = false;
      // The draw only decides a session that is neither critical nor low (the first reason wins).
      if (!critical && !low && s.agent() != null) {
        First f = firsts.get(new AgentWeek(s.shop(), s.agent(), s.week()));
        sampled =
            drawnBelow(s.hash(), sampleRate, rateDecimal)
                || (s.session() != null && s.session().equals(f.session));
      }
      if (critical || low || sampled) {
        rows.add(
            new Object[] {
              s.shop(),
              s.session(),
              s.agent(),
              s.day(),
              s.week(),
              s.version(),
              critical ? "critical" : low ? "low_score" : "sample",
              s.score()
            });
      }
    }
    return rows;
  }

  /**
   * Strings in the order SQL's {@code min} compares them: by their UTF-8 bytes, which is the order
   * of their code points (not of their UTF-16 chars, as {@link String#compareTo}).
   */
  static int utf8Order(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * {@code draw < rate} as SQL compares it: DECIMAL against a decimal literal exactly ({@code
   * rateDecimal}), against a literal in exponent form (a DOUBLE; {@code rateDecimal} null) as
   * doubles.
   */
  private static boolean drawnBelow(long hash, double rate, BigDecimal rateDecimal) {
    BigDecimal draw = draw(hash);
    return rateDecimal == null ? draw.doubleValue() < rate : draw.compareTo(rateDecimal) < 0;
  }

  private static void read(byte[] part, List<Scored> into) {
    try {
      EventCodec.Source in = new EventCodec.Source(part);
      List<String> names = new ArrayList<>();
      for (int n = in.vint(); n > 0; n--) {
        String session = in.str();
        String shop = name(in, names);
        String agent = name(in, names);
        String version = name(in, names);
        LocalDate day = KpiBase.readDay(in);
        long s = in.zlong();
        if (s != NO_SCORE && s != (int) s) {
          throw new IllegalStateException("a score of " + s);
        }
        Integer score = s == NO_SCORE ? null : (int) s;
        int c = in.b();
        if (c < 0 || c > 2) {
          throw new IllegalStateException("a critical flag of " + c);
        }
        Boolean critical = c == 2 ? null : c == 1;
        long hash = in.vint() & 0xffffffffL;
        into.add(
            new Scored(
                shop, session, agent, day, KpiSql.monday(day), version, score, critical, hash));
      }
      in.requireEnd();
    } catch (RuntimeException e) {
      // A truncated part reads past its end (ArrayIndexOutOfBounds), a garbled one gives
      // impossible lengths or codes: the same report either way.
      throw new IllegalStateException("a task's list of scored sessions is damaged", e);
    }
  }

  private static String name(EventCodec.Source in, List<String> names) {
    int code = in.vint() - 1;
    if (code < 0) {
      return null;
    }
    if (code == names.size()) {
      names.add(in.str());
    }
    return Objects.requireNonNull(names.get(code));
  }
}
