package io.kefu.core.qa;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every occurrence of many phrases in one pass over a message (Aho–Corasick, compiled to a
 * table-driven automaton). All word lists of a rulebook go into one matcher, so a message is read
 * once however many words the lists hold; Chinese has no word boundaries, so every position counts.
 *
 * <p>Characters that occur in no phrase share one column of the table and lead back to the start,
 * which keeps the table small (the alphabet is the few hundred characters of the lists).
 */
final class PhraseMatcher implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String[] phrases;
  private final char[] classOf; // char -> column, 0 = a character no phrase uses
  private final int columns;
  private final int[] next; // state * columns + column -> state
  private final int[][] outputs; // state -> phrase ids ending here

  /** Compiles the phrases (already normalised); phrase id = index in the list. */
  PhraseMatcher(List<String> phraseList) {
    this.phrases = phraseList.toArray(new String[0]);
    char[] cls = new char[65536];
    int col = 1;
    for (String p : phrases) {
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (cls[c] == 0) {
          cls[c] = (char) col++;
        }
      }
    }
    this.classOf = cls;
    this.columns = col;

    // Trie.
    List<int[]> trie = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    trie.add(new int[columns]);
    out.add(new ArrayList<>());
    for (int id = 0; id < phrases.length; id++) {
      int s = 0;
      String p = phrases[id];
      for (int i = 0; i < p.length(); i++) {
        int c = cls[p.charAt(i)];
        if (trie.get(s)[c] == 0) {
          trie.get(s)[c] = trie.size();
          trie.add(new int[columns]);
          out.add(new ArrayList<>());
        }
        s = trie.get(s)[c];
      }
      out.get(s).add(id);
    }
    int states = trie.size();
    int[] fail = new int[states];
    int[] table = new int[states * columns];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < columns; c++) {
      int t = trie.get(0)[c];
      table[c] = t;
      if (t != 0) {
        queue.add(t);
      }
    }
    table[0] = 0; // column 0 never extends a phrase
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int c = 0; c < columns; c++) {
        int t = c == 0 ? 0 : trie.get(s)[c];
        if (t != 0) {
          fail[t] = table[fail[s] * columns + c];
          table[s * columns + c] = t;
          queue.add(t);
        } else {
          table[s * columns + c] = table[fail[s] * columns + c];
        }
      }
    }
    this.next = table;
    this.outputs = new int[states][];
    for (int s = 0; s < states; s++) {
      List<Integer> o = out.get(s);
      outputs[s] = o.stream().mapToInt(Integer::intValue).distinct().toArray();
    }
  }

  int length(int id) {
    return phrases[id].length();
  }

  /**
   * Scans {@code text[0..n)} and appends each occurrence to {@code hits} (phrase id and start
   * position), in order of their end position.
   */
  void scan(char[] text, int n, Hits hits) {
    int s = 0;
    final int[] t = next;
    final char[] cls = classOf;
    final int cols = columns;
    for (int i = 0; i < n; i++) {
      s = t[s * cols + cls[text[i]]];
      int[] o = outputs[s];
      for (int id : o) {
        hits.add(id, i + 1 - phrases[id].length());
      }
    }
  }

  /** Builds the phrase id table for a set of phrases, each phrase once. */
  static final class Builder {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> list = new ArrayList<>();

    int size() {
      return list.size();
    }

    int id(String normalizedPhrase) {
      return ids.computeIfAbsent(
          normalizedPhrase,
          p -> {
            list.add(p);
            return list.size() - 1;
          });
    }

    PhraseMatcher build() {
      return new PhraseMatcher(list);
    }
  }

  /** A reusable list of occurrences: phrase id and start position. */
  static final class Hits {
    int size;
    int[] ids = new int[8];
    int[] starts = new int[8];

    void clear() {
      size = 0;
    }

    void add(int id, int start) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        starts = Arrays.copyOf(starts, size * 2);
      }
      ids[size] = id;
      starts[size] = start;
      size++;
    }
  }
}
