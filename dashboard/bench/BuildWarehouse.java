import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A synthetic warehouse for the dashboard's load test: one year × 200 agents (10 teams), with the
 * KPI tables the explorer reads, in the batch job's schema, filled by DuckDB's generate_series
 * (no Spark). Per agent-day: 30 assignments, 25 inquiries, 80 buyer turns, 10 credited orders, and
 * the matching agent_daily_kpi row. Rows are inserted in day order, as a batch publish writes
 * them. Published like the batch job does: a temporary file, CHECKPOINT, atomic rename.
 *
 * <p>Usage: java -cp duckdb_jdbc.jar BuildWarehouse.java OUT.duckdb [agents] [days]
 */
public class BuildWarehouse {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]).toAbsolutePath();
    int agents = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 365;
    Path tmp = out.resolveSibling(out.getFileName() + ".building");
    Files.deleteIfExists(tmp);
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp);
        Statement s = c.createStatement()) {
      s.execute("SET preserve_insertion_order = true");
      s.execute(
          "CREATE TABLE agent_roster(agent_id VARCHAR PRIMARY KEY, name VARCHAR, team VARCHAR,"
              + " queue VARCHAR)");
      s.execute(
          "INSERT INTO agent_roster SELECT printf('a-%03d', i), printf('客服%03d', i),"
              + " printf('第%d组', i % 10 + 1), CASE WHEN i % 10 < 7 THEN 'pre_sale' ELSE"
              + " 'after_sale' END FROM generate_series(1, "
              + agents
              + ") t(i)");
      s.execute(
          "CREATE TABLE days AS SELECT CAST(DATE '2026-11-15' - INTERVAL (d) DAY AS DATE) AS day"
              + " FROM generate_series(0, "
              + (days - 1)
              + ") t(d) ORDER BY day");
      s.execute(
          "CREATE TABLE kpi_day_config AS SELECT 'sunshine-baby' AS shop_id, day,"
              + " 'attribution.window=24h; attribution.touch=last' AS config,"
              + " 'last touch, 24h window' AS attribution_rule FROM days");
      s.execute(
          "CREATE TABLE assignment_fact AS SELECT 'sunshine-baby' AS shop_id,"
              + " printf('s-%s-%s-%d', agent_id, day, n) AS session_id,"
              + " printf('b-%d', hash(agent_id, day, n) % 200000) AS buyer_id, agent_id, day"
              + " FROM days, agent_roster, generate_series(1, 30) t(n) ORDER BY day, agent_id");
      s.execute(
          "CREATE TABLE inquiry_fact AS SELECT shop_id, session_id, buyer_id, agent_id,"
              + " CAST(day AS TIMESTAMP) + INTERVAL 2 HOUR AS inquiry_at, day FROM"
              + " assignment_fact WHERE hash(session_id) % 6 <> 0 ORDER BY day, agent_id");
      s.execute(
          "CREATE TABLE turn_fact AS SELECT a.shop_id, a.session_id, a.buyer_id, a.agent_id,"
              + " CAST(a.day AS TIMESTAMP) + INTERVAL (t * 60) SECOND AS turn_start, a.day,"
              + " 1 + CAST(hash(a.session_id, t) % 3 AS INTEGER) AS buyer_messages,"
              + " hash(a.session_id, t) % 20 <> 0 AS answered, a.agent_id AS answered_by,"
              + " CAST(2000 + hash(a.session_id, t) % 90000 AS BIGINT) AS response_ms,"
              + " hash(a.session_id, t) % 10 <> 0 AS replied_in_time, t = 1 AS first_turn,"
              + " TRUE AS counted FROM assignment_fact a, generate_series(1, 3) g(t)"
              + " WHERE hash(a.session_id) % 9 <> 0 OR t < 3 ORDER BY a.day, a.agent_id");
      s.execute(
          "CREATE TABLE order_fact AS SELECT shop_id, printf('o-%s', session_id) AS order_id,"
              + " buyer_id, day, inquiry_at + INTERVAL 30 MINUTE AS created_at,"
              + " CAST(50 + hash(session_id) % 400 AS DECIMAL(18,2)) AS created_amount,"
              + " CASE WHEN hash(session_id) % 5 <> 0 THEN CAST(50 + hash(session_id) % 400 AS"
              + " DECIMAL(18,2)) END AS paid_amount, CASE WHEN hash(session_id) % 5 <> 0 THEN"
              + " inquiry_at + INTERVAL 40 MINUTE END AS paid_at, day AS paid_day,"
              + " CAST(0 AS DECIMAL(18,2)) AS refunded_amount, 0 AS refund_requests,"
              + " FALSE AS cancelled, TRUE AS credited, session_id AS credited_session_id,"
              + " agent_id AS credited_agent_id, inquiry_at AS credited_inquiry_at,"
              + " day AS credited_day FROM inquiry_fact WHERE hash(session_id) % 5 < 2"
              + " ORDER BY day, agent_id");
      s.execute(
          "CREATE TABLE agent_daily_kpi AS WITH"
              + " a AS (SELECT agent_id, day, count(DISTINCT buyer_id) rb, count(*) n FROM"
              + " assignment_fact GROUP BY ALL),"
              + " t AS (SELECT agent_id, day, count(*) turns, count(*) FILTER (answered) ans,"
              + " count(*) FILTER (answered AND replied_in_time) intime,"
              + " sum(response_ms) FILTER (answered) rt, count(*) FILTER (first_turn AND"
              + " answered) frt_n, sum(response_ms) FILTER (first_turn AND answered) frt,"
              + " quantile_cont(response_ms, 0.9) FILTER (answered) p90, sum(buyer_messages) bm"
              + " FROM turn_fact GROUP BY ALL),"
              + " q AS (SELECT agent_id, day, count(*) inq, count(DISTINCT buyer_id) ib FROM"
              + " inquiry_fact GROUP BY ALL),"
              + " o AS (SELECT credited_agent_id agent_id, credited_day AS day, count(*) co,"
              + " count(DISTINCT buyer_id) ob, count(paid_at) po, count(DISTINCT CASE WHEN"
              + " paid_at IS NOT NULL THEN buyer_id END) pb, sum(paid_amount) sales FROM"
              + " order_fact GROUP BY ALL)"
              + " SELECT 'sunshine-baby' shop_id, a.agent_id, a.day, a.rb received_buyers,"
              + " a.n assignments, t.turns buyer_turns, t.ans answered_turns,"
              + " t.intime replied_in_time_turns, t.rt rt_sum_ms, t.frt_n frt_sessions,"
              + " t.frt frt_sum_ms, t.frt / 1000.0 / t.frt_n frt_avg_s,"
              + " t.rt / 1000.0 / t.ans art_avg_s, t.p90 / 1000.0 rt_p90_s,"
              + " t.ans / t.turns reply_rate, t.intime / t.turns reply_3min_rate,"
              + " t.ans + 5 agent_messages, t.bm buyer_messages,"
              + " (t.ans + 5) / t.bm answer_question_ratio, q.inq inquiries,"
              + " q.ib inquiring_buyers, o.ob ordering_buyers, o.pb paying_buyers,"
              + " o.ob / q.ib inquiry_conversion_rate, o.pb / q.ib payment_conversion_rate,"
              + " o.co credited_orders, o.po paid_orders, CAST(o.sales AS DECIMAL(18,2)) sales,"
              + " CAST(o.sales / o.pb AS DECIMAL(18,2)) aov, 0 refunded_orders, 0.0 refund_rate,"
              + " CAST(0 AS DECIMAL(18,2)) refund_amount, a.n sessions, 10 ratings,"
              + " 9 satisfied_ratings, 1 dissatisfied_ratings, 45 rating_sum,"
              + " 0.9 satisfaction_rate, 4.5 avg_rating, 10.0 / a.n rating_rate"
              + " FROM a JOIN t USING (agent_id, day) JOIN q USING (agent_id, day)"
              + " JOIN o USING (agent_id, day) ORDER BY day, agent_id");
      s.execute("DROP TABLE days");
      s.execute("CHECKPOINT");
      try (var rs =
          s.executeQuery(
              "SELECT (SELECT count(*) FROM turn_fact), (SELECT count(*) FROM assignment_fact),"
                  + " (SELECT count(*) FROM inquiry_fact), (SELECT count(*) FROM order_fact),"
                  + " (SELECT count(*) FROM agent_daily_kpi)")) {
        rs.next();
        System.out.printf(
            "turn_fact %,d  assignment_fact %,d  inquiry_fact %,d  order_fact %,d"
                + "  agent_daily_kpi %,d%n",
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
      }
    }
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf(
        "%s: %d agents × %d days, %.0f MB, built in %.0f s%n",
        out, agents, days, Files.size(out) / 1e6, (System.nanoTime() - t0) / 1e9);
  }
}
