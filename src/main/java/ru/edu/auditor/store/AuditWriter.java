package ru.edu.auditor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.report.ReportVerdicts;

/**
 * Writes audits: one writer thread per store that commits whatever audits are waiting together (group commit): a
 * lone audit is a transaction of its own, concurrent ones share one commit and so one disk flush. An audit's rows —
 * its row, its verdicts, its organization's analysis and report records — are all in the same transaction, and its
 * future completes only after the commit.
 */
public final class AuditWriter {
    private static final List<String> WRITTEN = List.of("indicators_to", "indicators_end", "region_key", "history_added", "facts_deflated", "report_deflated");
    /** A record keeps the earliest audit (by date, then submission) that recorded it. */
    private static final String EARLIER_RECORDER = " DO UPDATE SET decision_id = excluded.decision_id, as_of = excluded.as_of, submitted_at = excluded.submitted_at"
            + " WHERE excluded.as_of < %1$s.as_of OR (excluded.as_of = %1$s.as_of AND excluded.submitted_at < %1$s.submitted_at)";

    private final Database db;
    private final GroupCommit<Entry> writer;

    AuditWriter(Database db) {
        this.db = db;
        this.writer = new GroupCommit<>(this::insertGroup);
    }

    /** One audit, its records and its documents (facts, report) deflated, as written. */
    record Entry(StoredAudit audit, AuditIndex index, byte[] factsDeflated, byte[] reportDeflated) { }

    /** Stores one audit (no history records beyond its row). */
    public void save(StoredAudit a) { save(a, AuditIndex.none()); }

    /** Stores one audit with its records, all in one transaction: when this returns, the audit is committed. */
    public void save(StoredAudit a, AuditIndex index) {
        try {
            commit(a, index).get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while storing audit " + a.decisionId(), e);
        }
    }

    /**
     * Queues one audit for the next group commit; the future completes when it is committed, or exceptionally
     * with a {@link StoreException} (then nothing of it is stored).
     */
    public CompletableFuture<Void> commit(StoredAudit a, AuditIndex index) {
        return writer.submit(new Entry(a, index, Deflated.of(a.facts()), Deflated.of(a.report())));
    }

    /**
     * The same with the facts and the report given as UTF-8 JSON ({@code a.facts()} and {@code a.report()} are then
     * ignored). They are deflated here, on the caller's thread, so the one writer thread only writes rows: under load
     * the audits compress in parallel.
     */
    public CompletableFuture<Void> commit(StoredAudit a, AuditIndex index, byte[] factsJson, byte[] reportJson) {
        return writer.submit(new Entry(a, index, Deflated.of(factsJson), Deflated.of(reportJson)));
    }

    /** Writes the audits of one group in one transaction (retried a few times when PostgreSQL reports a conflict). */
    private void insertGroup(List<Entry> entries) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    insertAudits(c, entries);
                    insertRecords(c, entries);
                    c.commit();
                    return;
                } catch (SQLException e) {
                    Jdbc.rollback(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < 4 && SqlFailures.conflict(e)) continue;
                throw SqlFailures.translate("cannot store " + (entries.size() == 1 ? "audit " + entries.get(0).audit().decisionId()
                        : entries.size() + " audits"), e);
            }
        }
    }

    private static void insertAudits(Connection c, List<Entry> entries) throws SQLException {
        List<String> cols = new ArrayList<>(AuditRows.HEAD);
        cols.addAll(WRITTEN);
        try (PreparedStatement st = c.prepareStatement("INSERT INTO audit (" + String.join(", ", cols) + ") VALUES ("
                + "?, ".repeat(cols.size() - 1) + "?)")) {
            for (Entry e : entries) {
                StoredAudit a = e.audit();
                int i = 0;
                st.setString(++i, a.decisionId());
                st.setString(++i, a.organizationKey());
                st.setString(++i, a.organizationName());
                st.setString(++i, a.organizationKind());
                st.setString(++i, a.region());
                st.setString(++i, a.municipality());
                st.setString(++i, a.municipalityKey());
                st.setString(++i, a.asOf().toString());
                st.setString(++i, Jdbc.text(a.periodFrom()));
                st.setString(++i, Jdbc.text(a.periodTo()));
                st.setString(++i, a.status());
                st.setString(++i, a.rulesVersion());
                st.setString(++i, Jdbc.INSTANT.format(a.submittedAt()));
                st.setString(++i, a.submittedBy());
                if (a.usesPlatform() == null) st.setNull(++i, Types.BOOLEAN); else st.setBoolean(++i, a.usesPlatform());
                st.setString(++i, a.currentIndicators());
                st.setString(++i, a.weeklyAnalyses());
                st.setString(++i, a.monthlyReports());
                st.setString(++i, Jdbc.text(e.index().indicatorsTo()));
                st.setString(++i, Jdbc.text(indicatorsEnd(a, e.index())));
                st.setString(++i, RollupQueries.regionKey(a.region()));
                st.setString(++i, e.index().historyAdded());
                st.setBytes(++i, e.factsDeflated());
                st.setBytes(++i, e.reportDeflated());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** The verdict rows and the organization's analysis and report records of {@code entries}. */
    static void insertRecords(Connection c, List<Entry> entries) throws SQLException {
        try (PreparedStatement decree = c.prepareStatement("INSERT INTO audit_decree (decision_id, decree_id, position, status) VALUES (?, ?, ?, ?)");
             PreparedStatement clause = c.prepareStatement("INSERT INTO audit_clause (decision_id, decree_id, clause_id, position, verdict) VALUES (?, ?, ?, ?, ?)")) {
            boolean anyClause = false;
            boolean anyDecree = false;
            for (Entry e : entries) {
                int d = 0;
                for (Map.Entry<String, ReportVerdicts.DecreeVerdicts> dv : e.index().verdicts().entrySet()) {
                    decree.setString(1, e.audit().decisionId());
                    decree.setString(2, dv.getKey());
                    decree.setInt(3, d++);
                    decree.setString(4, dv.getValue().status());
                    decree.addBatch();
                    anyDecree = true;
                    int k = 0;
                    for (Map.Entry<String, String> cv : dv.getValue().clauses().entrySet()) {
                        clause.setString(1, e.audit().decisionId());
                        clause.setString(2, dv.getKey());
                        clause.setString(3, cv.getKey());
                        clause.setInt(4, k++);
                        clause.setString(5, cv.getValue());
                        clause.addBatch();
                        anyClause = true;
                    }
                }
            }
            if (anyDecree) decree.executeBatch();
            if (anyClause) clause.executeBatch();
        }
        // one row per key, with the group's earliest recorder; in key order, so concurrent writers lock rows alike
        TreeMap<List<String>, Entry> analyses = new TreeMap<>(KEY_ORDER);
        TreeMap<List<String>, Entry> reports = new TreeMap<>(KEY_ORDER);
        for (Entry e : entries) {
            String org = e.audit().organizationKey();
            if (e.index().weeklyAnalyses() != null) {
                for (LocalDate d : new TreeSet<>(e.index().weeklyAnalyses())) analyses.merge(List.of(org, d.toString()), e, AuditWriter::earlier);
            }
            if (e.index().monthlyReports() != null) {
                for (MonthlyReport r : e.index().monthlyReports()) {
                    if (r.getPlatform() == null || r.getMonth() == null || r.getSentOn() == null) continue;
                    reports.merge(List.of(org, r.getPlatform(), r.getMonth().toString(), r.getSentOn().toString()), e, AuditWriter::earlier);
                }
            }
        }
        upsert(c, "INSERT INTO weekly_analysis (organization_key, analysis_date, decision_id, as_of, submitted_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (organization_key, analysis_date)" + String.format(EARLIER_RECORDER, "weekly_analysis"), analyses);
        upsert(c, "INSERT INTO monthly_report (organization_key, platform, report_month, sent_on, decision_id, as_of, submitted_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organization_key, platform, report_month, sent_on)"
                + String.format(EARLIER_RECORDER, "monthly_report"), reports);
    }

    private static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };

    private static Entry earlier(Entry a, Entry b) {
        Comparator<Entry> order = Comparator.comparing((Entry e) -> e.audit().asOf()).thenComparing(e -> e.audit().submittedAt());
        return order.compare(b, a) < 0 ? b : a;
    }

    private static void upsert(Connection c, String sql, TreeMap<List<String>, Entry> rows) throws SQLException {
        if (rows.isEmpty()) return;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (Map.Entry<List<String>, Entry> r : rows.entrySet()) {
                int i = 0;
                for (String k : r.getKey()) st.setString(++i, k);
                StoredAudit a = r.getValue().audit();
                st.setString(++i, a.decisionId());
                st.setString(++i, a.asOf().toString());
                st.setString(++i, Jdbc.INSTANT.format(a.submittedAt()));
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** What "the previous period" is ordered by: the indicators' own period end, else the audited period's, else the date. */
    static LocalDate indicatorsEnd(StoredAudit a, AuditIndex index) {
        if (a.currentIndicators() == null) return null;
        return index.indicatorsTo() != null ? index.indicatorsTo() : a.periodTo() != null ? a.periodTo() : a.asOf();
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof StoreException s) return s;
        if (cause instanceof RuntimeException r) return r;
        return new StoreException("cannot store audit", cause);
    }
}
