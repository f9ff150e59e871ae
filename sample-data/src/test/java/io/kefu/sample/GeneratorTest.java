package io.kefu.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

  private static GeneratorOptions small(Path out, long seed, DefectRates defects) {
    return new GeneratorOptions(
        "sunshine-baby",
        "阳光儿童母婴旗舰店",
        "tmall",
        6,
        3,
        LocalDate.of(2026, 11, 9),
        seed,
        out,
        true,
        15,
        ZoneId.of("Asia/Shanghai"),
        defects);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void sameSeedWritesByteIdenticalFiles(@TempDir Path tmp) throws Exception {
    new ShopGenerator(small(tmp.resolve("a"), 7, DefectRates.DEFAULT), null).run();
    new ShopGenerator(small(tmp.resolve("b"), 7, DefectRates.DEFAULT), null).run();
    List<Path> a = files(tmp.resolve("a"));
    List<Path> b = files(tmp.resolve("b"));
    assertEquals(
        a.stream().map(p -> p.getFileName().toString()).toList(),
        b.stream().map(p -> p.getFileName().toString()).toList());
    assertTrue(a.size() > 6, "files: " + a);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(
          Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
    }
  }

  @Test
  void anotherSeedWritesAnotherShop(@TempDir Path tmp) throws Exception {
    new ShopGenerator(small(tmp.resolve("a"), 7, DefectRates.DEFAULT), null).run();
    new ShopGenerator(small(tmp.resolve("b"), 8, DefectRates.DEFAULT), null).run();
    Path f = Path.of("chat-events-2026-11-09.jsonl.gz");
    assertFalse(
        java.util.Arrays.equals(
            Files.readAllBytes(tmp.resolve("a").resolve(f)),
            Files.readAllBytes(tmp.resolve("b").resolve(f))));
  }

  @Test
  void everyWrittenLineIsAccountedForByTheManifest(@TempDir Path tmp) throws Exception {
    Manifest m = new ShopGenerator(small(tmp, 3, DefectRates.DEFAULT), null).run();
    ValidateCommand.Tally t = ValidateCommand.tally(tmp, 0);
    assertEquals(m.lines(), t.read());
    assertEquals(m.count("accepted", false), t.accepted());
    assertEquals(m.count("duplicate", false), t.duplicates());
    assertEquals(m.rejected(), t.rejected());
    t.rejectedByReason().forEach((reason, n) -> assertEquals(m.count(reason, true), n, reason));
  }

  @Test
  void withoutDefectsEveryLineIsAcceptedOnce(@TempDir Path tmp) throws Exception {
    new ShopGenerator(small(tmp, 3, DefectRates.NONE), null).run();
    ValidateCommand.Tally t = ValidateCommand.tally(tmp, 0);
    assertEquals(0, t.rejected(), t.rejectedByReason().toString());
    assertEquals(0, t.duplicates());
    assertEquals(t.read(), t.accepted());
    assertTrue(t.accepted() > 3000, "accepted " + t.accepted());
  }

  @Test
  void writesRosterAndManifest(@TempDir Path tmp) throws Exception {
    new ShopGenerator(small(tmp, 3, DefectRates.DEFAULT), null).run();
    List<String> roster = Files.readAllLines(tmp.resolve("roster.csv"));
    assertEquals("agent_id,name,team,queue", roster.get(0));
    assertEquals(7, roster.size());
    assertTrue(roster.contains("a-xiaomei,小美,售前一组,pre_sale"), roster.toString());
    String manifest = Files.readString(tmp.resolve("manifest.json"));
    assertTrue(manifest.contains("\"seed\": \"3\""), manifest);
    assertTrue(manifest.contains("\"rejects_expected\""), manifest);
  }

  @Test
  void commandLineRejectsBadOptionsWithAClearMessage(@TempDir Path tmp) throws Exception {
    assertEquals(2, cli("--agents", "12"), "no --out");
    assertEquals(2, cli("--out", tmp.toString(), "--days", "zero"));
    assertEquals(2, cli("--out", tmp.toString(), "--start", "2026-13-01"));
    assertEquals(2, cli("--out", tmp.toString(), "--bogus"));
    assertEquals(2, cli("--out", tmp.toString(), "--defects", "some"));
    assertTrue(lastErr.contains("--defects must be"), lastErr);
    assertEquals(0, cli("--help"));
  }

  @Test
  void commandLineWritesTheFiles(@TempDir Path tmp) throws Exception {
    assertEquals(
        0,
        cli(
            "--out",
            tmp.toString(),
            "--agents",
            "3",
            "--days",
            "1",
            "--rate",
            "5",
            "--no-gzip",
            "--quiet"));
    assertTrue(Files.exists(tmp.resolve("roster.csv")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.anyMatch(p -> p.getFileName().toString().matches("chat-events-.*\\.jsonl")));
    }
  }

  private String lastErr = "";

  private int cli(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        GenerateCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    lastErr = err.toString(StandardCharsets.UTF_8);
    assertNotEquals(-1, code);
    return code;
  }
}
