package io.kefu.dashboard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The live wall's two charts of the last hour, per minute: how many buyer turns came in and how
 * many were answered, and how fast (mean response time). {@code createDataset} then {@code
 * createChart}, rendered to PNG by {@link KpiCharts#png}; times on the axis in the shop's zone.
 */
final class LiveCharts {

  static final List<String> WHICH = List.of("turns", "rt");
  static final int WIDTH = 560;
  static final int HEIGHT = 260;

  private LiveCharts() {}

  static TimeSeriesCollection createDataset(
      List<LiveWall.Minute> minutes, String which, List<String> seriesNames) {
    TimeSeriesCollection d = new TimeSeriesCollection();
    if (which.equals("turns")) {
      TimeSeries turns = new TimeSeries(seriesNames.get(0));
      TimeSeries answered = new TimeSeries(seriesNames.get(1));
      for (LiveWall.Minute m : minutes) {
        Millisecond at = new Millisecond(java.util.Date.from(m.start()));
        turns.addOrUpdate(at, m.sums().turns());
        answered.addOrUpdate(at, m.sums().answered());
      }
      d.addSeries(turns);
      d.addSeries(answered);
    } else {
      TimeSeries rt = new TimeSeries(seriesNames.get(0));
      for (LiveWall.Minute m : minutes) {
        rt.addOrUpdate(new Millisecond(java.util.Date.from(m.start())), m.sums().avgRtS());
      }
      d.addSeries(rt);
    }
    return d;
  }

  static JFreeChart createChart(
      TimeSeriesCollection dataset, String title, String valueAxis, ZoneId zone) {
    DateAxis time = new DateAxis();
    time.setTimeZone(TimeZone.getTimeZone(zone));
    time.setDateFormatOverride(timeFormat(zone));
    NumberAxis value = new NumberAxis(valueAxis);
    value.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    XYPlot plot = new XYPlot(dataset, time, value, renderer);
    JFreeChart chart =
        new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, dataset.getSeriesCount() > 1);
    StandardChartTheme theme = new StandardChartTheme("kefu-live");
    theme.setExtraLargeFont(ChartFonts.font(Font.BOLD, 15f));
    theme.setLargeFont(ChartFonts.font(Font.PLAIN, 12f));
    theme.setRegularFont(ChartFonts.font(Font.PLAIN, 11f));
    theme.setSmallFont(ChartFonts.font(Font.PLAIN, 10f));
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setRangeGridlinePaint(KpiCharts.GRID);
    theme.setDomainGridlinePaint(KpiCharts.GRID);
    theme.apply(chart);
    plot.setOutlineVisible(false);
    renderer.setSeriesPaint(0, KpiCharts.BRAND);
    renderer.setSeriesPaint(1, new Color(0x17, 0x80, 0x3d));
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesStroke(1, new BasicStroke(2f));
    plot.setNoDataMessage("–");
    plot.setNoDataMessageFont(ChartFonts.font(Font.PLAIN, 14f));
    return chart;
  }

  private static java.text.SimpleDateFormat timeFormat(ZoneId zone) {
    java.text.SimpleDateFormat f = new java.text.SimpleDateFormat("HH:mm");
    f.setTimeZone(TimeZone.getTimeZone(zone));
    return f;
  }
}
