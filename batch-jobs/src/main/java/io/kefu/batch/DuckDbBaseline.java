package io.kefu.batch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The benchmark's yardstick: the core KPIs (response times, inquiry conversion, AOV, refund rate
 * per agent and day) as plain DuckDB SQL over the same event files, so the Spark job's speed can be
 * judged against a fast single-node engine. It is deliberately simpler than the product (no reject
 * accounting, no late-rating crediting, no QA): a lower bound on the work, not a second
 * implementation — the product's figures come from the shared Java logic only.
 *
 * <p>Usage: {@code DuckDbBaseline INPUT_DIR}; prints rows, seconds and events/s.
 */
public final class DuckDbBaseline {

  private DuckDbBaseline() {}

  static final String[] STEPS = {
    // 1. Read every event file; keep what parses, first delivery of each event_id.
    """
    CREATE TABLE raw AS SELECT * FROM read_json('%s/*-events-*.jsonl*',
      format = 'newline_delimited', ignore_errors = true, maximum_object_size = 1048576,
      columns = {event_id: 'VARCHAR', type: 'VARCHAR', ts: 'VARCHAR', shop_id: 'VARCHAR',
                 session_id: 'VARCHAR', order_id: 'VARCHAR', buyer_id: 'VARCHAR',
                 agent_id: 'VARCHAR', to_agent_id: 'VARCHAR', queue: 'VARCHAR',
                 sender: 'VARCHAR', amount: 'VARCHAR'})
    """,
    """
    CREATE TABLE ev AS
    SELECT DISTINCT ON (event_id) event_id, type, shop_id, session_id, order_id, buyer_id,
           agent_id, to_agent_id, queue, sender, try_cast(amount AS DECIMAL(18,2)) AS amount,
           try_cast(ts AS TIMESTAMPTZ) AS t
    FROM raw WHERE event_id IS NOT NULL AND try_cast(ts AS TIMESTAMPTZ) IS NOT NULL
    ORDER BY event_id
    """,
    // 2. Who owns the session at each moment (start, then transfers).
    """
    CREATE TABLE owners AS
    SELECT shop_id, session_id, t, event_id, coalesce(to_agent_id, agent_id) AS owner,
           max(queue) OVER (PARTITION BY shop_id, session_id) AS queue
    FROM ev WHERE type IN ('session_start', 'transfer')
    """,
    // 3. Buyer turns: runs of buyer messages, answered by the next agent message.
    """
    CREATE TABLE msgs AS
    SELECT m.*, sum(CASE WHEN sender = 'agent' THEN 1 ELSE 0 END)
             OVER (PARTITION BY shop_id, session_id ORDER BY t, event_id
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS agents_before
    FROM ev m WHERE type = 'message' AND sender IN ('buyer', 'agent')
    """,
    """
    CREATE TABLE turns AS
    WITH b AS (
      SELECT shop_id, session_id, buyer_id, coalesce(agents_before, 0) AS grp, min(t) AS start
      FROM msgs WHERE sender = 'buyer' GROUP BY ALL),
    a AS (
      SELECT shop_id, session_id, coalesce(agents_before, 0) AS grp, t AS answered
      FROM msgs WHERE sender = 'agent')
    SELECT b.*, a.answered, o.owner, o.queue,
           CAST(timezone('Asia/Shanghai', b.start) AS DATE) AS day
    FROM b
    LEFT JOIN a ON a.shop_id = b.shop_id AND a.session_id = b.session_id AND a.grp = b.grp
    ASOF LEFT JOIN owners o
      ON o.shop_id = b.shop_id AND o.session_id = b.session_id AND o.t <= b.start
    """,
    // 4. Inquiries and last-touch attribution within 24 h.
    """
    CREATE TABLE inquiries AS
    SELECT shop_id, buyer_id, owner, min(start) AS at,
           CAST(timezone('Asia/Shanghai', min(start)) AS DATE) AS day
    FROM turns WHERE queue = 'pre_sale' AND owner IS NOT NULL GROUP BY shop_id, session_id, buyer_id, owner
    """,
    """
    CREATE TABLE orders AS
    SELECT shop_id, order_id, any_value(buyer_id) AS buyer_id,
           min(t) FILTER (WHERE type = 'order_created') AS created,
           sum(amount) FILTER (WHERE type = 'order_paid') AS paid,
           sum(amount) FILTER (WHERE type = 'refund_completed') AS refunded
    FROM ev WHERE order_id IS NOT NULL GROUP BY shop_id, order_id
    """,
    """
    CREATE TABLE credits AS
    SELECT o.*, i.owner, i.day
    FROM orders o ASOF JOIN inquiries i
      ON i.shop_id = o.shop_id AND i.buyer_id = o.buyer_id AND i.at < o.created
    WHERE o.created IS NOT NULL AND o.created - i.at <= INTERVAL 24 HOUR
    """,
    // 5. Per agent and day.
    """
    CREATE TABLE kpi AS
    WITH rt AS (
      SELECT shop_id, owner AS agent_id, day, count(*) AS turns, count(answered) AS answered,
             avg(epoch(answered - start)) AS art_s,
             quantile_cont(epoch(answered - start), 0.9) AS p90_s,
             count(*) FILTER (WHERE epoch(answered - start) <= 180) AS in_3min
      FROM turns WHERE owner IS NOT NULL GROUP BY ALL),
    conv AS (
      SELECT i.shop_id, i.owner AS agent_id, i.day, count(DISTINCT i.buyer_id) AS inquiring,
             count(DISTINCT c.buyer_id) AS ordering,
             count(DISTINCT c.buyer_id) FILTER (WHERE c.paid IS NOT NULL) AS paying,
             sum(c.paid) AS sales, count(c.paid) AS paid_orders,
             count(*) FILTER (WHERE c.refunded > 0) AS refunded_orders
      FROM inquiries i LEFT JOIN credits c
        ON c.shop_id = i.shop_id AND c.owner = i.owner AND c.day = i.day AND c.buyer_id = i.buyer_id
      GROUP BY ALL)
    SELECT *, ordering / inquiring AS conversion, sales / nullif(paying, 0) AS aov,
           refunded_orders / nullif(paid_orders, 0) AS refund_rate
    FROM rt FULL OUTER JOIN conv USING (shop_id, agent_id, day)
    """,
  };

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]).toAbsolutePath();
    long started = System.nanoTime();
    long events;
    long rows;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String step : STEPS) {
        st.execute(step.contains("%s") ? step.formatted(input) : step);
      }
      events = count(st, "SELECT count(*) FROM raw");
      rows = count(st, "SELECT count(*) FROM kpi");
    }
    double secs = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "duckdb: %,d lines, %,d agent-day rows in %.1f s = %,.0f events/s%n",
        events, rows, secs, events / secs);
  }

  private static long count(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
