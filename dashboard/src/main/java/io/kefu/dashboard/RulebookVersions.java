package io.kefu.dashboard;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which rulebook version is the latest? Re-scoring with a new rulebook keeps the old scores, so a
 * session can have several; pages show the latest by default. Versions are strings such as {@code
 * zh-2026.11-1}: they are compared naturally, digit runs as numbers ({@code zh-2026.11-10} comes
 * after {@code zh-2026.11-9}, {@code zh-2027.1-1} after {@code zh-2026.12-3}), other text as text.
 */
public final class RulebookVersions {

  /** Oldest first. */
  public static final Comparator<String> NATURAL = RulebookVersions::compare;

  private RulebookVersions() {}

  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int ie = i;
        while (ie < a.length() && Character.isDigit(a.charAt(ie))) {
          ie++;
        }
        int je = j;
        while (je < b.length() && Character.isDigit(b.charAt(je))) {
          je++;
        }
        String na = a.substring(i, ie).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(j, je).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? na.length() - nb.length() : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
        i = ie;
        j = je;
      } else {
        if (x != y) {
          return x - y;
        }
        i++;
        j++;
      }
    }
    return (a.length() - i) - (b.length() - j);
  }

  /** The versions newest first. */
  public static List<String> newestFirst(Collection<String> versions) {
    return versions.stream().distinct().sorted(NATURAL.reversed()).toList();
  }
}
