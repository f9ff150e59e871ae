package io.kefu.dashboard.report;

/** File names of the reports: safe on every file system and in a URL path segment. */
public final class ReportFiles {

  private ReportFiles() {}

  /**
   * A name as a file-name part: letters (Chinese too), digits, '-', '_' and '.' are kept, anything
   * else (slashes, spaces, quotes, control characters) becomes '_', and it never starts with '.'.
   */
  public static String safeName(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '.') {
                b.appendCodePoint(cp);
              } else {
                b.append('_');
              }
            });
    String out = b.toString();
    while (out.startsWith(".")) {
      out = "_" + out.substring(1);
    }
    return out.isEmpty() ? "_" : out;
  }
}
