package io.kefu.sample;

import io.kefu.core.event.Queue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialogue library the generator draws from: a product catalog, pools of single phrases
 * (greetings, closings, rude lines, near-misses …) and scenes, the situations of the seed
 * textbooks' FAQ (议价, 包邮, 发货时间, 退换货 …) as alternating buyer and agent lines with good and curt
 * agent variants. It lives in {@code dialogues.txt} beside this class, data rather than code, so a
 * person who knows the trade can extend it without touching the simulation.
 */
final class Dialogues {

  static final String RESOURCE = "dialogues.txt";

  /** Pools the simulation needs; loading fails if one is missing or empty. */
  static final List<String> REQUIRED_POOLS =
      List.of(
          "greeting",
          "no_greeting_open",
          "bot_auto_reply",
          "closing",
          "curt_closing",
          "buyer_thanks",
          "buyer_chase",
          "apology",
          "impolite",
          "over_promise",
          "privacy_leak",
          "phishing_buyer",
          "phishing_agent",
          "near_miss",
          "buyer_complaint",
          "buyer_share_contact");

  record Item(String sku, BigDecimal price, String category, String name) {}

  /** One buyer turn of a scene and the ways a good and a curt agent answer it. */
  record Exchange(List<String> buyer, List<String> good, List<String> curt) {}

  record Scene(
      String id,
      Queue queue,
      int weight,
      String topic,
      double buy,
      double refund,
      boolean complaint,
      String product,
      List<Exchange> exchanges) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  private final List<Item> catalog;
  private final Map<String, List<String>> pools;
  private final Map<Queue, List<Scene>> scenes;
  private final Map<Queue, Integer> totalWeight = new EnumMap<>(Queue.class);

  private Dialogues(List<Item> catalog, Map<String, List<String>> pools, List<Scene> all) {
    this.catalog = List.copyOf(catalog);
    this.pools = pools;
    this.scenes = new EnumMap<>(Queue.class);
    for (Queue q : Queue.values()) {
      List<Scene> list = all.stream().filter(s -> s.queue() == q).toList();
      scenes.put(q, list);
      totalWeight.put(q, list.stream().mapToInt(Scene::weight).sum());
    }
  }

  static Dialogues loadDefault() {
    try (InputStream in = Dialogues.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the library, failing with the line number on anything it does not understand. */
  static Dialogues parse(String text) {
    List<Item> catalog = new ArrayList<>();
    Map<String, List<String>> pools = new LinkedHashMap<>();
    List<Scene> scenes = new ArrayList<>();
    List<String> pool = null;
    SceneBuilder scene = null;
    int n = 0;
    for (String raw : text.split("\n", -1)) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        if (line.startsWith("@")) {
          pool = null;
          if (scene != null) {
            scenes.add(scene.build());
            scene = null;
          }
          if (line.startsWith("@item ")) {
            catalog.add(item(line));
          } else if (line.startsWith("@pool ")) {
            pool = pools.computeIfAbsent(line.substring(6).strip(), k -> new ArrayList<>());
          } else if (line.startsWith("@scene ")) {
            scene = new SceneBuilder(line);
          } else if (!line.equals("@catalog")) {
            throw new IllegalArgumentException("unknown directive");
          }
        } else if (pool != null) {
          pool.add(checkPlaceholders(line));
        } else if (scene != null) {
          scene.add(line);
        } else {
          throw new IllegalArgumentException("text outside any @pool or @scene");
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            RESOURCE + " line " + n + ": " + e.getMessage() + ": " + line, e);
      }
    }
    if (scene != null) {
      scenes.add(scene.build());
    }
    for (String p : REQUIRED_POOLS) {
      if (pools.getOrDefault(p, List.of()).isEmpty()) {
        throw new IllegalArgumentException(RESOURCE + ": pool '" + p + "' is missing or empty");
      }
    }
    if (catalog.isEmpty()) {
      throw new IllegalArgumentException(RESOURCE + ": the catalog is empty");
    }
    for (Queue q : Queue.values()) {
      if (scenes.stream().noneMatch(s -> s.queue() == q)) {
        throw new IllegalArgumentException(RESOURCE + ": no scene for queue " + q);
      }
    }
    pools.replaceAll((k, v) -> List.copyOf(v));
    return new Dialogues(catalog, pools, scenes);
  }

  private static Item item(String line) {
    Map<String, String> kv = attributes(line.substring(6), "name");
    return new Item(
        require(kv, "sku"),
        new BigDecimal(require(kv, "price")).setScale(2),
        require(kv, "category"),
        require(kv, "name"));
  }

  /**
   * {@code a=1 b=2 last=rest of line}: the {@code last} key (if not null) takes everything after
   * it.
   */
  private static Map<String, String> attributes(String s, String last) {
    Map<String, String> kv = new LinkedHashMap<>();
    int lastAt = last == null ? -1 : s.indexOf(" " + last + "=");
    String head = s;
    if (last != null && s.startsWith(last + "=")) {
      lastAt = -1;
      kv.put(last, s.substring(last.length() + 1).strip());
      head = "";
    } else if (lastAt >= 0) {
      kv.put(last, s.substring(lastAt + last.length() + 2).strip());
      head = s.substring(0, lastAt);
    }
    for (String part : head.strip().split("\\s+")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + part + "'");
      }
      kv.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return kv;
  }

  private static String require(Map<String, String> kv, String key) {
    String v = kv.get(key);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("missing " + key + "=");
    }
    return v;
  }

  private static final List<String> PLACEHOLDERS =
      List.of(
          "product",
          "price",
          "low_price",
          "carrier",
          "other_carrier",
          "days",
          "order_no",
          "color",
          "size",
          "tracking_no",
          "buyer_phone",
          "other_phone",
          "other_address",
          "buyer_address",
          "agent_name",
          "shop",
          "bad_link",
          "good_link");

  private static String checkPlaceholders(String phrase) {
    Matcher m = PLACEHOLDER.matcher(phrase);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "}");
      }
    }
    return phrase;
  }

  private static List<String> alternatives(String s) {
    List<String> out = new ArrayList<>();
    for (String a : s.split(" \\| ")) {
      String v = a.strip();
      if (!v.isEmpty()) {
        out.add(checkPlaceholders(v));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no alternatives");
    }
    return List.copyOf(out);
  }

  private static final class SceneBuilder {
    private final Map<String, String> header;
    private final List<Exchange> exchanges = new ArrayList<>();
    private List<String> buyer;
    private List<String> good;
    private List<String> curt;

    SceneBuilder(String line) {
      String rest = line.substring(7).strip();
      int space = rest.indexOf(' ');
      header = attributes(rest.substring(space + 1), null);
      header.put("id", rest.substring(0, space));
    }

    void add(String line) {
      if (line.startsWith("B:")) {
        flush();
        buyer = alternatives(line.substring(2));
      } else if (line.startsWith("A-:")) {
        if (good == null) {
          throw new IllegalArgumentException("A-: must follow an A: line");
        }
        curt = alternatives(line.substring(3));
      } else if (line.startsWith("A:")) {
        if (buyer == null || good != null) {
          throw new IllegalArgumentException("A: must follow a B: line");
        }
        good = alternatives(line.substring(2));
      } else {
        throw new IllegalArgumentException("scene lines start with B:, A: or A-:");
      }
    }

    private void flush() {
      if (buyer != null) {
        if (good == null) {
          throw new IllegalArgumentException("a B: line needs an A: line after it");
        }
        exchanges.add(new Exchange(buyer, good, curt == null ? List.of() : curt));
      }
      buyer = null;
      good = null;
      curt = null;
    }

    Scene build() {
      flush();
      String id = header.get("id");
      if (exchanges.isEmpty()) {
        throw new IllegalArgumentException("scene " + id + " has no exchanges");
      }
      Queue queue =
          switch (require(header, "queue")) {
            case "pre_sale" -> Queue.PRE_SALE;
            case "after_sale" -> Queue.AFTER_SALE;
            default -> throw new IllegalArgumentException("scene " + id + ": bad queue");
          };
      return new Scene(
          id,
          queue,
          Integer.parseInt(require(header, "weight")),
          require(header, "topic"),
          Double.parseDouble(header.getOrDefault("buy", "0")),
          Double.parseDouble(header.getOrDefault("refund", "0")),
          "yes".equals(header.get("complaint")),
          header.getOrDefault("product", ""),
          List.copyOf(exchanges));
    }
  }

  // ---------------------------------------------------------------- access

  List<Item> catalog() {
    return catalog;
  }

  List<String> pool(String name) {
    List<String> p = pools.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no pool " + name);
    }
    return p;
  }

  List<Scene> scenes(Queue q) {
    return scenes.get(q);
  }

  String pick(String pool, Random r) {
    List<String> p = pool(pool);
    return p.get(r.nextInt(p.size()));
  }

  /**
   * A catalog item the scene can be about: one of the scene's product category ({@code product=} in
   * its header) when it names one, else any item.
   */
  Item item(Scene scene, Random r) {
    if (!scene.product().isEmpty()) {
      List<Item> fit =
          catalog.stream()
              .filter(
                  i -> i.category().contains(scene.product()) || i.name().contains(scene.product()))
              .toList();
      if (!fit.isEmpty()) {
        return fit.get(r.nextInt(fit.size()));
      }
    }
    return catalog.get(r.nextInt(catalog.size()));
  }

  /** A scene of the queue, drawn by weight. */
  Scene scene(Queue q, Random r) {
    int x = r.nextInt(totalWeight.get(q));
    for (Scene s : scenes.get(q)) {
      x -= s.weight();
      if (x < 0) {
        return s;
      }
    }
    throw new AssertionError();
  }

  /** Replaces every {placeholder} with the session's value. */
  static String fill(String phrase, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(phrase);
    StringBuilder b = new StringBuilder(phrase.length() + 16);
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(b);
    return b.toString();
  }
}
