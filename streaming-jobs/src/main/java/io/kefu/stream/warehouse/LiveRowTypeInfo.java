package io.kefu.stream.warehouse;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How live rows travel to the one writer: a tag byte for the row's kind, then Flink's own record
 * serializer of that kind. {@link LiveRow} is an interface, which Flink could only hand to Kryo
 * (class names and reflection for every row); the four row records are plain Flink POJOs, their
 * dates included ({@link #rowType}).
 */
public final class LiveRowTypeInfo extends TypeInformation<LiveRow> {

  private static final long serialVersionUID = 1L;

  public static final LiveRowTypeInfo INSTANCE = new LiveRowTypeInfo();

  /** The row kinds, by tag. */
  public static final List<Class<? extends LiveRow>> KINDS =
      List.of(AgentMinute.class, ShopMinute.class, WaitingBuyer.class, LiveAlert.class);

  private LiveRowTypeInfo() {}

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<LiveRow> getTypeClass() {
    return LiveRow.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeSerializer<LiveRow> createSerializer(SerializerConfig config) {
    TypeSerializer<LiveRow>[] kinds = new TypeSerializer[KINDS.size()];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = (TypeSerializer<LiveRow>) rowType(KINDS.get(i)).createSerializer(config);
    }
    return new Serializer(kinds);
  }

  /**
   * A row kind as the POJO Flink sees, but with {@code LocalDate} fields by Flink's own date
   * serializer: Flink's POJO analysis leaves {@code java.time.LocalDate} a generic type, which Kryo
   * would write (class registration and reflection) for every agent and shop minute sent.
   */
  public static TypeInformation<?> rowType(Class<?> kind) {
    PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) TypeInformation.of(kind);
    Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
    for (int i = 0; i < pojo.getArity(); i++) {
      PojoField f = pojo.getPojoFieldAt(i);
      fields.put(
          f.getField().getName(),
          f.getField().getType() == LocalDate.class ? Types.LOCAL_DATE : f.getTypeInformation());
    }
    return Types.POJO(kind, fields);
  }

  @Override
  public String toString() {
    return "LiveRowTypeInfo";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiveRowTypeInfo;
  }

  @Override
  public int hashCode() {
    return LiveRowTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof LiveRowTypeInfo;
  }

  static int tag(LiveRow row) {
    int tag = KINDS.indexOf(row.getClass());
    if (tag < 0) {
      throw new IllegalArgumentException("not a live row kind: " + row.getClass());
    }
    return tag;
  }

  /** Tag byte + the kind's serializer. Rows are immutable records: copies are the same object. */
  static final class Serializer extends TypeSerializer<LiveRow> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<LiveRow>[] kinds;

    Serializer(TypeSerializer<LiveRow>[] kinds) {
      this.kinds = kinds;
    }

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<LiveRow> duplicate() {
      TypeSerializer<LiveRow>[] copies = new TypeSerializer[kinds.length];
      for (int i = 0; i < kinds.length; i++) {
        copies[i] = kinds[i].duplicate();
      }
      return new Serializer(copies);
    }

    @Override
    public LiveRow createInstance() {
      return null;
    }

    @Override
    public LiveRow copy(LiveRow from) {
      return from;
    }

    @Override
    public LiveRow copy(LiveRow from, LiveRow reuse) {
      return from;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public void serialize(LiveRow row, DataOutputView out) throws IOException {
      int tag = tag(row);
      out.writeByte(tag);
      kinds[tag].serialize(row, out);
    }

    @Override
    public LiveRow deserialize(DataInputView in) throws IOException {
      return kinds[in.readByte()].deserialize(in);
    }

    @Override
    public LiveRow deserialize(LiveRow reuse, DataInputView in) throws IOException {
      return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
      byte tag = in.readByte();
      out.writeByte(tag);
      kinds[tag].copy(in, out);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Serializer;
    }

    @Override
    public int hashCode() {
      return Serializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<LiveRow> snapshotConfiguration() {
      return new Snapshot();
    }
  }

  /**
   * Rows only travel between operators, never into state: a restore simply builds the current
   * serializer.
   */
  public static final class Snapshot implements TypeSerializerSnapshot<LiveRow> {

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) {}

    @Override
    public TypeSerializer<LiveRow> restoreSerializer() {
      return INSTANCE.createSerializer(
          new org.apache.flink.api.common.serialization.SerializerConfigImpl());
    }

    @Override
    public TypeSerializerSchemaCompatibility<LiveRow> resolveSchemaCompatibility(
        TypeSerializerSnapshot<LiveRow> oldSnapshot) {
      return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }
  }
}
