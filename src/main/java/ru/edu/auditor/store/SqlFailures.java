package ru.edu.auditor.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteException;

/** Tells a store that is unreachable for now from a store that failed otherwise. */
final class SqlFailures {
    /** SQLite primary result codes of a database that is busy, locked, unreadable or unwritable for now. */
    private static final Set<Integer> SQLITE_UNAVAILABLE = Set.of(5 /* BUSY */, 6 /* LOCKED */, 8 /* READONLY */,
            10 /* IOERR */, 13 /* FULL */, 14 /* CANTOPEN */, 15 /* PROTOCOL */);

    private SqlFailures() { }

    static StoreException translate(String what, Throwable e) {
        return unavailable(e) ? new StoreUnavailableException(what, e) : new StoreException(what, e);
    }

    static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException x = s; x != null; x = x.getNextException()) {
                    if (unavailable(x)) return true;
                }
            }
            if (t instanceof FlywayException && t.getCause() == null && String.valueOf(t.getMessage()).contains("Unable to obtain connection")) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL gave up on a transaction that conflicted with a concurrent one (serialization failure, deadlock): retrying it may succeed. */
    static boolean conflict(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state)) return true;
        }
        return false;
    }

    /** A row with the same primary or unique key is already there (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT). */
    static boolean duplicate(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) return true;
            if (x instanceof SQLiteException lite && (lite.getResultCode().code & 0xff) == 19) return true;
        }
        return false;
    }

    private static boolean unavailable(SQLException s) {
        if (s instanceof SQLTransientException || s instanceof SQLRecoverableException || s instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = s.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"))) return true;
        return s instanceof SQLiteException lite && SQLITE_UNAVAILABLE.contains(lite.getResultCode().code & 0xff);
    }
}
