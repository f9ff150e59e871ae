package io.kefu.dashboard.report;

import io.kefu.dashboard.ChartFonts;
import io.kefu.dashboard.KpiCharts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * The report's charts, built the jfree-demos way ({@code create…Dataset} then {@code create…Chart},
 * rendered last) with the KPI explorer's look and its CJK font ({@link ChartFonts}), so Chinese
 * names and labels draw on any machine with a CJK font installed:
 *
 * <ul>
 *   <li>trend: a figure over the last weeks, the agent's line against the team's ({@link
 *       KpiCharts#createTrendChart});
 *   <li>spread of response times in a team: one box per agent (median, quartiles, whiskers, mean);
 *   <li>a rate per agent with its Wilson interval: a bar from the lower to the upper bound and a
 *       dot at the estimate, so a short bar is a figure to trust and a long one is not;
 *   <li>composite scores per agent ({@link KpiCharts#createRankingChart}).
 * </ul>
 */
public final class ReportCharts {

  /** The KPI explorer's colours. */
  static final Color BRAND = new Color(0xc2, 0x41, 0x0c);

  static final Color GRID = new Color(0xd9, 0xde, 0xe3);
  static final Color TEAM = new Color(0x64, 0x74, 0x8b);
  static final Color INTERVAL = new Color(0xf3, 0xc4, 0xa8);

  private ReportCharts() {}

  /** Series name → value per week (null: a gap), in the weeks' order. */
  public static DefaultCategoryDataset createTrendDataset(
      List<IsoWeek> weeks, Map<String, Function<IsoWeek, Double>> series) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (Map.Entry<String, Function<IsoWeek, Double>> s : series.entrySet()) {
      for (IsoWeek w : weeks) {
        d.addValue(s.getValue().apply(w), s.getKey(), w.shortLabel());
      }
    }
    return d;
  }

  public static JFreeChart createTrendChart(
      DefaultCategoryDataset dataset, String title, String weekAxis, String valueAxis) {
    JFreeChart chart = KpiCharts.createTrendChart(dataset, title, weekAxis, valueAxis);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    LineAndShapeRenderer r = (LineAndShapeRenderer) plot.getRenderer();
    r.setSeriesPaint(1, TEAM);
    r.setSeriesStroke(
        1,
        new BasicStroke(
            2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
    if (dataset.getRowCount() > 1) {
      legend(chart);
    }
    return chart;
  }

  /** Agent name → response times in seconds. */
  public static DefaultBoxAndWhiskerCategoryDataset createSpreadDataset(
      Map<String, double[]> secondsByAgent, String series) {
    DefaultBoxAndWhiskerCategoryDataset d = new DefaultBoxAndWhiskerCategoryDataset();
    secondsByAgent.forEach(
        (name, values) -> {
          if (values.length > 0) {
            List<Double> list = new ArrayList<>(values.length);
            Arrays.stream(values).forEach(list::add);
            d.add(list, series, name);
          }
        });
    return d;
  }

  public static JFreeChart createSpreadChart(
      DefaultBoxAndWhiskerCategoryDataset dataset, String title, String valueAxis) {
    BoxAndWhiskerRenderer r = new BoxAndWhiskerRenderer();
    r.setFillBox(true);
    r.setSeriesPaint(0, INTERVAL);
    r.setSeriesOutlinePaint(0, BRAND);
    r.setArtifactPaint(BRAND);
    r.setMeanVisible(true);
    r.setMedianVisible(true);
    r.setMaxOutlierVisible(false);
    r.setMinOutlierVisible(false);
    r.setUseOutlinePaintForWhiskers(true);
    r.setMaximumBarWidth(0.09);
    NumberAxis axis = new NumberAxis(valueAxis);
    double top = 0;
    for (int c = 0; c < dataset.getColumnCount(); c++) {
      Number hi = dataset.getMaxRegularValue(0, c);
      if (hi != null) {
        top = Math.max(top, hi.doubleValue());
      }
    }
    if (top > 0) {
      axis.setRange(0, top * 1.1);
    }
    CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis(null), axis, r);
    JFreeChart chart = styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    // the theme repaints the series: the box colours go on last
    r.setSeriesPaint(0, INTERVAL);
    r.setSeriesOutlinePaint(0, BRAND);
    r.setArtifactPaint(BRAND);
    return chart;
  }

  /** A rate per agent with its interval, in percent. */
  public record RateWithInterval(String name, Double rate, ReportStats.Interval ci) {}

  public static JFreeChart createIntervalChart(
      List<RateWithInterval> rows, String title, String valueAxis, String estimate, String range) {
    List<RateWithInterval> shown = rows.stream().filter(r -> r.ci() != null).toList();
    String[] names = shown.stream().map(RateWithInterval::name).toArray(String[]::new);
    Number[][] lo = {
      shown.stream().map(r -> (Number) (r.ci().lower() * 100)).toArray(Number[]::new)
    };
    Number[][] hi = {
      shown.stream().map(r -> (Number) (r.ci().upper() * 100)).toArray(Number[]::new)
    };
    DefaultIntervalCategoryDataset intervals =
        new DefaultIntervalCategoryDataset(new String[] {range}, names, lo, hi);
    DefaultCategoryDataset points = new DefaultCategoryDataset();
    for (RateWithInterval r : shown) {
      points.addValue(r.rate() == null ? null : r.rate() * 100, estimate, r.name());
    }
    IntervalBarRenderer bars = new IntervalBarRenderer();
    bars.setSeriesPaint(0, INTERVAL);
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setMaximumBarWidth(0.05);
    NumberAxis axis = new NumberAxis(valueAxis);
    axis.setRange(0, 100);
    CategoryPlot plot = new CategoryPlot(intervals, new CategoryAxis(null), axis, bars);
    LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
    dots.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
    plot.setDataset(1, points);
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    JFreeChart chart = styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    dots.setSeriesPaint(0, BRAND);
    bars.setSeriesPaint(0, INTERVAL);
    legend(chart);
    return chart;
  }

  /** Name → score, best first; unscored agents are left out. */
  public static DefaultCategoryDataset createScoreDataset(
      LinkedHashMap<String, Double> scores, String series) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    scores.forEach(
        (name, score) -> {
          if (score != null) {
            d.addValue(score, series, name);
          }
        });
    return d;
  }

  public static JFreeChart createScoreChart(
      DefaultCategoryDataset dataset, String title, String nameAxis, String valueAxis) {
    JFreeChart chart = KpiCharts.createRankingChart(dataset, title, nameAxis, valueAxis);
    ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setRange(0, 100);
    return chart;
  }

  private static void legend(JFreeChart chart) {
    if (chart.getLegend() == null) {
      chart.addLegend(new LegendTitle(chart.getPlot()));
    }
    chart.getLegend().setItemFont(ChartFonts.font(Font.PLAIN, 12f));
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
  }

  private static JFreeChart styled(JFreeChart chart) {
    StandardChartTheme theme = new StandardChartTheme("kefu-report");
    theme.setExtraLargeFont(ChartFonts.font(Font.BOLD, 16f));
    theme.setLargeFont(ChartFonts.font(Font.PLAIN, 13f));
    theme.setRegularFont(ChartFonts.font(Font.PLAIN, 12f));
    theme.setSmallFont(ChartFonts.font(Font.PLAIN, 11f));
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setRangeGridlinePaint(GRID);
    theme.setDomainGridlinePaint(GRID);
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    theme.apply(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setOutlineVisible(false);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setNoDataMessage("–");
    plot.setNoDataMessageFont(ChartFonts.font(Font.PLAIN, 14f));
    return chart;
  }

  /** PNG at scale × the size, so it stays sharp in the PDF and on high-density screens. */
  public static byte[] png(JFreeChart chart, int width, int height, double scale) {
    int w = (int) Math.round(width * scale);
    int h = (int) Math.round(height * scale);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(scale, scale);
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
}
