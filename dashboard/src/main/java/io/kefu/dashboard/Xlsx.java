package io.kefu.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A minimal XLSX (Office Open XML spreadsheet) writer: sheets of text and number cells with a few
 * number formats, written with {@code java.util.zip}. The exports need nothing more, and Apache POI
 * would add about 15 MB of jars to the dashboard for it. Text is written as inline strings, so
 * there is no shared-string table; every text is XML-escaped and never read as a formula.
 */
final class Xlsx {

  /** Cell looks, the order of {@code cellXfs} in the styles part. */
  enum Style {
    TEXT,
    HEADER,
    INTEGER,
    DECIMAL_1,
    PERCENT,
    MONEY,
    DECIMAL_2
  }

  /** One cell; a null value leaves the cell empty. */
  record Cell(Object value, Style style) {
    static Cell text(String s) {
      return new Cell(s, Style.TEXT);
    }

    static Cell header(String s) {
      return new Cell(s, Style.HEADER);
    }
  }

  record Sheet(String name, List<List<Cell>> rows) {}

  private Xlsx() {}

  static byte[] write(List<Sheet> sheets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      put(zip, "[Content_Types].xml", contentTypes(sheets.size()));
      put(
          zip,
          "_rels/.rels",
          XML
              + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
              + "</Relationships>");
      put(zip, "xl/workbook.xml", workbook(sheets));
      put(zip, "xl/_rels/workbook.xml.rels", workbookRels(sheets.size()));
      put(zip, "xl/styles.xml", STYLES);
      for (int i = 0; i < sheets.size(); i++) {
        put(zip, "xl/worksheets/sheet" + (i + 1) + ".xml", sheet(sheets.get(i)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static final String XML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  private static final String STYLES =
      XML
          + "<styleSheet xmlns=\""
          + MAIN
          + "\">"
          + "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"0.0\"/>"
          + "<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/>"
          + "<numFmt numFmtId=\"166\" formatCode=\"#,##0.00\"/></numFmts>"
          + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
          + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
          + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
          + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
          + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
          + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
          + "</cellStyleXfs>"
          + "<cellXfs count=\"7\">"
          + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
          + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
          + "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
          + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
          + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
          + "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
          + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
          + "</cellXfs>"
          + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
          + "</styleSheet>";

  private static String contentTypes(int sheets) {
    StringBuilder b = new StringBuilder(XML);
    b.append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
    b.append(
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
    b.append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    b.append(
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
    b.append(
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
    for (int i = 1; i <= sheets; i++) {
      b.append("<Override PartName=\"/xl/worksheets/sheet")
          .append(i)
          .append(
              ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
    }
    return b.append("</Types>").toString();
  }

  private static String workbook(List<Sheet> sheets) {
    StringBuilder b = new StringBuilder(XML);
    b.append("<workbook xmlns=\"").append(MAIN).append("\" xmlns:r=\"").append(REL).append("\">");
    b.append("<sheets>");
    for (int i = 0; i < sheets.size(); i++) {
      b.append("<sheet name=\"")
          .append(esc(sheetName(sheets.get(i).name())))
          .append("\" sheetId=\"")
          .append(i + 1)
          .append("\" r:id=\"rId")
          .append(i + 1)
          .append("\"/>");
    }
    return b.append("</sheets></workbook>").toString();
  }

  private static String workbookRels(int sheets) {
    StringBuilder b = new StringBuilder(XML);
    b.append(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (int i = 1; i <= sheets; i++) {
      b.append("<Relationship Id=\"rId")
          .append(i)
          .append("\" Type=\"")
          .append(REL)
          .append("/worksheet\" Target=\"worksheets/sheet")
          .append(i)
          .append(".xml\"/>");
    }
    b.append("<Relationship Id=\"rId")
        .append(sheets + 1)
        .append("\" Type=\"")
        .append(REL)
        .append("/styles\" Target=\"styles.xml\"/>");
    return b.append("</Relationships>").toString();
  }

  private static String sheet(Sheet s) {
    StringBuilder b = new StringBuilder(XML);
    b.append("<worksheet xmlns=\"").append(MAIN).append("\">");
    // The header row stays in view while scrolling.
    b.append("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\"")
        .append(" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
    b.append("<sheetData>");
    for (int r = 0; r < s.rows().size(); r++) {
      b.append("<row r=\"").append(r + 1).append("\">");
      List<Cell> row = s.rows().get(r);
      for (int c = 0; c < row.size(); c++) {
        cell(b, column(c) + (r + 1), row.get(c));
      }
      b.append("</row>");
    }
    return b.append("</sheetData></worksheet>").toString();
  }

  private static void cell(StringBuilder b, String ref, Cell cell) {
    Object v = cell.value();
    if (v == null) {
      return;
    }
    int style = cell.style().ordinal();
    if (v instanceof Number) {
      String n =
          v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : numberText((Number) v);
      b.append("<c r=\"").append(ref).append("\" s=\"").append(style).append("\"><v>");
      b.append(n).append("</v></c>");
    } else {
      b.append("<c r=\"").append(ref).append("\" s=\"").append(style);
      b.append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
      b.append(esc(v.toString())).append("</t></is></c>");
    }
  }

  private static String numberText(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return "0";
      }
      return BigDecimal.valueOf(d).toPlainString();
    }
    return n.toString();
  }

  /** A, B, … Z, AA, AB … */
  static String column(int index) {
    StringBuilder s = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      s.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return s.toString();
  }

  /** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ . */
  static String sheetName(String name) {
    String s = name.replaceAll("[\\[\\]:*?/\\\\]", "_");
    return s.length() > 31 ? s.substring(0, 31) : s;
  }

  /** XML text: the markup characters escaped, and characters XML 1.0 forbids dropped. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static void put(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
