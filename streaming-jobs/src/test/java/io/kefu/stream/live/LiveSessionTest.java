package io.kefu.stream.live;

import static io.kefu.stream.live.SessionEvents.AJIE;
import static io.kefu.stream.live.SessionEvents.XIAOMEI;
import static io.kefu.stream.live.SessionEvents.agent;
import static io.kefu.stream.live.SessionEvents.bot;
import static io.kefu.stream.live.SessionEvents.buyer;
import static io.kefu.stream.live.SessionEvents.end;
import static io.kefu.stream.live.SessionEvents.ms;
import static io.kefu.stream.live.SessionEvents.rating;
import static io.kefu.stream.live.SessionEvents.start;
import static io.kefu.stream.live.SessionEvents.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.core.config.KefuConfig;
import io.kefu.core.event.ChatEvent;
import io.kefu.stream.live.LiveSession.CellKey;
import io.kefu.stream.warehouse.LiveAlert;
import io.kefu.stream.warehouse.WaitingBuyer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A session writes only what its latest events can have changed ({@link LiveSession#emitChanges}).
 * Whatever the events and their arrival order, the rows it has written must always add up to what a
 * computation from scratch finds: its contributions ({@link LiveSession#cells()}), its alerts
 * ({@link LiveSession#alerts}) and its waiting buyer.
 */
class LiveSessionTest {

  static final KefuConfig CONFIG = KefuConfig.defaults();

  @Test
  void whatWasWrittenAlwaysEqualsTheSessionComputedFromScratch() {
    Random random = new Random(11);
    for (int round = 0; round < 3000; round++) {
      List<ChatEvent> session = randomSession(random);
      List<ChatEvent> arrival = new ArrayList<>(session);
      // Mostly in order with a few events moved, sometimes shuffled, sometimes a duplicate.
      if (random.nextInt(3) == 0) {
        Collections.shuffle(arrival, random);
      } else {
        for (int swaps = random.nextInt(3); swaps > 0; swaps--) {
          Collections.swap(arrival, random.nextInt(arrival.size()), random.nextInt(arrival.size()));
        }
      }
      if (random.nextBoolean()) {
        arrival.add(random.nextInt(arrival.size()), arrival.get(random.nextInt(arrival.size())));
      }
      Written written = new Written();
      LiveSession s = null;
      long watermark = Long.MIN_VALUE;
      String trace = "round " + round + " arrival " + TrackSessionsTest.ids(arrival);
      for (ChatEvent e : arrival) {
        if (s == null) {
          s = new LiveSession(e.shopId(), e.sessionId(), e.buyerId(), null);
        }
        s.add(e, CONFIG);
        if (random.nextInt(3) == 0) {
          watermark = Math.max(watermark, ms(e) - random.nextInt(240_000));
        }
        s.emitChanges(CONFIG, watermark, written);
        check(s, watermark, written, trace + " after " + e.eventId());
        if (random.nextInt(4) == 0) { // a timer: only time moved on
          watermark = Math.max(watermark, ms(e) + random.nextInt(240_000));
          s.emitChanges(CONFIG, watermark, written);
          check(s, watermark, written, trace + " at watermark " + watermark);
        }
      }
      s.close(CONFIG, watermark);
      s.emitChanges(CONFIG, Long.MAX_VALUE, written);
      ChatEvent late = rating("late-" + round, 4000, 1 + random.nextInt(5));
      s.add(late, CONFIG);
      s.emitChanges(CONFIG, Long.MAX_VALUE, written);
      // The closed session kept only what the rating needed; what it wrote must still add up to
      // the same session computed from scratch, the late rating included.
      LiveSession whole = new LiveSession(s.shopId, s.sessionId, s.buyerId, null);
      for (ChatEvent e : arrival) {
        whole.add(e, CONFIG);
      }
      whole.add(late, CONFIG);
      whole.close(CONFIG, watermark);
      assertEquals(sums(whole.cells()), written.sums(), trace + " closed, late rating");
      assertEquals(
          new TreeMap<>(whole.alerts(CONFIG, Long.MAX_VALUE)),
          new TreeMap<>(written.alerts),
          trace + " closed");
      assertEquals(null, written.waiting, trace + " closed");
    }
  }

  private static void check(LiveSession s, long watermark, Written written, String where) {
    assertEquals(sorted(s.cells()), sorted(s.emittedCells()), "kept " + where);
    assertEquals(sums(s.cells()), written.sums(), "written " + where);
    assertEquals(new TreeMap<>(s.alerts(CONFIG, watermark)), new TreeMap<>(written.alerts), where);
    assertEquals(s.waiting(CONFIG, watermark), written.waiting, "waiting " + where);
  }

  /** Contributions summed per agent-minute, as the minute windows sum them, printed. */
  private static String sums(Map<CellKey, SessionCell> cells) {
    Map<String, String> m = new TreeMap<>();
    cells.forEach(
        (k, c) -> {
          long[] rt = c.responseMillis().clone();
          Arrays.sort(rt);
          m.put(
              k.agentId() + "@" + k.minute(),
              List.of(
                      c.turns(),
                      c.answered(),
                      c.repliedInTime(),
                      c.responseSumMillis(),
                      Arrays.toString(rt),
                      c.firstResponses(),
                      c.firstResponseSumMillis(),
                      c.ratings(),
                      c.satisfied(),
                      c.dissatisfied(),
                      c.ratingSum(),
                      c.active() ? 1 : 0)
                  .toString());
        });
    return m.toString();
  }

  private static Map<String, SessionCell> sorted(Map<CellKey, SessionCell> cells) {
    Map<String, SessionCell> m = new TreeMap<>();
    cells.forEach((k, c) -> m.put(k.agentId() + "@" + k.minute(), c));
    return m;
  }

  /**
   * A session of a dozen or so events over a few minutes, with both agents, bots and a transfer.
   */
  private static List<ChatEvent> randomSession(Random r) {
    List<ChatEvent> events = new ArrayList<>();
    int t = r.nextInt(30);
    int id = 0;
    String owner = r.nextBoolean() ? XIAOMEI : AJIE;
    if (r.nextInt(5) > 0) {
      events.add(start("e" + id++, t, owner));
    }
    for (int n = 5 + r.nextInt(14); n > 0; n--) {
      t += r.nextInt(r.nextInt(4) == 0 ? 300 : 40);
      int kind = r.nextInt(10);
      if (kind < 4) {
        events.add(buyer("e" + id++, t));
      } else if (kind < 8) {
        events.add(agent("e" + id++, t, r.nextInt(4) == 0 ? other(owner) : owner));
      } else if (kind == 8) {
        events.add(bot("e" + id++, t));
      } else {
        events.add(transfer("e" + id++, t, owner, other(owner)));
        owner = other(owner);
      }
    }
    if (r.nextBoolean()) {
      events.add(end("e" + id++, t + r.nextInt(120)));
    }
    if (r.nextBoolean()) {
      // Mostly after the chat; sometimes in the middle of it, before more agents speak.
      int at = r.nextBoolean() ? t + 200 : r.nextInt(t + 1);
      events.add(rating("e" + id++, at, 1 + r.nextInt(5)));
    }
    return events;
  }

  private static String other(String agent) {
    return agent.equals(XIAOMEI) ? AJIE : XIAOMEI;
  }

  /** The rows written, applied as the minute windows and the warehouse apply them. */
  private static final class Written implements LiveSession.Changes {
    final Map<String, MinuteSums> minutes = new HashMap<>();
    final Map<String, LiveAlert> alerts = new HashMap<>();
    WaitingBuyer waiting;

    @Override
    public void minute(MinuteChange c) {
      minutes.computeIfAbsent(c.agentId() + "@" + c.minute(), k -> new MinuteSums()).add(c);
    }

    /** Every minute not back to all zeros (a minute a bug left half-withdrawn shows too). */
    String sums() {
      Map<String, String> m = new TreeMap<>();
      minutes.forEach(
          (k, c) -> {
            long[] rt = c.responseMillis.clone();
            Arrays.sort(rt);
            String v =
                List.of(
                        c.turns,
                        c.answered,
                        c.repliedInTime,
                        c.responseSumMillis,
                        Arrays.toString(rt),
                        c.firstResponses,
                        c.firstResponseSumMillis,
                        c.ratings,
                        c.satisfied,
                        c.dissatisfied,
                        c.ratingSum,
                        c.activeSessions)
                    .toString();
            if (!v.equals("[0, 0, 0, 0, [], 0, 0, 0, 0, 0, 0, 0]")) {
              m.put(k, v);
            }
          });
      return m.toString();
    }

    @Override
    public void alert(LiveAlert a) {
      if (a.deleted()) {
        Objects.requireNonNull(alerts.remove(a.alertId()), "withdrew an alert never written");
      } else {
        alerts.put(a.alertId(), a);
      }
    }

    @Override
    public void waiting(WaitingBuyer w) {
      waiting = w.deleted() ? null : w;
    }
  }
}
