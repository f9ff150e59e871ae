package io.kefu.dashboard;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What every page needs to know about the request it is rendered for: the language, the person
 * (null before sign-in), the CSRF token its forms carry, and where it is (for the language switch
 * to come back to).
 *
 * @param zone the shop's time zone, in which stored UTC times are shown
 */
public record ViewContext(
    Messages.Text t, SignedIn signedIn, String csrfToken, String pathAndQuery, ZoneId zone) {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public User user() {
    return signedIn == null ? null : signedIn.user();
  }

  public String time(Instant i) {
    return i == null ? "" : TIME.format(i.atZone(zone));
  }

  public String time(LocalDateTime t) {
    return t == null ? "" : TIME.format(t);
  }

  public static String number(Long n) {
    return n == null ? "–" : String.format(Locale.ROOT, "%,d", n);
  }

  public String roleName(Role r) {
    return t.get("role." + r.wire());
  }
}
