package io.kefu.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.core.event.Event;
import io.kefu.core.event.EventParser;
import io.kefu.core.event.Message;
import io.kefu.core.event.OrderCreated;
import io.kefu.core.event.ParseResult;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Rating;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionEnd;
import io.kefu.core.event.SessionStart;
import io.kefu.core.event.Transfer;
import io.kefu.core.io.EventFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample ({@code sample-data/sample}) that the demo and the other modules' tests use:
 * it must be exactly what the generator writes today, and it must tell the stories the product is
 * demonstrated with.
 */
class BundledSampleTest {

  static final Path SAMPLE = Path.of("sample");
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static final List<Event> events = new ArrayList<>();
  private static ValidateCommand.Tally tally;

  @BeforeAll
  static void readSample() throws IOException {
    EventParser parser = new EventParser();
    Set<String> seen = new HashSet<>();
    for (Path f : EventFiles.list(SAMPLE)) {
      EventFiles.forEachLine(
          f,
          line -> {
            if (parser.parse(line.text()) instanceof ParseResult.Accepted a
                && seen.add(a.event().eventId())) {
              events.add(a.event());
            }
          });
    }
    tally = ValidateCommand.tally(SAMPLE, 0);
  }

  @Test
  void theCommittedSampleIsWhatTheGeneratorWritesToday(@TempDir Path tmp) throws Exception {
    // The parameters documented in sample-data/README.md.
    int code =
        GenerateCommand.run(
            new String[] {
              "--out",
              tmp.toString(),
              "--agents",
              "12",
              "--days",
              "14",
              "--start",
              "2026-11-02",
              "--seed",
              "42",
              "--rate",
              "30",
              "--quiet"
            },
            System.out,
            System.err);
    assertEquals(0, code);
    List<String> expected;
    try (Stream<Path> s = Files.list(SAMPLE)) {
      expected = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> actual;
    try (Stream<Path> s = Files.list(tmp)) {
      actual = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(expected, actual);
    for (String name : expected) {
      assertArrayEquals(
          Files.readAllBytes(SAMPLE.resolve(name)),
          Files.readAllBytes(tmp.resolve(name)),
          name + " differs: regenerate the sample (see sample-data/README.md)");
    }
  }

  @Test
  void defectsStayWithinTheDocumentedRates() {
    double read = tally.read();
    double dup = tally.duplicates() / read;
    double rejected = tally.rejected() / read;
    assertTrue(dup > 0.003 && dup < 0.007, "duplicate share " + dup);
    assertTrue(rejected > 0.001 && rejected < 0.004, "rejected share " + rejected);
    for (String reason :
        List.of(
            "not_json",
            "unknown_type",
            "missing_field:ts",
            "missing_field:buyer_id",
            "bad_timestamp",
            "bad_value:sender",
            "negative_amount",
            "bad_score")) {
      assertTrue(tally.rejectedByReason().getOrDefault(reason, 0L) > 0, reason + " never injected");
    }
    assertEquals(tally.read(), tally.accepted() + tally.duplicates() + tally.rejected());
  }

  @Test
  void someEventsArriveOutOfOrderAndLate() throws IOException {
    long outOfOrder = 0;
    long hoursLate = 0;
    for (Path f : EventFiles.list(SAMPLE)) {
      Instant[] max = {Instant.MIN};
      long[] counts = new long[2];
      EventParser parser = new EventParser();
      EventFiles.forEachLine(
          f,
          line -> {
            if (parser.parse(line.text()) instanceof ParseResult.Accepted a) {
              Instant ts = a.event().ts();
              if (ts.isBefore(max[0])) {
                counts[0]++;
                if (Duration.between(ts, max[0]).toHours() >= 1) {
                  counts[1]++;
                }
              } else {
                max[0] = ts;
              }
            }
          });
      outOfOrder += counts[0];
      hoursLate += counts[1];
    }
    assertTrue(outOfOrder > 500, "out of order " + outOfOrder);
    assertTrue(hoursLate > 20, "late by an hour or more " + hoursLate);
  }

  private static Map<String, List<Event>> bySession() {
    Map<String, List<Event>> sessions = new LinkedHashMap<>();
    for (Event e : events) {
      if (e instanceof io.kefu.core.event.ChatEvent c) {
        sessions.computeIfAbsent(c.sessionId(), k -> new ArrayList<>()).add(e);
      }
    }
    sessions.values().forEach(l -> l.sort((a, b) -> a.ts().compareTo(b.ts())));
    return sessions;
  }

  private static double medianFirstResponse(Map<String, List<Event>> sessions, String agent) {
    List<Long> frts = new ArrayList<>();
    for (List<Event> s : sessions.values()) {
      if (!(s.get(0) instanceof SessionStart st) || !st.agentId().equals(agent)) {
        continue;
      }
      Instant firstBuyer = null;
      for (Event e : s) {
        if (e instanceof Message m && m.sender() == Sender.BUYER && firstBuyer == null) {
          firstBuyer = m.ts();
        } else if (e instanceof Message m && m.sender() == Sender.AGENT && firstBuyer != null) {
          frts.add(Duration.between(firstBuyer, m.ts()).toSeconds());
          break;
        }
      }
    }
    Collections.sort(frts);
    return frts.get(frts.size() / 2);
  }

  @Test
  void agentsHabitsShowInTheirFigures() {
    Map<String, List<Event>> sessions = bySession();
    double xiaomei = medianFirstResponse(sessions, "a-xiaomei");
    double dawei = medianFirstResponse(sessions, "a-dawei");
    assertTrue(xiaomei * 3 < dawei, "小美 " + xiaomei + " s vs 大伟 " + dawei + " s");
    Map<String, double[]> ratings = new HashMap<>();
    for (List<Event> s : sessions.values()) {
      if (s.get(0) instanceof SessionStart st) {
        for (Event e : s) {
          if (e instanceof Rating r) {
            double[] acc = ratings.computeIfAbsent(st.agentId(), k -> new double[2]);
            acc[0] += r.score();
            acc[1]++;
          }
        }
      }
    }
    double mei = ratings.get("a-xiaomei")[0] / ratings.get("a-xiaomei")[1];
    double wei = ratings.get("a-dawei")[0] / ratings.get("a-dawei")[1];
    assertTrue(mei > wei + 0.5, "ratings 小美 " + mei + " 大伟 " + wei);
  }

  @Test
  void doubleElevenIsThePeak() {
    Map<LocalDate, Integer> starts = new HashMap<>();
    for (Event e : events) {
      if (e instanceof SessionStart s && s.queue() == Queue.PRE_SALE) {
        starts.merge(s.ts().atZone(SHANGHAI).toLocalDate(), 1, Integer::sum);
      }
    }
    int peak = starts.get(LocalDate.of(2026, 11, 11));
    int ordinaryWednesday = starts.get(LocalDate.of(2026, 11, 4));
    assertTrue(peak > 2.5 * ordinaryWednesday, peak + " vs " + ordinaryWednesday);
  }

  @Test
  void theDataHasEverySituationTheMetricsMustHandle() {
    Map<String, List<Event>> sessions = bySession();
    long bots =
        events.stream().filter(e -> e instanceof Message m && m.sender() == Sender.BOT).count();
    long transfers = events.stream().filter(e -> e instanceof Transfer).count();
    long refunds = events.stream().filter(e -> e instanceof RefundCompleted).count();
    long lateRatings = 0;
    long consecutiveBuyerMessages = 0;
    for (List<Event> s : sessions.values()) {
      Instant end = null;
      boolean lastWasBuyer = false;
      for (Event e : s) {
        if (e instanceof SessionEnd) {
          end = e.ts();
        }
        if (e instanceof Rating && end != null && Duration.between(end, e.ts()).toHours() >= 6) {
          lateRatings++;
        }
        if (e instanceof Message m) {
          boolean buyer = m.sender() == Sender.BUYER;
          if (buyer && lastWasBuyer) {
            consecutiveBuyerMessages++;
          }
          lastWasBuyer = buyer;
        }
      }
    }
    Set<String> chatted = new HashSet<>();
    sessions
        .values()
        .forEach(s -> chatted.add(((io.kefu.core.event.ChatEvent) s.get(0)).buyerId()));
    long silentOrders =
        events.stream()
            .filter(e -> e instanceof OrderCreated o && !chatted.contains(o.buyerId()))
            .count();
    long ordersAfterChat =
        events.stream()
            .filter(e -> e instanceof OrderCreated o && chatted.contains(o.buyerId()))
            .count();
    assertTrue(bots > 500, "bot messages " + bots);
    assertTrue(transfers > 50, "transfers " + transfers);
    assertTrue(refunds > 100, "refunds " + refunds);
    assertTrue(lateRatings > 100, "ratings 6 h or more after the session " + lateRatings);
    assertTrue(
        consecutiveBuyerMessages > 1000, "consecutive buyer messages " + consecutiveBuyerMessages);
    assertTrue(silentOrders > ordersAfterChat, silentOrders + " silent vs " + ordersAfterChat);
    assertTrue(ordersAfterChat > 1000, "orders after a chat " + ordersAfterChat);
  }
}
