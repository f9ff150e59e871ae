package io.kefu.batch;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one staged table's rows of one task straight into a Parquet file, in the layout Spark
 * itself would write for the table's {@link StructType} (so Spark reads it back with that schema,
 * and DuckDB reads it as the published column types). The facts of a group are produced as plain
 * Java values; writing them here spares converting millions of rows into Spark's internal format
 * only to write them out again.
 *
 * <p>Values: String, Integer, Long, Boolean, LocalDate (DATE), LocalDateTime (TIMESTAMP without
 * time zone, microseconds), BigDecimal (DECIMAL(p,s) ≤ 18 digits, as INT64), Double; null anywhere.
 */
final class PartWriter implements AutoCloseable {

  /**
   * Where a task's file went and how many rows it holds: the manifest the driver collects. A plain
   * class, not a record: Spark's Kryo cannot rebuild records.
   */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    private String table;
    private String path;
    private long rows;

    Part() {}

    Part(String table, String path, long rows) {
      this.table = table;
      this.path = path;
      this.rows = rows;
    }

    String table() {
      return table;
    }

    String path() {
      return path;
    }

    long rows() {
      return rows;
    }
  }

  private final String table;
  private final String path;
  private final ParquetWriter<Object[]> writer;
  private long rows;

  PartWriter(String table, StructType schema, String path, Configuration conf) {
    this.table = table;
    this.path = path;
    try {
      OutputFile file = HadoopOutputFile.fromPath(new Path(path), conf);
      this.writer =
          new Builder(file, schema)
              .withConf(conf)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .withDictionaryEncoding(false)
              // Staged files are read whole (DuckDB's load, Spark's few scans): min/max statistics
              // would only cost a comparison of every string written.
              .withStatisticsEnabled(false)
              .withSizeStatisticsEnabled(false)
              .withPageWriteChecksumEnabled(false)
              .withRowGroupSize(32L * 1024 * 1024)
              .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  void write(Object[] row) {
    try {
      writer.write(row);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + path, e);
    }
  }

  Part part() {
    return new Part(table, path, rows);
  }

  /** The Parquet layout of a Spark schema: all columns optional, logical types as Spark's. */
  static MessageType parquetSchema(StructType schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : schema.fields()) {
      DataType t = f.dataType();
      if (t.equals(DataTypes.StringType)) {
        b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
      } else if (t.equals(DataTypes.IntegerType)) {
        b.optional(PrimitiveTypeName.INT32).named(f.name());
      } else if (t.equals(DataTypes.LongType)) {
        b.optional(PrimitiveTypeName.INT64).named(f.name());
      } else if (t.equals(DataTypes.BooleanType)) {
        b.optional(PrimitiveTypeName.BOOLEAN).named(f.name());
      } else if (t.equals(DataTypes.DateType)) {
        b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(f.name());
      } else if (t.equals(DataTypes.TimestampNTZType)) {
        b.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
            .named(f.name());
      } else if (t instanceof DecimalType d && d.precision() <= 18) {
        b.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.decimalType(d.scale(), d.precision()))
            .named(f.name());
      } else if (t.equals(DataTypes.DoubleType)) {
        b.optional(PrimitiveTypeName.DOUBLE).named(f.name());
      } else {
        throw new IllegalArgumentException("no staged Parquet type for " + f);
      }
    }
    return b.named("spark_schema");
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final StructType schema;

    Builder(OutputFile file, StructType schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema);
    }
  }

  private static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final MessageType parquet;
    private final String[] names;
    private final int[] kinds;
    private final int[] scales;
    private RecordConsumer out;

    private static final int STRING = 0;
    private static final int INT = 1;
    private static final int LONG = 2;
    private static final int BOOL = 3;
    private static final int DATE = 4;
    private static final int TIMESTAMP = 5;
    private static final int DECIMAL = 6;
    private static final int DOUBLE = 7;

    RowWriteSupport(StructType schema) {
      this.parquet = parquetSchema(schema);
      StructField[] fields = schema.fields();
      names = new String[fields.length];
      kinds = new int[fields.length];
      scales = new int[fields.length];
      for (int i = 0; i < fields.length; i++) {
        names[i] = fields[i].name();
        DataType t = fields[i].dataType();
        if (t.equals(DataTypes.StringType)) {
          kinds[i] = STRING;
        } else if (t.equals(DataTypes.IntegerType)) {
          kinds[i] = INT;
        } else if (t.equals(DataTypes.LongType)) {
          kinds[i] = LONG;
        } else if (t.equals(DataTypes.BooleanType)) {
          kinds[i] = BOOL;
        } else if (t.equals(DataTypes.DateType)) {
          kinds[i] = DATE;
        } else if (t.equals(DataTypes.TimestampNTZType)) {
          kinds[i] = TIMESTAMP;
        } else if (t.equals(DataTypes.DoubleType)) {
          kinds[i] = DOUBLE;
        } else {
          kinds[i] = DECIMAL;
          scales[i] = ((DecimalType) t).scale();
        }
      }
    }

    @Override
    public WriteContext init(Configuration configuration) {
      // Spark reads its own schema from this key when present; the Parquet schema is enough here.
      return new WriteContext(parquet, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      out.startMessage();
      for (int i = 0; i < names.length; i++) {
        Object v = row[i];
        if (v == null) {
          continue;
        }
        out.startField(names[i], i);
        switch (kinds[i]) {
          case STRING -> out.addBinary(Binary.fromString((String) v));
          case INT -> out.addInteger((Integer) v);
          case LONG -> out.addLong((Long) v);
          case BOOL -> out.addBoolean((Boolean) v);
          case DATE -> out.addInteger((int) ((LocalDate) v).toEpochDay());
          case TIMESTAMP -> {
            LocalDateTime t = (LocalDateTime) v;
            out.addLong(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000);
          }
          case DOUBLE -> out.addDouble((Double) v);
          default ->
              out.addLong(
                  // to scale 0 by moving the point: a compact value then yields its long
                  // directly, where unscaledValue() would build a BigInteger for every value
                  ((BigDecimal) v)
                      .setScale(scales[i], RoundingMode.UNNECESSARY)
                      .scaleByPowerOfTen(scales[i])
                      .longValueExact());
        }
        out.endField(names[i], i);
      }
      out.endMessage();
    }
  }
}
