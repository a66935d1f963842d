package ru.edu.auditor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * The JDBC every repository of the store goes through: a connection borrowed for one piece of work (and every
 * failure translated to a {@link StoreException}), a transaction, a query's rows mapped one by one, the columns'
 * text forms of dates and instants. Repositories hold their SQL; this holds the plumbing once.
 */
final class Jdbc {
    /** Instants as stored: fixed width, so that text order is time order. */
    static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Rows fetched at a time by a streamed read. */
    static final int FETCH_SIZE = 500;

    private Jdbc() { }

    /** Work on a borrowed connection. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /** Takes one row of a result. */
    @FunctionalInterface
    interface RowReader {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Maps one row of a result. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * {@code work} on a connection of {@code db}, given back afterwards; a failure is a {@link StoreException} saying
     * {@code failure} (a {@link CompletionException} a row reader threw is unwrapped).
     */
    static <T> T withConnection(Database db, String failure, Work<T> work) {
        try (Connection c = db.connection()) {
            return work.on(c);
        } catch (SQLException e) {
            throw SqlFailures.translate(failure, e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T inTransaction(Database db, String failure, Work<T> work) {
        return withConnection(db, failure, c -> {
            boolean auto = c.getAutoCommit();
            // SQLite: a transaction that reads before it writes (the change record's last entry, the next remedy
            // order number) would fail at once with SQLITE_BUSY when its read lock cannot be upgraded while another
            // writer holds the lock; BEGIN IMMEDIATE takes the write lock first and waits for it (busy_timeout)
            SQLiteConnection lite = c.isWrapperFor(SQLiteConnection.class) ? c.unwrap(SQLiteConnection.class) : null;
            if (lite != null) lite.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            try {
                c.setAutoCommit(false);
                T out = work.on(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                c.setAutoCommit(auto);
                if (lite != null) lite.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
            }
        });
    }

    /**
     * {@code work} that only reads, inside a transaction that is rolled back after it: PostgreSQL streams a result
     * with a fetch size only inside a transaction.
     */
    static <T> T reading(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            return work.on(c);
        } finally {
            rollback(c);
            c.setAutoCommit(true);
        }
    }

    /**
     * Runs a query on {@code c} and hands every row to {@code each}. {@code streamed}: for results of any length —
     * rows are fetched in chunks (on PostgreSQL a cursor, which needs a transaction on {@code c}), never all at once.
     */
    static void each(Connection c, boolean streamed, String sql, RowReader each, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (streamed) st.setFetchSize(FETCH_SIZE);
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) each.accept(rs);
            }
        }
    }

    /** The rows of a query on {@code c}, mapped. */
    static <T> List<T> list(Connection c, String sql, RowMapper<T> row, Object... args) throws SQLException {
        List<T> out = new ArrayList<>();
        each(c, false, sql, rs -> out.add(row.map(rs)), args);
        return out;
    }

    /** Binds the parameters in order: a {@link Long} as a number, anything else as its text. */
    static void bind(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Long l) st.setLong(i + 1, l);
            else st.setString(i + 1, args[i] == null ? null : args[i].toString());
        }
    }

    /** Rolls back, quietly: a broken connection is discarded by the pool and its transaction never committed. */
    static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction never committed
        }
    }

    /** A nullable number column. */
    static Long num(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static String text(LocalDate d) { return d == null ? null : d.toString(); }

    static LocalDate date(String s) { return s == null ? null : LocalDate.parse(s); }
}
