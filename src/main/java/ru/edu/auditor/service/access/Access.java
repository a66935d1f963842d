package ru.edu.auditor.service.access;

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

    /** Whether {@code who} (null: nobody signed in) may use a route that needs {@code needed}. */
    public static Decision decide(Tokens.Principal who, Role needed) {
        if (who == null) return Decision.UNKNOWN_CALLER;
        return who.role().includes(needed) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }
}
