package io.kefu.dashboard;

/** The two languages of the UI. Chinese is the default: the shops' teams work in it. */
public enum Lang {
  ZH("zh", "zh-CN"),
  EN("en", "en");

  /** The cookie that remembers the choice. */
  public static final String COOKIE = "kefu_lang";

  private final String code;
  private final String htmlLang;

  Lang(String code, String htmlLang) {
    this.code = code;
    this.htmlLang = htmlLang;
  }

  public String code() {
    return code;
  }

  /** The value of the page's {@code <html lang>}. */
  public String htmlLang() {
    return htmlLang;
  }

  public Lang other() {
    return this == ZH ? EN : ZH;
  }

  /** The language a cookie value names; anything else is Chinese. */
  public static Lang fromCode(String code) {
    return "en".equals(code) ? EN : ZH;
  }
}
