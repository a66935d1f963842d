package ru.edu.auditor.service.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing of sign-in credentials (the workspace's sign-in form and the API's bearer tokens alike). Failures
 * are counted per address and login together; after {@link #FREE_FAILURES} in a row, each further failure makes the
 * next attempt wait longer (1 s, 2 s, 4 s … at most {@link #MAX_WAIT}), and an attempt before then is refused
 * (429 with Retry-After) whether its credential is right or wrong. A success clears the count.
 *
 * <p>Today's credentials are tokens, which name no login, so a failure counts against the address alone. So that one
 * attacker behind a school's or a municipality's shared address cannot shut the whole office out, a credential that
 * already succeeded from that address (in the last {@link #REMEMBERED}) is still let in while the address waits; any
 * other gets the same 429, so the wait tells a guesser nothing about the tokens nobody used from there. When accounts
 * bring logins, failures count per login as well ({@link Key#login}).
 */
public final class SignInThrottle {
    /** Failures in a row that cost nothing (a mistyped token or two). */
    public static final int FREE_FAILURES = 5;
    /** The longest wait after a failure. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);
    /** A run of failures is forgotten after this long without a new one. */
    public static final Duration QUIET = Duration.ofMinutes(15);
    /** How long an address remembers the callers that succeeded from it. */
    public static final Duration REMEMBERED = Duration.ofHours(12);
    /** Addresses (and logins) tracked at most; beyond, the stalest are forgotten, so a flood cannot exhaust memory. */
    static final int MAX_TRACKED = 20_000;

    /** Who is trying: the client's address and the login named (null: a token, which names none). */
    public record Key(String address, String login) {
        public Key {
            address = address == null ? "" : address;
            login = login == null ? "" : login;
        }
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant until;
    }

    private final Clock clock;
    private final Map<Key, Failures> failures = new ConcurrentHashMap<>();
    /** address → caller name → when it last succeeded from there. */
    private final Map<String, Map<String, Instant>> known = new ConcurrentHashMap<>();

    public SignInThrottle() { this(Clock.systemUTC()); }

    public SignInThrottle(Clock clock) { this.clock = clock; }

    /** How long {@code key} must still wait before a credential is read; zero when it need not. */
    public Duration wait(Key key) {
        Failures f = failures.get(key);
        if (f == null) return Duration.ZERO;
        synchronized (f) {
            Instant now = clock.instant();
            if (f.until == null || !f.until.isAfter(now)) return Duration.ZERO;
            return Duration.between(now, f.until);
        }
    }

    /** Whether {@code who} succeeded from {@code address} recently (and may be let in while the address waits). */
    public boolean knownAt(String address, String who) {
        Map<String, Instant> names = known.get(address == null ? "" : address);
        Instant at = names == null ? null : names.get(who);
        return at != null && at.plus(REMEMBERED).isAfter(clock.instant());
    }

    /** A failed attempt by {@code key}: counts towards (and lengthens) its wait. */
    public void failed(Key key) {
        if (failures.size() >= MAX_TRACKED) forgetStale();
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        synchronized (f) {
            Instant now = clock.instant();
            if (f.last != null && f.last.plus(QUIET).isBefore(now)) f.count = 0;
            f.count++;
            f.last = now;
            if (f.count > FREE_FAILURES) {
                int doubling = Math.min(f.count - FREE_FAILURES - 1, 20);
                Duration wait = Duration.ofSeconds(1L << doubling);
                f.until = now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
            }
        }
    }

    /** A successful attempt by {@code key} as {@code who}: its failures are forgotten and the address remembers the caller. */
    public void succeeded(Key key, String who) {
        failures.remove(key);
        if (known.size() >= MAX_TRACKED) forgetStale();
        Map<String, Instant> names = known.computeIfAbsent(key.address(), a -> new ConcurrentHashMap<>());
        if (names.size() < 1000) names.put(who, clock.instant()); // an address shared by a whole office stays small
        else if (names.containsKey(who)) names.put(who, clock.instant());
    }

    private void forgetStale() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> {
            Failures f = e.getValue();
            synchronized (f) {
                return f.last == null || f.last.plus(QUIET).isBefore(now) && (f.until == null || f.until.isBefore(now));
            }
        });
        known.values().forEach(names -> names.values().removeIf(at -> at.plus(REMEMBERED).isBefore(now)));
        known.values().removeIf(Map::isEmpty);
        // still full: a flood of fresh addresses; the oldest runs go first
        if (failures.size() >= MAX_TRACKED) {
            Iterator<Key> it = new LinkedHashMap<>(failures).keySet().iterator();
            for (int n = failures.size() - MAX_TRACKED / 2; n > 0 && it.hasNext(); n--) failures.remove(it.next());
        }
        if (known.size() >= MAX_TRACKED) {
            Set<String> addresses = Set.copyOf(known.keySet());
            int n = known.size() - MAX_TRACKED / 2;
            for (String a : addresses) {
                if (n-- <= 0) break;
                known.remove(a);
            }
        }
    }
}
