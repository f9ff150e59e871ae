package io.kefu.core.qa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Folds the ways Chinese buyers and agents type the same words onto one spelling, so a word list
 * needs each word once: full-width letters, digits and punctuation become ASCII (ＡＢＣ１２３ → abc123,
 * ，→ ,), Latin letters become lower case, and traditional characters become simplified ones (滾 → 滚,
 * 保證 → 保证) through the table {@code trad-simp.txt} beside this class.
 *
 * <p>Every character maps to exactly one character, so a position in the normalised text is the
 * same position in the original: a match found in the normalised text can be quoted from the
 * original as the agent typed it.
 */
public final class TextNormalizer {

  static final String TABLE = "trad-simp.txt";

  private static final char[] MAP = buildMap();

  private TextNormalizer() {}

  /** The normalised form of {@code text}, of the same length. */
  public static String normalize(String text) {
    char[] out = new char[text.length()];
    normalizeInto(text, out);
    return new String(out);
  }

  /** Normalises {@code text} into {@code out} (at least as long as the text). */
  public static void normalizeInto(String text, char[] out) {
    int n = text.length();
    text.getChars(0, n, out, 0);
    final char[] map = MAP;
    for (int i = 0; i < n; i++) {
      out[i] = map[out[i]];
    }
  }

  /** The normalised form of one character. */
  public static char normalize(char c) {
    return MAP[c];
  }

  private static char[] buildMap() {
    char[] m = new char[65536];
    for (int c = 0; c < m.length; c++) {
      m[c] = (char) c;
    }
    // Full-width ASCII block (！ … ～) onto ASCII.
    for (int c = 0xFF01; c <= 0xFF5E; c++) {
      m[c] = (char) (c - 0xFF01 + 0x21);
    }
    m['\u3000'] = ' '; // ideographic space
    m['\u00A0'] = ' ';
    String pairs = "，,。.、,；;：:？?！!（(）)【[】]《<》>「\"」\"『\"』\"“\"”\"‘'’'～~—-－-─-";
    for (int i = 0; i + 1 < pairs.length(); i += 2) {
      m[pairs.charAt(i)] = pairs.charAt(i + 1);
    }
    for (int c = 'A'; c <= 'Z'; c++) {
      m[c] = (char) (c + 32);
    }
    // After the full-width fold, so ＡＢＣ ends as abc.
    for (int c = 0xFF21; c <= 0xFF3A; c++) {
      m[c] = (char) (c - 0xFF21 + 'a');
    }
    readTable(m);
    return m;
  }

  private static void readTable(char[] m) {
    try (InputStream in = TextNormalizer.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TABLE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        for (String pair : line.trim().split("\\s+")) {
          if (pair.length() == 2) {
            m[pair.charAt(0)] = pair.charAt(1);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
