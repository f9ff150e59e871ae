package io.kefu.core.qa;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds links in a normalised message: anything starting {@code http://}, {@code https://} or
 * {@code www.}, and bare {@code host.tld/path} tokens (buyers paste links without the scheme).
 * Full-width {@code ｈｔｔｐ：／／} arrives here already folded to ASCII.
 */
final class LinkScanner {

  /** A link: [start, end) in the message, its host and its path (without query or fragment). */
  record Link(int start, int end, String host, String path) {}

  private LinkScanner() {}

  static List<Link> scan(char[] s, int n) {
    List<Link> out = null;
    int i = 0;
    while (i < n) {
      if (!urlChar(s[i]) || (i > 0 && urlChar(s[i - 1]))) {
        i++;
        continue;
      }
      int end = i;
      while (end < n && urlChar(s[end])) {
        end++;
      }
      // Punctuation before the link belongs to the sentence: ?http://… after a question.
      int start = i;
      while (start < end && !alnum(s[start])) {
        start++;
      }
      // Trailing punctuation belongs to the sentence, not the link.
      while (end > start && ".:?-".indexOf(s[end - 1]) >= 0) {
        end--;
      }
      Link link = start < end ? parse(s, start, end) : null;
      if (link != null) {
        if (out == null) {
          out = new ArrayList<>(1);
        }
        out.add(link);
      }
      i = Math.max(end, i + 1);
    }
    return out == null ? List.of() : out;
  }

  private static Link parse(char[] s, int start, int end) {
    String token = new String(s, start, end - start);
    String rest = token;
    boolean scheme = false;
    if (rest.startsWith("http://")) {
      rest = rest.substring(7);
      scheme = true;
    } else if (rest.startsWith("https://")) {
      rest = rest.substring(8);
      scheme = true;
    }
    int hostEnd = rest.length();
    for (int k = 0; k < rest.length(); k++) {
      char c = rest.charAt(k);
      if (c == '/' || c == '?' || c == '#') {
        hostEnd = k;
        break;
      }
    }
    String host = rest.substring(0, hostEnd);
    int at = host.lastIndexOf('@');
    if (at >= 0) {
      host = host.substring(at + 1);
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    if (!domain(host)) {
      return null;
    }
    if (!scheme && !host.startsWith("www.") && hostEnd == rest.length() && !knownBare(host)) {
      // A bare "word.word" without a path is too weak to call a link (a file name, a typo)
      // unless its last label is a top-level domain people type.
      return null;
    }
    String path = rest.substring(hostEnd);
    int q = indexOfAny(path, "?#");
    if (q >= 0) {
      path = path.substring(0, q);
    }
    return new Link(start, end, host, path);
  }

  private static boolean knownBare(String host) {
    String tld = host.substring(host.lastIndexOf('.') + 1);
    return switch (tld) {
      case "com", "cn", "net", "org", "tk", "pl", "ms", "top", "xyz", "cc" -> true;
      default -> false;
    };
  }

  /** Labels of letters, digits and hyphens, at least two, the last of 2+ letters. */
  private static boolean domain(String host) {
    int dot = host.lastIndexOf('.');
    if (dot <= 0 || dot == host.length() - 1) {
      return false;
    }
    for (int k = dot + 1; k < host.length(); k++) {
      char c = host.charAt(k);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    if (host.length() - dot - 1 < 2) {
      return false;
    }
    char prev = '.';
    for (int k = 0; k < host.length(); k++) {
      char c = host.charAt(k);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok || (c == '.' && prev == '.')) {
        return false;
      }
      prev = c;
    }
    return host.charAt(0) != '.';
  }

  private static int indexOfAny(String s, String chars) {
    for (int k = 0; k < s.length(); k++) {
      if (chars.indexOf(s.charAt(k)) >= 0) {
        return k;
      }
    }
    return -1;
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean urlChar(char c) {
    return c < 128 && URL_CHARS[c];
  }

  private static final boolean[] URL_CHARS = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      URL_CHARS[c] = true;
      URL_CHARS[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      URL_CHARS[c] = true;
    }
    for (char c : "-._~:/?#@$&=%+".toCharArray()) {
      URL_CHARS[c] = true;
    }
  }
}
