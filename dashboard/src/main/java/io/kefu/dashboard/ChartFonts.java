package io.kefu.dashboard;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which installed font can draw the charts' Chinese labels (客服, 平均响应时间, agents' names)?
 *
 * <p>Java's logical fonts ({@code SansSerif}) only reach a CJK font when fontconfig maps them to
 * one, which differs from machine to machine; with a Latin-only font every label comes out as
 * boxes. So the charts name a real family: the first of {@link #PREFERRED} that is installed and
 * can display {@link #PROBE}, else any installed family that can (scanned in name order, so the
 * choice is stable), else {@code SansSerif} with a warning in the log. {@code .ci/prepare} installs
 * Debian's {@code fonts-noto-cjk}, which provides the first preferred family.
 */
public final class ChartFonts {

  private static final Logger LOG = LoggerFactory.getLogger(ChartFonts.class);

  /** Families known to cover simplified Chinese, best first (Linux, then macOS and Windows). */
  static final List<String> PREFERRED =
      List.of(
          "Noto Sans CJK SC",
          "Noto Sans SC",
          "Source Han Sans SC",
          "Source Han Sans CN",
          "WenQuanYi Zen Hei",
          "WenQuanYi Micro Hei",
          "Droid Sans Fallback",
          "AR PL UMing CN",
          "PingFang SC",
          "Hiragino Sans GB",
          "Microsoft YaHei",
          "SimHei",
          "SimSun");

  /** Characters a chart font must draw: the product name, a metric, digits and an agent's name. */
  static final String PROBE = "客服洞察平均响应时间询单转化率小美阿杰0123456789%";

  /** Java's logical fonts: whether they reach a CJK font depends on fontconfig, so last resort. */
  private static final List<String> LOGICAL =
      List.of(Font.DIALOG, Font.DIALOG_INPUT, Font.MONOSPACED, Font.SANS_SERIF, Font.SERIF);

  private static volatile String family;

  private ChartFonts() {}

  /** The family the charts use on this machine (looked up once). */
  public static String family() {
    String f = family;
    if (f == null) {
      f =
          choose(
              Arrays.asList(
                  GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
      if (!new Font(f, Font.PLAIN, 12).canDisplay('客')) {
        LOG.warn(
            "no installed font can draw Chinese; chart labels will show as boxes."
                + " Install one (Debian: apt-get install fonts-noto-cjk; see .ci/prepare)");
      } else {
        LOG.info("charts use the font family {}", f);
      }
      family = f;
    }
    return f;
  }

  /** The chart font in a style and size. */
  public static Font font(int style, float size) {
    return new Font(family(), style, Math.round(size)).deriveFont(style, size);
  }

  /** The first family of the installed ones that can draw {@link #PROBE}; testable on any list. */
  static String choose(List<String> installed) {
    for (String name : PREFERRED) {
      if (installed.contains(name) && drawsProbe(name)) {
        return name;
      }
    }
    for (String name : installed.stream().sorted().toList()) {
      if (!LOGICAL.contains(name) && drawsProbe(name)) {
        return name;
      }
    }
    return Font.SANS_SERIF;
  }

  private static boolean drawsProbe(String name) {
    Font f = new Font(name, Font.PLAIN, 12);
    // An unknown name silently becomes "Dialog": only accept the family we asked for.
    return f.getFamily().equalsIgnoreCase(name) && f.canDisplayUpTo(PROBE) == -1;
  }
}
