package io.kefu.sample;

import java.util.Random;

/**
 * Buyers' nicks, phone numbers and addresses as they look on Chinese platforms. Phone numbers come
 * in the forms buyers actually type (138 1234 5678, 138-1234-5678, +86 13812345678, 13812345678),
 * because the privacy rule must recognise all of them.
 */
final class People {

  private People() {}

  private static final String[] NICK_HEAD = {
    "豆豆", "糖糖", "米粒", "小鱼", "果果", "乐乐", "朵朵", "安安", "橙子", "甜甜", "团子", "布丁", "星星", "悠悠", "萌萌", "可乐",
    "小满", "桃子", "阳阳", "嘟嘟"
  };
  private static final String[] NICK_TAIL = {"妈妈", "麻麻", "的妈", "爸爸", "家", "宝贝", "妈咪", "的小窝"};
  private static final String[] LATIN = {
    "lily",
    "amy",
    "coco",
    "momo",
    "sunny",
    "kiki",
    "lucky",
    "nana",
    "xiaoxiao",
    "yoyo",
    "bella",
    "jenny",
    "tina",
    "lele",
    "mandy"
  };
  private static final String[] PREFIX = {
    "138", "139", "135", "136", "150", "152", "158", "186", "187", "177", "183", "199", "131", "157"
  };
  private static final String[] CITY = {
    "上海市浦东新区", "北京市朝阳区", "杭州市西湖区", "广州市天河区", "深圳市南山区", "成都市武侯区", "南京市鼓楼区",
    "武汉市洪山区", "苏州市工业园区", "宁波市鄞州区", "长沙市岳麓区", "西安市雁塔区", "郑州市金水区", "合肥市蜀山区"
  };
  private static final String[] ROAD = {
    "人民路", "建设路", "解放路", "中山路", "文三路", "和平路", "学院路", "长江路", "新华路", "滨江大道", "天目山路", "科技路"
  };
  private static final String[] COMPOUND = {"阳光花园", "锦绣家园", "翠苑小区", "金色港湾", "绿城桂花园", "万科城", "碧桂园"};

  /** A buyer nick derived from the buyer's number: the same buyer always has the same nick. */
  static String buyerId(long seed, long buyer) {
    Random r = new Random(Seeds.mix(seed, 0xB0E7L, buyer));
    return switch (r.nextInt(4)) {
      case 0 -> "tb" + (100000000L + Math.floorMod(r.nextLong(), 899999999L));
      case 1 -> "tb_" + LATIN[r.nextInt(LATIN.length)] + (buyer % 1000);
      default ->
          NICK_HEAD[r.nextInt(NICK_HEAD.length)]
              + NICK_TAIL[r.nextInt(NICK_TAIL.length)]
              + (buyer % 10000);
    };
  }

  /** A mobile number written the way buyers and agents type it. */
  static String phone(Random r) {
    String p = PREFIX[r.nextInt(PREFIX.length)];
    String a = String.format("%04d", r.nextInt(10000));
    String b = String.format("%04d", r.nextInt(10000));
    return switch (r.nextInt(5)) {
      case 0 -> p + " " + a + " " + b;
      case 1 -> p + "-" + a + "-" + b;
      case 2 -> "+86 " + p + a + b;
      default -> p + a + b;
    };
  }

  static String address(Random r) {
    return CITY[r.nextInt(CITY.length)]
        + ROAD[r.nextInt(ROAD.length)]
        + (1 + r.nextInt(999))
        + "号"
        + COMPOUND[r.nextInt(COMPOUND.length)]
        + (1 + r.nextInt(30))
        + "幢"
        + (101 + r.nextInt(20) * 100 + r.nextInt(4))
        + "室";
  }
}
