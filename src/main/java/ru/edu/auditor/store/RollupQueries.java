package ru.edu.auditor.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.CompletionException;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.report.Rollup;

/** The roll-up of a municipality: its counts aggregated in the database, its organizations streamed from it. */
public final class RollupQueries {
    private final Database db;

    RollupQueries(Database db) { this.db = db; }

    /** The key a region is filtered by in the roll-up (the catalog's normalisation of place names). */
    public static String regionKey(String region) { return region == null ? null : Applicability.placeKey(region); }

    /** What the roll-up counts, aggregated in the database over each organization's latest audit. */
    public record RollupCounts(int organizations, int general, int using, int notUsing,
                               Map<String, Map<String, Integer>> decreeStatuses, Map<String, Map<String, Map<String, Integer>>> clauseVerdicts) { }

    /**
     * An organization's latest audit on or before the roll-up's date (without facts and report), and whether its
     * report is «pending» while one of its PENDING clauses is among the roll-up's {@code dueClauses} (its deadline
     * passed after the audit, by the roll-up's date).
     */
    public record LatestAudit(StoredAudit audit, boolean dueSinceAudit) { }

    /** Uses a roll-up's counts and its organizations (read while it runs, once). */
    @FunctionalInterface
    public interface RollupUse<T> {
        T apply(RollupCounts counts, Iterator<LatestAudit> organizations) throws IOException;
    }

    /** Every organization of the municipality, no clause due since its audit. */
    public <T> T rollup(Collection<String> municipalityKeys, String regionKey, LocalDate asOf, RollupUse<T> use) throws IOException {
        return rollup(municipalityKeys, regionKey, asOf, ScopeFilter.ALL, List.of(), use);
    }

    /** Every organization of the municipality. */
    public <T> T rollup(Collection<String> municipalityKeys, String regionKey, LocalDate asOf, Collection<String> dueClauses, RollupUse<T> use)
            throws IOException {
        return rollup(municipalityKeys, regionKey, asOf, ScopeFilter.ALL, dueClauses, use);
    }

    /** The organizations {@code scope} lets through only (counts and list alike), no clause due since its audit. */
    public <T> T rollup(Collection<String> municipalityKeys, String regionKey, LocalDate asOf, ScopeFilter scope, RollupUse<T> use) throws IOException {
        return rollup(municipalityKeys, regionKey, asOf, scope, List.of(), use);
    }

    /**
     * The roll-up over the latest audit on or before {@code asOf} of every organization of
     * {@code municipalityKeys} (with a {@code regionKey}: only those whose region is unknown or has that key):
     * the counts — organizations, platform use of general-education ones, decree statuses, clause verdicts
     * (decree → clause → verdict → count) — aggregated in the database, and those audits (without facts and
     * report), ordered by organization name, streamed from the database while {@code use} runs, never held
     * all at once. Counts and list are read in one transaction, so they agree.
     * Over the organizations {@code scope} lets through only. {@code dueClauses} («decree|clause»): the clauses whose deadline has passed by {@code asOf}; a decree whose
     * status was «pending» with a PENDING one of them is counted as {@link Rollup#DUE_SINCE_AUDIT_STATUS}, and an organization
     * so is marked ({@link LatestAudit#dueSinceAudit()}). Clause counts stay as stored (the caller moves them).
     */
    public <T> T rollup(Collection<String> municipalityKeys, String regionKey, LocalDate asOf, ScopeFilter scope, Collection<String> dueClauses,
                        RollupUse<T> use) throws IOException {
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
                Due due = due(dueClauses);
                Jdbc.each(c, false, "SELECT x.decree_id, x.status, COUNT(*) FROM (SELECT d.decree_id, CASE WHEN d.status = 'pending' AND "
                        + due.exists("d.decision_id", "d.decree_id") + " THEN '" + Rollup.DUE_SINCE_AUDIT_STATUS + "' ELSE d.status END AS status"
                        + " FROM audit a JOIN audit_decree d ON d.decision_id = a.decision_id WHERE " + latest.sql() + ") x"
                        + " GROUP BY x.decree_id, x.status", rs -> statuses.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .put(rs.getString(2), rs.getInt(3)), concat(due.args(), latest.args()));
                Map<String, Map<String, Map<String, Integer>>> verdicts = new TreeMap<>();
                Jdbc.each(c, false, "SELECT v.decree_id, v.clause_id, v.verdict, COUNT(*) FROM audit a JOIN audit_clause v ON v.decision_id = a.decision_id WHERE "
                        + latest.sql() + " GROUP BY v.decree_id, v.clause_id, v.verdict", rs -> verdicts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new TreeMap<>()).put(rs.getString(3), rs.getInt(4)), latest.args());
                RollupCounts counts = new RollupCounts(totals[0], totals[1], totals[2], totals[3], statuses, verdicts);
                try (PreparedStatement st = c.prepareStatement("SELECT " + AuditRows.columns("a.", false) + ", CASE WHEN a.status = 'pending' AND "
                        + due.exists("a.decision_id", null) + " THEN 1 ELSE 0 END AS due_since_audit FROM audit a WHERE " + latest.sql()
                        + " ORDER BY a.organization_name, a.organization_key")) {
                    st.setFetchSize(Jdbc.FETCH_SIZE);
                    Jdbc.bind(st, concat(due.args(), latest.args()));
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

    /** The condition «the audit has a PENDING clause among the due ones», with its arguments. */
    private record Due(List<String> keys) {
        String exists(String decisionColumn, String decreeColumn) {
            if (keys.isEmpty()) return "1 = 0";
            return "EXISTS (SELECT 1 FROM audit_clause v WHERE v.decision_id = " + decisionColumn
                    + (decreeColumn == null ? "" : " AND v.decree_id = " + decreeColumn) + " AND v.verdict = 'PENDING' AND v.decree_id || '|' || v.clause_id IN ("
                    + keys.stream().map(k -> "?").collect(Collectors.joining(", ")) + "))";
        }

        Object[] args() { return keys.toArray(); }
    }

    private static Due due(Collection<String> dueClauses) { return new Due(List.copyOf(new TreeSet<>(dueClauses))); }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The rows of {@code rs} as audits without bodies, read as they are asked for. */
    private static Iterator<LatestAudit> rows(ResultSet rs) {
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

            @Override public LatestAudit next() {
                if (!hasNext()) throw new NoSuchElementException();
                ahead = null;
                try {
                    return new LatestAudit(AuditRows.row(rs, false), rs.getInt("due_since_audit") == 1);
                } catch (SQLException e) {
                    throw SqlFailures.translate("cannot read the roll-up", e);
                }
            }
        };
    }
}
