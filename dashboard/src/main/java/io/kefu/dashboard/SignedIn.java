package io.kefu.dashboard;

/**
 * The person behind a request, resumed from their session cookie.
 *
 * @param sessionHash the SHA-256 of the session id (the id itself is only in the cookie)
 * @param csrfToken the token every form of this session must carry
 */
public record SignedIn(User user, String sessionHash, String csrfToken) {}
