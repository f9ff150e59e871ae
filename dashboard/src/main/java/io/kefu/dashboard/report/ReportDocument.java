package io.kefu.dashboard.report;

import java.util.List;

/**
 * One report file's content, independent of its format: the HTML ({@link ReportHtml}) and the PDF
 * ({@link ReportPdf}) are both rendered from it, so they cannot say different things.
 *
 * @param kind whose report: the shop, a team, an agent
 * @param key the agent id or team name ("*" for the shop)
 * @param fileStem the file name without extension, e.g. {@code agent-a-xiaomei}
 */
public record ReportDocument(
    WeeklyReport.Kind kind,
    String key,
    String fileStem,
    String lang,
    String title,
    String subtitle,
    List<Block> blocks) {

  /** A part of the document, in reading order. */
  public interface Block {}

  /** How a piece of text is emphasised. */
  public enum Tone {
    PLAIN,
    MUTED,
    STRONG,
    GOOD,
    BAD,
    WARN
  }

  /** A section title. */
  public record Heading(String text) implements Block {}

  public record Paragraph(String text, Tone tone) implements Block {}

  /**
   * A table; widths are relative column widths (the PDF's layout; the HTML lets the browser fit).
   */
  public record Table(List<String> header, List<List<Cell>> rows, List<Double> widths)
      implements Block {}

  /** A table cell; link is null or an address (escaped when written). */
  public record Cell(String text, Tone tone, String link) {
    public static Cell of(String text) {
      return new Cell(text, Tone.PLAIN, null);
    }

    public static Cell of(String text, Tone tone) {
      return new Cell(text, tone, null);
    }
  }

  /** Charts side by side (one or two). */
  public record Charts(List<Chart> charts) implements Block {}

  /**
   * A chart as PNG; width and height are its logical size in CSS pixels (the PNG has twice as
   * many).
   */
  public record Chart(String title, byte[] png, int width, int height) {}
}
