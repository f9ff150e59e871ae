package io.kefu.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The lines of an event file as raw bytes, for readers that parse UTF-8 directly (the batch job):
 * no decoding into Strings. Lines end where {@link java.io.BufferedReader#readLine} ends them (at
 * {@code \n}, {@code \r} or {@code \r\n}), so both readers number lines alike. A {@code .gz} name
 * is un-gzipped. A stream that fails (a gzip file cut short) throws from {@link #next} once the
 * complete lines before the failure have been handed out.
 */
public final class ByteLines implements Closeable {

  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;
  private boolean skipLf;
  private int lineStart;
  private int lineLength;

  /** Reads {@code raw}, un-gzipped when {@code name} ends in {@code .gz}. */
  public ByteLines(InputStream raw, String name) throws IOException {
    this.in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  /**
   * Moves to the next line; false at the end of the input. The line is then {@link #length} bytes
   * of {@link #buffer} from {@link #offset}, valid until the next call.
   */
  public boolean next() throws IOException {
    int scan = start;
    while (true) {
      for (int i = scan; i < end; i++) {
        byte b = buf[i];
        if (skipLf && i == start) {
          skipLf = false;
          if (b == '\n') {
            start++;
            continue;
          }
        }
        if (b == '\n' || b == '\r') {
          lineStart = start;
          lineLength = i - start;
          start = i + 1;
          skipLf = b == '\r';
          return true;
        }
      }
      if (eof) {
        if (start < end) {
          lineStart = start;
          lineLength = end - start;
          start = end;
          return true;
        }
        return false;
      }
      scan = end - start;
      fill();
      scan += start;
    }
  }

  /** Keeps the unread bytes, makes room, reads more; sets {@link #eof} at the end. */
  private void fill() throws IOException {
    int keep = end - start;
    if (keep == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else if (start > 0) {
      System.arraycopy(buf, start, buf, 0, keep);
    }
    start = 0;
    end = keep;
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return lineStart;
  }

  public int length() {
    return lineLength;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
