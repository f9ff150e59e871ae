package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

/**
 * The charts without a server: datasets from report lines, charts from datasets, PNG and SVG from
 * charts, and a font on every label that can draw Chinese.
 */
class KpiChartsTest {

  static final LocalDate MON = LocalDate.of(2026, 11, 2);

  static KpiFigures figures(long inquiring, long ordering, long answered, long rtSumMs) {
    return new KpiFigures(
        inquiring,
        inquiring,
        answered,
        answered,
        answered,
        rtSumMs,
        0,
        0,
        null,
        0,
        0,
        inquiring,
        inquiring,
        ordering,
        ordering,
        ordering,
        ordering,
        BigDecimal.ZERO.setScale(2),
        0,
        BigDecimal.ZERO.setScale(2),
        0,
        0,
        0,
        0,
        0);
  }

  static KpiReport.Line agent(String id, String name, KpiFigures f) {
    return new KpiReport.Line(id, name, "售前一组", MON, MON.plusDays(6), false, f);
  }

  static KpiReport.Line day(LocalDate d, KpiFigures f) {
    return new KpiReport.Line("*", "", "", d, d, false, f);
  }

  @Test
  void shouldPlotRatesAsPercentAndLeaveGapsForNoValue() {
    DefaultCategoryDataset d =
        KpiCharts.createTrendDataset(
            List.of(day(MON.plusDays(1), figures(0, 0, 0, 0)), day(MON, figures(10, 4, 1, 1))),
            Metric.INQUIRY_CONVERSION_RATE,
            "全部客服");
    assertEquals(List.of("11-02", "11-03"), d.getColumnKeys(), "in period order");
    assertEquals(40.0, d.getValue("全部客服", "11-02").doubleValue(), 1e-9);
    assertNull(d.getValue("全部客服", "11-03"), "no inquiries: a gap, not 0");
  }

  @Test
  void shouldRankBestFirstEvenWhenLowerIsBetter() {
    List<KpiReport.Line> lines =
        List.of(
            agent("a-slow", "阿强", figures(1, 1, 10, 900_000)),
            agent("a-none", "无人", figures(1, 1, 0, 0)),
            agent("a-fast", "小美", figures(1, 1, 10, 100_000)));
    DefaultCategoryDataset d = KpiCharts.createRankingDataset(lines, Metric.ART_AVG_S, "s");
    assertEquals(List.of("小美", "阿强"), d.getColumnKeys(), "fastest first, no-value left out");
    assertEquals(10.0, d.getValue("s", "小美").doubleValue(), 1e-9);
  }

  @Test
  void shouldDrawChineseLabelsWithAFontThatHasTheGlyphs() throws Exception {
    String family = ChartFonts.family();
    boolean cjk = new Font(family, Font.PLAIN, 12).canDisplay('客');
    if (!cjk) {
      String why = "no CJK font installed (install fonts-noto-cjk; .ci/prepare does)";
      if (Chromium.inCi()) {
        fail("CI=true: " + why);
      }
      assumeTrue(false, why);
    }
    JFreeChart chart =
        KpiCharts.createRankingChart(
            KpiCharts.createRankingDataset(
                List.of(agent("a-xiaomei", "小美", figures(10, 4, 1, 1))),
                Metric.INQUIRY_CONVERSION_RATE,
                "全部客服"),
            "询单转化率排名 · 全部客服",
            "姓名",
            "询单转化率 (%)");
    Font title = chart.getTitle().getFont();
    assertEquals(family, title.getFamily());
    assertEquals(-1, title.canDisplayUpTo(chart.getTitle().getText()));
    CategoryPlot plot = chart.getCategoryPlot();
    assertEquals(-1, plot.getDomainAxis().getTickLabelFont().canDisplayUpTo("小美阿杰王姐"));
    assertEquals(-1, plot.getRangeAxis().getLabelFont().canDisplayUpTo("询单转化率"));

    byte[] png = KpiCharts.png(chart, 600, 300);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(600, image.getWidth());
    assertEquals(300, image.getHeight());
    String svg = KpiCharts.svg(chart, 600, 300);
    assertTrue(svg.startsWith("<svg") || svg.contains("<svg"), svg.substring(0, 80));
    assertTrue(svg.contains("询单转化率排名") && svg.contains("小美"));
    assertTrue(svg.contains("font-family=\"'" + family + "', "), "names the same font first");
    assertTrue(svg.contains("Microsoft YaHei, sans-serif\""), "then common CJK fonts");
    assertFalse(svg.contains("Dialog"), "no Java logical font names");
    assertFalse(
        Pattern.compile("font-family=\"[^\",]*\"").matcher(svg).find(),
        "no font-family without the CJK fallbacks");
    assertTrue(svg.contains("<text"), "text stays text");
    // Well-formed XML that a browser can show as an image.
    assertEquals(
        "svg",
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
            .getDocumentElement()
            .getTagName());
  }

  @Test
  void shouldChooseAnInstalledCjkFamilyOrFallBack() {
    assertEquals(Font.SANS_SERIF, ChartFonts.choose(List.of("No Such Font")));
    String family = ChartFonts.family();
    if (!family.equals(Font.SANS_SERIF)) {
      assertEquals(family, ChartFonts.choose(List.of("No Such Font", family)));
      assertFalse(ChartFonts.choose(List.of(family)).isEmpty());
    }
  }

  @Test
  void shouldRenderEmptyChartsWithoutFailing() {
    JFreeChart chart =
        KpiCharts.createTrendChart(
            KpiCharts.createTrendDataset(List.of(), Metric.SALES, "x"), "销售额", "按日", "元");
    assertTrue(KpiCharts.png(chart, 300, 200).length > 0);
  }
}
