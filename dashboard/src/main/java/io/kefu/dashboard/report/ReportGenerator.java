package io.kefu.dashboard.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kefu.dashboard.WarehouseConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes one week's reports — the shop's, each team's and each agent's, each as HTML and PDF — into
 * {@code DIR/2026-W45/}, with a {@code manifest.json} that says which file is whose (the dashboard
 * decides from it who may download what) and which batch run the figures come from.
 *
 * <p>The warehouse is read once (one publish, start to end) and released before the slow part,
 * rendering. Files are written to a temporary folder and then moved into place one by one with an
 * atomic rename, the manifest last, so a reader never sees half a file.
 */
public final class ReportGenerator {

  /** One document of a week: its files are {@code stem.html} and {@code stem.pdf}. */
  public record Entry(String stem, String kind, String key, String name, String team) {
    public List<String> files() {
      return List.of(stem + ".html", stem + ".pdf");
    }
  }

  /** What a week's folder holds. */
  public record Manifest(
      String week,
      String shop,
      String lang,
      String generatedAt,
      String runId,
      String lastIngestedDay,
      List<String> provisionalDays,
      List<String> missingDays,
      List<Entry> entries) {

    public Optional<Entry> entryOf(String file) {
      return entries.stream().filter(e -> e.files().contains(file)).findFirst();
    }
  }

  public static final String MANIFEST = "manifest.json";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false);

  private final ReportSettings settings;
  private final ReportRepository repo;
  private final ZoneId zone;
  private final Clock clock;
  private final boolean english;

  public ReportGenerator(
      ReportSettings settings, ReviewedScores reviews, ZoneId zone, Clock clock, boolean english) {
    this.settings = settings;
    this.repo = new ReportRepository(reviews);
    this.zone = zone;
    this.clock = clock;
    this.english = english;
  }

  public ReportSettings settings() {
    return settings;
  }

  public ReportRepository repository() {
    return repo;
  }

  /** The week's report model, read from the latest publish (empty when nothing is published). */
  public Optional<WeeklyReport> report(WarehouseConnections warehouse, IsoWeek week, String shop)
      throws SQLException {
    return warehouse
        .read(c -> repo.load(c, week, shop, settings))
        .map(d -> WeeklyReport.build(d, settings));
  }

  /**
   * Generates the week's documents into {@code outDir/<week>/}: every one, or only a team and its
   * agents. Returns the manifest written.
   */
  public Manifest generate(
      WarehouseConnections warehouse, IsoWeek week, String team, String shop, Path outDir)
      throws SQLException {
    WeeklyReport report =
        report(warehouse, week, shop)
            .orElseThrow(
                () -> new IllegalStateException("no warehouse published at " + warehouse.file()));
    if (team != null && !report.teams().containsKey(team)) {
      throw new IllegalArgumentException(
          "team '"
              + team
              + "' has no active agent in "
              + week
              + "; teams: "
              + String.join(", ", report.teams().keySet()));
    }
    return write(report, team, outDir);
  }

  /** Renders and writes a report model (the part that needs no warehouse). */
  public Manifest write(WeeklyReport report, String team, Path outDir) {
    ReportData d = report.data();
    Path weekDir = outDir.resolve(d.week().label());
    Path font = ReportPdf.findFont(settings.pdfFonts());
    ReportDocuments docs = new ReportDocuments(report, english, clock.instant(), zone);
    try {
      Files.createDirectories(outDir);
      Path tmp = Files.createTempDirectory(outDir, "." + d.week().label() + "-");
      try {
        List<Entry> entries = new ArrayList<>();
        for (ReportDocument doc : docs.all(team)) {
          Files.writeString(
              tmp.resolve(doc.fileStem() + ".html"),
              ReportHtml.render(doc),
              StandardCharsets.UTF_8);
          Files.write(tmp.resolve(doc.fileStem() + ".pdf"), ReportPdf.render(doc, font));
          entries.add(entry(report, doc));
        }
        Files.createDirectories(weekDir);
        Manifest old = readManifest(weekDir).orElse(null);
        List<Entry> all = new ArrayList<>(entries);
        if (team != null && old != null) {
          // a team's run replaces that team's files and keeps the rest of the week's
          old.entries().stream()
              .filter(e -> entries.stream().noneMatch(n -> n.stem().equals(e.stem())))
              .forEach(all::add);
        }
        for (Entry e : entries) {
          for (String f : e.files()) {
            move(tmp.resolve(f), weekDir.resolve(f));
          }
        }
        ReportData.Context c = d.context();
        Manifest m =
            new Manifest(
                d.week().label(),
                d.shop(),
                english ? "en" : "zh",
                clock.instant().toString(),
                c.lastRunId(),
                c.lastIngestedDay() == null ? null : c.lastIngestedDay().toString(),
                c.provisionalDays().stream().map(Object::toString).toList(),
                c.missingDays().stream().map(Object::toString).toList(),
                all);
        Files.write(tmp.resolve(MANIFEST), JSON.writeValueAsBytes(m));
        move(tmp.resolve(MANIFEST), weekDir.resolve(MANIFEST));
        if (team == null && old != null) {
          for (Entry e : old.entries()) {
            if (all.stream().noneMatch(n -> n.stem().equals(e.stem()))) {
              for (String f : e.files()) {
                Files.deleteIfExists(weekDir.resolve(f));
              }
            }
          }
        }
        return m;
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports into " + weekDir + ": " + e, e);
    }
  }

  private static Entry entry(WeeklyReport r, ReportDocument doc) {
    switch (doc.kind()) {
      case AGENT:
        WeeklyReport.Subject a = r.agents().get(doc.key());
        return new Entry(doc.fileStem(), "agent", doc.key(), a.name(), a.team());
      case TEAM:
        return new Entry(doc.fileStem(), "team", doc.key(), doc.key(), doc.key());
      default:
        return new Entry(doc.fileStem(), "shop", "*", "*", null);
    }
  }

  /** The manifest of a week's folder, if it has one that can be read. */
  public static Optional<Manifest> readManifest(Path weekDir) {
    Path f = weekDir.resolve(MANIFEST);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), Manifest.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
