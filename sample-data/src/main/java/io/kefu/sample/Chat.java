package io.kefu.sample;

import io.kefu.core.event.ContentType;
import io.kefu.core.event.EndReason;
import io.kefu.core.event.Event;
import io.kefu.core.event.Message;
import io.kefu.core.event.Queue;
import io.kefu.core.event.Rating;
import io.kefu.core.event.Sender;
import io.kefu.core.event.SessionEnd;
import io.kefu.core.event.SessionStart;
import io.kefu.core.event.Transfer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One chat session being written, message by message, on a clock that only moves forward. It also
 * remembers what a buyer would remember when deciding whether to buy and how to rate: how long they
 * waited, whether a turn went unanswered, whether the agent was rude.
 */
final class Chat {

  final String shopId;
  final String sessionId;
  final String buyerId;
  final String channel;
  final List<Event> events = new ArrayList<>();
  private int n;
  Instant clock;
  AgentProfile owner;
  AgentProfile lastSpeaker;
  boolean agentSpoke;

  // What the buyer experienced.
  long firstResponseSeconds = -1;
  long slowTurns;
  long waitedSecondsTotal;
  long answeredTurns;
  boolean unanswered;
  boolean rude;
  boolean curt;

  /** Everything the buyer typed in this session: which of their own details they gave. */
  private final StringBuilder buyerText = new StringBuilder();

  /** The start of the buyer turn waiting for an answer, or null. */
  private Instant openTurn;

  private boolean ended;

  Chat(String shopId, String sessionId, String buyerId, String channel, Instant start) {
    this.shopId = shopId;
    this.sessionId = sessionId;
    this.buyerId = buyerId;
    this.channel = channel;
    this.clock = start;
  }

  private String nextId() {
    n++;
    return sessionId + "-" + (n < 10 ? "0" + n : Integer.toString(n));
  }

  void after(double seconds) {
    clock = clock.plusMillis(Math.max(200, Math.round(seconds * 1000)));
  }

  void start(AgentProfile agent, Queue queue) {
    owner = agent;
    events.add(
        new SessionStart(nextId(), clock, shopId, sessionId, buyerId, channel, agent.id(), queue));
  }

  void buyer(String text, ContentType type) {
    if (openTurn == null) {
      openTurn = clock;
    }
    buyerText.append(text).append('\n');
    events.add(
        new Message(
            nextId(), clock, shopId, sessionId, buyerId, channel, Sender.BUYER, "", text, type));
  }

  void buyer(String text) {
    buyer(text, ContentType.TEXT);
  }

  /**
   * Whether the buyer has typed this detail (their phone number or address, as the placeholders
   * write it) in this session so far: only then may an agent read it back (QA_RULES.md
   * privacy_leak: a detail the buyer did not give in the session is a leak, even their own from the
   * order).
   */
  boolean buyerGave(String detail) {
    return detail != null && !detail.isEmpty() && buyerText.indexOf(detail) >= 0;
  }

  void bot(String text) {
    events.add(
        new Message(
            nextId(),
            clock,
            shopId,
            sessionId,
            buyerId,
            channel,
            Sender.BOT,
            "",
            text,
            ContentType.TEXT));
  }

  void agent(AgentProfile agent, String text) {
    if (openTurn != null) {
      long waited = clock.getEpochSecond() - openTurn.getEpochSecond();
      if (firstResponseSeconds < 0) {
        firstResponseSeconds = waited;
      }
      waitedSecondsTotal += waited;
      answeredTurns++;
      if (waited > 60) {
        slowTurns++;
      }
      openTurn = null;
    }
    agentSpoke = true;
    lastSpeaker = agent;
    events.add(
        new Message(
            nextId(),
            clock,
            shopId,
            sessionId,
            buyerId,
            channel,
            Sender.AGENT,
            agent.id(),
            text,
            ContentType.TEXT));
  }

  void transfer(AgentProfile to) {
    events.add(
        new Transfer(nextId(), clock, shopId, sessionId, buyerId, channel, owner.id(), to.id()));
    owner = to;
  }

  boolean ended() {
    return ended;
  }

  boolean waiting() {
    return openTurn != null;
  }

  void end(EndReason reason) {
    if (openTurn != null) {
      unanswered = true;
    }
    ended = true;
    events.add(new SessionEnd(nextId(), clock, shopId, sessionId, buyerId, channel, reason));
  }

  Rating rating(Instant at, int score, String comment) {
    return new Rating(nextId(), at, shopId, sessionId, buyerId, channel, score, comment);
  }

  double averageWait() {
    return answeredTurns == 0 ? 0 : (double) waitedSecondsTotal / answeredTurns;
  }
}
