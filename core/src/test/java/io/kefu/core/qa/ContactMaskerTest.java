package io.kefu.core.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ContactMaskerTest {

  @Test
  void shouldMaskMobilesKeepingFirstThreeAndLastFourDigits() {
    assertEquals("电话138****5678", ContactMasker.mask("电话13812345678"));
    assertEquals("打 138 **** 5678 找我", ContactMasker.mask("打 138 1234 5678 找我"));
    assertEquals("+86 138-****-5678", ContactMasker.mask("+86 138-1234-5678"));
    assertEquals("１３８****５６７８", ContactMasker.mask("１３８１２３４５６７８"), "full-width digits");
    assertEquals("座机021-****5678", ContactMasker.mask("座机021-12345678"));
    assertEquals("0571 **** 6666", ContactMasker.mask("0571 8888 6666"));
  }

  @Test
  void shouldMaskIdCardsAndAddresses() {
    assertEquals("身份证11**************2X", ContactMasker.mask("身份证11010519491231002X"));
    assertEquals("寄到杭州市西湖区文三路***号*幢***室", ContactMasker.mask("寄到杭州市西湖区文三路100号3幢201室"));
    assertEquals("文三路***号", ContactMasker.mask("文三路100号"), "a buyer's loose address");
  }

  @Test
  void shouldLeaveOtherNumbersAlone() {
    for (String s :
        new String[] {
          "订单号 SF1409283746512", "3号发货", "买2件打8折", "100ml 的规格", "138****5678", "没有数字", ""
        }) {
      assertEquals(s, ContactMasker.mask(s));
    }
    assertNull(ContactMasker.mask(null));
  }
}
