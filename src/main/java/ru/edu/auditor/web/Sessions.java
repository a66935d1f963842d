package ru.edu.auditor.web;

import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import ru.edu.auditor.service.access.Tokens;

/**
 * Workspace sessions. Signing in takes an API token (its role applies unchanged) and opens a session kept in
 * memory under a random id; the browser holds only that id, in an HttpOnly, SameSite=Strict cookie that expires.
 * The token itself is never stored, put in a URL, a page or a log. Each session has its own CSRF token, which
 * every state-changing form carries and {@link #csrfValid} compares in constant time.
 */
public final class Sessions {
    public static final String COOKIE = "auditor_session";
    /** The pre-sign-in cookie that makes the sign-in form itself unforgeable (double submit). */
    public static final String LOGIN_COOKIE = "auditor_login";
    /** How long a session lives after sign-in: a working day. */
    public static final Duration LIFETIME = Duration.ofHours(8);
    /** Sessions kept at most; the oldest are dropped beyond this (a flood of sign-ins cannot exhaust memory). */
    static final int MAX_SESSIONS = 10_000;

    /**
     * One signed-in user. {@code account}: signed in with a login and password (then each request checks the account
     * is still enabled and its sessions were not ended since {@code opened}, and takes its current role and scope).
     */
    public record Session(String id, Tokens.Principal who, String csrf, Instant expires, Instant opened, boolean account) {
        Session withWho(Tokens.Principal now) { return new Session(id, now, csrf, expires, opened, account); }
    }

    private final Map<String, Session> open = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Sessions() { this(Clock.systemUTC()); }

    Sessions(Clock clock) { this.clock = clock; }

    /** A random value: 256 bits, URL-safe. */
    String randomId() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Opens a session for {@code who} and sets its cookie. The session the request came with (if any) is closed: a
     * sign-in always gets a new id, so an id planted in the browser before the sign-in is worth nothing after it.
     */
    public Session open(Context ctx, Tokens.Principal who) { return open(ctx, who, false); }

    /** The same; {@code account}: signed in with a login and password. */
    public Session open(Context ctx, Tokens.Principal who, boolean account) {
        String previous = ctx.cookie(COOKIE);
        if (previous != null) open.remove(previous);
        if (open.size() >= MAX_SESSIONS) purge(true);
        Instant now = clock.instant();
        Session s = new Session(randomId(), who, randomId(), now.plus(LIFETIME), now, account);
        open.put(s.id(), s);
        cookie(ctx, COOKIE, s.id(), LIFETIME.toSeconds());
        return s;
    }

    /** The request's live session, if any (an expired one is closed). */
    public Optional<Session> find(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) return Optional.empty();
        Session s = open.get(id);
        if (s == null) return Optional.empty();
        if (!s.expires().isAfter(clock.instant())) {
            open.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Closes the request's session and clears its cookie. */
    public void close(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) open.remove(id);
        cookie(ctx, COOKIE, "", 0);
    }

    /** How many other live sessions the same user has open (other browsers, other computers). */
    public int others(Session s) {
        Instant now = clock.instant();
        int n = 0;
        for (Session o : open.values()) if (!o.id().equals(s.id()) && o.who().name().equals(s.who().name()) && o.expires().isAfter(now)) n++;
        return n;
    }

    /** Keeps {@code s} with the caller as the account is now (role and scope changed meanwhile). */
    Session refresh(Session s, Tokens.Principal who) {
        if (s.who().equals(who)) return s;
        Session now = s.withWho(who);
        open.replace(s.id(), s, now);
        return now;
    }

    /** Ends every session of {@code name} (this one too); returns how many were ended. */
    public int closeAll(String name) {
        int before = open.size();
        open.values().removeIf(o -> o.who().name().equals(name));
        return before - open.size();
    }

    /** Ends every other session of the same user; returns how many were ended. */
    public int closeOthers(Session s) {
        int before = open.size();
        open.values().removeIf(o -> !o.id().equals(s.id()) && o.who().name().equals(s.who().name()));
        return before - open.size();
    }

    /** Whether the posted {@code csrf} field is this session's token. */
    public static boolean csrfValid(Session s, String posted) {
        return posted != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8), posted.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh sign-in form token, also set as a short-lived cookie. */
    String loginToken(Context ctx) {
        String t = randomId();
        cookie(ctx, LOGIN_COOKIE, t, 3600);
        return t;
    }

    static boolean loginTokenValid(Context ctx, String posted) {
        String c = ctx.cookie(LOGIN_COOKIE);
        return c != null && posted != null && MessageDigest.isEqual(c.getBytes(StandardCharsets.UTF_8), posted.getBytes(StandardCharsets.UTF_8));
    }

    int size() { return open.size(); }

    private void purge(boolean oldestToo) {
        Instant now = clock.instant();
        open.values().removeIf(s -> !s.expires().isAfter(now));
        if (oldestToo && open.size() >= MAX_SESSIONS) {
            open.values().stream().min(Comparator.comparing(Session::expires)).ifPresent(s -> open.remove(s.id()));
        }
    }

    private static void cookie(Context ctx, String name, String value, long maxAge) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        String expires = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(maxAge));
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; Expires=" + expires
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }
}
