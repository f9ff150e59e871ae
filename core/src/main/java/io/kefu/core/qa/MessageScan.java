package io.kefu.core.qa;

/**
 * One message read once: its normalised text and every phrase of the rulebook found in it. The word
 * lists, the contact and the link scanners all work on this, so each message is normalised and
 * scanned a single time.
 */
final class MessageScan {

  final String text;
  final char[] norm;
  final int n;
  final PhraseMatcher.Hits hits = new PhraseMatcher.Hits();

  /** ASCII digits in the message: no contact detail has fewer than 10 (an address, 2). */
  final int digits;

  /** Whether the message has a '.': no link without one. */
  final boolean dot;

  private final PhraseMatcher matcher;

  MessageScan(String text, PhraseMatcher matcher) {
    this.text = text;
    this.n = text.length();
    this.norm = new char[n];
    this.matcher = matcher;
    TextNormalizer.normalizeInto(text, norm);
    int d = 0;
    boolean dt = false;
    for (int i = 0; i < n; i++) {
      char c = norm[i];
      if (c >= '0' && c <= '9') {
        d++;
      } else if (c == '.') {
        dt = true;
      }
    }
    this.digits = d;
    this.dot = dt;
    matcher.scan(norm, n, hits);
  }

  int length(int phraseId) {
    return matcher.length(phraseId);
  }
}
