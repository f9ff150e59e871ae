package io.kefu.dashboard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The KPI explorer's two charts: how did the selection's figure move over the range (trend), and
 * how do the agents or teams compare on it (ranking)? Built the jfree-demos way, {@code
 * createDataset} then {@code createChart}, and rendered last to PNG or SVG, so every step is
 * testable without a server. Labels use {@link ChartFonts}, a font that can draw Chinese.
 */
public final class KpiCharts {

  public static final int WIDTH = 900;
  public static final int HEIGHT = 360;

  static final Color BRAND = new Color(0xc2, 0x41, 0x0c);
  static final Color GRID = new Color(0xd9, 0xde, 0xe3);

  static final String SVG_FALLBACK_FONTS =
      "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";

  private KpiCharts() {}

  /** Rates are drawn as percentages, so the axis reads 0–100. */
  static Double plotted(Metric m, KpiFigures f) {
    Double v = m.number(f);
    if (v == null || m.kind() != Metric.Kind.RATE) {
      return v; // (a conditional expression here would unbox the null)
    }
    return v * 100;
  }

  /** The figure per period; periods without a value (0 denominator) are gaps. */
  public static DefaultCategoryDataset createTrendDataset(
      List<KpiReport.Line> trend, Metric m, String series) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    trend.stream()
        .sorted(java.util.Comparator.comparing(KpiReport.Line::period))
        .forEach(l -> d.addValue(plotted(m, l.figures()), series, periodLabel(l)));
    return d;
  }

  /** The figure per agent or team, best first; those without a value are left out. */
  public static DefaultCategoryDataset createRankingDataset(
      List<KpiReport.Line> ranking, Metric m, String series) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    KpiReport.sorted(ranking, new KpiQuery.Sort(m.column(), m.higherIsBetter())).stream()
        .filter(l -> m.number(l.figures()) != null)
        .forEach(l -> d.addValue(plotted(m, l.figures()), series, l.name()));
    return d;
  }

  static String periodLabel(KpiReport.Line l) {
    String start = l.period().toString().substring(5);
    return l.period().equals(l.periodEnd())
        ? start
        : start + "–" + l.periodEnd().toString().substring(5) + (l.partial() ? "*" : "");
  }

  public static JFreeChart createTrendChart(
      CategoryDataset dataset, String title, String periodAxis, String valueAxis) {
    LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
    CategoryPlot plot =
        new CategoryPlot(
            dataset,
            new CategoryAxis(periodAxis),
            new org.jfree.chart.axis.NumberAxis(valueAxis),
            renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
  }

  public static JFreeChart createRankingChart(
      CategoryDataset dataset, String title, String nameAxis, String valueAxis) {
    BarRenderer renderer = new BarRenderer();
    renderer.setSeriesPaint(0, BRAND);
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setMaximumBarWidth(0.08);
    CategoryPlot plot =
        new CategoryPlot(
            dataset,
            new CategoryAxis(nameAxis),
            new org.jfree.chart.axis.NumberAxis(valueAxis),
            renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
  }

  /** The product's look, and a font that draws Chinese on every text of the chart. */
  private static JFreeChart styled(JFreeChart chart) {
    StandardChartTheme theme = new StandardChartTheme("kefu");
    theme.setExtraLargeFont(ChartFonts.font(Font.BOLD, 18f));
    theme.setLargeFont(ChartFonts.font(Font.PLAIN, 14f));
    theme.setRegularFont(ChartFonts.font(Font.PLAIN, 12f));
    theme.setSmallFont(ChartFonts.font(Font.PLAIN, 10f));
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setRangeGridlinePaint(GRID);
    theme.setDomainGridlinePaint(GRID);
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    theme.apply(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setOutlineVisible(false);
    plot.getRenderer().setSeriesPaint(0, BRAND);
    plot.getRenderer().setSeriesStroke(0, new BasicStroke(2.5f));
    plot.setNoDataMessage("–");
    plot.setNoDataMessageFont(ChartFonts.font(Font.PLAIN, 14f));
    return chart;
  }

  public static byte[] png(JFreeChart chart, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      chart.draw(g, new Rectangle(width, height));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * SVG with the text as text, so it stays searchable and sharp, through Apache Batik's {@code
   * SVGGraphics2D} (Apache-2.0) on the JDK's DOM. Every {@code font-family} names the family {@link
   * ChartFonts} found, followed by common CJK fonts: the family found here may not exist where the
   * SVG is viewed.
   */
  public static String svg(JFreeChart chart, int width, int height) {
    Document doc;
    try {
      doc =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .getDOMImplementation()
              .createDocument(SVG_NS, "svg", null);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no XML DOM in this JDK", e);
    }
    SVGGeneratorContext context = SVGGeneratorContext.createDefault(doc);
    context.setComment(null);
    context.setEmbeddedFontsOn(false);
    context.setPrecision(3);
    SVGGraphics2D g = new SVGGraphics2D(context, false);
    g.setSVGCanvasSize(new Dimension(width, height));
    chart.draw(g, new Rectangle(width, height));
    Element root = g.getRoot();
    root.setAttribute("viewBox", "0 0 " + width + " " + height);
    withFallbackFonts(root);
    StringWriter out = new StringWriter(64 * 1024);
    try {
      g.stream(root, out, false, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      g.dispose();
    }
    // Batik writes the SVG 1.0 DOCTYPE, whose DTD an XML parser may try to fetch: not needed.
    return out.toString().replaceFirst("<!DOCTYPE[^>]*>\\s*", "");
  }

  static final String SVG_NS = "http://www.w3.org/2000/svg";

  /**
   * Appends the CJK fallbacks to every font-family Batik wrote (it names one family), and puts the
   * chart family in place of Java's logical fonts, which mean nothing to an SVG viewer.
   */
  private static void withFallbackFonts(Element root) {
    NodeList all = root.getElementsByTagName("*");
    for (int i = -1; i < all.getLength(); i++) {
      Element e = i < 0 ? root : (Element) all.item(i);
      String family = e.getAttribute("font-family");
      if (!family.isEmpty() && !family.contains(",")) {
        e.setAttribute("font-family", fontFamilies(family));
      }
    }
  }

  /** {@code 'Noto Sans CJK SC', Source Han Sans SC, …, sans-serif} for one family Batik named. */
  static String fontFamilies(String batikFamily) {
    String bare = batikFamily.replace("'", "").trim();
    if (List.of("Dialog", "DialogInput", "SansSerif", "Serif", "Monospaced", "sans-serif")
        .contains(bare)) {
      bare = ChartFonts.family();
    }
    StringBuilder out = new StringBuilder("'").append(bare).append('\'');
    for (String f : SVG_FALLBACK_FONTS.split(", ")) {
      if (!f.equalsIgnoreCase(bare)) {
        out.append(", ").append(f);
      }
    }
    return out.toString();
  }
}
