package ru.edu.auditor.service.access;

import java.time.Duration;
import ru.edu.auditor.text.Plural;

/**
 * The one authorization check of every front end: the API asks it for a bearer token's caller, the workspace for a
 * session's. Each front end names what a route needs and how it refuses (problem+json or a page); whether the
 * caller may is decided here only, so scopes (the accounts issue) are added in one place.
 */
public final class Access {
    private Access() { }

    /** What a request may do. */
    public enum Decision {
        /** The caller may. */
        ALLOWED,
        /** No known caller: sign in (workspace) or send a token (API). */
        UNKNOWN_CALLER,
        /** A known caller whose role does not reach what the route needs. */
        FORBIDDEN
    }

    /** The outcome of presenting a credential. */
    public sealed interface Attempt permits Admitted, Refused, Throttled { }

    /** The credential is known: the request is {@code who}'s. */
    public record Admitted(Tokens.Principal who) implements Attempt { }

    /** No credential, or an unknown one ({@code presented}: whether one was sent at all). */
    public record Refused(boolean presented) implements Attempt { }

    /** Too many failures from this address: the credential was not read; try again in {@code retryAfterSeconds}. */
    public record Throttled(long retryAfterSeconds) implements Attempt {
        /** The wait in Russian words: «через 8 секунд». */
        public String inWords() {
            return "через " + Plural.count(retryAfterSeconds, "секунду", "секунды", "секунд");
        }
    }

    /**
     * Reads a token presented from {@code address}, slowed by the tokens' {@link SignInThrottle} when that address has
     * failed too often: then only a caller who succeeded from there before is let in, and every other attempt is
     * refused alike, right or wrong.
     */
    public static Attempt authenticate(Tokens tokens, String secret, String address) {
        SignInThrottle throttle = tokens.throttle();
        if (secret == null || secret.isBlank()) return new Refused(false);
        SignInThrottle.Key key = new SignInThrottle.Key(address, null);
        Tokens.Principal who = tokens.authenticate(secret).orElse(null);
        Duration wait = throttle.wait(key);
        if (!wait.isZero() && (who == null || !throttle.knownAt(address, who.name()))) {
            return new Throttled(Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        if (who == null) {
            throttle.failed(key);
            return new Refused(true);
        }
        throttle.succeeded(key, who.name());
        return new Admitted(who);
    }

    /**
     * Signs in with a login and a password from {@code address}. Failures are counted per address (together with wrong
     * tokens from there), per login (from anywhere) and per the pair; while one of them waits, the password is not read
     * and the attempt is {@link Throttled} — except that a person who signed in from this address before is held only
     * by the pair, so guessers elsewhere or at other logins of a shared office address cannot keep them out. Every attempt refused after its password was checked goes to the change record.
     * Without accounts (no store) every attempt is refused.
     */
    public static Attempt signIn(Tokens tokens, String login, String password, String address) {
        Accounts accounts = tokens.accounts().orElse(null);
        if (login == null || login.isBlank()) return new Refused(false);
        String normalized = Accounts.normalize(login);
        SignInThrottle throttle = tokens.throttle();
        SignInThrottle.Key byAddress = new SignInThrottle.Key(address, null);
        SignInThrottle.Key byLogin = new SignInThrottle.Key(null, normalized);
        SignInThrottle.Key byBoth = new SignInThrottle.Key(address, normalized);
        // a person who signed in from here before is not kept out by failures of others (this address's or their login's
        // elsewhere); guessing their password from here is still slowed by the pair of this address and login
        boolean known = throttle.knownAt(address, normalized);
        Duration wait = throttle.wait(byBoth);
        if (!known) wait = longer(wait, longer(throttle.wait(byAddress), throttle.wait(byLogin)));
        if (!wait.isZero()) {
            // not entered in the record: refused unread, and a flood of them must not fill the store
            return new Throttled(Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        Accounts.Account a = accounts == null ? null : accounts.check(normalized, password).orElse(null);
        if (a == null) {
            throttle.failed(byAddress);
            throttle.failed(byLogin);
            throttle.failed(byBoth);
            if (accounts != null) accounts.recordFailure(login, "неверный логин или пароль, или учётная запись отключена");
            return new Refused(true);
        }
        throttle.succeeded(byAddress, a.login());
        throttle.succeeded(byLogin, a.login());
        throttle.succeeded(byBoth, a.login());
        return new Admitted(a.principal());
    }

    private static Duration longer(Duration a, Duration b) { return a.compareTo(b) >= 0 ? a : b; }

    /** Whether {@code who} (null: nobody signed in) may use a route that needs {@code needed}. */
    public static Decision decide(Tokens.Principal who, Role needed) {
        if (who == null) return Decision.UNKNOWN_CALLER;
        return who.role().includes(needed) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }
}
