package io.kefu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kefu.core.event.Event;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
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
  void recordsOfTheJobAreFlinkPojos() {
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(RawLine.class));
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(DeadLetter.class));
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(AcceptedCount.class));
  }

  static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
