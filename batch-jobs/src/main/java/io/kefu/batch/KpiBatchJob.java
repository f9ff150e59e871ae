package io.kefu.batch;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.Event;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.EventType;
import io.kefu.core.event.ParseResult;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.RefundRequested;
import io.kefu.core.event.Rejection;
import io.kefu.core.io.ByteLines;
import io.kefu.core.metrics.Attribution;
import io.kefu.core.metrics.SessionAnalyzer;
import io.kefu.core.qa.QaEngine;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The facts behind the KPIs of METRICS.md: which agent received, answered and converted whom, and
 * how fast — the figures service managers and HR use in performance reviews.
 *
 * <p>The graph, with one shuffle: input lines → {@link #parse} (the shared parser; a rejected line
 * keeps its reason) → lines grouped by buyer (a buyer's sessions and orders together) → {@link
 * FactRows#buyer} (the shared session analysis, order analysis and attribution) → one row per
 * session, turn, assignment, inquiry, agent-day message count, order and rejected line → staged as
 * Parquet, one folder per table ({@link #stage}); each task also hands the driver its KPI sums
 * ({@link KpiBase}) and its scored sessions ({@link ReviewQueue.Sessions}). {@link KpiRollup} and
 * {@link KpiSql} make the KPI tables of those sums, {@link ReviewQueue} the review queue, and
 * {@link WarehousePublisher} loads everything into DuckDB.
 *
 * <p>Why group by buyer: attribution credits a buyer's order to that buyer's latest inquiry, so
 * with sessions and orders of a buyer side by side, every fact including each order's credit is
 * decided in one pass; the events cross the network once, as bytes ({@link LineRecord}), and the
 * facts are written straight to Parquet, never built as Spark rows.
 */
public final class KpiBatchJob implements Serializable {

  private static final long serialVersionUID = 1L;

  private final transient SparkSession spark;
  private final KefuConfig config;
  private final QaEngine quality;

  /**
   * @param quality the quality rulebook's engine: every finished session is scored with it
   */
  public KpiBatchJob(SparkSession spark, KefuConfig config, QaEngine quality) {
    this.spark = spark;
    this.config = config;
    this.quality = quality;
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
    return record(parser.parse(text), file, line, () -> text);
  }

  /** {@link #parseLine} for a line given as UTF-8 bytes: decoded only when its text is kept. */
  static Tuple2<Long, byte[]> parseLine(
      EventParser parser, int file, long line, byte[] utf8, int off, int len) {
    return record(
        parser.parse(utf8, off, len),
        file,
        line,
        () -> new String(utf8, off, len, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Tuple2<Long, byte[]> record(
      ParseResult p, int file, long line, java.util.function.Supplier<String> lineText) {
    if (p instanceof ParseResult.Accepted a) {
      Event e = a.event();
      boolean refund = e instanceof RefundRequested || e instanceof RefundCompleted;
      return new Tuple2<>(
          groupKey(e.shopId(), e.buyerId()),
          LineRecord.accepted(file, line, e, refund ? lineText.get() : null));
    }
    Rejection rej = ((ParseResult.Rejected) p).rejection();
    return new Tuple2<>(lineKey(file, line), LineRecord.rejected(file, line, rej, lineText.get()));
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
    private final ByteLines reader;
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
      this.reader = new ByteLines(path.getFileSystem(conf).open(path), name);
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
        if (reader.next()) {
          return parseLine(parser, file, ++line, reader.buffer(), reader.offset(), reader.length());
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
   * The staged tables of a run (each table's Parquet files, as written by the tasks), the run's
   * accounting, summed from what the tasks saw, and each task's KPI part ({@link KpiBase#drain})
   * and scored sessions ({@link ReviewQueue.Sessions}).
   */
  public record Staged(
      Map<String, List<String>> files, Tally tally, List<byte[]> kpiParts, List<byte[]> scored)
      implements Serializable {}

  /**
   * What the staged facts account for, counted by each task as it writes them and summed by the
   * driver: accepted events and duplicates (the sessions' and orders' own counts), the first and
   * last day with a session or order, the shops, and the rejected lines by reason. A plain class:
   * Spark's Kryo cannot rebuild records.
   */
  public static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int S_SHOP = FactRows.SCHEMAS[FactRows.SESSION].fieldIndex("shop_id");
    private static final int S_DAY = FactRows.SCHEMAS[FactRows.SESSION].fieldIndex("day");
    private static final int S_EVENTS = FactRows.SCHEMAS[FactRows.SESSION].fieldIndex("events");
    private static final int S_DUPS = FactRows.SCHEMAS[FactRows.SESSION].fieldIndex("duplicates");
    private static final int O_SHOP = FactRows.SCHEMAS[FactRows.ORDER].fieldIndex("shop_id");
    private static final int O_DAY = FactRows.SCHEMAS[FactRows.ORDER].fieldIndex("day");
    private static final int O_EVENTS = FactRows.SCHEMAS[FactRows.ORDER].fieldIndex("events");
    private static final int O_DUPS = FactRows.SCHEMAS[FactRows.ORDER].fieldIndex("duplicates");
    private static final int R_REASON = FactRows.SCHEMAS[FactRows.REJECT].fieldIndex("reason");

    private long events;
    private long duplicates;
    private long firstDay = Long.MAX_VALUE;
    private long lastDay = Long.MIN_VALUE;
    private HashSet<String> shops = new HashSet<>();
    private HashMap<String, Long> rejects = new HashMap<>();

    void add(int table, Object[] row) {
      switch (table) {
        case FactRows.SESSION -> fact(row, S_SHOP, S_DAY, S_EVENTS, S_DUPS);
        case FactRows.ORDER -> fact(row, O_SHOP, O_DAY, O_EVENTS, O_DUPS);
        case FactRows.REJECT -> rejects.merge((String) row[R_REASON], 1L, Long::sum);
        default -> {
          // the other tables account for no line of their own
        }
      }
    }

    private void fact(Object[] row, int shop, int day, int events, int dups) {
      this.events += (Integer) row[events];
      this.duplicates += (Integer) row[dups];
      shops.add((String) row[shop]);
      if (row[day] != null) {
        long d = ((LocalDate) row[day]).toEpochDay();
        firstDay = Math.min(firstDay, d);
        lastDay = Math.max(lastDay, d);
      }
    }

    Tally merge(Tally o) {
      events += o.events;
      duplicates += o.duplicates;
      firstDay = Math.min(firstDay, o.firstDay);
      lastDay = Math.max(lastDay, o.lastDay);
      shops.addAll(o.shops);
      o.rejects.forEach((k, v) -> rejects.merge(k, v, Long::sum));
      return this;
    }

    /** Accepted events, each event_id once. */
    public long events() {
      return events;
    }

    /** Repeated deliveries of an event_id already counted. */
    public long duplicates() {
      return duplicates;
    }

    /** The first shop-local day with a session or order; null when there is none. */
    public LocalDate firstDay() {
      return firstDay == Long.MAX_VALUE ? null : LocalDate.ofEpochDay(firstDay);
    }

    /** The last shop-local day with a session or order; null when there is none. */
    public LocalDate lastDay() {
      return lastDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(lastDay);
    }

    /** The shops with a session or order. */
    public Set<String> shops() {
      return new TreeSet<>(shops);
    }

    /** Rejected lines by reason (parse rejections and whole-order ones alike). */
    public Map<String, Long> rejects() {
      return new TreeMap<>(rejects);
    }
  }

  /**
   * One task's output: its Parquet files, its tally, its KPI part and its scored sessions. A plain
   * class, for Kryo.
   */
  static final class TaskOutput implements Serializable {
    private static final long serialVersionUID = 1L;
    private ArrayList<PartWriter.Part> parts;
    private Tally tally;
    private byte[] kpis;
    private byte[] scored;

    TaskOutput() {}

    TaskOutput(ArrayList<PartWriter.Part> parts, Tally tally, byte[] kpis, byte[] scored) {
      this.parts = parts;
      this.tally = tally;
      this.kpis = kpis;
      this.scored = scored;
    }
  }

  /**
   * The parsed lines grouped by buyer (one shuffle) → the rows of every fact table ({@link
   * FactRows}), written by each task straight into its own Parquet file per table under {@code
   * dir}. The driver keeps the list of files the successful tasks report, so a retried or
   * speculative task's leftovers are never read.
   *
   * <p>Each task holds its partition's lines (bytes) in memory and sorts them by group key; the
   * number of partitions is chosen from the input's size ({@link #partitions}) so a partition stays
   * near a hundred megabytes whatever the input.
   */
  public Staged stage(JavaPairRDD<Long, byte[]> lines, InputFiles in, String dir, int partitions) {
    FactRows rows =
        new FactRows(
            new SessionAnalyzer(config),
            quality,
            new Attribution(config.attributionWindow(), config.attributionTouch()),
            config.zone(),
            in.displayNames());
    Map<String, String> conf = hadoopSettings(spark.sparkContext().hadoopConfiguration());
    List<TaskOutput> tasks =
        lines
            .partitionBy(new HashPartitioner(partitions))
            .mapPartitionsWithIndex(
                (index, it) -> List.of(writeFacts(index, it, rows, dir, conf)).iterator(), false)
            .collect();
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (String t : FactRows.NAMES) {
      files.put(t, new ArrayList<>());
    }
    Tally tally = new Tally();
    List<byte[]> kpis = new ArrayList<>();
    List<byte[]> scored = new ArrayList<>();
    for (TaskOutput task : tasks) {
      for (PartWriter.Part p : task.parts) {
        files.get(p.table()).add(p.path());
      }
      tally.merge(task.tally);
      kpis.add(task.kpis);
      scored.add(task.scored);
    }
    return new Staged(files, tally, kpis, scored);
  }

  /**
   * Shuffle partitions for an input: one per 24 MB of (compressed) event files, at least 4 per
   * core, so each task's share of lines fits comfortably in memory.
   */
  public int partitions(InputFiles in) throws IOException {
    long bytes = 0;
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    for (String f : in.all()) {
      Path p = new Path(f);
      bytes += p.getFileSystem(hadoop).getFileStatus(p).getLen();
    }
    int cores = spark.sparkContext().defaultParallelism();
    return (int) Math.max(4L * cores, (bytes + (24L << 20) - 1) / (24L << 20));
  }

  /**
   * A task's lines, grouped: each line's group key and its record, sorted so that lines whose keys
   * share their high bits are adjacent, in arrival order. The sort is one primitive sort of packed
   * longs (the key's high bits above the line's arrival index), far cheaper than comparing boxed
   * pairs. A run of equal high bits may hold more than one key (as a full 64-bit key may hold more
   * than one buyer); {@link #writeFacts} tells buyers apart inside a run by their real ids.
   */
  static final class Grouped {
    final byte[][] records;
    final long[] packed;
    final int indexBits;

    Grouped(Iterator<Tuple2<Long, byte[]>> it) {
      long[] keys = new long[1024];
      byte[][] data = new byte[1024][];
      int n = 0;
      while (it.hasNext()) {
        Tuple2<Long, byte[]> t = it.next();
        if (n == keys.length) {
          keys = java.util.Arrays.copyOf(keys, n * 2);
          data = java.util.Arrays.copyOf(data, n * 2);
        }
        keys[n] = t._1();
        data[n++] = t._2();
      }
      indexBits = Math.max(24, 64 - Long.numberOfLeadingZeros(n));
      long mask = (1L << indexBits) - 1;
      packed = new long[n];
      for (int i = 0; i < n; i++) {
        packed[i] = (keys[i] & ~mask) | i;
      }
      java.util.Arrays.sort(packed);
      records = data;
    }

    int size() {
      return packed.length;
    }

    /** The run (group of high key bits) of the i-th line in sorted order. */
    long run(int i) {
      return packed[i] >>> indexBits;
    }

    /** The i-th line's record in sorted order, handed out once (its slot is cleared). */
    byte[] take(int i) {
      int at = (int) (packed[i] & ((1L << indexBits) - 1));
      byte[] r = records[at];
      records[at] = null;
      return r;
    }
  }

  /** A task attempt's Parquet file of one staged table, under {@code dir/<table>/}. */
  private static PartWriter partWriter(
      String dir, String table, StructType schema, int index, long attempt, Configuration conf) {
    return new PartWriter(
        table,
        schema,
        String.format("%s/%s/part-%05d-%d.parquet", dir, table, index, attempt),
        conf);
  }

  /** One task: group its lines by buyer, turn each buyer's lines into fact rows, write them. */
  private static TaskOutput writeFacts(
      int index,
      Iterator<Tuple2<Long, byte[]>> it,
      FactRows rows,
      String dir,
      Map<String, String> settings) {
    Grouped lines = new Grouped(it);
    Configuration conf = new Configuration(false);
    settings.forEach(conf::set);
    long attempt = org.apache.spark.TaskContext.get().taskAttemptId();
    PartWriter[] writers = new PartWriter[FactRows.NAMES.length];
    KpiBase kpis = new KpiBase();
    ReviewQueue.Sessions scored = new ReviewQueue.Sessions();
    Tally tally = new Tally();
    FactRows.Out out =
        (table, values) -> {
          if (writers[table] == null) {
            String name = FactRows.NAMES[table];
            writers[table] = partWriter(dir, name, FactRows.SCHEMAS[table], index, attempt, conf);
          }
          writers[table].write(values);
          kpis.add(table, values);
          if (table == FactRows.SESSION_QUALITY) {
            scored.add(values);
          }
          tally.add(table, values);
        };
    Map<String, List<LineRecord>> buyers = new LinkedHashMap<>();
    int i = 0;
    while (i < lines.size()) {
      long run = lines.run(i);
      buyers.clear();
      for (; i < lines.size() && lines.run(i) == run; i++) {
        LineRecord r = LineRecord.read(lines.take(i));
        if (r.accepted()) {
          Event e = r.event();
          buyers
              .computeIfAbsent(e.shopId() + '\u0000' + e.buyerId(), k -> new ArrayList<>())
              .add(r);
        } else {
          out.row(FactRows.REJECT, rows.reject(r));
        }
      }
      for (List<LineRecord> buyer : buyers.values()) {
        rows.buyer(buyer, out);
      }
    }
    ArrayList<PartWriter.Part> parts = new ArrayList<>();
    for (PartWriter w : writers) {
      if (w != null) {
        w.close();
        parts.add(w.part());
      }
    }
    return new TaskOutput(parts, tally, kpis.drain(), scored.drain());
  }
}
