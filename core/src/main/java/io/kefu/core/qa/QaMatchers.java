package io.kefu.core.qa;

import io.kefu.core.qa.ContactScanner.Contact;
import io.kefu.core.qa.LinkScanner.Link;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A rulebook's word lists and detectors, compiled once: one phrase automaton for every list, plus
 * the contact and link scanners configured by the rulebook. Batch scoring ({@link QaEngine}) and
 * the live check ({@link LiveQa}) both judge messages through this class, so the two cannot
 * disagree about what a message says. Immutable and thread-safe; serializable (plain arrays) so a
 * streaming job can ship it to its workers.
 */
final class QaMatchers implements Serializable {

  private static final long serialVersionUID = 1L;

  private final PhraseMatcher phrases;
  private final TermList greeting;
  private final TermList impolite;
  private final TermList overPromise;
  private final TermList complaint;
  private final TermList empathy;
  private final TermList closing;
  private final TermList login;
  private final TermList privacyAllow;
  private final Set<String> privacyAllowKeys;
  private final String[] pathSuffixes;
  private final String[] domainSuffixes;
  private final boolean phones;
  private final boolean idCards;
  private final boolean addresses;

  QaMatchers(Rulebook rb) {
    PhraseMatcher.Builder ids = new PhraseMatcher.Builder();
    int gap = rb.gapChars();
    this.greeting = list(rb, RuleId.GREETING, "words", "allow", gap, ids);
    this.impolite = list(rb, RuleId.IMPOLITE, "words", "allow", gap, ids);
    this.overPromise = list(rb, RuleId.OVER_PROMISE, "words", "allow", gap, ids);
    this.complaint =
        list(rb, RuleId.COMPLAINT_EMPATHY, "complaint_words", "complaint_allow", gap, ids);
    this.empathy = list(rb, RuleId.COMPLAINT_EMPATHY, "empathy_words", "empathy_allow", gap, ids);
    this.closing = list(rb, RuleId.CLOSING, "words", "allow", gap, ids);
    this.login = list(rb, RuleId.UNSAFE_LINK, "login_words", "login_allow", gap, ids);
    RuleSettings privacy = rb.rule(RuleId.PRIVACY_LEAK);
    // Allow entries that are numbers (the shop's own hotline) match by digits, however typed;
    // the others are phrases that neutralise a finding they overlap (a warehouse address).
    Set<String> keys = new HashSet<>();
    List<String> allowPhrases = new java.util.ArrayList<>();
    for (String a : privacy.list("allow")) {
      String digits = a.replaceAll("[\\s\\-+()]", "");
      if (!digits.isEmpty() && TextNormalizer.normalize(digits).matches("[0-9x]+")) {
        String d = TextNormalizer.normalize(digits);
        keys.add(d.startsWith("86") && d.length() == 13 ? d.substring(2) : d);
      } else {
        allowPhrases.add(a);
      }
    }
    this.privacyAllowKeys = keys;
    this.privacyAllow = new TermList(List.of(), allowPhrases, gap, ids);
    this.phones = privacy.flag("phone");
    this.idCards = privacy.flag("id_card");
    this.addresses = privacy.flag("address");
    RuleSettings link = rb.rule(RuleId.UNSAFE_LINK);
    this.pathSuffixes = lower(link.list("path_suffixes"));
    this.domainSuffixes = lower(link.list("domain_suffixes"));
    this.phrases = ids.build();
  }

  private static TermList list(
      Rulebook rb, RuleId id, String words, String allow, int gap, PhraseMatcher.Builder ids) {
    RuleSettings r = rb.rule(id);
    return new TermList(r.list(words), r.list(allow), gap, ids);
  }

  private static String[] lower(List<String> l) {
    return l.stream()
        .map(s -> TextNormalizer.normalize(s).toLowerCase(Locale.ROOT))
        .toArray(String[]::new);
  }

  /** Reads one message: normalises it and finds every phrase of every list. */
  MessageScan scan(String text) {
    return new MessageScan(text, phrases);
  }

  Match greeting(MessageScan m) {
    return greeting.find(m);
  }

  Match closing(MessageScan m) {
    return closing.find(m);
  }

  Match impolite(MessageScan m) {
    return impolite.find(m);
  }

  Match overPromise(MessageScan m) {
    return overPromise.find(m);
  }

  Match complaint(MessageScan m) {
    return complaint.find(m);
  }

  Match empathy(MessageScan m) {
    return empathy.find(m);
  }

  /**
   * Contact details in a message, without those the rulebook allows (the shop's own numbers).
   * {@code strictAddress} for what an agent says; buyers' own addresses are taken loosely.
   */
  List<Contact> contacts(MessageScan m, boolean strictAddress) {
    if (m.digits < 2) {
      return List.of(); // every number and house number has digits
    }
    List<Contact> found =
        ContactScanner.scan(
            m.norm,
            m.n,
            phones && m.digits >= 10,
            idCards && m.digits >= 15,
            addresses,
            strictAddress);
    if (found.isEmpty()) {
      return found;
    }
    List<Contact> kept = new java.util.ArrayList<>(found.size());
    for (Contact c : found) {
      if (!privacyAllowKeys.contains(c.key()) && !privacyAllow.allows(m, c.start(), c.end())) {
        kept.add(c);
      }
    }
    return kept;
  }

  /**
   * What the unsafe-link check found in one message: the hit (or {@code null}), and whether the
   * message, when not itself a hit, held a link or asked to log in, which the same sender's next
   * message may complete (a phisher who sends "请重新登录验证" and the link in two messages).
   */
  record LinkVerdict(Match hit, boolean link, boolean loginAsk) {
    static final LinkVerdict NONE = new LinkVerdict(null, false, false);
  }

  /**
   * The first unsafe link of a message (QA_RULES.md, from the seeds' 钓鱼网站 advice): a path ending
   * .jpg/.swf, a domain ending .pl/.tk/.ms, or a link that asks to log in again: a login word in
   * the message with the link, or in the sender's previous message ({@code loginAskedBefore}), or
   * the link in the sender's previous message and the login word in this one ({@code
   * linkSentBefore}; the hit is then on the login word).
   */
  LinkVerdict unsafeLink(MessageScan m, boolean loginAskedBefore, boolean linkSentBefore) {
    List<Link> links = m.dot ? LinkScanner.scan(m.norm, m.n) : List.of();
    Match loginWords = login.isEmpty() ? null : login.find(m);
    if (links.isEmpty()) {
      if (loginWords == null) {
        return LinkVerdict.NONE;
      }
      return linkSentBefore
          ? new LinkVerdict(loginWords, false, true)
          : new LinkVerdict(null, false, true);
    }
    for (Link l : links) {
      for (String p : pathSuffixes) {
        if (l.path().endsWith(p)) {
          return new LinkVerdict(new Match(l.start(), l.end()), true, loginWords != null);
        }
      }
      for (String d : domainSuffixes) {
        if (l.host().endsWith(d)) {
          return new LinkVerdict(new Match(l.start(), l.end()), true, loginWords != null);
        }
      }
    }
    Link first = links.get(0);
    if (loginWords != null) {
      return new LinkVerdict(
          new Match(Math.min(first.start(), loginWords.start()), first.end()), true, true);
    }
    if (loginAskedBefore) {
      return new LinkVerdict(new Match(first.start(), first.end()), true, false);
    }
    return new LinkVerdict(null, true, false);
  }
}
