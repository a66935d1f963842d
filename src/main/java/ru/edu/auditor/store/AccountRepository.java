package ru.edu.auditor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts and their personal API tokens (tables {@code account} and {@code personal_token}, migration V10). The
 * store keeps what the service layer decided (a password's hash, never the password; a token's SHA-256, never the
 * token); no row is ever deleted — an account is disabled, a token revoked.
 */
public final class AccountRepository {
    private static final String ACCOUNT = "SELECT login, display_name, email, password_hash, must_change, role, scope_kind, scope_value,"
            + " disabled_at, sessions_after, created_at, created_by, changed_at FROM account";
    private static final String TOKEN = "SELECT token_id, login, name, digest, created_at, expires_at, revoked_at, revoked_by FROM personal_token";

    private final Database db;

    public AccountRepository(Database db) { this.db = db; }

    /** One account as stored. {@code role}: the role's name; {@code scopeKind}: everything, region, municipality or organization. */
    public record StoredAccount(String login, String displayName, String email, String passwordHash, boolean mustChange, String role,
                                String scopeKind, String scopeValue, Instant disabledAt, Instant sessionsAfter, Instant createdAt, String createdBy, Instant changedAt) {
        public boolean disabled() { return disabledAt != null; }
    }

    /** One personal token as stored ({@code digest}: hex SHA-256 of its secret). */
    public record StoredToken(String id, String login, String name, String digest, Instant createdAt, Instant expiresAt, Instant revokedAt,
                              String revokedBy) { }

    /** Adds {@code a}; false when an account with its login exists already. */
    public boolean insert(StoredAccount a) {
        return Jdbc.withConnection(db, "cannot create an account", c -> {
            try {
                update(c, "INSERT INTO account (login, display_name, email, password_hash, must_change, role, scope_kind, scope_value, disabled_at,"
                        + " sessions_after, created_at, created_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        a.login(), a.displayName(), a.email(), a.passwordHash(), a.mustChange() ? 1L : 0L, a.role(), a.scopeKind(), a.scopeValue(),
                        instant(a.disabledAt()), instant(a.sessionsAfter()), instant(a.createdAt()), a.createdBy(), instant(a.changedAt()));
                return true;
            } catch (SQLException e) {
                if (SqlFailures.duplicate(e)) return false;
                throw e;
            }
        });
    }

    /** Replaces the account's changeable fields (all but login and creation) with {@code a}'s; false when there is none. */
    public boolean update(StoredAccount a) {
        return Jdbc.withConnection(db, "cannot change an account", c -> update(c, "UPDATE account SET display_name = ?, email = ?, password_hash = ?,"
                + " must_change = ?, role = ?, scope_kind = ?, scope_value = ?, disabled_at = ?, sessions_after = ?, changed_at = ? WHERE login = ?",
                a.displayName(), a.email(), a.passwordHash(), a.mustChange() ? 1L : 0L, a.role(), a.scopeKind(), a.scopeValue(),
                instant(a.disabledAt()), instant(a.sessionsAfter()), instant(a.changedAt()), a.login()) == 1);
    }

    public Optional<StoredAccount> find(String login) {
        return Jdbc.withConnection(db, "cannot read accounts", c -> Jdbc.list(c, ACCOUNT + " WHERE login = ?", AccountRepository::account, login))
                .stream().findFirst();
    }

    /** Every account, by login. */
    public List<StoredAccount> list() {
        return Jdbc.withConnection(db, "cannot read accounts", c -> Jdbc.list(c, ACCOUNT + " ORDER BY login", AccountRepository::account));
    }

    public long count() {
        return Jdbc.withConnection(db, "cannot read accounts", c -> Jdbc.list(c, "SELECT COUNT(*) FROM account", rs -> rs.getLong(1)).get(0));
    }

    /** Adds a personal token; false when its id or digest exists already (a clash of random values: try another). */
    public boolean insertToken(StoredToken t) {
        return Jdbc.withConnection(db, "cannot create a token", c -> {
            try {
                update(c, "INSERT INTO personal_token (token_id, login, name, digest, created_at, expires_at, revoked_at, revoked_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", t.id(), t.login(), t.name(), t.digest(), instant(t.createdAt()), instant(t.expiresAt()),
                        instant(t.revokedAt()), t.revokedBy());
                return true;
            } catch (SQLException e) {
                if (SqlFailures.duplicate(e)) return false;
                throw e;
            }
        });
    }

    /** The token whose secret has SHA-256 {@code digest}, with its account (revoked, expired or not: the caller judges). */
    public Optional<TokenOwner> findByDigest(String digest) {
        return Jdbc.withConnection(db, "cannot read tokens", c -> {
            List<StoredToken> t = Jdbc.list(c, TOKEN + " WHERE digest = ?", AccountRepository::token, digest);
            if (t.isEmpty()) return Optional.<TokenOwner>empty();
            List<StoredAccount> a = Jdbc.list(c, ACCOUNT + " WHERE login = ?", AccountRepository::account, t.get(0).login());
            return a.isEmpty() ? Optional.<TokenOwner>empty() : Optional.of(new TokenOwner(t.get(0), a.get(0)));
        });
    }

    /** A token and the account it belongs to. */
    public record TokenOwner(StoredToken token, StoredAccount account) { }

    /** {@code login}'s tokens (null: everyone's), newest first. */
    public List<StoredToken> tokens(String login) {
        return Jdbc.withConnection(db, "cannot read tokens", c -> login == null
                ? Jdbc.list(c, TOKEN + " ORDER BY created_at DESC, token_id", AccountRepository::token)
                : Jdbc.list(c, TOKEN + " WHERE login = ? ORDER BY created_at DESC, token_id", AccountRepository::token, login));
    }

    public Optional<StoredToken> token(String id) {
        return Jdbc.withConnection(db, "cannot read tokens", c -> Jdbc.list(c, TOKEN + " WHERE token_id = ?", AccountRepository::token, id))
                .stream().findFirst();
    }

    /** Revokes a token not revoked yet; false when it is unknown or revoked already. */
    public boolean revokeToken(String id, String by, Instant at) {
        return Jdbc.withConnection(db, "cannot revoke a token", c -> update(c,
                "UPDATE personal_token SET revoked_at = ?, revoked_by = ? WHERE token_id = ? AND revoked_at IS NULL", instant(at), by, id) == 1);
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            Jdbc.bind(st, args);
            return st.executeUpdate();
        }
    }

    private static String instant(Instant i) { return i == null ? null : Jdbc.INSTANT.format(i); }

    private static Instant instant(String s) { return s == null ? null : Instant.parse(s); }

    private static StoredAccount account(ResultSet rs) throws SQLException {
        return new StoredAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5) != 0, rs.getString(6),
                rs.getString(7), rs.getString(8), instant(rs.getString(9)), instant(rs.getString(10)), instant(rs.getString(11)), rs.getString(12),
                instant(rs.getString(13)));
    }

    private static StoredToken token(ResultSet rs) throws SQLException {
        return new StoredToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs.getString(5)), instant(rs.getString(6)),
                instant(rs.getString(7)), rs.getString(8));
    }
}
