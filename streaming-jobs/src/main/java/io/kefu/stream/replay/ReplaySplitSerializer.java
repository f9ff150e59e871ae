package io.kefu.stream.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Checkpoint form of replay splits, and of the enumerator's not yet assigned splits. Versioned so
 * that a later layout can still restore today's checkpoints.
 */
public final class ReplaySplitSerializer implements SimpleVersionedSerializer<ReplaySplit> {

  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(ReplaySplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    write(split, out);
    return out.getCopyOfBuffer();
  }

  @Override
  public ReplaySplit deserialize(int version, byte[] bytes) throws IOException {
    checkVersion(version);
    return read(new DataInputDeserializer(bytes));
  }

  static void write(ReplaySplit split, DataOutputView out) throws IOException {
    out.writeUTF(split.stream());
    out.writeInt(split.index());
    out.writeInt(split.files().size());
    for (String f : split.files()) {
      out.writeUTF(f);
    }
    out.writeInt(split.fileIndex());
    out.writeLong(split.linesDone());
  }

  static ReplaySplit read(DataInputView in) throws IOException {
    String stream = in.readUTF();
    int index = in.readInt();
    int n = in.readInt();
    List<String> files = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      files.add(in.readUTF());
    }
    return new ReplaySplit(stream, index, files, in.readInt(), in.readLong());
  }

  static void checkVersion(int version) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown replay split version " + version);
    }
  }

  /** The enumerator's checkpoint: the splits it has not handed out yet. */
  public static final class Pending implements SimpleVersionedSerializer<List<ReplaySplit>> {

    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(List<ReplaySplit> splits) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(512);
      out.writeInt(splits.size());
      for (ReplaySplit s : splits) {
        write(s, out);
      }
      return out.getCopyOfBuffer();
    }

    @Override
    public List<ReplaySplit> deserialize(int version, byte[] bytes) throws IOException {
      checkVersion(version);
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      int n = in.readInt();
      List<ReplaySplit> splits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        splits.add(read(in));
      }
      return splits;
    }
  }
}
