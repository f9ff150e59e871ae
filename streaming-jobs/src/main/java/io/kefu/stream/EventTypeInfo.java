package io.kefu.stream;

import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.Event;
import io.kefu.core.event.EventCodec;
import io.kefu.core.event.OrderEvent;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How events cross Flink's network: core's compact {@link EventCodec} instead of Kryo. {@code
 * Event} is a sealed interface of records, which Flink can only treat as a generic type; Kryo then
 * writes class names and reflects over record components for every event, the single largest cost
 * of the keyed stages. The codec writes the fields and nothing else, the same form the batch job's
 * shuffle uses.
 *
 * @param <T> {@link Event}, {@link ChatEvent} or {@link OrderEvent}
 */
public final class EventTypeInfo<T extends Event> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;

  public static final EventTypeInfo<Event> EVENTS = new EventTypeInfo<>(Event.class);
  public static final EventTypeInfo<ChatEvent> CHAT_EVENTS = new EventTypeInfo<>(ChatEvent.class);
  public static final EventTypeInfo<OrderEvent> ORDER_EVENTS =
      new EventTypeInfo<>(OrderEvent.class);

  private final Class<T> type;

  private EventTypeInfo(Class<T> type) {
    this.type = type;
  }

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
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new Serializer<>(type);
  }

  @Override
  public String toString() {
    return "EventTypeInfo<" + type.getSimpleName() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventTypeInfo<?> e && e.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof EventTypeInfo;
  }

  /**
   * Length-prefixed {@link EventCodec} bytes. Events are immutable: copies are the same object.
   * Each instance keeps its own scratch arrays (one encoding and one decoding buffer, reused event
   * after event), so {@link #duplicate} gives every thread its own.
   */
  public static final class Serializer<T extends Event> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient EventCodec.Sink encoded;
    private transient byte[] decoded;

    Serializer(Class<T> type) {
      this.type = type;
    }

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
      return new Serializer<>(type);
    }

    @Override
    public T createInstance() {
      return null;
    }

    @Override
    public T copy(T from) {
      return from;
    }

    @Override
    public T copy(T from, T reuse) {
      return from;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public void serialize(T event, DataOutputView out) throws IOException {
      if (encoded == null) {
        encoded = new EventCodec.Sink(256);
      }
      EventCodec.encode(event, encoded.reset());
      out.writeInt(encoded.length());
      encoded.writeTo(out);
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
      int length = in.readInt();
      if (length < 0) {
        throw new IOException("corrupt event record: length " + length);
      }
      if (decoded == null || decoded.length < length) {
        decoded = new byte[Math.max(256, length)];
      }
      in.readFully(decoded, 0, length);
      // The decoder copies what it reads into the event (strings, numbers): the array is free
      // again as soon as it returns. The array can be longer than this record: a record that does
      // not end where its length says is refused, never completed from an earlier one's bytes.
      EventCodec.Source source = new EventCodec.Source(decoded, length);
      Event event = EventCodec.decode(source);
      try {
        source.requireEnd();
      } catch (IllegalStateException e) {
        throw new IOException("corrupt event record of " + length + " bytes: " + e.getMessage());
      }
      return type.cast(event);
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
      return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
      int length = in.readInt();
      out.writeInt(length);
      out.write(in, length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Serializer<?> s && s.type == type;
    }

    @Override
    public int hashCode() {
      return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
      return new Snapshot<>(type);
    }
  }

  /**
   * The serializer's snapshot: which event type it serializes, and in which byte format.
   *
   * <p>Events only travel between operators (no state holds them in this format: the sessions keep
   * theirs through Flink's own serializer), so a snapshot of this serializer matters only if
   * in-flight records are ever persisted (unaligned checkpoints, which the job does not switch on).
   * Still, the version follows core's {@link io.kefu.core.event.EventCodec} format: version 1 was
   * the codec before its varint layout (0f86b9d), which this build cannot read, so such a snapshot
   * is declared incompatible and Flink refuses the restore with its own error, instead of reading
   * the old bytes as new ones.
   */
  public static final class Snapshot<T extends Event> implements TypeSerializerSnapshot<T> {

    /** The byte format of {@link io.kefu.core.event.EventCodec} this build writes. */
    static final int FORMAT = 2;

    private Class<T> type;
    private int readVersion = FORMAT;

    /** For Flink, which reads the type back with {@link #readSnapshot}. */
    public Snapshot() {}

    Snapshot(Class<T> type) {
      this.type = type;
    }

    @Override
    public int getCurrentVersion() {
      return FORMAT;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(type.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader)
        throws IOException {
      readVersion = version;
      try {
        type = (Class<T>) Class.forName(in.readUTF(), false, classLoader);
      } catch (ClassNotFoundException e) {
        throw new IOException(e);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new Serializer<>(type);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> oldSnapshot) {
      return oldSnapshot instanceof Snapshot<T> s && s.type == type && s.readVersion == FORMAT
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
