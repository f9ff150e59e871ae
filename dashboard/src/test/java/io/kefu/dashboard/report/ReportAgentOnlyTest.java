package io.kefu.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.dashboard.Role;
import io.kefu.dashboard.User;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command writes every file, an agent's report holds no other agent's data (in the HTML and in
 * the PDF's text), the PDF embeds a font that draws every character, and the dashboard lets each
 * person open only what is theirs.
 */
class ReportAgentOnlyTest {

  @TempDir static Path dir;
  static ReportFixture fixture;
  static Path out;
  static String stdout;

  @BeforeAll
  static void generate() throws Exception {
    fixture = new ReportFixture(7);
    Path wh = fixture.write(dir.resolve("kefu.duckdb"));
    out = dir.resolve("reports");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        ReportCommand.run(
            new String[] {
              "--week", "2026-W46", "--warehouse", wh.toString(), "--out", out.toString()
            },
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    stdout = o.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theCommandWritesEveryReportAndAManifest() {
    ReportGenerator.Manifest m =
        ReportGenerator.readManifest(out.resolve("2026-W46")).orElseThrow();
    assertEquals(RUN_ID, m.runId());
    // the shop, three groups (two teams and the agent off the roster), five agents
    assertEquals(1 + 3 + 5, m.entries().size());
    for (ReportGenerator.Entry e : m.entries()) {
      for (String f : e.files()) {
        assertTrue(Files.isRegularFile(out.resolve("2026-W46").resolve(f)), f);
      }
    }
    assertTrue(stdout.contains("agent-a-mei.pdf"), stdout);
    assertTrue(Files.isRegularFile(out.resolve("2026-W46/team-售前一组.pdf")));
  }

  static final String RUN_ID = ReportFixture.RUN;

  @Test
  void anAgentsReportHoldsNoOtherAgentsData() throws Exception {
    Path week = out.resolve("2026-W46");
    for (ReportFixture.Agent me : ReportFixture.AGENTS) {
      String html = Files.readString(week.resolve("agent-" + me.id() + ".html"));
      String pdf = pdfText(week.resolve("agent-" + me.id() + ".pdf"));
      assertTrue(html.contains(me.id()), me.id());
      assertTrue(pdf.contains(me.id()), me.id());
      for (ReportFixture.Agent other : ReportFixture.AGENTS) {
        if (other == me) {
          continue;
        }
        for (String text : new String[] {html, pdf}) {
          assertFalse(text.contains(other.id()), me.id() + " shows " + other.id());
          if (other.name() != null) {
            assertFalse(text.contains(other.name()), me.id() + " shows " + other.name());
          }
        }
      }
      for (ReportFixture.Session s : fixture.sessions) {
        if (!s.agent().equals(me.id()) && s.critical()) {
          assertFalse(html.contains("session=" + s.id() + "\""), me.id() + " links " + s.id());
        }
      }
    }
    // and the team report does show them all
    String team = Files.readString(week.resolve("team-售前一组.html"));
    assertTrue(team.contains("小美") && team.contains("阿杰") && team.contains("小林"));
  }

  @Test
  void thePdfEmbedsAFontThatDrawsEveryCharacter() throws Exception {
    Path pdf = out.resolve("2026-W46/agent-a-mei.pdf");
    try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
      assertTrue(d.getNumberOfPages() >= 3, "pages: " + d.getNumberOfPages());
      PDFont font =
          d.getPage(0)
              .getResources()
              .getFont(d.getPage(0).getResources().getFontNames().iterator().next());
      assertTrue(font.isEmbedded(), font.getName());
      String text = new PDFTextStripper().getText(d);
      assertTrue(text.contains("客服周报"), text.substring(0, Math.min(200, text.length())));
      assertTrue(text.contains("询单转化率"));
      assertTrue(text.contains("置信区间"));
      assertFalse(text.contains("?"), "a character the font cannot draw was replaced by '?'");
    }
  }

  @Test
  void theDashboardShowsEachPersonOnlyWhatIsTheirs() {
    ReportGenerator.Entry mine =
        new ReportGenerator.Entry("agent-a-mei", "agent", "a-mei", "小美", "售前一组");
    ReportGenerator.Entry theirs =
        new ReportGenerator.Entry("agent-a-jie", "agent", "a-jie", "阿杰", "售前一组");
    ReportGenerator.Entry team =
        new ReportGenerator.Entry("team-x", "team", "售前一组", "售前一组", "售前一组");
    ReportGenerator.Entry shop = new ReportGenerator.Entry("shop", "shop", "*", "*", null);
    User mei = user(Role.AGENT, "a-mei");
    User unlinked = user(Role.AGENT, null);
    User manager = user(Role.MANAGER, null);
    assertTrue(ReportHandlers.mayOpen(mei, mine));
    for (ReportGenerator.Entry e : List.of(theirs, team, shop)) {
      assertFalse(ReportHandlers.mayOpen(mei, e), e.stem());
      assertFalse(ReportHandlers.mayOpen(unlinked, e), e.stem());
      assertTrue(ReportHandlers.mayOpen(manager, e), e.stem());
    }
    assertFalse(ReportHandlers.mayOpen(unlinked, mine));
    assertEquals(
        "/reports/2026-W46/team-%E5%94%AE%E5%89%8D%E4%B8%80%E7%BB%84.pdf",
        ReportHandlers.url("2026-W46", "team-售前一组.pdf"));
  }

  @Test
  void badArgumentsExitWithTwo() {
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, ReportCommand.run(new String[] {"--week", "2026-45"}, o, err));
    assertEquals(2, ReportCommand.run(new String[] {"--week", "2026-W45", "--out", "x"}, o, err));
    assertTrue(e.toString(StandardCharsets.UTF_8).contains("--warehouse"));
    assertEquals(
        1,
        ReportCommand.run(
            new String[] {"--week", "2026-W45", "--warehouse", "/nonexistent.duckdb", "--out", "x"},
            o,
            err));
  }

  private static User user(Role role, String agentId) {
    return new User(1, "u", role, agentId, false, Instant.EPOCH, null);
  }

  private static String pdfText(Path pdf) throws Exception {
    try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(d);
    }
  }
}
