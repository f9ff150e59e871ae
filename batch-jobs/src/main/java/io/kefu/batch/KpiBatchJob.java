package io.kefu.batch;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.Event;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.EventType;
import io.kefu.core.event.ParseResult;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.RefundRequested;
import io.kefu.core.event.Rejection;
import io.kefu.core.io.EventFiles;
import io.kefu.core.metrics.Attribution;
import io.kefu.core.metrics.SessionAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The facts behind the KPIs of METRICS.md: which agent received, answered and converted whom, and
 * how fast — the figures service managers and HR use in performance reviews.
 *
 * <p>The graph, with one shuffle: input lines → {@link #parse} (the shared parser; a rejected line
 * keeps its reason) → lines grouped by buyer (a buyer's sessions and orders together) → {@link
 * FactRows#buyer} (the shared session analysis, order analysis and attribution) → one row per
 * session, turn, assignment, inquiry, agent-day message count, order and rejected line → staged as
 * Parquet, one folder per table ({@link #stage}). {@link KpiSql} sums the staged facts into the KPI
 * tables and {@link WarehousePublisher} loads everything into DuckDB.
 *
 * <p>Why group by buyer: attribution credits a buyer's order to that buyer's latest inquiry, so
 * with sessions and orders of a buyer side by side, every fact including each order's credit is
 * decided in one pass; the events cross the network once, as bytes ({@link LineRecord}), and only
 * the facts — far fewer than events — become Spark rows.
 */
public final class KpiBatchJob implements Serializable {

  private static final long serialVersionUID = 1L;

  private final transient SparkSession spark;
  private final KefuConfig config;

  public KpiBatchJob(SparkSession spark, KefuConfig config) {
    this.spark = spark;
    this.config = config;
  }

  // ------------------------------------------------------------------ reading

  /** The event files of a run: JSON Lines (plain or gzip) and Parquet made from them. */
  public record InputFiles(List<String> json, List<String> parquet) implements Serializable {

    /** Every file, JSON first: a line's file index points into this list. */
    public List<String> all() {
      List<String> all = new ArrayList<>(json);
      all.addAll(parquet);
      return all;
    }

    /** How each file is named in reject tables: local files by path, others by URI. */
    String[] displayNames() {
      return all().stream().map(KpiBatchJob::displayName).toArray(String[]::new);
    }
  }

  /**
   * The event files under {@code input} (a folder or one file, local or on any Hadoop file system
   * such as s3a:// or hdfs://).
   */
  public InputFiles files(String input) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(input);
    FileSystem fs = root.getFileSystem(hadoop);
    if (!fs.exists(root)) {
      throw new IOException("no such input: " + input);
    }
    List<String> json = new ArrayList<>();
    List<String> parquet = new ArrayList<>();
    if (fs.getFileStatus(root).isFile()) {
      classify(fs.makeQualified(root), json, parquet);
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        FileStatus st = it.next();
        classify(st.getPath(), json, parquet);
      }
    }
    json.sort(null);
    parquet.sort(null);
    if (json.isEmpty() && parquet.isEmpty()) {
      throw new IOException(
          "no chat-events*/order-events* .jsonl, .jsonl.gz or .parquet files under " + input);
    }
    return new InputFiles(json, parquet);
  }

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

  /**
   * Every line of the input, parsed: keyed by its buyer's group ({@link #groupKey}), valued by its
   * {@link LineRecord}. JSON files are read one task per file, streaming (a cut-off gzip file keeps
   * the lines before the cut and adds a {@code truncated_file} rejection for the cut). Parquet
   * files are read through Spark and turned back into JSON lines, so the same parser judges them.
   */
  public JavaPairRDD<Long, byte[]> parse(InputFiles in) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> all = in.all();
    JavaPairRDD<Long, byte[]> lines = jsc.parallelizePairs(List.of(), 1);
    if (!in.json().isEmpty()) {
      Map<String, String> conf = hadoopSettings(spark.sparkContext().hadoopConfiguration());
      List<Integer> indices = IntStream.range(0, in.json().size()).boxed().toList();
      lines =
          jsc.parallelize(indices, indices.size())
              .flatMapToPair(i -> new FileLines(i, all.get(i), conf));
    }
    for (int i = in.json().size(); i < all.size(); i++) {
      int file = i;
      JavaPairRDD<Long, byte[]> fromParquet =
          spark
              .read()
              .parquet(all.get(i))
              .select(functions.to_json(functions.struct(functions.col("*"))).as("text"))
              .withColumn(
                  "line_no",
                  functions
                      .row_number()
                      .over(
                          org.apache.spark.sql.expressions.Window.orderBy(
                              functions.monotonically_increasing_id())))
              .javaRDD()
              .mapPartitionsToPair(
                  rows -> {
                    EventParser parser = new EventParser();
                    List<Tuple2<Long, byte[]>> out = new ArrayList<>();
                    while (rows.hasNext()) {
                      Row r = rows.next();
                      out.add(
                          parseLine(parser, file, ((Number) r.get(1)).longValue(), r.getString(0)));
                    }
                    return out.iterator();
                  });
      lines = lines.union(fromParquet);
    }
    return lines;
  }

  /** One line → (group key, record): accepted with its event, or rejected with its reason. */
  static Tuple2<Long, byte[]> parseLine(EventParser parser, int file, long line, String text) {
    ParseResult p = parser.parse(text);
    if (p instanceof ParseResult.Accepted a) {
      Event e = a.event();
      boolean refund = e instanceof RefundRequested || e instanceof RefundCompleted;
      return new Tuple2<>(
          groupKey(e.shopId(), e.buyerId()),
          LineRecord.accepted(file, line, e, refund ? text : null));
    }
    Rejection rej = ((ParseResult.Rejected) p).rejection();
    return new Tuple2<>(lineKey(file, line), LineRecord.rejected(file, line, rej, text));
  }

  /**
   * The shuffle key of a buyer in a shop: a 64-bit hash (FNV-1a, then a finalizer), so the sort
   * compares numbers, not strings. Two buyers sharing a hash land in one group and are told apart
   * there by their real ids.
   */
  static long groupKey(String shop, String buyer) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < shop.length(); i++) {
      h = (h ^ shop.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ 0xFFFF) * 0x100000001b3L;
    for (int i = 0; i < buyer.length(); i++) {
      h = (h ^ buyer.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** A rejected line is a group of its own: its key spreads lines over the partitions. */
  static long lineKey(int file, long line) {
    return mix(file * 0x9E3779B97F4A7C15L + line);
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe53a32c3L;
    h ^= h >>> 33;
    return h;
  }

  /** The lines of one JSON file, parsed as they are read; the file is closed at its end. */
  private static final class FileLines implements Iterator<Tuple2<Long, byte[]>> {
    private final int file;
    private final String name;
    private final BufferedReader reader;
    private final EventParser parser = new EventParser();
    private long line;
    private Tuple2<Long, byte[]> next;
    private boolean done;

    FileLines(int file, String name, Map<String, String> settings) throws IOException {
      this.file = file;
      this.name = name;
      Configuration conf = new Configuration(false);
      settings.forEach(conf::set);
      Path path = new Path(name);
      this.reader = EventFiles.reader(path.getFileSystem(conf).open(path), name);
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Tuple2<Long, byte[]> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Tuple2<Long, byte[]> r = next;
      next = null;
      return r;
    }

    private Tuple2<Long, byte[]> advance() {
      try {
        String text = reader.readLine();
        if (text != null) {
          return parseLine(parser, file, ++line, text);
        }
        finish();
        return null;
      } catch (java.io.EOFException e) {
        // A cut-off gzip file: what was read stays, and the cut is recorded as a rejected line.
        finish();
        long at = ++line;
        return new Tuple2<>(
            lineKey(file, at),
            LineRecord.rejected(file, at, FactRows.truncated(e.getMessage()), ""));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + name, e);
      }
    }

    private void finish() {
      done = true;
      try {
        reader.close();
      } catch (IOException ignored) {
        // the file was read to its end; nothing is lost by a failed close
      }
    }
  }

  // ------------------------------------------------------------------ facts

  /**
   * The parsed lines grouped by buyer (one shuffle, sorted by group key within each partition) →
   * the rows of every fact table, each tagged with its table number ({@link FactRows}).
   */
  public JavaRDD<Tuple2<Integer, Row>> facts(JavaPairRDD<Long, byte[]> lines, InputFiles in) {
    FactRows rows =
        new FactRows(
            new SessionAnalyzer(config),
            new Attribution(config.attributionWindow(), config.attributionTouch()),
            config.zone(),
            in.displayNames());
    int partitions = spark.sessionState().conf().numShufflePartitions();
    return lines
        .repartitionAndSortWithinPartitions(new HashPartitioner(partitions))
        .mapPartitions(sorted -> new Groups(sorted, rows));
  }

  /**
   * Walks a partition sorted by group key and turns each run of lines with one key into its fact
   * rows, holding one group in memory at a time.
   */
  private static final class Groups implements Iterator<Tuple2<Integer, Row>> {
    private final Iterator<Tuple2<Long, byte[]>> sorted;
    private final FactRows rows;
    private Tuple2<Long, byte[]> pending;
    private final List<Tuple2<Integer, Row>> out = new ArrayList<>();
    private int at;

    Groups(Iterator<Tuple2<Long, byte[]>> sorted, FactRows rows) {
      this.sorted = sorted;
      this.rows = rows;
      this.pending = sorted.hasNext() ? sorted.next() : null;
    }

    @Override
    public boolean hasNext() {
      while (at == out.size() && pending != null) {
        out.clear();
        at = 0;
        nextGroup();
      }
      return at < out.size();
    }

    @Override
    public Tuple2<Integer, Row> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return out.get(at++);
    }

    private void nextGroup() {
      long key = pending._1();
      Map<String, List<LineRecord>> buyers = new LinkedHashMap<>();
      while (pending != null && pending._1() == key) {
        LineRecord r = LineRecord.read(pending._2());
        if (r.accepted()) {
          Event e = r.event();
          buyers
              .computeIfAbsent(e.shopId() + '\u0000' + e.buyerId(), k -> new ArrayList<>())
              .add(r);
        } else {
          out.add(new Tuple2<>(FactRows.REJECT, rows.reject(r)));
        }
        pending = sorted.hasNext() ? sorted.next() : null;
      }
      for (List<LineRecord> buyer : buyers.values()) {
        rows.buyer(buyer, (table, row) -> out.add(new Tuple2<>(table, row)));
      }
    }
  }

  /**
   * Writes the fact rows as Parquet, one folder per table under {@code dir}, and returns each table
   * read back (with its explicit layout). The facts are kept in memory (spilling to disk) while the
   * tables are written, so the events are grouped once.
   */
  public Map<String, Dataset<Row>> stage(JavaRDD<Tuple2<Integer, Row>> facts, String dir) {
    facts.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Dataset<Row>> staged = new LinkedHashMap<>();
      for (int t = 0; t < FactRows.NAMES.length; t++) {
        int table = t;
        String path = dir + "/" + FactRows.NAMES[t];
        spark
            .createDataFrame(
                facts.filter(f -> f._1() == table).map(Tuple2::_2), FactRows.SCHEMAS[t])
            .write()
            .mode(SaveMode.Overwrite)
            .parquet(path);
        staged.put(FactRows.NAMES[t], spark.read().schema(FactRows.SCHEMAS[t]).parquet(path));
      }
      return staged;
    } finally {
      facts.unpersist(false);
    }
  }
}
