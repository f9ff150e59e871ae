package io.kefu.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every string of the UI, in Chinese and English, from {@code messages_zh.properties} and {@code
 * messages_en.properties} (UTF-8). Pages ask for keys; no UI text is written in page code.
 */
public final class Messages {

  /** The strings of one language. */
  public static final class Text {
    private final Lang lang;
    private final Map<String, String> strings;

    private Text(Lang lang, Map<String, String> strings) {
      this.lang = lang;
      this.strings = strings;
    }

    public Lang lang() {
      return lang;
    }

    /** The string of a key; a missing key shows as {@code ??key??} rather than breaking a page. */
    public String get(String key) {
      String s = strings.get(key);
      return s == null ? "??" + key + "??" : s;
    }

    /** The string of a key with {@code {0}}, {@code {1}} … replaced by the arguments. */
    public String format(String key, Object... args) {
      String s = get(key);
      for (int i = 0; i < args.length; i++) {
        s = s.replace("{" + i + "}", String.valueOf(args[i]));
      }
      return s;
    }
  }

  private final Map<Lang, Text> texts = new EnumMap<>(Lang.class);

  public Messages() {
    for (Lang lang : Lang.values()) {
      texts.put(lang, new Text(lang, load("/messages_" + lang.code() + ".properties")));
    }
  }

  public Text text(Lang lang) {
    return texts.get(lang);
  }

  /** The keys of one language, for the test that both bundles say the same things. */
  public Set<String> keys(Lang lang) {
    return new TreeSet<>(texts.get(lang).strings.keySet());
  }

  private static Map<String, String> load(String resource) {
    try (InputStream in = Messages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing message bundle " + resource);
      }
      Properties p = new Properties();
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      Map<String, String> m = new HashMap<>();
      for (String k : p.stringPropertyNames()) {
        m.put(k, p.getProperty(k));
      }
      return Map.copyOf(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
