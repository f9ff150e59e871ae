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
   * The first unsafe link of a message (QA_RULES.md, from the seeds' 钓鱼网站 advice): a path ending
   * .jpg/.swf, a domain ending .pl/.tk/.ms, or any link in a message that asks to log in again.
   */
  Match unsafeLink(MessageScan m) {
    if (!m.dot) {
      return null; // no host without a dot
    }
    List<Link> links = LinkScanner.scan(m.norm, m.n);
    if (links.isEmpty()) {
      return null;
    }
    for (Link l : links) {
      for (String p : pathSuffixes) {
        if (l.path().endsWith(p)) {
          return new Match(l.start(), l.end());
        }
      }
      for (String d : domainSuffixes) {
        if (l.host().endsWith(d)) {
          return new Match(l.start(), l.end());
        }
      }
    }
    Match loginWords = login.find(m);
    if (loginWords != null) {
      Link first = links.get(0);
      return new Match(Math.min(first.start(), loginWords.start()), first.end());
    }
    return null;
  }
}
