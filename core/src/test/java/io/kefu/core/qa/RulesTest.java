package io.kefu.core.qa;

import static io.kefu.core.qa.Transcript.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of QA_RULES.md firing and not firing, near-misses and typing variants included. */
class RulesTest {

  static final QaEngine ENGINE = new QaEngine(Rulebook.defaultChinese());

  /** A compliant opening and closing around the lines under test. */
  static Transcript polite(String agentLine) {
    return session()
        .buyer(0, "在吗")
        .agent(5, "亲，您好，在的")
        .buyer(10, "问个问题")
        .agent(15, agentLine)
        .buyer(20, "好的")
        .agent(25, "感谢支持，祝您购物愉快~");
  }

  static int hits(Transcript t, RuleId rule) {
    return t.score(ENGINE).hitCount(rule);
  }

  // ---- greeting -------------------------------------------------------------------------------

  @Test
  void greetingFiresWhenTheFirstAgentMessageDoesNotGreet() {
    Transcript t = session().buyer(0, "包邮吗").agent(8, "满99包邮").agent(20, "谢谢亲");
    assertEquals(1, hits(t, RuleId.GREETING));
  }

  @Test
  void greetingAcceptsTraditionalFullWidthAndLatinGreetings() {
    for (String hello : List.of("您好，歡迎光臨", "ＨＩ～在的哦", "Hello亲~可以的", "在的，您说", "早上好~我查一下")) {
      Transcript t = session().buyer(0, "在吗").agent(8, hello).agent(20, "谢谢");
      assertEquals(0, hits(t, RuleId.GREETING), hello);
    }
  }

  @Test
  void greetingIgnoresBotGreetingsAndWordsThatOnlyContainTheGreeting() {
    Transcript bot =
        session().buyer(0, "你好").bot(1, "【店小蜜】您好，欢迎光临").agent(9, "有啥事").agent(20, "谢谢");
    assertEquals(1, hits(bot, RuleId.GREETING));
    Transcript words = session().buyer(0, "面料如何").agent(8, "现在的面料是亲肤棉").agent(20, "谢谢");
    assertEquals(1, hits(words, RuleId.GREETING), "现在的 / 亲肤 are no greeting");
    Transcript latin =
        session().buyer(0, "which one").agent(8, "this one is white").agent(20, "谢谢");
    assertEquals(1, hits(latin, RuleId.GREETING), "the hi of this/white is no hi");
  }

  @Test
  void greetingAndClosingDoNotApplyWhenTheAgentNeverWrote() {
    Transcript t = session().buyer(0, "在吗").bot(1, "【店小蜜】人工客服马上为您服务");
    SessionScore s = t.score(ENGINE);
    assertEquals(0, s.hitCount(RuleId.GREETING));
    assertEquals(0, s.hitCount(RuleId.CLOSING));
    assertEquals(1, s.hitCount(RuleId.UNANSWERED));
  }

  // ---- timing ---------------------------------------------------------------------------------

  @Test
  void firstResponseSlaIsStrictlyAboveThirtySecondsAndIgnoresBots() {
    assertEquals(
        0, hits(session().buyer(0, "在吗").agent(30, "您好，在的，谢谢"), RuleId.FIRST_RESPONSE_SLA));
    assertEquals(
        1, hits(session().buyer(0, "在吗").agent(31, "您好，在的，谢谢"), RuleId.FIRST_RESPONSE_SLA));
    Transcript botFirst = session().buyer(0, "在吗").bot(2, "亲，排队中").agent(50, "您好，久等了，谢谢");
    assertEquals(1, hits(botFirst, RuleId.FIRST_RESPONSE_SLA));
  }

  @Test
  void firstResponseSlaCountsFromTheFirstMessageOfTheTurnAndFiresWhenNeverAnswered() {
    Transcript twoMessages = session().buyer(0, "在吗").buyer(20, "有人没有").agent(55, "您好，在的，谢谢");
    assertEquals(1, hits(twoMessages, RuleId.FIRST_RESPONSE_SLA));
    Transcript never = session().agent(0, "亲，您好，尾款还没付哦").buyer(300, "优惠券用不了").system(302, "会话超时");
    SessionScore s = never.score(ENGINE);
    assertEquals(1, s.hitCount(RuleId.FIRST_RESPONSE_SLA));
    assertEquals(1, s.hitCount(RuleId.UNANSWERED));
  }

  @Test
  void slowResponseCountsEachTurnOverSixtySecondsAndCapsTheDeduction() {
    Transcript t =
        session()
            .buyer(0, "在吗")
            .agent(70, "您好")
            .buyer(90, "几颗")
            .agent(170, "120颗")
            .buyer(190, "有图纸吗")
            .agent(280, "有")
            .buyer(300, "买一桶")
            .agent(380, "好的，谢谢");
    SessionScore s = t.score(ENGINE);
    assertEquals(4, s.hitCount(RuleId.SLOW_RESPONSE));
    int slowPoints =
        s.hits().stream()
            .filter(h -> h.rule() == RuleId.SLOW_RESPONSE)
            .mapToInt(RuleHit::deduction)
            .sum();
    assertEquals(15, slowPoints, "5 per slow turn, at most 15");
    assertEquals(
        0,
        hits(
            session().buyer(0, "在吗").agent(5, "您好").buyer(25, "要冰箱吗").agent(85, "不用，谢谢"),
            RuleId.SLOW_RESPONSE));
  }

  @Test
  void unansweredFiresOnceForTheLastTurnEvenWithBotRepliesAndChasers() {
    Transcript t =
        session()
            .buyer(0, "发货没")
            .agent(12, "亲，您好，稍等")
            .buyer(300, "还没物流")
            .buyer(360, "客服？？")
            .bot(421, "亲，当前咨询人数较多");
    assertEquals(1, hits(t, RuleId.UNANSWERED));
    assertEquals(0, hits(polite("好的"), RuleId.UNANSWERED));
  }

  // ---- impolite -------------------------------------------------------------------------------

  @Test
  void impoliteFiresOnRudeWordsInAnyTypingAndOncePerMessage() {
    for (String rude :
        List.of(
            "嫌贵别买，爱买不买",
            "愛買不買",
            "你自己看",
            "不知道，问快递去",
            "不买就滚，爱买不买",
            "煩不煩",
            "自己不会看吗？？",
            "隨便你",
            "你懂不懂啊")) {
      assertEquals(1, hits(polite(rude), RuleId.IMPOLITE), rude);
    }
  }

  @Test
  void impoliteIgnoresNearMissesAndTheBuyersWords() {
    for (String fine :
        List.of(
            "不知道您喜欢哪一款呢？",
            "我不知道您宝宝多大，方便说一下吗",
            "滚筒洗衣机可以洗",
            "滾筒洗衣機用羽絨服模式",
            "轮子滚动起来很安静",
            "担心奶瓶有病菌的话煮一下",
            "不烦不烦，您尽管问~",
            "活动商品都可以随便搭配",
            "没关系的亲",
            "您可以自己看一下详情页尺码表")) {
      assertEquals(0, hits(polite(fine), RuleId.IMPOLITE), fine);
    }
    Transcript buyerRude = session().buyer(0, "你们烦不烦，有病吧").agent(10, "亲，您好，非常抱歉打扰到您了，感谢理解");
    assertEquals(0, hits(buyerRude, RuleId.IMPOLITE));
  }

  // ---- privacy_leak ---------------------------------------------------------------------------

  @Test
  void privacyLeakFiresOnThirdPartyNumbersAndAddressesInEveryFormat() {
    for (String leak :
        List.of(
            "仓库王师傅电话13957126684",
            "派件员的电话是139-5712-6684",
            "她的号码是１５０ ６７２３ １１９０",
            "签收人电话是+86 186 9801 2345",
            "签收人电话是86-186-9801-2345",
            "店长座机021-12345678",
            "上一单填的是33010619900315123X",
            "老身份证330106900315123",
            "她住上海市闵行区七莘路1888弄12号502室",
            "被送到了南京市鼓楼区中山北路256号5栋1单元701",
            "送到苏州市工业园区星湖街３２８号１８幢６０２室了",
            "收件电话是186.2647.3190")) {
      assertEquals(1, hits(polite(leak), RuleId.PRIVACY_LEAK), leak);
    }
  }

  @Test
  void privacyLeakIgnoresDottedNumbersThatAreNoPhone() {
    for (String fine : List.of("车身8.5公斤", "2026.11.11零点开抢", "到手价139.90元", "版本1.3.12")) {
      assertEquals(0, hits(polite(fine), RuleId.PRIVACY_LEAK), fine);
    }
    Transcript readBack = session().buyer(0, "电话186.2647.3190").agent(10, "您好亲，已备注18626473190，谢谢");
    assertEquals(0, hits(readBack, RuleId.PRIVACY_LEAK));
  }

  @Test
  void privacyLeakIgnoresTheBuyersOwnDetailsReadBackInAnotherFormat() {
    Transcript t =
        session()
            .buyer(0, "地址：广州市天河区体育西路１２３号１８０８房，电话１３９ ５７１２ ６６８４")
            .agent(10, "亲，您好，已确认：广州市天河区体育西路123号1808房，139-5712-6684，感谢~");
    assertEquals(0, hits(t, RuleId.PRIVACY_LEAK));
    Transcript plus86 =
        session().buyer(0, "我的电话是+86 150 6723 1190").agent(10, "您好亲，已备注15067231190，谢谢");
    assertEquals(0, hits(plus86, RuleId.PRIVACY_LEAK));
    Transcript id =
        session().buyer(0, "实名：张敏，110105198511023028").agent(10, "您好，核对：110105198511023028，谢谢");
    assertEquals(0, hits(id, RuleId.PRIVACY_LEAK));
  }

  @Test
  void privacyLeakIgnoresMaskedNumbersOrderAndTrackingNumbersAndNonAddresses() {
    for (String fine :
        List.of(
            "订单留的是138****5678",
            "顺丰单号SF1409283746512",
            "订单号是4012876653219087341",
            "中通单号78364512098733",
            "我也不知道3号楼的快递什么时候到",
            "12号之前发货")) {
      assertEquals(0, hits(polite(fine), RuleId.PRIVACY_LEAK), fine);
    }
  }

  @Test
  void privacyLeakFiresWhenTheAgentGivesAnotherNumberThanTheBuyers() {
    Transcript t =
        session()
            .buyer(0, "我电话13812345678")
            .agent(10, "亲，您好，已备注13812345678")
            .buyer(40, "快递员电话多少")
            .agent(55, "这单的快递员电话17757390021，谢谢");
    SessionScore s = t.score(ENGINE);
    assertEquals(1, s.hitCount(RuleId.PRIVACY_LEAK));
    assertEquals(
        "e-004",
        s.hits().stream()
            .filter(h -> h.rule() == RuleId.PRIVACY_LEAK)
            .findFirst()
            .orElseThrow()
            .eventId());
  }

  // ---- unsafe_link ----------------------------------------------------------------------------

  @Test
  void unsafeLinkFiresOnPhishingLinksFromEitherSide() {
    for (String link :
        List.of(
            "这个 http://yg-fanxian.tk/d11 真的假的",
            "ｈｔｔｐ：／／taobao-login.tk/refund 是你们的吗",
            "看图 http://pic.yhq.cn/tuikuan/0921.jpg",
            "http://img.coupon-hub.net/yg/0811.jpg?size=large",
            "ｈｔｔｐ://pic.bbshow.cn/0612.ｊｐｇ",
            "抽奖 http://cj.yangguang-baby.com/lottery.swf",
            "https://tmall-fanxian.ms/d11",
            "http://muying-shop.pl/item/8812",
            "在这个页面重新登录淘宝账号 http://refund-check.cn/auth",
            "請在 https://tmall-yanzheng.cn/login 重新登陸驗證",
            "点这里 jifen-yangguang.tk/query")) {
      assertEquals(1, hits(polite(link), RuleId.UNSAFE_LINK), link);
      Transcript fromBuyer = session().buyer(0, link).agent(10, "亲，您好，请不要点，谢谢");
      assertEquals(1, hits(fromBuyer, RuleId.UNSAFE_LINK), "from the buyer: " + link);
    }
  }

  @Test
  void unsafeLinkIgnoresNormalLinksAndLoginTalkWithoutALink() {
    for (String fine :
        List.of(
            "https://detail.tmall.com/item.htm?id=688230144512&skuId=5012345678",
            "https://item.taobao.com/item.htm?id=598812340077",
            "https://m.tb.cn/h.UxYz12A",
            "我们从来不会让您点链接重新登录",
            "车身8.5公斤")) {
      assertEquals(0, hits(polite(fine), RuleId.UNSAFE_LINK), fine);
    }
  }

  @Test
  void unsafeLinkFiresWhenTheLoginAskAndTheLinkComeInTwoMessagesOfTheSameSender() {
    Transcript askThenLink =
        session()
            .buyer(0, "我是平台客服，你店铺违规了，需要重新登录千牛验证")
            .buyer(20, "http://qianniu-help.com/auth")
            .agent(30, "您好，平台通知我们只看千牛消息中心，谢谢");
    SessionScore s = askThenLink.score(ENGINE);
    assertEquals(1, s.hitCount(RuleId.UNSAFE_LINK));
    assertEquals(
        "e-002",
        s.hits().stream()
            .filter(h -> h.rule() == RuleId.UNSAFE_LINK)
            .findFirst()
            .orElseThrow()
            .eventId());
    Transcript linkThenAsk =
        session()
            .buyer(0, "退款在这 http://refund-center.cn/r")
            .buyer(10, "点进去重新登录一下淘宝账号就行")
            .agent(30, "您好，请不要发这种链接，谢谢");
    assertEquals(1, hits(linkThenAsk, RuleId.UNSAFE_LINK));
  }

  @Test
  void aLoginAskDoesNotTaintAnotherSendersOrALaterLink() {
    Transcript otherSender =
        session().buyer(0, "有人让我重新登录账号").agent(10, "您好亲，官方店铺在 https://sunshinebaby.tmall.com ，谢谢");
    assertEquals(0, hits(otherSender, RuleId.UNSAFE_LINK));
    Transcript later =
        session()
            .buyer(0, "我刚重新登录了一下")
            .buyer(5, "还是看不到订单")
            .agent(10, "您好")
            .buyer(20, "https://detail.tmall.com/item.htm?id=612345678901 这个")
            .agent(30, "有货的，谢谢");
    assertEquals(0, hits(later, RuleId.UNSAFE_LINK));
  }

  // ---- over_promise ---------------------------------------------------------------------------

  @Test
  void overPromiseFiresOnAbsolutePromises() {
    for (String promise :
        List.of("保证明天到", "保證是正品", "绝对没有色差", "絕對不會壞", "百分之百正品", "１００％不会漏", "后天一定能送到", "退款明天一定到账")) {
      assertEquals(1, hits(polite(promise), RuleId.OVER_PROMISE), promise);
    }
  }

  @Test
  void overPromiseIgnoresHonestLimitsRemindersAndNouns() {
    for (String fine :
        List.of(
            "快递时效我们这边没法保证",
            "这个没法百分之百保证哦",
            "交了消保保证金",
            "繳納消保保證金",
            "一定要先煮沸消毒",
            "一定记得确认收货哦",
            "绝大部分地区两三天就到",
            "面料是百分之百纯棉的",
            "一般两天左右，以物流为准")) {
      assertEquals(0, hits(polite(fine), RuleId.OVER_PROMISE), fine);
    }
    Transcript buyerAsks = session().buyer(0, "你保证明天能到我就拍").agent(10, "亲，您好，没法打包票，谢谢");
    assertEquals(0, hits(buyerAsks, RuleId.OVER_PROMISE));
  }

  // ---- complaint_empathy ----------------------------------------------------------------------

  @Test
  void complaintEmpathyFiresWhenTheNextAgentReplyDoesNotEmpathise() {
    Transcript t =
        session().buyer(0, "质量太差了，我要退款").agent(15, "订单页面申请退款").buyer(40, "运费呢").agent(52, "我们出，谢谢");
    assertEquals(1, hits(t, RuleId.COMPLAINT_EMPATHY));
    Transcript botSorry =
        session().buyer(0, "退款拖了一个星期，气死了").bot(1, "【店小蜜】非常抱歉让您久等").agent(20, "退款在审核中");
    assertEquals(1, hits(botSorry, RuleId.COMPLAINT_EMPATHY), "a bot's apology does not count");
    Transcript waitFirst = session().buyer(0, "奶瓶是裂的，太差了").agent(8, "稍等").agent(40, "实在抱歉，补发一个");
    assertEquals(1, hits(waitFirst, RuleId.COMPLAINT_EMPATHY), "the next reply decides");
    Transcript denial = session().buyer(0, "太差了，差評").agent(15, "慢又不是我們的問題");
    assertEquals(1, hits(denial, RuleId.COMPLAINT_EMPATHY), "denying fault is no empathy");
  }

  @Test
  void complaintEmpathyIsSatisfiedByApologiesAndDoesNotApplyWithoutComplaint() {
    for (String sorry : List.of("亲，非常抱歉", "對不起，是我們的疏忽", "理解您着急的心情", "不好意思，马上补发", "给您带来不便了")) {
      Transcript t = session().buyer(0, "你们发错货了，我要投诉").agent(10, sorry);
      assertEquals(0, hits(t, RuleId.COMPLAINT_EMPATHY), sorry);
    }
    Transcript calm = session().buyer(0, "睡袋拍小了，想申请退款").agent(10, "您好亲，可以的，谢谢");
    assertEquals(0, hits(calm, RuleId.COMPLAINT_EMPATHY));
    Transcript notAComplaint = session().buyer(0, "放心啦，不会给差评的").agent(10, "亲，您好，谢谢");
    assertEquals(0, hits(notAComplaint, RuleId.COMPLAINT_EMPATHY));
  }

  // ---- closing --------------------------------------------------------------------------------

  @Test
  void closingJudgesTheLastAgentMessageOnly() {
    assertEquals(0, hits(session().buyer(0, "好").agent(5, "您好，感謝您的支持～"), RuleId.CLOSING));
    assertEquals(0, hits(session().buyer(0, "好").agent(5, "您好，拜拜～！"), RuleId.CLOSING));
    assertEquals(0, hits(session().buyer(0, "好").agent(5, "您好，满意的话记得给个五星好评哦"), RuleId.CLOSING));
    Transcript thanksThenCurt =
        session().buyer(0, "能分期吗").agent(5, "您好，谢谢关注，支持").buyer(20, "拍了").agent(30, "那就拍");
    assertEquals(1, hits(thanksThenCurt, RuleId.CLOSING));
    Transcript botBye =
        session().buyer(0, "几克").agent(5, "您好，225克").agent(20, "行的").bot(22, "【店小蜜】感谢您的咨询，再见");
    assertEquals(1, hits(botBye, RuleId.CLOSING), "a bot's goodbye does not count");
  }

  @Test
  void hitsNameTheMessageAndQuoteTheOffendingText() {
    SessionScore s = polite("嫌贵别买，爱买不买，就这个价").score(ENGINE);
    RuleHit h = s.hits().get(0);
    assertEquals(RuleId.IMPOLITE, h.rule());
    assertEquals(Severity.CRITICAL, h.severity());
    assertEquals("e-004", h.eventId());
    assertTrue(h.excerpt().contains("爱买不买"), h.excerpt());
  }
}
