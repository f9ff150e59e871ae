package io.kefu.stream.replay;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When did the event on a raw line happen? A cheap look at the {@code "ts"} field, without parsing
 * the line, for the replay's pacing and interleaving only. It never decides whether a line is
 * accepted or what its event time is: core's parser does, downstream. A line whose time cannot be
 * seen this way is simply replayed at once.
 */
public final class LineTimes {

  /** Returned when the line shows no usable {@code ts}. */
  public static final long UNKNOWN = Long.MIN_VALUE;

  private static final String KEY = "\"ts\"";

  private LineTimes() {}

  /** The line's {@code ts} as epoch milliseconds, or {@link #UNKNOWN}. */
  public static long peekEpochMillis(String line) {
    if (line == null) {
      return UNKNOWN;
    }
    int at = line.indexOf(KEY);
    if (at < 0) {
      return UNKNOWN;
    }
    int i = skipSpaces(line, at + KEY.length());
    if (i >= line.length() || line.charAt(i) != ':') {
      return UNKNOWN;
    }
    i = skipSpaces(line, i + 1);
    if (i >= line.length() || line.charAt(i) != '"') {
      return UNKNOWN;
    }
    int end = line.indexOf('"', i + 1);
    if (end < 0) {
      return UNKNOWN;
    }
    return parseIsoOffset(line, i + 1, end);
  }

  private static final byte[] KEY_BYTES = KEY.getBytes(StandardCharsets.US_ASCII);

  /** The {@code ts} of a line given as its UTF-8 bytes, or {@link #UNKNOWN}. */
  public static long peekEpochMillis(byte[] line) {
    if (line == null) {
      return UNKNOWN;
    }
    int at = indexOf(line, KEY_BYTES);
    if (at < 0) {
      return UNKNOWN;
    }
    int i = skipSpaces(line, at + KEY_BYTES.length);
    if (i >= line.length || line[i] != ':') {
      return UNKNOWN;
    }
    i = skipSpaces(line, i + 1);
    if (i >= line.length || line[i] != '"') {
      return UNKNOWN;
    }
    int end = i + 1;
    while (end < line.length && line[end] != '"') {
      end++;
    }
    if (end >= line.length) {
      return UNKNOWN;
    }
    // The time is ASCII in any valid line; a line with other bytes there is judged downstream.
    return parseIsoOffset(
        new String(line, i + 1, end - i - 1, StandardCharsets.ISO_8859_1), 0, end - i - 1);
  }

  private static int indexOf(byte[] s, byte[] key) {
    outer:
    for (int i = 0; i + key.length <= s.length; i++) {
      for (int j = 0; j < key.length; j++) {
        if (s[i + j] != key[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int skipSpaces(byte[] s, int i) {
    while (i < s.length && isWhitespace(s[i])) {
      i++;
    }
    return i;
  }

  // Character.isWhitespace, for the one-byte characters.
  private static boolean isWhitespace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F);
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} read digit by digit: the form every producer
   * of the contract writes, and ten times cheaper than {@link OffsetDateTime#parse}, which handles
   * the rare other forms.
   */
  static long parseIsoOffset(String s, int from, int to) {
    int len = to - from;
    if (len >= 20
        && s.charAt(from + 4) == '-'
        && s.charAt(from + 7) == '-'
        && s.charAt(from + 10) == 'T'
        && s.charAt(from + 13) == ':'
        && s.charAt(from + 16) == ':') {
      int year = digits(s, from, 4);
      int month = digits(s, from + 5, 2);
      int day = digits(s, from + 8, 2);
      int hour = digits(s, from + 11, 2);
      int minute = digits(s, from + 14, 2);
      int second = digits(s, from + 17, 2);
      int i = from + 19;
      int millis = 0;
      if (i < to && s.charAt(i) == '.') {
        int scale = 100;
        i++;
        while (i < to && Character.isDigit(s.charAt(i))) {
          millis += (s.charAt(i) - '0') * scale;
          scale /= 10;
          i++;
        }
      }
      int offsetSeconds = offsetSeconds(s, i, to);
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= 31
          && hour >= 0
          && hour <= 23
          && minute >= 0
          && minute <= 59
          && second >= 0
          && second <= 59
          && offsetSeconds != Integer.MIN_VALUE) {
        long days = daysFromCivil(year, month, day);
        long secs = days * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return secs * 1_000L + millis;
      }
    }
    try {
      return OffsetDateTime.parse(s.substring(from, to), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      return UNKNOWN;
    }
  }

  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int offsetSeconds(String s, int i, int to) {
    if (to - i == 1 && s.charAt(i) == 'Z') {
      return 0;
    }
    if (to - i != 6 || s.charAt(i + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    char sign = s.charAt(i);
    int h = digits(s, i + 1, 2);
    int m = digits(s, i + 4, 2);
    if ((sign != '+' && sign != '-') || h < 0 || h > 18 || m < 0 || m > 59) {
      return Integer.MIN_VALUE;
    }
    int total = h * 3600 + m * 60;
    return sign == '-' ? -total : total;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }
}
