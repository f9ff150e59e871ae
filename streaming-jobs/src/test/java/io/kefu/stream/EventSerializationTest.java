package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kefu.core.event.Event;
import io.kefu.core.event.EventCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Whatever Flink picks to serialize the job's records must give back equal values. */
class EventSerializationTest {

  @Test
  void everyEventTypeSurvivesFlinksSerializer() throws Exception {
    TypeSerializer<Event> serializer =
        TypeInformation.of(Event.class).createSerializer(new SerializerConfigImpl());
    for (String line : Fixtures.EVERY_TYPE) {
      Event event = Fixtures.event(line);
      assertEquals(event, roundTrip(serializer, event), line);
      assertEquals(event, serializer.copy(event), line);
    }
  }

  @Test
  void everyEventTypeSurvivesTheCodecSerializerTheKeyedStagesUse() throws Exception {
    TypeSerializer<Event> serializer =
        EventTypeInfo.EVENTS.createSerializer(new SerializerConfigImpl());
    for (String line : Fixtures.EVERY_TYPE) {
      Event event = Fixtures.event(line);
      assertEquals(event, roundTrip(serializer, event), line);
      DataOutputSerializer copied = new DataOutputSerializer(256);
      DataOutputSerializer once = new DataOutputSerializer(256);
      serializer.serialize(event, once);
      serializer.copy(new DataInputDeserializer(once.getCopyOfBuffer()), copied);
      assertEquals(
          event, serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())));
    }
    var snapshot = serializer.snapshotConfiguration();
    assertEquals(serializer, snapshot.restoreSerializer());
  }

  @Test
  void oneSerializerReusesItsBuffersAcrossEventsAndEachThreadGetsItsOwn() throws Exception {
    TypeSerializer<Event> serializer =
        EventTypeInfo.EVENTS.createSerializer(new SerializerConfigImpl());
    // Long events, then short ones, back to back in one buffer: what a network buffer holds.
    List<Event> events = new ArrayList<>();
    for (String line : Fixtures.EVERY_TYPE) {
      events.add(Fixtures.event(line));
    }
    events.sort(java.util.Comparator.comparingInt(e -> -EventCodec.encode(e).length));
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (Event e : events) {
      serializer.serialize(e, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (Event e : events) {
      assertEquals(e, serializer.deserialize(in));
    }
    assertEquals(0, in.available(), "every event read exactly");
    // A record whose length says more than the event holds is refused, not read on into bytes
    // left in the buffer by the longer event before it.
    DataOutputSerializer framed = new DataOutputSerializer(64);
    byte[] shortest = EventCodec.encode(events.get(events.size() - 1));
    framed.writeInt(shortest.length + 1);
    framed.write(shortest);
    framed.writeByte(0);
    assertThrows(
        java.io.IOException.class,
        () -> serializer.deserialize(new DataInputDeserializer(framed.getCopyOfBuffer())));
    TypeSerializer<Event> copy = serializer.duplicate();
    assertNotSame(serializer, copy, "a serializer with buffers is never shared between threads");
    assertEquals(serializer, copy);
  }

  @Test
  void aSnapshotOfTheOldByteFormatIsRefusedNotMisread() throws Exception {
    TypeSerializer<Event> serializer =
        EventTypeInfo.EVENTS.createSerializer(new SerializerConfigImpl());
    TypeSerializerSnapshot<Event> current = serializer.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(64);
    current.writeSnapshot(out);
    for (int version : new int[] {1, current.getCurrentVersion()}) {
      TypeSerializerSnapshot<Event> restored = new EventTypeInfo.Snapshot<>();
      restored.readSnapshot(
          version, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
      assertEquals(
          version == current.getCurrentVersion(),
          current.resolveSchemaCompatibility(restored).isCompatibleAsIs(),
          "a snapshot of format " + version);
      assertEquals(
          version != current.getCurrentVersion(),
          current.resolveSchemaCompatibility(restored).isIncompatible(),
          "a snapshot of format " + version);
    }
  }

  @Test
  void everyLiveRowKindSurvivesItsSerializer() throws Exception {
    TypeSerializer<io.kefu.stream.warehouse.LiveRow> serializer =
        io.kefu.stream.warehouse.LiveRowTypeInfo.INSTANCE.createSerializer(
            new SerializerConfigImpl());
    List<io.kefu.stream.warehouse.LiveRow> rows =
        List.of(
            new io.kefu.stream.warehouse.AgentMinute(
                "shop",
                "a-1",
                60_000,
                java.time.LocalDate.of(2026, 11, 2),
                2,
                1,
                1,
                12_000,
                1,
                12_000.0,
                1,
                12_000,
                1,
                1,
                0,
                5,
                1,
                false),
            new io.kefu.stream.warehouse.ShopMinute(
                "shop",
                60_000,
                java.time.LocalDate.of(2026, 11, 2),
                1,
                new java.math.BigDecimal("459.00"),
                1,
                new java.math.BigDecimal("459.00"),
                0,
                new java.math.BigDecimal("0.00")),
            new io.kefu.stream.warehouse.WaitingBuyer(
                "shop", "s-1", "b-1", null, 60_000, "waiting", false),
            new io.kefu.stream.warehouse.LiveAlert(
                "wait_warning:shop:s-1:0",
                "shop",
                "a-1",
                "s-1",
                "wait_warning",
                60_000,
                "d",
                null,
                true));
    for (var row : rows) {
      assertEquals(row, roundTrip(serializer, row));
    }
  }

  @Test
  void recordsOfTheJobAreFlinkPojos() {
    for (var kind :
        List.of(
            io.kefu.stream.warehouse.AgentMinute.class,
            io.kefu.stream.warehouse.ShopMinute.class,
            io.kefu.stream.warehouse.WaitingBuyer.class,
            io.kefu.stream.warehouse.LiveAlert.class)) {
      assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(kind), kind.getName());
    }
    assertInstanceOf(
        PojoTypeInfo.class, TypeInformation.of(io.kefu.stream.live.MinuteChange.class));
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(io.kefu.stream.live.MinuteSums.class));
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(RawLine.class));
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(DeadLetter.class));
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(AcceptedCount.class));
  }

  @Test
  void liveRowsTravelWithoutKryo() {
    for (var kind : io.kefu.stream.warehouse.LiveRowTypeInfo.KINDS) {
      PojoTypeInfo<?> pojo =
          (PojoTypeInfo<?>) io.kefu.stream.warehouse.LiveRowTypeInfo.rowType(kind);
      for (int i = 0; i < pojo.getArity(); i++) {
        var field = pojo.getPojoFieldAt(i);
        assertFalse(
            field.getTypeInformation() instanceof GenericTypeInfo,
            kind.getSimpleName() + "." + field.getField().getName() + " would go through Kryo");
      }
    }
  }

  static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
