package io.kefu.batch;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.EventType;
import io.kefu.core.event.ParseResult;
import io.kefu.core.event.RejectKind;
import io.kefu.core.event.Rejection;
import io.kefu.core.io.EventFiles;
import io.kefu.core.metrics.Attribution;
import io.kefu.core.metrics.SessionAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The KPIs of METRICS.md for a range of shop-local days: which agent received, answered and
 * converted whom, and how fast, per agent-day, agent-week and shop-day — the figures service
 * managers and HR use in performance reviews.
 *
 * <p>The graph: input lines → {@link #parse} (the shared parser; rejects keep their reason) →
 * accepted chat rows grouped by session → session facts (the shared {@link SessionAnalyzer});
 * accepted order rows grouped by order → order facts; inquiries and orders grouped by buyer →
 * credits (the shared {@link Attribution}); then Spark SQL ({@link KpiSql}) sums the facts into the
 * KPI tables. Reading happens in {@link #readLines}, writing in {@link WarehousePublisher}.
 */
public final class KpiBatchJob implements Serializable {

  private static final StructType LINE =
      new StructType()
          .add("file", DataTypes.StringType)
          .add("line_no", DataTypes.LongType)
          .add("text", DataTypes.StringType);

  private final transient SparkSession spark;
  private final KefuConfig config;

  public KpiBatchJob(SparkSession spark, KefuConfig config) {
    this.spark = spark;
    this.config = config;
  }

  // ------------------------------------------------------------------ reading

  /**
   * Every line of the event files under {@code input} (a folder, local or any Hadoop file system
   * such as s3a:// or hdfs://), with its file and line number; {@code .jsonl.gz} is un-gzipped.
   * Parquet files made from the JSON form ({@code *.parquet}, one column per field) are read
   * through Spark and turned back into JSON lines, so the same parser judges them.
   */
  public Input readLines(String input) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(input);
    FileSystem fs = root.getFileSystem(hadoop);
    if (!fs.exists(root)) {
      throw new IOException("no such input: " + input);
    }
    List<String> jsonFiles = new ArrayList<>();
    List<String> parquetFiles = new ArrayList<>();
    if (fs.getFileStatus(root).isFile()) {
      classify(root, jsonFiles, parquetFiles);
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        FileStatus st = it.next();
        classify(st.getPath(), jsonFiles, parquetFiles);
      }
    }
    jsonFiles.sort(null);
    parquetFiles.sort(null);
    if (jsonFiles.isEmpty() && parquetFiles.isEmpty()) {
      throw new IOException(
          "no chat-events*/order-events* .jsonl, .jsonl.gz or .parquet files under " + input);
    }
    Dataset<Row> lines = spark.createDataFrame(List.of(), LINE);
    if (!jsonFiles.isEmpty()) {
      Map<String, String> conf = hadoopSettings(hadoop);
      lines =
          spark
              .createDataset(jsonFiles, Encoders.STRING())
              .repartition(Math.max(1, jsonFiles.size()))
              .flatMap(
                  (FlatMapFunction<String, Row>) file -> readFile(file, conf).iterator(),
                  Encoders.row(LINE));
    }
    if (!parquetFiles.isEmpty()) {
      Dataset<Row> fromParquet =
          spark
              .read()
              // chat and order files have different columns: take the union of their schemas
              .option("mergeSchema", "true")
              .parquet(parquetFiles.toArray(String[]::new))
              .selectExpr(
                  "regexp_replace(input_file_name(), '^file:(//)?', '') AS file",
                  "to_json(struct(*)) AS text")
              .selectExpr(
                  "file",
                  "row_number() OVER (PARTITION BY file ORDER BY monotonically_increasing_id())"
                      + " AS line_no",
                  "text");
      lines = lines.unionByName(fromParquet.select("file", "line_no", "text"));
    }
    return new Input(lines, jsonFiles.size() + parquetFiles.size());
  }

  /** The lines of the input and how many files they come from. */
  public record Input(Dataset<Row> lines, long files) {}

  /**
   * Event files are named for their stream ({@code chat-events-2026-11-02.jsonl.gz}); Parquet
   * written by Spark or other tools sits in a folder named for the stream ({@code
   * chat-events/part-00000.parquet}), so the folder's name counts too.
   */
  private static void classify(Path p, List<String> json, List<String> parquet) {
    String name = p.getName();
    String folder = p.getParent() == null ? "" : p.getParent().getName();
    if (isStream(name) && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"))) {
      json.add(p.toString());
    } else if ((isStream(name) || isStream(folder)) && name.endsWith(".parquet")) {
      parquet.add(p.toString());
    }
  }

  private static boolean isStream(String name) {
    return name.startsWith(EventType.Stream.CHAT.filePrefix())
        || name.startsWith(EventType.Stream.ORDER.filePrefix());
  }

  /** How a file is named in reject tables: local files by their path, others by their URI. */
  static String displayName(String file) {
    return file.startsWith("file:") ? file.replaceFirst("^file:(//)?", "") : file;
  }

  /** File-system settings executors need to open the same paths (credentials, endpoints). */
  private static Map<String, String> hadoopSettings(Configuration conf) {
    Map<String, String> m = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      if (e.getKey().startsWith("fs.")) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return m;
  }

  private static List<Row> readFile(String file, Map<String, String> settings) throws IOException {
    Configuration conf = new Configuration(false);
    settings.forEach(conf::set);
    Path path = new Path(file);
    String label = displayName(file);
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = EventFiles.reader(path.getFileSystem(conf).open(path), file)) {
      String text;
      long n = 0;
      while ((text = r.readLine()) != null) {
        rows.add(RowFactory.create(label, ++n, text));
      }
    } catch (java.io.EOFException e) {
      // A cut-off gzip file: what was read stays, and the cut is recorded as a rejected line.
      rows.add(RowFactory.create(label, rows.size() + 1L, TRUNCATED + e.getMessage()));
    }
    return rows;
  }

  // ------------------------------------------------------------------ transformations

  /** Marks the pseudo-line that stands for the cut in a truncated compressed file. */
  static final String TRUNCATED = "\u0000kefu:truncated:";

  /** Every line → an accepted event row or a rejected row with the parser's reason. */
  public static Dataset<Row> parse(Dataset<Row> lines) {
    return lines.mapPartitions(
        (MapPartitionsFunction<Row, Row>)
            it -> {
              EventParser parser = new EventParser();
              return new Iterator<>() {
                @Override
                public boolean hasNext() {
                  return it.hasNext();
                }

                @Override
                public Row next() {
                  Row line = it.next();
                  String file = line.getString(0);
                  long no = line.getLong(1);
                  String text = line.getString(2);
                  if (text.startsWith(TRUNCATED)) {
                    return EventRows.rejected(
                        file,
                        no,
                        new Rejection(
                            RejectKind.TRUNCATED_FILE,
                            null,
                            "the compressed file ends in the middle ("
                                + text.substring(TRUNCATED.length())
                                + "); the lines before the cut were read",
                            null),
                        "");
                  }
                  ParseResult p = parser.parse(text);
                  if (p instanceof ParseResult.Accepted a) {
                    return EventRows.accepted(file, no, a.event(), text);
                  }
                  Rejection rej = ((ParseResult.Rejected) p).rejection();
                  return EventRows.rejected(file, no, rej, text);
                }
              };
            },
        Encoders.row(EventRows.SCHEMA));
  }

  /**
   * Every parsed row, grouped in one shuffle: a session's chat events together, an order's events
   * together, each rejected line alone. Each group becomes one row of {@link FactRows#FACT}: a
   * session's facts, an order's facts, or a rejection. Everything after this works on facts, which
   * are far fewer than events, so the events cross the network once.
   */
  public Dataset<Row> facts(Dataset<Row> parsed) {
    SessionAnalyzer analyzer = new SessionAnalyzer(config);
    ZoneId zone = config.zone();
    int partitions = spark.sessionState().conf().numShufflePartitions();
    return parsed
        .repartition(partitions, functions.col("key"))
        .sortWithinPartitions("key", "file", "line_no")
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>) rows -> new Groups(rows, analyzer, zone),
            Encoders.row(FactRows.FACT));
  }

  /**
   * Walks a partition sorted by group key and turns each run of rows with one key into its fact
   * row, holding one group in memory at a time.
   */
  private static final class Groups implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final SessionAnalyzer analyzer;
    private final ZoneId zone;
    private Row pending;

    Groups(Iterator<Row> rows, SessionAnalyzer analyzer, ZoneId zone) {
      this.rows = rows;
      this.analyzer = analyzer;
      this.zone = zone;
      this.pending = rows.hasNext() ? rows.next() : null;
    }

    @Override
    public boolean hasNext() {
      return pending != null;
    }

    @Override
    public Row next() {
      String key = pending.getString(EventRows.KEY);
      List<Row> group = new ArrayList<>();
      group.add(pending);
      pending = null;
      while (rows.hasNext()) {
        Row r = rows.next();
        if (!r.getString(EventRows.KEY).equals(key)) {
          pending = r;
          break;
        }
        group.add(r);
      }
      return switch (key.charAt(0)) {
        case EventRows.CHAT -> FactRows.fact(FactRows.session(group, analyzer, zone), null, null);
        case EventRows.ORDER -> FactRows.fact(null, FactRows.order(group, zone), null);
        default -> FactRows.fact(null, null, FactRows.reject(group.get(0)));
      };
    }
  }

  /** The session facts among {@link #facts}. */
  public static Dataset<Row> sessions(Dataset<Row> facts) {
    return facts.filter("session IS NOT NULL").select("session.*");
  }

  /** The order facts among {@link #facts}. */
  public static Dataset<Row> orders(Dataset<Row> facts) {
    return facts.filter("order IS NOT NULL").select("order.*");
  }

  /**
   * Every rejected line: the parser's rejections and the refunds rejected once their order was
   * seen, as (file, line_no, event_id, reason, message, raw).
   */
  public static Dataset<Row> rejects(Dataset<Row> facts) {
    return facts
        .filter("reject IS NOT NULL")
        .select("reject.*")
        .unionByName(orders(facts).selectExpr("inline(rejected)"))
        .select("file", "line_no", "event_id", "reason", "message", "raw");
  }

  /** Inquiries and created orders, grouped by shop and buyer → each order's credit. */
  public Dataset<Row> credits(Dataset<Row> sessions, Dataset<Row> orders) {
    Attribution attribution =
        new Attribution(config.attributionWindow(), config.attributionTouch());
    ZoneId zone = config.zone();
    Dataset<Row> inquiries =
        sessions
            .selectExpr("shop_id", "buyer_id", "session_id", "explode(inquiries) AS q")
            .selectExpr(
                "shop_id",
                "buyer_id",
                "'inquiry' AS kind",
                "session_id",
                "q.agent_id AS agent_id",
                "q.at_ms AS at_ms",
                "q.day AS day",
                "CAST(NULL AS STRING) AS order_id");
    Dataset<Row> created =
        orders
            .filter("created_ms IS NOT NULL")
            .selectExpr(
                "shop_id",
                "buyer_id",
                "'order' AS kind",
                "CAST(NULL AS STRING) AS session_id",
                "CAST(NULL AS STRING) AS agent_id",
                "created_ms AS at_ms",
                "CAST(NULL AS INT) AS day",
                "order_id");
    return inquiries
        .unionByName(created)
        .groupByKey(
            (MapFunction<Row, String>) r -> r.getString(0) + '\u0000' + r.getString(1),
            Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>)
                (k, rows) -> FactRows.credits(rows, attribution, zone),
            Encoders.row(FactRows.CREDIT));
  }

  /** The whole computation; tables hold only days in [from, to] (weeks: weeks touching it). */
  public Map<String, Dataset<Row>> run(Dataset<Row> facts, LocalDate from, LocalDate to) {
    Dataset<Row> sessions = sessions(facts);
    Dataset<Row> orders = orders(facts);
    Dataset<Row> credits = credits(sessions, orders);
    return new KpiSql(spark, config).tables(sessions, orders, credits, from, to);
  }
}
