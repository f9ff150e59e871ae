package io.kefu.dashboard.report;

import io.kefu.dashboard.report.ReportDocument.Block;
import io.kefu.dashboard.report.ReportDocument.Cell;
import io.kefu.dashboard.report.ReportDocument.Chart;
import io.kefu.dashboard.report.ReportDocument.Charts;
import io.kefu.dashboard.report.ReportDocument.Heading;
import io.kefu.dashboard.report.ReportDocument.Paragraph;
import io.kefu.dashboard.report.ReportDocument.Table;
import io.kefu.dashboard.report.ReportDocument.Tone;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

/**
 * A report as a PDF (A4 landscape) with Apache PDFBox: the same {@link ReportDocument} as the HTML,
 * laid out here — wrapped text, tables that continue on the next page under a repeated header,
 * charts two to a row, page numbers. Chinese needs a font with Chinese glyphs embedded in the file
 * (the reader's machine may have none): PDFBox embeds the used glyphs of a TrueType font, so the
 * first installed file of {@code pdf.fonts} is used (Debian's fonts-wqy-zenhei by default; Noto CJK
 * is CFF-flavoured OpenType, which PDFBox cannot embed). A character the font lacks is written as
 * '?' rather than failing the report.
 */
public final class ReportPdf {

  static final float PAGE_W = PDRectangle.A4.getHeight();
  static final float PAGE_H = PDRectangle.A4.getWidth();
  static final float MARGIN = 34;
  static final float CONTENT_W = PAGE_W - 2 * MARGIN;
  static final float BOTTOM = MARGIN + 16;

  static final Color TEXT = new Color(0x1f, 0x29, 0x33);
  static final Color MUTED = new Color(0x7b, 0x87, 0x94);
  static final Color GOOD = new Color(0x13, 0x73, 0x33);
  static final Color BAD = new Color(0xb3, 0x26, 0x1e);
  static final Color WARN = new Color(0x8a, 0x5a, 0x00);
  static final Color BRAND = new Color(0xc2, 0x41, 0x0c);
  static final Color RULE = new Color(0xd9, 0xde, 0xe3);
  static final Color HEAD_BG = new Color(0xf5, 0xf7, 0xfa);
  static final Color WARN_BG = new Color(0xff, 0xf4, 0xe0);
  static final Color BAD_BG = new Color(0xfd, 0xec, 0xea);

  /** The first of the configured fonts that exists, or an explanation of what to install. */
  public static Path findFont(List<Path> candidates) {
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no TrueType font with Chinese glyphs for the PDF: none of "
            + candidates
            + " exists. Install one (Debian: apt-get install fonts-wqy-zenhei) or set pdf.fonts"
            + " in the report configuration");
  }

  public static byte[] render(ReportDocument doc, Path fontFile) {
    try (PDDocument pdf = new PDDocument();
        FontSource source = FontSource.open(fontFile)) {
      PDType0Font font = PDType0Font.load(pdf, source.font, true);
      Writer w = new Writer(pdf, new Glyphs(font, source.font.getUnicodeCmapLookup()));
      w.document(doc);
      PDDocumentInformation info = pdf.getDocumentInformation();
      info.setTitle(doc.title());
      info.setSubject(doc.subtitle());
      info.setCreator("Kefu Insight");
      ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PDF of " + doc.fileStem(), e);
    }
  }

  /**
   * A .ttf, or the first font of a .ttc; kept open until the PDF is saved (subsetting reads it).
   */
  private static final class FontSource implements AutoCloseable {
    final TrueTypeFont font;
    final TrueTypeCollection collection;

    private FontSource(TrueTypeFont font, TrueTypeCollection collection) {
      this.font = font;
      this.collection = collection;
    }

    static FontSource open(Path file) throws IOException {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".ttc")) {
        TrueTypeCollection ttc = new TrueTypeCollection(file.toFile());
        TrueTypeFont[] first = new TrueTypeFont[1];
        ttc.processAllFonts(
            f -> {
              if (first[0] == null) {
                first[0] = f;
              }
            });
        if (first[0] == null) {
          ttc.close();
          throw new IOException(file + " holds no font");
        }
        return new FontSource(first[0], ttc);
      }
      return new FontSource(
          new org.apache.fontbox.ttf.TTFParser()
              .parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(file.toFile())),
          null);
    }

    @Override
    public void close() throws IOException {
      if (collection != null) {
        collection.close();
      } else {
        font.close();
      }
    }
  }

  /** The font, with the widths of characters cached and missing characters replaced. */
  static final class Glyphs {
    final PDType0Font font;
    private final org.apache.fontbox.ttf.CmapLookup cmap;
    private final Map<Integer, Float> widths = new HashMap<>();

    Glyphs(PDType0Font font, org.apache.fontbox.ttf.CmapLookup cmap) {
      this.font = font;
      this.cmap = cmap;
    }

    /** Width of one code point at size 1000, or -1 when the font has no glyph for it. */
    private float width(int cp) {
      return widths.computeIfAbsent(
          cp,
          c -> {
            try {
              if (cmap.getGlyphId(c) == 0) {
                return -1f;
              }
              return font.getStringWidth(new String(Character.toChars(c)));
            } catch (IOException | IllegalArgumentException e) {
              return -1f;
            }
          });
    }

    /** The text with characters the font cannot draw replaced by '?'. */
    String drawable(String s) {
      StringBuilder b = new StringBuilder(s.length());
      s.codePoints()
          .forEach(
              cp -> {
                if (cp == '\n' || cp == '\t') {
                  b.append(' ');
                } else if (width(cp) < 0) {
                  b.append('?');
                } else {
                  b.appendCodePoint(cp);
                }
              });
      return b.toString();
    }

    float width(String drawable, float size) {
      float w = 0;
      for (int i = 0; i < drawable.length(); ) {
        int cp = drawable.codePointAt(i);
        w += Math.max(0, width(cp));
        i += Character.charCount(cp);
      }
      return w / 1000f * size;
    }

    /** Wraps text to a width: at spaces where possible, else between any two characters (CJK). */
    List<String> wrap(String text, float size, float maxWidth) {
      String s = drawable(text);
      List<String> lines = new ArrayList<>();
      int start = 0;
      while (start < s.length()) {
        int end = start;
        int lastSpace = -1;
        float w = 0;
        while (end < s.length()) {
          int cp = s.codePointAt(end);
          float cw = Math.max(0, width(cp)) / 1000f * size;
          if (w + cw > maxWidth && end > start) {
            break;
          }
          if (cp == ' ') {
            lastSpace = end;
          }
          w += cw;
          end += Character.charCount(cp);
        }
        if (end < s.length() && lastSpace > start && isLatin(s, end)) {
          end = lastSpace + 1;
        }
        lines.add(s.substring(start, end).stripTrailing());
        start = end;
        while (start < s.length() && s.charAt(start) == ' ') {
          start++;
        }
      }
      if (lines.isEmpty()) {
        lines.add("");
      }
      return lines;
    }

    private static boolean isLatin(String s, int at) {
      return at > 0 && s.charAt(at - 1) < 0x2E80 && s.charAt(at) < 0x2E80;
    }
  }

  /** Lays blocks out page by page. */
  private static final class Writer {
    final PDDocument pdf;
    final Glyphs g;
    PDPageContentStream cs;
    PDPage page;
    float y;
    final List<PDPage> pages = new ArrayList<>();
    String footer = "";

    Writer(PDDocument pdf, Glyphs g) {
      this.pdf = pdf;
      this.g = g;
    }

    void document(ReportDocument doc) throws IOException {
      footer = doc.title() + " · " + doc.subtitle();
      newPage();
      text(doc.title(), MARGIN, y - 16, 16, TEXT, true);
      y -= 24;
      for (String line : g.wrap(doc.subtitle(), 9.5f, CONTENT_W)) {
        text(line, MARGIN, y - 10, 9.5f, MUTED, false);
        y -= 13;
      }
      y -= 4;
      List<Block> blocks = doc.blocks();
      for (int i = 0; i < blocks.size(); i++) {
        if (blocks.get(i) instanceof Heading && i + 1 < blocks.size()) {
          // a heading never ends a page: it goes with the start of what follows it
          ensure(40 + start(blocks.get(i + 1)));
        }
        block(blocks.get(i));
      }
      cs.close();
      footers();
    }

    void newPage() throws IOException {
      if (cs != null) {
        cs.close();
      }
      page = new PDPage(new PDRectangle(PAGE_W, PAGE_H));
      pdf.addPage(page);
      pages.add(page);
      cs = new PDPageContentStream(pdf, page);
      y = PAGE_H - MARGIN;
    }

    void ensure(float height) throws IOException {
      if (y - height < BOTTOM) {
        newPage();
      }
    }

    /** The height of the first piece of a block that must share the page with its heading. */
    static float start(Block b) {
      if (b instanceof Charts c) {
        float w = (CONTENT_W - 10) / 2;
        return (float)
            c.charts().stream().mapToDouble(x -> w * x.height() / x.width()).max().orElse(0);
      }
      return 50;
    }

    void block(Block b) throws IOException {
      if (b instanceof Heading x) {
        ensure(60);
        y -= 10;
        text(x.text(), MARGIN, y - 12, 12.5f, TEXT, true);
        y -= 16;
        fillRect(MARGIN, y, CONTENT_W, 1.2f, BRAND);
        y -= 6;
      } else if (b instanceof Paragraph x) {
        paragraph(x);
      } else if (b instanceof Table x) {
        table(x);
      } else if (b instanceof Charts x) {
        charts(x);
      } else {
        throw new IllegalArgumentException("unknown block " + b);
      }
    }

    void paragraph(Paragraph p) throws IOException {
      float size = 8.5f;
      float lead = 12;
      boolean boxed = p.tone() == Tone.WARN || p.tone() == Tone.BAD;
      float indent = boxed ? 8 : 0;
      List<String> lines = g.wrap(p.text(), size, CONTENT_W - 2 * indent);
      float h = lines.size() * lead + (boxed ? 6 : 0);
      ensure(Math.min(h, 3 * lead + 6));
      if (boxed) {
        float boxH = Math.min(h, y - BOTTOM);
        fillRect(MARGIN, y - boxH, CONTENT_W, boxH, p.tone() == Tone.BAD ? BAD_BG : WARN_BG);
        fillRect(MARGIN, y - boxH, 3, boxH, p.tone() == Tone.BAD ? BAD : BRAND);
        y -= 3;
      }
      for (String line : lines) {
        ensure(lead);
        text(line, MARGIN + indent, y - 9, size, color(p.tone()), false);
        y -= lead;
      }
      y -= boxed ? 7 : 4;
    }

    void table(Table t) throws IOException {
      float size = t.header().size() > 12 ? 6.8f : 7.6f;
      float lead = size + 2.6f;
      float pad = 3;
      double total = t.widths().stream().mapToDouble(Double::doubleValue).sum();
      float[] widths = new float[t.header().size()];
      for (int i = 0; i < widths.length; i++) {
        double rel = i < t.widths().size() ? t.widths().get(i) : 1.0;
        widths[i] = (float) (CONTENT_W * rel / total);
      }
      List<List<String>> head = new ArrayList<>();
      float headH = 0;
      for (int i = 0; i < widths.length; i++) {
        List<String> l = g.wrap(t.header().get(i), size, widths[i] - 2 * pad);
        head.add(l);
        headH = Math.max(headH, l.size() * lead + 2 * pad);
      }
      ensure(headH + 2 * lead + 2 * pad);
      header(head, widths, headH, size, lead, pad);
      for (List<Cell> row : t.rows()) {
        List<List<String>> cells = new ArrayList<>();
        float rowH = 0;
        for (int i = 0; i < widths.length; i++) {
          String text = i < row.size() ? row.get(i).text() : "";
          List<String> l = g.wrap(text, size, widths[i] - 2 * pad);
          cells.add(l);
          rowH = Math.max(rowH, l.size() * lead + 2 * pad);
        }
        if (y - rowH < BOTTOM) {
          newPage();
          header(head, widths, headH, size, lead, pad);
        }
        float x = MARGIN;
        for (int i = 0; i < widths.length; i++) {
          Cell c = i < row.size() ? row.get(i) : Cell.of("");
          boolean right = ReportHtml.rightAligned(t, i, c.text());
          float ly = y - pad - size;
          for (String line : cells.get(i)) {
            float lx = right ? x + widths[i] - pad - g.width(line, size) : x + pad;
            text(
                line,
                lx,
                ly,
                size,
                c.link() != null ? BRAND : color(c.tone()),
                c.tone() == Tone.STRONG || c.tone() == Tone.GOOD || c.tone() == Tone.BAD);
            ly -= lead;
          }
          if (c.link() != null && isAbsolute(c.link())) {
            link(x, y - rowH, widths[i], rowH, c.link());
          }
          x += widths[i];
        }
        y -= rowH;
        fillRect(MARGIN, y, CONTENT_W, 0.5f, RULE);
      }
      y -= 8;
    }

    void header(List<List<String>> head, float[] widths, float h, float size, float lead, float pad)
        throws IOException {
      fillRect(MARGIN, y - h, CONTENT_W, h, HEAD_BG);
      float x = MARGIN;
      for (int i = 0; i < widths.length; i++) {
        float ly = y - pad - size;
        for (String line : head.get(i)) {
          text(line, x + pad, ly, size, TEXT, true);
          ly -= lead;
        }
        x += widths[i];
      }
      y -= h;
      fillRect(MARGIN, y, CONTENT_W, 0.8f, MUTED);
    }

    void charts(Charts c) throws IOException {
      float gap = 10;
      float w = (CONTENT_W - gap) / 2;
      float h = 0;
      for (Chart chart : c.charts()) {
        h = Math.max(h, w * chart.height() / chart.width());
      }
      ensure(h + 6);
      float x = MARGIN;
      for (Chart chart : c.charts()) {
        PDImageXObject img = PDImageXObject.createFromByteArray(pdf, chart.png(), chart.title());
        float ih = w * chart.height() / chart.width();
        cs.drawImage(img, x, y - ih, w, ih);
        x += w + gap;
      }
      y -= h + 8;
    }

    void footers() throws IOException {
      int n = pages.size();
      for (int i = 0; i < n; i++) {
        try (PDPageContentStream fc =
            new PDPageContentStream(
                pdf, pages.get(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
          cs = fc;
          String left = g.drawable(footer);
          float size = 7;
          while (g.width(left, size) > CONTENT_W - 80 && left.length() > 10) {
            left = left.substring(0, left.length() - 2);
          }
          text(left, MARGIN, MARGIN, size, MUTED, false);
          String right = (i + 1) + " / " + n;
          text(right, PAGE_W - MARGIN - g.width(right, size), MARGIN, size, MUTED, false);
        }
      }
    }

    void text(String s, float x, float baseline, float size, Color color, boolean bold)
        throws IOException {
      String d = g.drawable(s);
      if (d.isEmpty()) {
        return;
      }
      cs.beginText();
      cs.setFont(g.font, size);
      cs.setNonStrokingColor(color);
      if (bold) {
        // the CJK fonts have no bold face: fill and stroke the outline thinly instead
        cs.setRenderingMode(RenderingMode.FILL_STROKE);
        cs.setStrokingColor(color);
        cs.setLineWidth(size / 30f);
      } else {
        cs.setRenderingMode(RenderingMode.FILL);
      }
      cs.newLineAtOffset(x, baseline);
      cs.showText(d);
      cs.endText();
    }

    void fillRect(float x, float y0, float w, float h, Color c) throws IOException {
      cs.setNonStrokingColor(c);
      cs.addRect(x, y0, w, h);
      cs.fill();
    }

    void link(float x, float y0, float w, float h, String uri) throws IOException {
      PDAnnotationLink link = new PDAnnotationLink();
      PDRectangle r = new PDRectangle(x, y0, w, h);
      link.setRectangle(r);
      PDBorderStyleDictionary border = new PDBorderStyleDictionary();
      border.setWidth(0);
      link.setBorderStyle(border);
      PDActionURI action = new PDActionURI();
      action.setURI(uri);
      link.setAction(action);
      page.getAnnotations().add(link);
    }

    static boolean isAbsolute(String link) {
      String l = link.toLowerCase(Locale.ROOT);
      return l.startsWith("https://") || l.startsWith("http://");
    }

    static Color color(Tone t) {
      switch (t) {
        case MUTED:
          return MUTED;
        case GOOD:
          return GOOD;
        case BAD:
          return BAD;
        case WARN:
          return WARN;
        default:
          return TEXT;
      }
    }
  }
}
