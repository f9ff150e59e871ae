package io.kefu.core.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void foldsFullWidthCaseAndPunctuation() {
    assertEquals("abc123", TextNormalizer.normalize("ＡＢＣ１２３"));
    assertEquals("http://x.tk/a?", TextNormalizer.normalize("ｈｔｔｐ：／／ｘ.ＴＫ/a？"));
    assertEquals("好,行!", TextNormalizer.normalize("好，行！"));
  }

  @Test
  void foldsTraditionalToSimplified() {
    assertEquals("爱买不买", TextNormalizer.normalize("愛買不買"));
    assertEquals("滚", TextNormalizer.normalize("滾"));
    assertEquals("保证绝对对不起谢谢", TextNormalizer.normalize("保證絕對對不起謝謝"));
    assertEquals("号电话地址", TextNormalizer.normalize("號電話地址"));
  }

  @Test
  void keepsEveryPosition() {
    String s = "亲，您好！ＶＩＰ會員 😀 ok";
    assertEquals(s.length(), TextNormalizer.normalize(s).length());
  }
}
