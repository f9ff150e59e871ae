package io.kefu.core.config;

import java.util.Collection;

/**
 * "Did you mean …?" for a mistyped name in a file a person edits (configuration keys, rulebook
 * sections and keys): the nearest known name by edit distance, if it is near enough.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * " (did you mean 'x'?)" for the known name nearest to {@code name} within {@code maxDistance}
   * edits (the first such on a tie), else "".
   */
  public static String didYouMean(String name, Collection<String> known, int maxDistance) {
    String best = null;
    int bestDistance = maxDistance + 1;
    for (String k : known) {
      int d = distance(name, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character each. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
