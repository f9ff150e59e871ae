package io.kefu.core.qa;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One word list of a rule, compiled against the rulebook's shared {@link PhraseMatcher}, with the
 * list's {@code allow} phrases. A term is a phrase ({@code 爱买不买}), {@code A*B} (A, then B at most
 * {@code gap_chars} characters later: {@code 一定*到} finds 一定能送到) or {@code A+B} (both anywhere in
 * the message: {@code 退款+拖}). A match is neutralised when an allow phrase overlaps it: {@code 不知道您}
 * neutralises the 不知道 of 不知道您喜欢哪一款, {@code 不能保证} the 保证 in it.
 */
final class TermList implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int[] plain;
  private final int[] gapFirst;
  private final int[] gapSecond;
  private final int[] bothFirst;
  private final int[] bothSecond;
  private final int[] allow;
  private final boolean[] isPlain; // by phrase id: quick membership
  private final boolean[] isAllow;
  private final int gap;

  TermList(List<String> terms, List<String> allowPhrases, int gap, PhraseMatcher.Builder ids) {
    List<Integer> p = new ArrayList<>();
    List<Integer> g1 = new ArrayList<>();
    List<Integer> g2 = new ArrayList<>();
    List<Integer> b1 = new ArrayList<>();
    List<Integer> b2 = new ArrayList<>();
    for (String raw : terms) {
      String t = TextNormalizer.normalize(raw);
      int star = t.indexOf('*');
      int plus = t.indexOf('+', 1);
      if (star > 0 && star < t.length() - 1) {
        g1.add(ids.id(t.substring(0, star)));
        g2.add(ids.id(t.substring(star + 1)));
      } else if (plus > 0 && plus < t.length() - 1) {
        b1.add(ids.id(t.substring(0, plus)));
        b2.add(ids.id(t.substring(plus + 1)));
      } else {
        p.add(ids.id(t));
      }
    }
    List<Integer> a = new ArrayList<>();
    for (String raw : allowPhrases) {
      a.add(ids.id(TextNormalizer.normalize(raw)));
    }
    this.plain = ints(p);
    this.gapFirst = ints(g1);
    this.gapSecond = ints(g2);
    this.bothFirst = ints(b1);
    this.bothSecond = ints(b2);
    this.allow = ints(a);
    this.isPlain = membership(plain, ids.size());
    this.isAllow = membership(allow, ids.size());
    this.gap = gap;
  }

  private static boolean[] membership(int[] members, int size) {
    boolean[] m = new boolean[size];
    for (int id : members) {
      m[id] = true;
    }
    return m;
  }

  private static boolean in(boolean[] m, int id) {
    return id < m.length && m[id];
  }

  boolean isEmpty() {
    return plain.length == 0 && gapFirst.length == 0 && bothFirst.length == 0;
  }

  /** The first match in the scanned message, or {@code null}. */
  Match find(MessageScan m) {
    PhraseMatcher.Hits h = m.hits;
    Match best = null;
    for (int i = 0; i < h.size; i++) {
      int id = h.ids[i];
      int start = h.starts[i];
      int end = start + m.length(id);
      if (!wordBounded(m, start, end)) {
        continue;
      }
      if (in(isPlain, id)) {
        best = earlier(best, start, end, m);
      }
      for (int k = 0; k < gapFirst.length; k++) {
        if (gapFirst[k] != id) {
          continue;
        }
        for (int j = 0; j < h.size; j++) {
          int s2 = h.starts[j];
          if (h.ids[j] == gapSecond[k]
              && s2 >= end
              && s2 - end <= gap
              && wordBounded(m, s2, s2 + m.length(h.ids[j]))) {
            best = earlier(best, start, s2 + m.length(h.ids[j]), m);
          }
        }
      }
      for (int k = 0; k < bothFirst.length; k++) {
        if (bothFirst[k] != id || allowed(start, end, m)) {
          continue;
        }
        for (int j = 0; j < h.size; j++) {
          int s2 = h.starts[j];
          int e2 = s2 + m.length(h.ids[j]);
          if (h.ids[j] == bothSecond[k] && wordBounded(m, s2, e2) && !allowed(s2, e2, m)) {
            best = earlier(best, start, end, m);
          }
        }
      }
    }
    return best;
  }

  private Match earlier(Match best, int start, int end, MessageScan m) {
    if (best != null && best.start() <= start) {
      return best;
    }
    return allowed(start, end, m) ? best : new Match(start, end);
  }

  /** Whether an allow phrase of this list overlaps [start, end). */
  private boolean allowed(int start, int end, MessageScan m) {
    if (allow.length == 0) {
      return false;
    }
    PhraseMatcher.Hits h = m.hits;
    for (int i = 0; i < h.size; i++) {
      int id = h.ids[i];
      if (in(isAllow, id)) {
        int s = h.starts[i];
        int e = s + m.length(id);
        if (s < end && e > start) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether an allow phrase of this list overlaps [start, end) (for matches found elsewhere). */
  boolean allows(MessageScan m, int start, int end) {
    return allowed(start, end, m);
  }

  /**
   * Latin words only match whole: "hi" is a greeting, the hi of "this" or "white" is not. Chinese
   * has no word boundaries, so a phrase starting or ending with a Chinese character matches
   * anywhere.
   */
  private static boolean wordBounded(MessageScan m, int start, int end) {
    char[] t = m.norm;
    if (latin(t[start]) && start > 0 && latin(t[start - 1])) {
      return false;
    }
    return !(latin(t[end - 1]) && end < m.n && latin(t[end]));
  }

  private static boolean latin(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static int[] ints(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
