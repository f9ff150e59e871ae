package io.kefu.sample;

import io.kefu.core.event.ContentType;
import io.kefu.core.event.EndReason;
import io.kefu.core.event.Event;
import io.kefu.core.event.OrderCancelled;
import io.kefu.core.event.OrderCompleted;
import io.kefu.core.event.OrderCreated;
import io.kefu.core.event.OrderItem;
import io.kefu.core.event.OrderPaid;
import io.kefu.core.event.OrderShipped;
import io.kefu.core.event.Queue;
import io.kefu.core.event.RefundCompleted;
import io.kefu.core.event.RefundRejected;
import io.kefu.core.event.RefundRequested;
import io.kefu.core.event.RefundType;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Simulates one shop's customer service, day by day, and writes what its chat platform and order
 * system would have logged. The business question it answers: "what would a real shop's raw data
 * look like?", so that every figure of the product can be shown on data with a story in it.
 *
 * <p>How it works. Work is a queue of timed tasks: a pre-sale buyer arriving, a silent order, an
 * after-sale chat about an earlier order. Each day adds its arrivals (drawn from {@link Traffic});
 * tasks run in time order and may schedule later ones (an order's buyer comes back days later about
 * a size problem). Every task draws from its own {@code Random}, seeded by the run's seed and the
 * task's number ({@link Seeds}), so the output is byte-identical for the same arguments. The
 * simulation starts {@value #WARM_UP_DAYS} days before the first written day, so after-sale work
 * about earlier orders is already flowing on day one; events before the first day are not written.
 *
 * <p>What drives the figures:
 *
 * <ul>
 *   <li>Whether an inquiry orders depends on the agent's selling strength, the scene (a buyer
 *       asking about stock-outs buys less than one asking about free shipping), how long the buyer
 *       waited and whether the agent was rude. About a third of inquiries order, as in the seeds'
 *       shops.
 *   <li>Most orders are silent (静默下单): buyers who never chat. The service sales share lands around
 *       a third.
 *   <li>Refunds follow products (clothes get size returns), over-promising agents (a promise broken
 *       is a refund) and the after-sale chat that precedes most of them.
 *   <li>Ratings come from about a third of sessions, often hours late, and fall with waiting,
 *       unanswered turns, curtness and rudeness.
 * </ul>
 */
final class ShopGenerator {

  static final int WARM_UP_DAYS = 5;

  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** Lines agents use when they hand a buyer to after-sale. */
  private static final List<String> HANDOVER =
      List.of("亲，售后问题我这边帮您转接给售后同事处理哦，请稍等~", "这个需要售后专员来处理，我帮您转过去哈，稍等一下下", "亲亲，我帮您转接售后客服，她会给您详细处理的");

  /** Good agents' answer to a buyer who forwards a suspicious link. */
  private static final List<String> LINK_WARNINGS =
      List.of(
          "亲，这个不是我们店铺的链接哦，千万不要点开，也不要输入账号密码！",
          "亲亲，这是钓鱼链接，官方不会让您重新登录领退款的，请不要点击哦",
          "请不要点这个链接哈，我们所有活动都在店铺首页，谨防上当~");

  /**
   * A careful agent reads back what the buyer typed, and only that: the order's phone or address
   * the buyer did not type in this chat is, to the privacy rule, a detail the buyer did not give.
   * Every list has two lines, so the choice draws the same random number whichever list applies.
   */
  private static final List<String> CONFIRM_BOTH =
      List.of(
          "好的亲，跟您核对一下收货信息：{buyer_address}，电话{buyer_phone}，没问题的话我给您备注上哦",
          "收到~地址{buyer_address}，联系电话{buyer_phone}，已经帮您改好了哦");

  private static final List<String> CONFIRM_ADDRESS_ONLY =
      List.of(
          "好的亲，跟您核对一下收货地址：{buyer_address}，没问题的话我给您备注上哦",
          "收到~地址{buyer_address}，已经帮您改好了哦，电话还是用订单上留的那个");

  private static final List<String> CONFIRM_PHONE_ONLY =
      List.of(
          "好的亲，跟您核对一下联系电话：{buyer_phone}，没问题的话我给您备注上哦",
          "收到~联系电话{buyer_phone}，已经帮您备注好了，快递会打这个号码联系您哦");

  private static final List<String> CONFIRM_NOTHING =
      List.of("好的亲，收到啦，已经帮您备注上了哦", "收到~已经帮您备注好了，发货前仓库会再核对一遍");

  private static final List<String> GOOD_COMMENTS =
      List.of("客服很耐心", "回复很快，推荐", "服务态度好", "", "", "小姐姐很专业");
  private static final List<String> BAD_COMMENTS =
      List.of("回复太慢了", "态度很差", "问了半天没人理", "不耐烦", "", "答非所问");

  private static final String[] CARRIERS = {"中通快递", "圆通速递", "韵达快递", "申通快递"};
  private static final String[] OTHER_CARRIERS = {"顺丰速运", "京东快递", "EMS"};
  private static final String[] COLORS = {"米白色", "浅粉色", "雾霾蓝", "燕麦色", "薄荷绿", "卡其色"};
  private static final String[] SIZES = {"66码", "73码", "80码", "90码", "100码", "110码"};
  private static final String[] BAD_LINKS = {
    "http://taobao-login.tk/refund", "http://tmall.com.vip-tui.pl/login",
    "https://tb-refund.ms/account", "http://img.kuaidi-pay.cn/photo.jpg",
    "http://hd.tmall-hongbao.cn/act.swf", "http://login-taobao.tk/relogin?redirect=refund"
  };

  private final GeneratorOptions options;
  private final Dialogues dialogues;
  private final List<AgentProfile> roster;
  private final PrintStream progressOut;
  private final Manifest manifest = new Manifest();

  private interface Task {
    Instant at();

    long seq();
  }

  private record PreSale(Instant at, long seq) implements Task {}

  private record SilentOrder(Instant at, long seq) implements Task {}

  private record AfterSale(Instant at, long seq, Order order, boolean refund) implements Task {}

  private record SilentRefund(Instant at, long seq, Order order) implements Task {}

  /** An order as the simulation knows it, for the chats and refunds that follow it. */
  private record Order(
      String id,
      String buyerId,
      String buyerPhone,
      String buyerAddress,
      Dialogues.Item product,
      BigDecimal paid,
      Instant paidAt,
      Instant shippedAt,
      String carrier,
      String trackingNo,
      boolean overPromised) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          (a, b) -> {
            int c = a.at().compareTo(b.at());
            return c != 0 ? c : Long.compare(a.seq(), b.seq());
          });
  private long taskSeq;
  private long sessionSeq;
  private long orderSeq;
  private long buyerSeq;

  /** Recent buyers, so some come back: a ring buffer keeps memory bounded. */
  private final long[] recentBuyers = new long[4096];

  private EventSink sink;

  ShopGenerator(GeneratorOptions options, PrintStream progressOut) {
    this.options = options;
    this.dialogues = Dialogues.loadDefault();
    this.roster = Roster.build(options.agents(), options.seed());
    this.progressOut = progressOut;
  }

  List<AgentProfile> roster() {
    return roster;
  }

  /** Runs the whole simulation and writes the files; returns the manifest it also wrote. */
  Manifest run() throws IOException {
    Path out = options.out();
    Files.createDirectories(out);
    LocalDate first = options.start();
    LocalDate end = first.plusDays(options.days());
    Instant from = first.atStartOfDay(options.zone()).toInstant();
    Instant until = end.atStartOfDay(options.zone()).toInstant();
    describe();
    Progress progress = new Progress(progressOut, options.days() + WARM_UP_DAYS);
    try (EventSink s =
        new EventSink(
            out,
            options.gzip(),
            options.zone(),
            from,
            until,
            options.defects(),
            options.seed(),
            manifest)) {
      sink = s;
      for (LocalDate day = first.minusDays(WARM_UP_DAYS);
          day.isBefore(end);
          day = day.plusDays(1)) {
        scheduleArrivals(day);
        Instant nextDay = day.plusDays(1).atStartOfDay(options.zone()).toInstant();
        while (!tasks.isEmpty() && tasks.peek().at().isBefore(nextDay)) {
          Task t = tasks.poll();
          sink.advanceTo(t.at());
          run(t);
        }
        sink.advanceTo(nextDay);
        progress.step(day, manifest.lines(), sink.inFlight());
      }
      // Work scheduled after the last day (follow-ups of late orders) is not written.
      tasks.clear();
    }
    progress.done(manifest.lines());
    writeRoster(out.resolve("roster.csv"));
    manifest.write(out.resolve("manifest.json"));
    return manifest;
  }

  private void describe() {
    manifest.parameter("shop", options.shopId());
    manifest.parameter("shop_name", options.shopName());
    manifest.parameter("channel", options.channel());
    manifest.parameter("agents", options.agents());
    manifest.parameter("days", options.days());
    manifest.parameter("start", options.start());
    manifest.parameter("seed", options.seed());
    manifest.parameter("rate", options.rate());
    manifest.parameter("time_zone", options.zone().getId());
    manifest.parameter("defects", options.defects() == DefectRates.NONE ? "none" : "default");
  }

  private void writeRoster(Path file) throws IOException {
    StringBuilder b = new StringBuilder("agent_id,name,team,queue\n");
    for (AgentProfile a : roster) {
      b.append(a.csv()).append('\n');
    }
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  private void emit(Event e) {
    sink.emit(e);
  }

  private Random random(String kind, long seq) {
    return new Random(Seeds.mix(options.seed(), kind.hashCode(), seq));
  }

  private void schedule(Task t) {
    tasks.add(t);
  }

  // ------------------------------------------------------------------ arrivals and staffing

  /**
   * Adds the day's pre-sale arrivals and silent orders. Pre-sale volume is {@code rate} sessions
   * per pre-sale agent on an ordinary weekday, scaled by {@link Traffic#dayFactor}; silent orders
   * are about 1.1 per pre-sale session, so roughly two orders in three never meet an agent.
   */
  private void scheduleArrivals(LocalDate day) {
    Random r = new Random(Seeds.mix(options.seed(), 0xDA7L, day.toEpochDay()));
    long preSaleAgents = roster.stream().filter(a -> a.queue() == Queue.PRE_SALE).count();
    double expected = options.rate() * preSaleAgents * Traffic.dayFactor(day);
    int sessions = poisson(r, expected);
    Instant midnight = day.atStartOfDay(options.zone()).toInstant();
    for (int i = 0; i < sessions; i++) {
      Instant at = midnight.plusSeconds(Traffic.secondOfDay(day, r)).plusMillis(r.nextInt(1000));
      if (onDuty(Queue.PRE_SALE, at).isEmpty()) {
        continue; // nobody staffed: the shop robot alone handles it, no agent session exists
      }
      schedule(new PreSale(at, taskSeq++));
    }
    int silent = poisson(r, expected * 1.1);
    for (int i = 0; i < silent; i++) {
      Instant at = midnight.plusSeconds(Traffic.secondOfDay(day, r)).plusMillis(r.nextInt(1000));
      schedule(new SilentOrder(at, taskSeq++));
    }
  }

  private static int poisson(Random r, double mean) {
    // Normal approximation is fine at these volumes and keeps the draw count small.
    return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
  }

  /**
   * Who is at work at {@code at}. Even-numbered agents work 08:00-17:00, odd ones 15:00-01:00, each
   * has a weekly rest day; around a festival rest days are cancelled and on its main day everyone
   * also covers the midnight rush (00:00-02:00).
   */
  private List<AgentProfile> onDuty(Queue queue, Instant at) {
    ZonedDateTime t = at.atZone(options.zone());
    LocalDate day = t.toLocalDate();
    int hour = t.getHour();
    boolean allHands = Traffic.allHands(day);
    boolean peak = Traffic.isPeak(day);
    List<AgentProfile> on = new ArrayList<>();
    for (int i = 0; i < roster.size(); i++) {
      AgentProfile a = roster.get(i);
      if (a.queue() != queue) {
        continue;
      }
      // A late shift that runs past midnight belongs to the previous day's roster.
      LocalDate shiftDay = hour < 1 ? day.minusDays(1) : day;
      if (!allHands && a.restDay() == shiftDay.getDayOfWeek().getValue()) {
        continue;
      }
      boolean early = i % 2 == 0;
      boolean working = early ? hour >= 8 && hour < 17 : hour >= 15 || hour < 1;
      if (peak && hour < 2) {
        working = true;
      }
      if (working) {
        on.add(a);
      }
    }
    return on;
  }

  private AgentProfile assign(Queue queue, Instant at, Random r) {
    List<AgentProfile> on = onDuty(queue, at);
    if (on.isEmpty()) {
      List<AgentProfile> any = roster.stream().filter(a -> a.queue() == queue).toList();
      on = any.isEmpty() ? roster : any;
    }
    return on.get(r.nextInt(on.size()));
  }

  private long newOrReturningBuyer(Random r, double returning) {
    long b;
    if (buyerSeq > 100 && r.nextDouble() < returning) {
      b = recentBuyers[r.nextInt((int) Math.min(buyerSeq, recentBuyers.length))];
    } else {
      b = buyerSeq;
      recentBuyers[(int) (buyerSeq % recentBuyers.length)] = b;
      buyerSeq++;
    }
    return b;
  }

  // ------------------------------------------------------------------ tasks

  private void run(Task t) {
    if (t instanceof PreSale p) {
      preSale(p);
    } else if (t instanceof SilentOrder s) {
      silentOrder(s);
    } else if (t instanceof AfterSale a) {
      afterSale(a);
    } else if (t instanceof SilentRefund s) {
      Random r = random("silent-refund", s.seq());
      refund(s.order(), s.at(), r, reasonFor("", r, s.order()));
    }
  }

  private Map<String, String> placeholders(Random r, AgentProfile agent, Dialogues.Item item) {
    Map<String, String> v = new HashMap<>();
    v.put("product", item.name());
    v.put("price", item.price().stripTrailingZeros().toPlainString());
    v.put(
        "low_price",
        item.price()
            .multiply(new BigDecimal("0.85"))
            .setScale(0, RoundingMode.DOWN)
            .toPlainString());
    v.put("carrier", CARRIERS[0]);
    v.put("other_carrier", OTHER_CARRIERS[r.nextInt(OTHER_CARRIERS.length)]);
    v.put("days", Integer.toString(2 + r.nextInt(2)));
    v.put("color", COLORS[r.nextInt(COLORS.length)]);
    v.put("size", SIZES[r.nextInt(SIZES.length)]);
    v.put("tracking_no", "ZT" + (7_000_000_000L + r.nextInt(999_999_999)));
    v.put("buyer_phone", People.phone(r));
    v.put("buyer_address", People.address(r));
    v.put("other_phone", People.phone(r));
    v.put("other_address", People.address(r));
    v.put("agent_name", agent.name());
    v.put("shop", options.shopName());
    v.put("bad_link", BAD_LINKS[r.nextInt(BAD_LINKS.length)]);
    v.put(
        "good_link",
        "https://detail.tmall.com/item.htm?id=" + (600_000_000_000L + r.nextInt(1 << 30)));
    v.put("order_no", "");
    return v;
  }

  private String fill(String phrase, Map<String, String> v) {
    return Dialogues.fill(phrase, v);
  }

  private static <T> T pick(List<T> list, Random r) {
    return list.get(r.nextInt(list.size()));
  }

  /** Seconds an agent takes to answer: log-normal around their median, slower when busy. */
  private static double responseSeconds(AgentProfile a, Random r, double load) {
    double s = a.medianResponseSeconds() * load * Math.exp(0.6 * r.nextGaussian());
    return Math.min(900, Math.max(2, s));
  }

  /** Seconds a buyer takes to read and type the next message. */
  private static double buyerSeconds(Random r) {
    return Math.min(240, Math.max(3, 14 * Math.exp(0.7 * r.nextGaussian())));
  }

  private double load(Instant at) {
    ZonedDateTime t = at.atZone(options.zone());
    return Traffic.loadFactor(t.toLocalDate(), t.getHour());
  }

  private String newSessionId(Instant at) {
    return "s-"
        + at.atZone(options.zone()).format(YYYYMMDD)
        + "-"
        + String.format("%06d", sessionSeq++);
  }

  /**
   * A buyer asks before buying. The agent greets (or not), answers each exchange of a scene, may
   * slip (rude line, absolute promise, leaked number), may miss a turn, closes (or not); the buyer
   * may order afterwards and may rate the session.
   */
  private void preSale(PreSale task) {
    Random r = random("pre-sale", task.seq());
    long buyerNo = newOrReturningBuyer(r, 0.12);
    String buyer = People.buyerId(options.seed(), buyerNo);
    AgentProfile agent = assign(Queue.PRE_SALE, task.at(), r);
    Dialogues.Scene scene = dialogues.scene(Queue.PRE_SALE, r);
    Dialogues.Item item = dialogues.item(scene, r);
    Map<String, String> v = placeholders(r, agent, item);
    double load = load(task.at());

    Chat chat =
        new Chat(options.shopId(), newSessionId(task.at()), buyer, options.channel(), task.at());
    chat.start(agent, Queue.PRE_SALE);
    chat.after(1 + r.nextInt(8));
    if (r.nextDouble() < 0.3) {
      chat.buyer(item.name(), ContentType.PRODUCT_CARD);
      chat.after(2 + r.nextInt(6));
    }
    boolean transferToAfterSale = r.nextDouble() < 0.03;
    boolean midTurnTransfer = !transferToAfterSale && r.nextDouble() < 0.02;
    Behaviour b = Behaviour.draw(agent, r);

    List<Dialogues.Exchange> exchanges = scene.exchanges();
    for (int i = 0; i < exchanges.size(); i++) {
      Dialogues.Exchange ex = exchanges.get(i);
      chat.buyer(fill(pick(ex.buyer(), r), v));
      if (r.nextDouble() < 0.2) {
        chat.after(3 + r.nextInt(12));
        chat.buyer(fill(pick(ex.buyer(), r), v));
      }
      if (i == 0 && r.nextDouble() < 0.35) {
        chat.after(1 + r.nextDouble());
        chat.bot(fill(dialogues.pick("bot_auto_reply", r), v));
      }
      if (midTurnTransfer && i == exchanges.size() / 2) {
        AgentProfile next = assign(Queue.PRE_SALE, chat.clock, r);
        if (next != chat.owner) {
          chat.after(5 + r.nextInt(40));
          chat.transfer(next);
        }
      }
      if (!answer(chat, chat.owner, ex, i == 0, b, v, r, load)) {
        break; // the buyer gave up
      }
      if (transferToAfterSale && i == 0) {
        handOverToAfterSale(chat, v, r, load);
        break;
      }
      chat.after(buyerSeconds(r));
    }
    if (!chat.waiting() && r.nextDouble() < 0.1) {
      // A buyer about to buy shares the address or phone; a careful agent reads back what the
      // buyer typed, not what else the order holds.
      chat.buyer(fill(dialogues.pick("buyer_share_contact", r), v));
      chat.after(responseSeconds(chat.owner, r, load));
      chat.agent(chat.owner, fill(pick(confirmations(chat, v), r), v));
      chat.after(buyerSeconds(r));
    }
    finish(chat, b, v, r);

    double buy = buyProbability(agent, scene, chat);
    if (r.nextDouble() < buy) {
      Instant orderAt = chat.clock.minusSeconds(r.nextInt(60)).plusSeconds(orderDelay(r));
      order(orderAt, buyer, r, item, b.overPromise);
    }
  }

  /** Kinds of slip one agent may make in one session. */
  private record Behaviour(
      boolean greets,
      boolean warm,
      boolean rude,
      boolean overPromise,
      boolean leak,
      boolean nearMiss,
      boolean phishingBuyer,
      boolean phishingAgent,
      boolean closes) {

    static Behaviour draw(AgentProfile a, Random r) {
      return new Behaviour(
          r.nextDouble() < 0.35 + 0.65 * a.warmth(),
          r.nextDouble() < a.warmth(),
          r.nextDouble() < a.rudeness(),
          r.nextDouble() < a.overPromise(),
          r.nextDouble() < a.leak(),
          r.nextDouble() < 0.15,
          r.nextDouble() < 0.004,
          r.nextDouble() < 0.0005,
          r.nextDouble() < 0.2 + 0.75 * a.warmth());
    }
  }

  /**
   * The agent answers the buyer's open turn, possibly late, possibly not at all. Returns false when
   * the buyer left without an answer.
   */
  private boolean answer(
      Chat chat,
      AgentProfile agent,
      Dialogues.Exchange ex,
      boolean first,
      Behaviour b,
      Map<String, String> v,
      Random r,
      double load) {
    double rt = responseSeconds(agent, r, load);
    if (r.nextDouble() < agent.missRate() * load) {
      // Missed: the buyer chases once, then either gets a very late answer or leaves.
      chat.after(40 + r.nextInt(40));
      chat.buyer(dialogues.pick("buyer_chase", r));
      if (r.nextBoolean()) {
        chat.after(120 + r.nextInt(400));
        chat.end(r.nextBoolean() ? EndReason.BUYER_LEFT : EndReason.TIMEOUT);
        return false;
      }
      rt = 180 + r.nextInt(420);
      chat.after(rt - 60);
    } else if (rt > 75 && r.nextBoolean()) {
      chat.after(45 + r.nextInt(20));
      chat.buyer(dialogues.pick("buyer_chase", r));
      chat.after(Math.max(2, rt - 55));
    } else {
      chat.after(rt);
    }
    if (first && !chat.agentSpoke) {
      if (b.greets) {
        chat.agent(agent, fill(dialogues.pick("greeting", r), v));
        chat.after(3 + r.nextInt(10));
      } else if (r.nextDouble() < 0.4) {
        chat.agent(agent, fill(dialogues.pick("no_greeting_open", r), v));
        chat.after(3 + r.nextInt(10));
      }
    }
    List<String> variants = !b.warm && !ex.curt().isEmpty() ? ex.curt() : ex.good();
    if (variants == ex.curt()) {
      chat.curt = true;
    }
    if (b.rude && !chat.rude && r.nextDouble() < 0.5) {
      chat.agent(agent, fill(dialogues.pick("impolite", r), v));
      chat.rude = true;
      return true;
    }
    chat.agent(agent, fill(pick(variants, r), v));
    if (b.overPromise && r.nextDouble() < 0.4) {
      chat.after(3 + r.nextInt(8));
      chat.agent(agent, fill(dialogues.pick("over_promise", r), v));
    }
    if (b.leak && r.nextDouble() < 0.5) {
      chat.after(5 + r.nextInt(15));
      chat.agent(agent, fill(dialogues.pick("privacy_leak", r), v));
    }
    if (b.nearMiss && r.nextDouble() < 0.3) {
      chat.after(3 + r.nextInt(8));
      chat.agent(agent, fill(nearMiss(chat, v, r), v));
    }
    if (b.phishingAgent && r.nextDouble() < 0.5) {
      chat.after(3 + r.nextInt(8));
      chat.agent(agent, fill(dialogues.pick("phishing_agent", r), v));
    }
    if (b.phishingBuyer && r.nextDouble() < 0.5) {
      chat.after(buyerSeconds(r));
      chat.buyer(fill(dialogues.pick("phishing_buyer", r), v));
      chat.after(responseSeconds(agent, r, load));
      chat.agent(agent, pick(LINK_WARNINGS, r));
    }
    return true;
  }

  /**
   * A compliant line that looks like a violation. A line that reads the buyer's own phone or
   * address back is used only when the buyer typed that very detail in this session, as a careful
   * agent would.
   */
  private String nearMiss(Chat chat, Map<String, String> v, Random r) {
    String line;
    do {
      line = dialogues.pick("near_miss", r);
    } while (readsBackUngiven(line, chat, v));
    return line;
  }

  /** Whether a line reads back a buyer detail (phone, address) the buyer has not typed. */
  static boolean readsBackUngiven(String line, Chat chat, Map<String, String> v) {
    return (line.contains("{buyer_phone}") && !chat.buyerGave(v.get("buyer_phone")))
        || (line.contains("{buyer_address}") && !chat.buyerGave(v.get("buyer_address")));
  }

  /** The read-back lines that fit what the buyer typed. */
  private static List<String> confirmations(Chat chat, Map<String, String> v) {
    boolean phone = chat.buyerGave(v.get("buyer_phone"));
    boolean address = chat.buyerGave(v.get("buyer_address"));
    if (phone && address) {
      return CONFIRM_BOTH;
    }
    return address ? CONFIRM_ADDRESS_ONLY : phone ? CONFIRM_PHONE_ONLY : CONFIRM_NOTHING;
  }

  private void handOverToAfterSale(Chat chat, Map<String, String> v, Random r, double load) {
    chat.after(buyerSeconds(r));
    List<Dialogues.Exchange> exchanges = dialogues.scene(Queue.AFTER_SALE, r).exchanges();
    chat.buyer(fill(pick(exchanges.get(0).buyer(), r), v));
    chat.after(responseSeconds(chat.owner, r, load));
    chat.agent(chat.owner, pick(HANDOVER, r));
    AgentProfile next = assign(Queue.AFTER_SALE, chat.clock, r);
    chat.after(5 + r.nextInt(20));
    chat.transfer(next);
    Behaviour b = Behaviour.draw(next, r);
    for (int i = 0; i < exchanges.size(); i++) {
      if (i > 0) {
        chat.after(buyerSeconds(r));
        chat.buyer(fill(pick(exchanges.get(i).buyer(), r), v));
      }
      if (!answer(chat, next, exchanges.get(i), false, b, v, r, load)) {
        return;
      }
    }
  }

  /** Polite or curt goodbye, the end of the session, and perhaps a rating, often hours later. */
  private void finish(Chat chat, Behaviour b, Map<String, String> v, Random r) {
    if (!chat.ended()) {
      if (r.nextDouble() < 0.5) {
        chat.buyer(dialogues.pick("buyer_thanks", r));
        chat.after(3 + r.nextInt(15));
        chat.agent(chat.owner, fill(dialogues.pick(b.closes ? "closing" : "curt_closing", r), v));
      } else if (b.closes) {
        chat.after(2 + r.nextInt(10));
        chat.agent(chat.owner, fill(dialogues.pick("closing", r), v));
      }
      chat.after(30 + r.nextInt(300));
      double u = r.nextDouble();
      chat.end(u < 0.7 ? EndReason.CLOSED : u < 0.9 ? EndReason.TIMEOUT : EndReason.BUYER_LEFT);
    }
    emitChat(chat, r);
  }

  private void emitChat(Chat chat, Random r) {
    for (Event e : chat.events) {
      emit(e);
    }
    if (!chat.agentSpoke || r.nextDouble() > 0.32) {
      return;
    }
    double score = 4.7;
    if (chat.firstResponseSeconds > 60) {
      score -= 0.6;
    }
    score -= 0.5 * Math.min(3, chat.slowTurns);
    if (chat.unanswered) {
      score -= 1.5;
    }
    if (chat.curt) {
      score -= 0.5;
    }
    if (chat.rude) {
      score -= 2.5;
    }
    int s = (int) Math.max(1, Math.min(5, Math.round(score + 0.6 * r.nextGaussian())));
    String comment = s >= 4 ? pick(GOOD_COMMENTS, r) : s <= 2 ? pick(BAD_COMMENTS, r) : "";
    emit(chat.rating(chat.clock.plusSeconds(ratingDelay(r)), s, comment));
  }

  /** Most ratings come within minutes, many within hours, some a day or two later. */
  private static long ratingDelay(Random r) {
    double u = r.nextDouble();
    if (u < 0.4) {
      return 5 + r.nextInt(300);
    }
    if (u < 0.8) {
      return 600 + r.nextInt(6 * 3600);
    }
    return 6 * 3600 + r.nextInt(42 * 3600);
  }

  private static double buyProbability(AgentProfile a, Dialogues.Scene scene, Chat chat) {
    double p = 0.32 * a.selling() * (1 + scene.buy());
    if (chat.firstResponseSeconds > 60 || chat.firstResponseSeconds < 0) {
      p *= 0.75;
    }
    if (chat.averageWait() > 90) {
      p *= 0.8;
    }
    if (chat.unanswered) {
      p *= 0.4;
    }
    if (chat.rude) {
      p *= 0.15;
    }
    return Math.max(0, Math.min(0.9, p));
  }

  /**
   * Seconds between the end of the chat and the order: usually minutes, sometimes the same evening,
   * and 3 % come back after more than a day, outside the attribution window.
   */
  private static long orderDelay(Random r) {
    double u = r.nextDouble();
    if (u < 0.75) {
      return (long) Math.min(3600, 20 + 180 * Math.exp(0.9 * r.nextGaussian()));
    }
    if (u < 0.97) {
      return 3600 + r.nextInt(20 * 3600);
    }
    return 24 * 3600 + r.nextInt(8 * 3600);
  }

  private void silentOrder(SilentOrder task) {
    Random r = random("silent", task.seq());
    long buyerNo = newOrReturningBuyer(r, 0.25);
    order(
        task.at(), People.buyerId(options.seed(), buyerNo), r, pick(dialogues.catalog(), r), false);
  }

  // ------------------------------------------------------------------ orders

  /**
   * An order and what follows it: payment (most within minutes; one in nine never pays and is
   * closed after a day or more), shipment, confirmation, and possibly an after-sale chat and a
   * refund days later. Festival days apply the cross-store discount 每满300减50.
   */
  private void order(
      Instant at, String buyer, Random r, Dialogues.Item item, boolean overPromised) {
    LocalDate day = at.atZone(options.zone()).toLocalDate();
    List<OrderItem> items = new ArrayList<>();
    boolean consumable =
        item.category().contains("纸尿裤")
            || item.category().contains("奶粉")
            || item.category().contains("湿巾");
    int qty = consumable ? 1 + r.nextInt(3) : 1;
    items.add(new OrderItem(item.sku(), qty, item.price()));
    if (r.nextDouble() < 0.25) {
      Dialogues.Item extra = pick(dialogues.catalog(), r);
      if (!extra.sku().equals(item.sku())) {
        items.add(new OrderItem(extra.sku(), 1, extra.price()));
      }
    }
    BigDecimal total = BigDecimal.ZERO;
    for (OrderItem i : items) {
      total = total.add(i.price().multiply(BigDecimal.valueOf(i.qty())));
    }
    BigDecimal discount = BigDecimal.ZERO;
    if (Traffic.allHands(day)) {
      discount =
          BigDecimal.valueOf(50).multiply(total.divideToIntegralValue(BigDecimal.valueOf(300)));
    } else if (total.compareTo(BigDecimal.valueOf(199)) >= 0 && r.nextDouble() < 0.15) {
      discount = BigDecimal.valueOf(20);
    }
    BigDecimal amount = total.subtract(discount).max(new BigDecimal("0.01")).setScale(2);
    String orderId = day.format(YYYYMMDD) + "-" + String.format("%07d", orderSeq++);
    int[] n = {0};
    java.util.function.Supplier<String> id = () -> "o-" + orderId + "-" + (++n[0]);
    String shop = options.shopId();
    emit(new OrderCreated(id.get(), at, shop, orderId, buyer, amount, List.copyOf(items)));

    if (r.nextDouble() < 0.11) {
      Instant closeAt = at.plusSeconds(24 * 3600 + r.nextInt(48 * 3600));
      emit(new OrderCancelled(id.get(), closeAt, shop, orderId, buyer, "买家未付款，超时关闭"));
      return;
    }
    Instant paidAt =
        at.plusSeconds((long) Math.min(6 * 3600, 8 + 60 * Math.exp(1.1 * r.nextGaussian())));
    emit(new OrderPaid(id.get(), paidAt, shop, orderId, buyer, amount));
    if (r.nextDouble() < 0.015) {
      // Cancelled after payment before shipping (拍错了): money goes straight back.
      Instant cancelAt = paidAt.plusSeconds(600 + r.nextInt(6 * 3600));
      String refundId = "r-" + orderId + "-1";
      emit(
          new RefundRequested(
              id.get(),
              cancelAt,
              shop,
              orderId,
              buyer,
              refundId,
              amount,
              RefundType.REFUND_ONLY,
              "拍错了/多拍了"));
      emit(
          new RefundCompleted(
              id.get(),
              cancelAt.plusSeconds(60 + r.nextInt(3600)),
              shop,
              orderId,
              buyer,
              refundId,
              amount));
      return;
    }
    double festival = Traffic.allHands(day) ? 2.5 : 1;
    Instant shippedAt = paidAt.plusSeconds((long) ((4 * 3600 + r.nextInt(40 * 3600)) * festival));
    String carrier =
        r.nextDouble() < 0.85 ? CARRIERS[r.nextInt(CARRIERS.length)] : OTHER_CARRIERS[0];
    String tracking =
        (carrier.startsWith("顺丰") ? "SF" : "ZT")
            + (1_000_000_000L + Math.floorMod(r.nextLong(), 8_999_999_999L));
    emit(new OrderShipped(id.get(), shippedAt, shop, orderId, buyer, carrier, tracking));
    Order order =
        new Order(
            orderId,
            buyer,
            People.phone(r),
            People.address(r),
            item,
            amount,
            paidAt,
            shippedAt,
            carrier,
            tracking,
            overPromised);
    pendingOrderEvents.put(orderId, n);

    // What happens after delivery.
    boolean clothes = item.category().contains("童装") || item.category().contains("服");
    double refundP = 0.07 * (clothes ? 2.2 : 1) * (overPromised ? 2.5 : 1);
    double chatP = 0.12;
    double u = r.nextDouble();
    Instant followUp = daytime(shippedAt.plusSeconds(24 * 3600 + r.nextInt(5 * 24 * 3600)), r);
    if (u < refundP * 0.65) {
      schedule(new AfterSale(followUp, taskSeq++, order, true));
    } else if (u < refundP) {
      schedule(new SilentRefund(followUp, taskSeq++, order));
    } else {
      if (u < refundP + chatP) {
        Instant asks = daytime(paidAt.plusSeconds(12 * 3600 + r.nextInt(4 * 24 * 3600)), r);
        schedule(new AfterSale(asks, taskSeq++, order, false));
      }
      Instant completedAt = shippedAt.plusSeconds(3 * 24 * 3600 + r.nextInt(5 * 24 * 3600));
      emit(new OrderCompleted(id.get(), completedAt, shop, orderId, buyer));
      pendingOrderEvents.remove(orderId);
    }
  }

  /**
   * The same day's waking hours: buyers come back about an order when they have time, so a
   * follow-up drawn at 03:00 moves to a time drawn from the day's curve between 09:00 and 23:00.
   */
  private Instant daytime(Instant t, Random r) {
    ZonedDateTime z = t.atZone(options.zone());
    if (z.getHour() >= 9 && z.getHour() < 23) {
      return t;
    }
    LocalDate day = z.toLocalDate();
    int second;
    do {
      second = Traffic.secondOfDay(day, r);
    } while (second < 9 * 3600 || second >= 23 * 3600);
    return day.atStartOfDay(options.zone()).toInstant().plusSeconds(second);
  }

  /** Event counters of orders that may still get refund events (kept until their refund runs). */
  private final Map<String, int[]> pendingOrderEvents = new HashMap<>();

  private String orderEventId(Order o) {
    int[] n = pendingOrderEvents.computeIfAbsent(o.id(), k -> new int[] {10});
    return "o-" + o.id() + "-" + (++n[0]);
  }

  /** The refund reason a platform form would carry, taken from the scene's topic when it says. */
  private static String reasonFor(String topic, Random r, Order o) {
    String[] known = {"质量问题", "色差", "尺码不合适", "七天无理由", "未收到货", "少发漏发", "破损", "发错货"};
    for (String k : known) {
      if (topic.contains(k) || topic.contains(k.substring(0, 2))) {
        return k;
      }
    }
    boolean clothes = o.product().category().contains("童装") || o.product().category().contains("服");
    if (clothes && r.nextBoolean()) {
      return "尺码不合适";
    }
    return known[r.nextInt(4)];
  }

  /**
   * A refund request and its outcome: most are approved within three days for the full payment (a
   * missing item refunds part); one in seven is refused; exchanges close without money moving. A
   * few completed refunds carry an amount larger than the payment, a data-entry defect the batch
   * job must reject.
   */
  private void refund(Order o, Instant at, Random r, String reason) {
    String shop = options.shopId();
    RefundType type =
        reason.equals("尺码不合适") && r.nextBoolean()
            ? RefundType.EXCHANGE
            : reason.equals("未收到货") || reason.equals("少发漏发")
                ? RefundType.REFUND_ONLY
                : RefundType.RETURN_REFUND;
    BigDecimal amount =
        reason.equals("少发漏发")
            ? o.paid()
                .multiply(new BigDecimal("0.3"))
                .setScale(2, RoundingMode.HALF_UP)
                .max(new BigDecimal("0.01"))
            : o.paid();
    String refundId = "r-" + o.id() + "-2";
    emit(
        new RefundRequested(
            orderEventId(o), at, shop, o.id(), o.buyerId(), refundId, amount, type, reason));
    if (type == RefundType.EXCHANGE) {
      emit(
          new OrderCompleted(
              orderEventId(o),
              at.plusSeconds(5 * 24 * 3600 + r.nextInt(3 * 24 * 3600)),
              shop,
              o.id(),
              o.buyerId()));
    } else if (r.nextDouble() < 0.14) {
      emit(
          new RefundRejected(
              orderEventId(o),
              at.plusSeconds(3600 + r.nextInt(47 * 3600)),
              shop,
              o.id(),
              o.buyerId(),
              refundId,
              "商品已影响二次销售"));
    } else {
      BigDecimal returned = amount;
      if (r.nextDouble() < options.defects().refundExceedsPayment()) {
        returned = o.paid().multiply(BigDecimal.TEN); // a decimal point lost in the ERP export
        manifest.count("refund_exceeds_payment");
      }
      emit(
          new RefundCompleted(
              orderEventId(o),
              at.plusSeconds(1800 + r.nextInt(70 * 3600)),
              shop,
              o.id(),
              o.buyerId(),
              refundId,
              returned));
    }
    pendingOrderEvents.remove(o.id());
  }

  /**
   * The buyer of an earlier order comes back: where is my parcel, the colour is off, the size is
   * wrong. Complaints test whether the agent apologises first (先处理感情，后处理事件). When the order is
   * going to be refunded, the refund is requested right after the chat.
   */
  private void afterSale(AfterSale task) {
    Random r = random("after-sale", task.seq());
    Order o = task.order();
    AgentProfile agent = assign(Queue.AFTER_SALE, task.at(), r);
    Dialogues.Scene scene = afterSaleScene(task.refund(), r);
    Map<String, String> v = placeholders(r, agent, o.product());
    v.put("order_no", o.id());
    v.put("carrier", o.carrier());
    v.put("tracking_no", o.trackingNo());
    v.put("buyer_phone", o.buyerPhone());
    v.put("buyer_address", o.buyerAddress());
    double load = load(task.at());
    Chat chat =
        new Chat(
            options.shopId(), newSessionId(task.at()), o.buyerId(), options.channel(), task.at());
    chat.start(agent, Queue.AFTER_SALE);
    chat.after(1 + r.nextInt(6));
    if (r.nextDouble() < 0.6) {
      chat.buyer(o.id(), ContentType.ORDER_CARD);
      chat.after(2 + r.nextInt(5));
    }
    Behaviour b = Behaviour.draw(agent, r);
    List<Dialogues.Exchange> exchanges = scene.exchanges();
    for (int i = 0; i < exchanges.size(); i++) {
      Dialogues.Exchange ex = exchanges.get(i);
      chat.buyer(fill(pick(ex.buyer(), r), v));
      if (scene.complaint() && i == 0 && r.nextDouble() < 0.5) {
        chat.after(4 + r.nextInt(10));
        chat.buyer("", ContentType.IMAGE);
      }
      if (scene.complaint() && i == 0 && r.nextDouble() < 0.4) {
        chat.after(3 + r.nextInt(10));
        chat.buyer(fill(dialogues.pick("buyer_complaint", r), v));
      }
      if (i == 0 && r.nextDouble() < 0.3) {
        chat.after(1 + r.nextDouble());
        chat.bot(fill(dialogues.pick("bot_auto_reply", r), v));
      }
      if (!answer(chat, chat.owner, ex, i == 0, b, v, r, load)) {
        break;
      }
      chat.after(buyerSeconds(r));
    }
    finish(chat, b, v, r);
    if (task.refund()) {
      Instant at = chat.clock.plusSeconds(60 + r.nextInt(3 * 3600));
      refund(o, at, r, reasonFor(scene.topic(), r, o));
    } else {
      emit(
          new OrderCompleted(
              orderEventId(o),
              task.at().plusSeconds(2 * 24 * 3600 + r.nextInt(4 * 24 * 3600)),
              options.shopId(),
              o.id(),
              o.buyerId()));
      pendingOrderEvents.remove(o.id());
    }
  }

  private Dialogues.Scene afterSaleScene(boolean refund, Random r) {
    for (int tries = 0; tries < 50; tries++) {
      Dialogues.Scene s = dialogues.scene(Queue.AFTER_SALE, r);
      if (refund == (s.refund() >= 0.5)) {
        return s;
      }
    }
    return dialogues.scene(Queue.AFTER_SALE, r);
  }

  /** A one-line progress bar on the terminal; a line per day when output is not a terminal. */
  private static final class Progress {
    private final PrintStream out;
    private final int total;
    private final long started = System.nanoTime();
    private int done;

    Progress(PrintStream out, int total) {
      this.out = out;
      this.total = total;
    }

    void step(LocalDate day, long lines, int inFlight) {
      done++;
      if (out == null) {
        return;
      }
      double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
      int width = 30;
      int filled = (int) ((long) width * done / total);
      String bar = "#".repeat(filled) + ".".repeat(width - filled);
      String line =
          String.format(
              "[%s] %3d%%  %s  %,d lines  %,.0f lines/s  %,d in flight",
              bar, 100 * done / total, day, lines, lines / secs, inFlight);
      if (System.console() != null) {
        out.print("\r" + line);
      } else {
        out.println(line);
      }
      out.flush();
    }

    void done(long lines) {
      if (out == null) {
        return;
      }
      double secs = (System.nanoTime() - started) / 1e9;
      if (System.console() != null) {
        out.println();
      }
      out.printf("wrote %,d lines in %.1f s%n", lines, secs);
    }
  }
}
