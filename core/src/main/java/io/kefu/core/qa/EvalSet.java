package io.kefu.core.qa;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kefu.core.event.ChatEvent;
import io.kefu.core.event.ContentType;
import io.kefu.core.event.Message;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionStart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-labelled evaluation sessions ({@code eval-sessions.jsonl} beside this class): one
 * session per line with {@code id}, {@code note}, {@code messages} ({@code t} seconds from the
 * start, {@code from} buyer/agent/bot/system, {@code text}) and {@code expected} hits per rule.
 */
public final class EvalSet {

  /** The labelled set shipped in the jar: the tuning set the word lists were written against. */
  public static final String RESOURCE = "eval-sessions.jsonl";

  /**
   * The held-out set shipped in the jar: sessions written without looking at the word lists or the
   * matcher code, to measure how the rulebook does on text it was not tuned on.
   */
  public static final String HELDOUT = "eval-heldout.jsonl";

  /** Where eval sessions start: a Monday morning, inside any service window. */
  static final Instant BASE = Instant.parse("2026-11-02T02:00:00Z"); // 10:00 Asia/Shanghai

  static final String AGENT = "a-eval";

  /** One message as labelled. */
  public record EvalMessage(double t, Sender from, String text) {}

  /** One labelled session. */
  public record EvalSession(
      String id, String note, List<EvalMessage> messages, Map<String, Integer> expected) {

    public int expected(RuleId rule) {
      return expected.getOrDefault(rule.id(), 0);
    }

    /**
     * The session as chat events: a session_start at t=0 (agent {@code a-eval}, pre_sale), then one
     * message event per line, event ids in line order (ties in time keep the line order).
     */
    public List<ChatEvent> events() {
      List<ChatEvent> out = new ArrayList<>(messages.size() + 1);
      String buyer = "b-" + id;
      out.add(
          new SessionStart(id + "-000", BASE, "eval", id, buyer, "tmall", AGENT, Queue.PRE_SALE));
      for (int i = 0; i < messages.size(); i++) {
        EvalMessage m = messages.get(i);
        Instant ts = BASE.plusMillis(Math.round(m.t() * 1000));
        out.add(
            new Message(
                String.format("%s-%03d", id, i + 1),
                ts,
                "eval",
                id,
                buyer,
                "tmall",
                m.from(),
                m.from() == Sender.AGENT ? AGENT : null,
                m.text(),
                ContentType.TEXT));
      }
      return out;
    }
  }

  private EvalSet() {}

  /** The shipped tuning set. */
  public static List<EvalSession> load() {
    return load(RESOURCE);
  }

  /** The shipped held-out set. */
  public static List<EvalSession> loadHeldOut() {
    return load(HELDOUT);
  }

  /** A labelled set shipped beside this class ({@link #RESOURCE} or {@link #HELDOUT}). */
  public static List<EvalSession> load(String resource) {
    try (InputStream in = EvalSet.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads eval sessions, one JSON object per line. */
  public static List<EvalSession> read(InputStream in) throws IOException {
    JsonFactory f = new JsonFactory();
    List<EvalSession> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int lineNo = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try (JsonParser p = f.createParser(line)) {
        out.add(session(p));
      } catch (IOException | RuntimeException e) {
        throw new IOException("eval set line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static EvalSession session(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT);
    String id = null;
    String note = "";
    List<EvalMessage> messages = new ArrayList<>();
    Map<String, Integer> expected = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = p.getText();
        case "note" -> note = p.getText();
        case "messages" -> {
          expect(p.currentToken(), JsonToken.START_ARRAY);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            messages.add(message(p));
          }
        }
        case "expected" -> {
          expect(p.currentToken(), JsonToken.START_OBJECT);
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String rule = p.currentName();
            p.nextToken();
            if (RuleId.of(rule) == null) {
              throw new IOException("unknown rule '" + rule + "' in expected");
            }
            expected.put(rule, p.getIntValue());
          }
        }
        default -> p.skipChildren();
      }
    }
    if (id == null) {
      throw new IOException("session without id");
    }
    return new EvalSession(id, note, List.copyOf(messages), Map.copyOf(expected));
  }

  private static EvalMessage message(JsonParser p) throws IOException {
    double t = 0;
    Sender from = null;
    String text = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "t" -> t = p.getDoubleValue();
        case "from" -> from = sender(p.getText());
        case "text" -> text = p.getText();
        default -> p.skipChildren();
      }
    }
    if (from == null) {
      throw new IOException("message without 'from'");
    }
    return new EvalMessage(t, from, text);
  }

  private static Sender sender(String s) throws IOException {
    for (Sender x : Sender.values()) {
      if (x.wireName().equals(s)) {
        return x;
      }
    }
    throw new IOException("unknown sender '" + s + "'");
  }

  private static void expect(JsonToken got, JsonToken want) throws IOException {
    if (got != want) {
      throw new IOException("expected " + want + ", got " + got);
    }
  }
}
