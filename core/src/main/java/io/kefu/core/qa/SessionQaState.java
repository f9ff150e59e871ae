package io.kefu.core.qa;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the live check keeps per session between messages: the contact details this buyer has given
 * (so reading them back is not a leak), whether each sender's last message held a link or a request
 * to log in (a phishing ask split over two messages), and how many points each rule has already
 * taken (so a live hit carries the deduction batch scoring will give it). Plain fields only, small,
 * serializable: a streaming job keeps one per session in keyed state and drops it when the session
 * ends.
 */
public final class SessionQaState implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Phone and ID-card numbers the buyer typed, as digits (+86 removed). */
  final Set<String> buyerNumbers = new HashSet<>();

  /** Address keys the buyer typed ({@code 三路100号3幢201室}). */
  final List<String> buyerAddresses = new ArrayList<>();

  /** Points taken so far per rule (by {@link RuleId} ordinal). */
  final int[] deducted = new int[RuleId.values().length];

  /**
   * Per sender (by ordinal): whether that sender's previous message held a link (bit 1) or asked to
   * log in again (bit 2) without being an unsafe-link hit itself; its next message may complete it.
   */
  private final byte[] linkFacts = new byte[io.kefu.core.event.Sender.values().length];

  boolean sentLink(int sender) {
    return (linkFacts[sender] & 1) != 0;
  }

  boolean askedToLogIn(int sender) {
    return (linkFacts[sender] & 2) != 0;
  }

  void linkFacts(int sender, boolean link, boolean loginAsk) {
    linkFacts[sender] = (byte) ((link ? 1 : 0) | (loginAsk ? 2 : 0));
  }

  /** Whether the buyer gave this phone or ID-card number earlier in the session. */
  boolean buyerGaveNumber(String key) {
    return buyerNumbers.contains(key);
  }

  /**
   * Whether the buyer gave this address: the same key, or one a prefix of the other (the buyer
   * typed 文三路100号 and the agent added the flat, or the other way round).
   */
  boolean buyerGaveAddress(String key) {
    for (String a : buyerAddresses) {
      if (a.startsWith(key) || key.startsWith(a)) {
        return true;
      }
    }
    return false;
  }

  /** The deduction of one more hit of a rule, within its max_deduction; records it. */
  int deduct(RuleSettings rule) {
    int i = rule.rule().ordinal();
    int d = rule.nextDeduction(deducted[i]);
    deducted[i] += d;
    return d;
  }

  /** The number of contact details remembered (for tests and state-size metrics). */
  public int remembered() {
    return buyerNumbers.size() + buyerAddresses.size();
  }
}
