package io.kefu.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one way pages put text into HTML. Transcript lines, reject lines, user names and anything
 * else that came from outside are untrusted: {@link #text} and {@link #esc} escape them for both
 * element content and double-quoted attribute values. {@link #raw} is only for markup written in
 * this code base, never for data.
 */
public final class Html {

  private final StringBuilder sb = new StringBuilder(4096);

  /** Escapes the five characters that can end text or a quoted attribute; null is empty. */
  public static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16);
          out.append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Percent-encodes one query-string value. */
  public static String urlPart(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  /**
   * A local URL with query parameters given as name, value pairs; null values are left out. The
   * result still goes through {@link #esc} when put into an attribute.
   */
  public static String url(String path, String... nameValues) {
    StringBuilder u = new StringBuilder(path);
    char sep = '?';
    for (int i = 0; i + 1 < nameValues.length; i += 2) {
      if (nameValues[i + 1] == null) {
        continue;
      }
      u.append(sep).append(urlPart(nameValues[i])).append('=').append(urlPart(nameValues[i + 1]));
      sep = '&';
    }
    return u.toString();
  }

  /** Markup from this code base. Never pass data here. */
  public Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  /** Data, escaped. */
  public Html text(Object value) {
    sb.append(esc(value));
    return this;
  }

  /** {@code <tag>escaped value</tag>}. */
  public Html el(String tag, Object value) {
    sb.append('<').append(tag).append('>').append(esc(value)).append("</").append(tag).append('>');
    return this;
  }

  /** {@code <tag class="cls">escaped value</tag>}. */
  public Html el(String tag, String cls, Object value) {
    sb.append('<').append(tag).append(" class=\"").append(esc(cls)).append("\">");
    sb.append(esc(value)).append("</").append(tag).append('>');
    return this;
  }

  /** A link whose address and text are both escaped. */
  public Html link(String href, Object text) {
    sb.append("<a href=\"").append(esc(href)).append("\">").append(esc(text)).append("</a>");
    return this;
  }

  /** A hidden form field. */
  public Html hidden(String name, Object value) {
    sb.append("<input type=\"hidden\" name=\"").append(esc(name)).append("\" value=\"");
    sb.append(esc(value)).append("\">");
    return this;
  }

  /** Another fragment built the same way. */
  public Html add(Html other) {
    sb.append(other.sb);
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
