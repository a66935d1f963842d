package ru.edu.auditor.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import ru.edu.auditor.law.catalog.Applicability;

/** The roll-up of a municipality: its counts aggregated in the database, its organizations streamed from it. */
public final class RollupQueries {
    private final Database db;

    RollupQueries(Database db) { this.db = db; }

    /** The key a region is filtered by in the roll-up (the catalog's normalisation of place names). */
    public static String regionKey(String region) { return region == null ? null : Applicability.placeKey(region); }

    /** What the roll-up counts, aggregated in the database over each organization's latest audit. */
    public record RollupCounts(int organizations, int general, int using, int notUsing,
                               Map<String, Map<String, Integer>> decreeStatuses, Map<String, Map<String, Map<String, Integer>>> clauseVerdicts) { }

    /** Uses a roll-up's counts and its organizations (read while it runs, once). */
    @FunctionalInterface
    public interface RollupUse<T> {
        T apply(RollupCounts counts, Iterator<StoredAudit> organizations) throws IOException;
    }

    /**
     * The roll-up over the latest audit on or before {@code asOf} of every organization of
     * {@code municipalityKeys} (with a {@code regionKey}: only those whose region is unknown or has that key):
     * the counts — organizations, platform use of general-education ones, decree statuses, clause verdicts
     * (decree → clause → verdict → count) — aggregated in the database, and those audits (without facts and
     * report), ordered by organization name, streamed from the database while {@code use} runs, never held
     * all at once. Counts and list are read in one transaction, so they agree.
     */
    public <T> T rollup(Collection<String> municipalityKeys, String regionKey, LocalDate asOf, RollupUse<T> use) throws IOException {
        return rollup(municipalityKeys, regionKey, asOf, ScopeFilter.ALL, use);
    }

    /** The same over the organizations {@code scope} lets through only (counts and list alike). */
    public <T> T rollup(Collection<String> municipalityKeys, String regionKey, LocalDate asOf, ScopeFilter scope, RollupUse<T> use) throws IOException {
        if (municipalityKeys.isEmpty()) return use.apply(new RollupCounts(0, 0, 0, 0, Map.of(), Map.of()), Collections.emptyIterator());
        AuditRows.Where latest = AuditRows.latest(municipalityKeys, regionKey, asOf, scope);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            if (db.kind().equals("postgresql")) c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                int[] totals = new int[4];
                Jdbc.each(c, false, "SELECT COUNT(*), SUM(CASE WHEN a.organization_kind = 'general' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN a.organization_kind = 'general' AND a.uses_platform = TRUE THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN a.organization_kind = 'general' AND a.uses_platform = FALSE THEN 1 ELSE 0 END)"
                        + " FROM audit a WHERE " + latest.sql(), rs -> {
                            for (int i = 0; i < 4; i++) totals[i] = rs.getInt(i + 1);
                        }, latest.args());
                Map<String, Map<String, Integer>> statuses = new TreeMap<>();
                Jdbc.each(c, false, "SELECT d.decree_id, d.status, COUNT(*) FROM audit a JOIN audit_decree d ON d.decision_id = a.decision_id WHERE "
                        + latest.sql() + " GROUP BY d.decree_id, d.status", rs -> statuses.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .put(rs.getString(2), rs.getInt(3)), latest.args());
                Map<String, Map<String, Map<String, Integer>>> verdicts = new TreeMap<>();
                Jdbc.each(c, false, "SELECT v.decree_id, v.clause_id, v.verdict, COUNT(*) FROM audit a JOIN audit_clause v ON v.decision_id = a.decision_id WHERE "
                        + latest.sql() + " GROUP BY v.decree_id, v.clause_id, v.verdict", rs -> verdicts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new TreeMap<>()).put(rs.getString(3), rs.getInt(4)), latest.args());
                RollupCounts counts = new RollupCounts(totals[0], totals[1], totals[2], totals[3], statuses, verdicts);
                try (PreparedStatement st = c.prepareStatement("SELECT " + AuditRows.columns("a.", false) + " FROM audit a WHERE " + latest.sql()
                        + " ORDER BY a.organization_name, a.organization_key")) {
                    st.setFetchSize(Jdbc.FETCH_SIZE);
                    Jdbc.bind(st, latest.args());
                    try (ResultSet rs = st.executeQuery()) {
                        return use.apply(counts, rows(rs));
                    }
                }
            } finally {
                Jdbc.rollback(c);
                c.setAutoCommit(true);
                if (db.kind().equals("postgresql")) c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot read the roll-up", e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The rows of {@code rs} as audits without bodies, read as they are asked for. */
    private static Iterator<StoredAudit> rows(ResultSet rs) {
        return new Iterator<>() {
            private Boolean ahead;

            @Override public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = rs.next();
                    } catch (SQLException e) {
                        throw SqlFailures.translate("cannot read the roll-up", e);
                    }
                }
                return ahead;
            }

            @Override public StoredAudit next() {
                if (!hasNext()) throw new NoSuchElementException();
                ahead = null;
                try {
                    return AuditRows.row(rs, false);
                } catch (SQLException e) {
                    throw SqlFailures.translate("cannot read the roll-up", e);
                }
            }
        };
    }
}
