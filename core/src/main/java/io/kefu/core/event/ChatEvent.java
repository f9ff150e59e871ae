package io.kefu.core.event;

/** An event of the chat stream: it always belongs to one session of one buyer. */
public sealed interface ChatEvent extends Event
    permits SessionStart, Message, Transfer, SessionEnd, Rating {

  String sessionId();

  /** Free string: taobao, tmall, jd, douyin, web, …; empty when the producer left it out. */
  String channel();
}
