package io.kefu.core.qa;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds personal contact details in a normalised message, as Chinese buyers and agents type them:
 * mobile numbers ({@code 13812345678}, {@code 138 1234 5678}, {@code 138-1234-5678}, {@code
 * 138.1234.5678}, {@code +86 138…}, {@code 86-138…}; full-width digits arrive here already folded),
 * landlines ({@code 021-12345678}, {@code 0571 8888 6666}), ID-card numbers (18 characters, the
 * last may be X, or the old 15 digits, with a plausible birth date), and street addresses (a road,
 * street or lane word followed by a house number: {@code 文三路100号}, {@code 七莘路1888弄}, {@code
 * 人民南路四段27号}).
 *
 * <p>Each finding has a key that does not depend on the typing: the digits of a number (without
 * +86), and for an address the text from the two characters before the road word to the end of the
 * house number and unit ({@code 三路100号3幢201室}). A buyer's own number read back in another format
 * has the same key.
 */
final class ContactScanner {

  enum Kind {
    PHONE,
    ID_CARD,
    ADDRESS
  }

  /** One contact detail: [start, end) in the message, and its typing-independent key. */
  record Contact(Kind kind, String key, int start, int end) {}

  private static final String ROAD = "路街道巷弄段";
  private static final String HOUSE = "号弄栋幢";
  private static final String UNIT_TAIL = "号院楼栋幢单元室房层座弄-#";
  private static final String DETAIL = "栋幢单元室楼房层";
  private static final String ADMIN = "省市区县镇乡州旗";

  private ContactScanner() {}

  /**
   * Every contact detail in the message. {@code strictAddress}: an address must also name a city or
   * district before the road, or a building/room after the number (for what an agent says, so
   * 知道3号发货 is no address); a buyer's own address is taken more loosely.
   */
  static List<Contact> scan(
      char[] s, int n, boolean phones, boolean ids, boolean addresses, boolean strictAddress) {
    List<Contact> out = null;
    if (phones || ids) {
      out = numbers(s, n, phones, ids, out);
    }
    if (addresses) {
      out = addresses(s, n, strictAddress, out);
    }
    return out == null ? List.of() : out;
  }

  // ---- numbers ----------------------------------------------------------------------------------

  private static List<Contact> numbers(
      char[] s, int n, boolean phones, boolean ids, List<Contact> out) {
    int i = 0;
    while (i < n) {
      if (!digit(s[i]) || (i > 0 && (digit(s[i - 1]) || letter(s[i - 1])))) {
        i++;
        continue;
      }
      // Runs of digits joined by single spaces, hyphens or dots: 138 1234 5678, 021-12345678,
      // 138.1234.5678 (a price or a date joined this way is no phone: the digit count decides).
      int[] runStart = new int[8];
      int[] runEnd = new int[8];
      int runs = 0;
      int j = i;
      while (true) {
        int k = j;
        while (k < n && digit(s[k])) {
          k++;
        }
        if (runs == runStart.length) {
          break;
        }
        runStart[runs] = j;
        runEnd[runs] = k;
        runs++;
        if (k + 1 < n && (s[k] == ' ' || s[k] == '-' || s[k] == '.') && digit(s[k + 1])) {
          j = k + 1;
          continue;
        }
        break;
      }
      int end = runEnd[runs - 1];
      // 17 digits and an X: an ID card.
      boolean x = end < n && s[end] == 'x';
      if (x) {
        end++;
      }
      if (end < n && letter(s[end])) {
        i = end; // 100ml, 3c: part of a word, not a number someone dials
        continue;
      }
      // The longest run sequence that is a contact, from each run on.
      int r = 0;
      while (r < runs) {
        int found = -1;
        Contact best = null;
        StringBuilder digits = new StringBuilder();
        for (int e = r; e < runs; e++) {
          digits.append(s, runStart[e], runEnd[e] - runStart[e]);
          boolean withX = x && e == runs - 1;
          Contact c =
              classify(digits, withX, runStart[r], withX ? runEnd[e] + 1 : runEnd[e], phones, ids);
          if (c != null) {
            best = c;
            found = e;
          }
        }
        if (best != null) {
          if (out == null) {
            out = new ArrayList<>(2);
          }
          out.add(best);
          r = found + 1;
        } else {
          r++;
        }
      }
      i = Math.max(end, i + 1);
    }
    return out;
  }

  private static Contact classify(
      StringBuilder d, boolean x, int start, int end, boolean phones, boolean ids) {
    int len = d.length();
    if (ids && ((x && len == 17) || (!x && len == 18))) {
      String key = x ? d + "x" : d.toString();
      return idDate(d, 6, true) && d.charAt(0) >= '1' && d.charAt(0) <= '8'
          ? new Contact(Kind.ID_CARD, key, start, end)
          : null;
    }
    if (x) {
      return null;
    }
    if (ids && len == 15 && d.charAt(0) >= '1' && d.charAt(0) <= '8' && idDate(d, 6, false)) {
      return new Contact(Kind.ID_CARD, d.toString(), start, end);
    }
    if (!phones) {
      return null;
    }
    if (len == 11 && d.charAt(0) == '1' && d.charAt(1) >= '3' && d.charAt(1) <= '9') {
      return new Contact(Kind.PHONE, d.toString(), start, end);
    }
    if (len == 13
        && d.charAt(0) == '8'
        && d.charAt(1) == '6'
        && d.charAt(2) == '1'
        && d.charAt(3) >= '3'
        && d.charAt(3) <= '9') {
      return new Contact(Kind.PHONE, d.substring(2), start, end);
    }
    if (len >= 10 && len <= 12 && d.charAt(0) == '0' && d.charAt(1) != '0') {
      return new Contact(Kind.PHONE, d.toString(), start, end);
    }
    return null;
  }

  /** A birth date at {@code at}: yyyymmdd (18-digit cards, 18xx–20xx) or yymmdd (15-digit). */
  private static boolean idDate(CharSequence d, int at, boolean fullYear) {
    int p = at;
    if (fullYear) {
      int century = num(d, p, 2);
      if (century < 18 || century > 20) {
        return false;
      }
      p += 2;
    }
    p += 2; // year within the century
    int month = num(d, p, 2);
    int day = num(d, p + 2, 2);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  private static int num(CharSequence d, int at, int len) {
    int v = 0;
    for (int i = at; i < at + len; i++) {
      v = v * 10 + (d.charAt(i) - '0');
    }
    return v;
  }

  // ---- addresses --------------------------------------------------------------------------------

  private static List<Contact> addresses(char[] s, int n, boolean strict, List<Contact> out) {
    for (int i = 0; i < n - 2; i++) {
      // Cheap test first: a road word is followed by a digit.
      if (!digit(s[i + 1]) || ROAD.indexOf(s[i]) < 0) {
        continue;
      }
      int j = i + 1;
      while (j < n && digit(s[j])) {
        j++;
      }
      int digits = j - i - 1;
      if (digits < 1 || digits > 5 || j >= n || HOUSE.indexOf(s[j]) < 0) {
        continue;
      }
      // The house number's tail: flat, building, unit, room (3幢201室, 2单元602, 号院3号楼1105),
      // possibly after a compound name (阳光花园3幢201室); ends at its last number or unit word.
      int end = j + 1;
      boolean detail = false;
      for (int k = j + 1; k < n && k - j <= 24; k++) {
        char c = s[k];
        boolean unit = UNIT_TAIL.indexOf(c) >= 0 && c != '-' && c != '#';
        if (digit(c) || unit) {
          end = k + 1;
          detail |= DETAIL.indexOf(c) >= 0;
        } else if (!cjk(c) && c != '-' && c != '#') {
          break;
        }
      }
      int keyStart = i;
      while (keyStart > i - 2 && keyStart > 0 && cjk(s[keyStart - 1])) {
        keyStart--;
      }
      if (strict && !detail && !adminBefore(s, i)) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(2);
      }
      out.add(new Contact(Kind.ADDRESS, new String(s, keyStart, end - keyStart), keyStart, end));
      i = end - 1;
    }
    return out;
  }

  /** A city, district or county word among the up to 12 CJK characters before the road word. */
  private static boolean adminBefore(char[] s, int road) {
    for (int k = road - 1; k >= 0 && road - k <= 12 && cjk(s[k]); k--) {
      if (ADMIN.indexOf(s[k]) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean cjk(char c) {
    return c >= '\u4E00' && c <= '\u9FFF';
  }
}
