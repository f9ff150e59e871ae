package io.kefu.core.qa;

/** Short quotes of the offending text, as the sender typed it. */
final class Excerpts {

  private Excerpts() {}

  /** Up to {@code max} characters of {@code text} around [start, end), with … where cut. */
  static String around(String text, int start, int end, int max) {
    if (text.length() <= max) {
      return text;
    }
    int len = Math.min(end - start, max);
    int before = (max - len) / 2;
    int s = Math.max(0, start - before);
    int e = Math.min(text.length(), s + max);
    s = Math.max(0, Math.min(s, e - max));
    if (s > 0 && Character.isLowSurrogate(text.charAt(s))) {
      s--;
    }
    if (e < text.length() && Character.isLowSurrogate(text.charAt(e))) {
      e++;
    }
    return (s > 0 ? "…" : "") + text.substring(s, e) + (e < text.length() ? "…" : "");
  }

  /** The start of a message, for rules that judge the whole message (greeting, closing). */
  static String head(String text, int max) {
    return around(text, 0, 0, max);
  }
}
