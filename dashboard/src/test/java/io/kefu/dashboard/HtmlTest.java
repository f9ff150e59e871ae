package io.kefu.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {

  static final String XSS = "<script>alert('x')</script><img src=x onerror=\"alert(1)\">&amp;";

  @Test
  void shouldEscapeEverythingThatCanEndTextOrAnAttribute() {
    assertEquals(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x"
            + " onerror=&quot;alert(1)&quot;&gt;&amp;amp;",
        Html.esc(XSS));
    assertEquals("", Html.esc(null));
    assertEquals("亲，您好！满99元就包邮哦～", Html.esc("亲，您好！满99元就包邮哦～"));
    assertEquals("42", Html.esc(42));
  }

  @Test
  void shouldEscapeDataButNotMarkup() {
    String h = new Html().raw("<td>").text(XSS).raw("</td>").el("p", "muted", XSS).toString();
    assertTrue(h.startsWith("<td>&lt;script&gt;"));
    assertFalse(h.contains("<script"));
    assertFalse(h.contains("<img"));
    assertTrue(h.contains("<p class=\"muted\">&lt;script"));
  }

  @Test
  void shouldEncodeQueryValuesAndEscapeLinks() {
    String url = Html.url("/health", "run", "r 1&x=<b>", "reason", null);
    assertEquals("/health?run=r+1%26x%3D%3Cb%3E", url);
    String link = new Html().link("/x?a=1&b=\"2\"", "<b>").toString();
    assertEquals("<a href=\"/x?a=1&amp;b=&quot;2&quot;\">&lt;b&gt;</a>", link);
  }

  @Test
  void shouldShowARejectedLineAsTextOnTheHealthPage() {
    WarehouseRepository.IngestRun run =
        new WarehouseRepository.IngestRun(
            "r1\"><script>",
            "in",
            LocalDate.of(2026, 11, 2),
            LocalDate.of(2026, 11, 2),
            3L,
            1L,
            1L,
            1L,
            "<config>",
            LocalDateTime.of(2026, 11, 3, 2, 0),
            LocalDateTime.of(2026, 11, 3, 2, 1));
    HealthReport report =
        new HealthReport(
            List.of(),
            List.of(run),
            run,
            false,
            List.of(new WarehouseRepository.ReasonCount("not_json<b>", 1)),
            "not_json<b>",
            List.of(
                new WarehouseRepository.RejectLine(
                    "chat<i>.jsonl", 7L, "not_json<b>", "<u>bad</u>", XSS)));
    String html = HealthPage.render(view(), report);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<img"));
    assertFalse(html.contains("<b>") || html.contains("<i>") || html.contains("<u>"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  }

  static ViewContext view() {
    return new ViewContext(
        new Messages().text(Lang.EN),
        null,
        Tokens.random256(),
        "/health",
        ZoneId.of("Asia/Shanghai"));
  }
}
