package io.kefu.core.qa;

import java.util.List;

/**
 * Masks buyers' contact details in text shown to people who may not see them (the dashboard shows
 * an agent their own transcripts with phone numbers, ID-card numbers and street addresses masked).
 * It finds them with the same detectors quality scoring uses for {@code privacy_leak} ({@link
 * ContactScanner} on {@link TextNormalizer}'s form, so {@code １３８ 1234 5678} is found too), with
 * addresses taken loosely (any road word + house number), since hiding a little too much is the
 * safe side here.
 *
 * <p>Only digits (and an ID card's final X) are replaced by {@code *}; what a mask keeps says what
 * kind of detail was there: a phone number its last 4 digits and what comes before the last 8
 * ({@code 138****5678} as the platforms show it, {@code 86 138****5678}, {@code 021-****5678}), an
 * ID card its first and last 2 characters, an address no digit at all ({@code 文三路***号*幢***室}). The
 * text keeps its length and everything else.
 */
public final class ContactMasker {

  private ContactMasker() {}

  /** The text with every contact detail masked; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty() || !hasDigit(text)) {
      return text;
    }
    int n = text.length();
    char[] normalised = new char[n];
    TextNormalizer.normalizeInto(text, normalised);
    List<ContactScanner.Contact> found =
        ContactScanner.scan(normalised, n, true, true, true, false);
    if (found.isEmpty()) {
      return text;
    }
    char[] out = text.toCharArray();
    for (ContactScanner.Contact c : found) {
      int keepHead;
      int keepTail;
      switch (c.kind()) {
        case PHONE -> {
          keepHead = -8; // all but the last 8 digits: 138, 86 138, 021, 0571
          keepTail = 4;
        }
        case ID_CARD -> {
          keepHead = 2;
          keepTail = 2;
        }
        default -> {
          keepHead = 0;
          keepTail = 0;
        }
      }
      maskDigits(normalised, out, c.start(), c.end(), keepHead, keepTail);
    }
    return new String(out);
  }

  /** Replaces the digits of [start, end) but the first {@code head} and last {@code tail}. */
  private static void maskDigits(
      char[] normalised, char[] out, int start, int end, int head, int tail) {
    int digits = 0;
    for (int i = start; i < end; i++) {
      if (maskable(normalised[i])) {
        digits++;
      }
    }
    if (head < 0) {
      head = Math.max(0, digits + head);
    }
    int seen = 0;
    for (int i = start; i < end; i++) {
      if (!maskable(normalised[i])) {
        continue;
      }
      if (seen >= head && seen < digits - tail) {
        out[i] = '*';
      }
      seen++;
    }
  }

  private static boolean maskable(char c) {
    return (c >= '0' && c <= '9') || c == 'x';
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = TextNormalizer.normalize(s.charAt(i));
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }
}
