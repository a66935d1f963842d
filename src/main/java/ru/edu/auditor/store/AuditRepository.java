package ru.edu.auditor.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.report.ReportVerdicts;

/**
 * The audits kept in the store: the one repository for SQLite and PostgreSQL (plain, portable SQL). Every
 * failure is a {@link StoreException}; an unreachable store a {@link StoreUnavailableException}.
 *
 * <p>Reads for the next audit are bounded: the latest earlier indicators are one row found through an index,
 * and analyses and reports come from compact per-organization records limited to the audited period — never
 * an earlier document (see {@link BoundedHistoryMigration}). Writes go through one writer thread per
 * repository that commits whatever audits are waiting together (group commit): a lone audit is a transaction
 * of its own, concurrent ones share one commit and so one disk flush. An audit's rows are all in the same
 * transaction, and its future completes only after the commit.
 */
public final class AuditRepository {
    private static final List<String> HEAD = List.of("decision_id", "organization_key", "organization_name", "organization_kind", "region",
            "municipality", "municipality_key", "as_of", "period_from", "period_to", "status", "rules_version", "submitted_at", "submitted_by",
            "uses_platform", "current_indicators", "weekly_analyses", "monthly_reports");
    private static final List<String> WRITTEN = List.of("indicators_to", "indicators_end", "region_key", "history_added", "facts_deflated", "report_deflated");
    /** Fixed width, so that text order is time order. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** A later audit of the same organization on or before the date (?) than the row {@code a}. */
    private static final String LATER_EXISTS = "EXISTS (SELECT 1 FROM audit b WHERE b.organization_key = a.organization_key AND b.as_of <= ?"
            + " AND (b.as_of > a.as_of OR (b.as_of = a.as_of AND (b.submitted_at > a.submitted_at"
            + " OR (b.submitted_at = a.submitted_at AND b.decision_id > a.decision_id)))))";
    /** A record keeps the earliest audit (by date, then submission) that recorded it. */
    private static final String EARLIER_RECORDER = " DO UPDATE SET decision_id = excluded.decision_id, as_of = excluded.as_of, submitted_at = excluded.submitted_at"
            + " WHERE excluded.as_of < %1$s.as_of OR (excluded.as_of = %1$s.as_of AND excluded.submitted_at < %1$s.submitted_at)";

    private final Database db;
    private final GroupCommit<Entry> writer;
    private final RulesArchive rulesArchive;

    public AuditRepository(Database db) {
        this.db = db;
        this.writer = new GroupCommit<>(this::insertGroup);
        this.rulesArchive = new RulesArchive(db);
    }

    public Database database() { return db; }

    /** The rules versions archived in the same store (see {@link RulesArchive}). */
    public RulesArchive rulesArchive() { return rulesArchive; }

    /** What the audit took from the organization's history, as kept with it (JSON, null when nothing). */
    public Optional<String> historyAdded(String decisionId) {
        String[] out = new String[1];
        boolean[] found = new boolean[1];
        read("SELECT history_added FROM audit WHERE decision_id = ?", rs -> {
            found[0] = true;
            out[0] = rs.getString(1);
        }, decisionId);
        if (!found[0]) throw new StoreException("no audit " + decisionId, null);
        return Optional.ofNullable(out[0]);
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

    /** The stored audit, with its facts and report. */
    public Optional<StoredAudit> find(String decisionId) {
        return query("SELECT " + columns("", true) + " FROM audit WHERE decision_id = ?", true, decisionId).stream().findFirst();
    }

    /** The organization's audits, oldest first (by date, then by submission), without facts and reports. */
    public List<StoredAudit> audits(String organizationKey) {
        return query("SELECT " + columns("", false) + " FROM audit WHERE organization_key = ? ORDER BY as_of, submitted_at, decision_id", false, organizationKey);
    }

    /** The verdicts of each of the organization's audits (by decision id, oldest first), in report order. */
    public Map<String, Map<String, ReportVerdicts.DecreeVerdicts>> verdicts(String organizationKey) {
        Map<String, Map<String, ReportVerdicts.DecreeVerdicts>> out = new LinkedHashMap<>();
        String sql = "SELECT d.decision_id, d.decree_id, d.status, c.clause_id, c.verdict FROM audit a"
                + " JOIN audit_decree d ON d.decision_id = a.decision_id"
                + " LEFT JOIN audit_clause c ON c.decision_id = d.decision_id AND c.decree_id = d.decree_id"
                + " WHERE a.organization_key = ? ORDER BY a.as_of, a.submitted_at, a.decision_id, d.position, c.position";
        read(true, sql, rs -> {
            Map<String, ReportVerdicts.DecreeVerdicts> audit = out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>());
            ReportVerdicts.DecreeVerdicts d = audit.computeIfAbsent(rs.getString(2),
                    k -> new ReportVerdicts.DecreeVerdicts(text(rs, 3), new LinkedHashMap<>()));
            String clause = rs.getString(4);
            if (clause != null) d.clauses().put(clause, rs.getString(5));
        }, organizationKey);
        return out;
    }

    /**
     * The reads an audit makes before the engine runs — the organization's history and its exemptions — on one
     * connection in one read transaction: one pool checkout instead of four, and SQLite, whose page cache is dropped
     * whenever another connection has committed, checks it once per audit instead of once per query (on SQLite the
     * reads also see one snapshot; PostgreSQL's read committed gives each query the latest commits, as before).
     * Close it when done (it only reads: closing rolls back).
     */
    public Snapshot snapshot() {
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            return new Snapshot(c);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is broken; the pool discards it
            }
            throw SqlFailures.translate("cannot read audits", e);
        }
    }

    /** One audit's reads of the store on one connection (see {@link #snapshot()}). */
    public static final class Snapshot implements AutoCloseable {
        private final Connection c;

        private Snapshot(Connection c) { this.c = c; }

        /**
         * The current indicators of the organization's latest audit before this one, or empty: among its audits
         * dated on or before {@code asOf} that kept indicators, those earlier than the audited period — when
         * {@code currentFrom} (the start of the audited indicators' period) is known and the stored indicators
         * state their period end, that end is before {@code currentFrom}; otherwise the stored audit is dated
         * before {@code asOf} — the one whose indicators end latest (then the latest audit). One index lookup.
         */
        public Optional<StoredIndicators> previousIndicators(String organizationKey, LocalDate asOf, LocalDate currentFrom) {
            List<Object> args = new ArrayList<>(List.of(organizationKey, asOf.toString()));
            if (currentFrom != null) args.add(currentFrom.toString());
            args.add(asOf.toString());
            List<StoredIndicators> found = new ArrayList<>();
            read(previousIndicatorsSql(currentFrom != null),
                    rs -> found.add(new StoredIndicators(rs.getString(1), date(rs.getString(2)), date(rs.getString(3)), date(rs.getString(4)),
                            rs.getString(5))), args.toArray());
            return found.stream().findFirst();
        }

        /**
         * Weekly analysis dates from {@code from} to {@code to} recorded by the organization's audits dated on or
         * before {@code asOf}, earliest recording audit first.
         */
        public List<RecordedHistory.Analysis> weeklyAnalyses(String organizationKey, LocalDate asOf, LocalDate from, LocalDate to) {
            List<RecordedHistory.Analysis> out = new ArrayList<>();
            read("SELECT analysis_date, decision_id FROM weekly_analysis WHERE organization_key = ? AND analysis_date >= ? AND analysis_date <= ?"
                            + " AND as_of <= ? ORDER BY as_of, submitted_at, analysis_date",
                    rs -> out.add(new RecordedHistory.Analysis(date(rs.getString(1)), rs.getString(2))), organizationKey, from.toString(),
                    to.toString(), asOf.toString());
            return out;
        }

        /**
         * Monthly reports sent on or before {@code asOf} (for months from {@code fromMonth} on, when given) recorded
         * by the organization's audits dated on or before {@code asOf}, earliest recording audit first.
         */
        public List<RecordedHistory.Report> monthlyReports(String organizationKey, LocalDate asOf, YearMonth fromMonth) {
            List<RecordedHistory.Report> out = new ArrayList<>();
            List<Object> args = new ArrayList<>(List.of(organizationKey, asOf.toString(), asOf.toString()));
            if (fromMonth != null) args.add(fromMonth.toString());
            read("SELECT platform, report_month, sent_on, decision_id FROM monthly_report WHERE organization_key = ? AND as_of <= ? AND sent_on <= ?"
                            + (fromMonth != null ? " AND report_month >= ?" : "") + " ORDER BY as_of, submitted_at, platform, report_month, sent_on",
                    rs -> out.add(new RecordedHistory.Report(new MonthlyReport(rs.getString(1), YearMonth.parse(rs.getString(2)),
                            date(rs.getString(3))), rs.getString(4))), args.toArray());
            return out;
        }

        /** The organization's exemptions in force on {@code asOf} (one indexed query; see {@link ExemptionRepository}). */
        public List<ru.edu.auditor.report.Exemptions.Recorded> exemptionsInForce(String organizationKey, LocalDate asOf) {
            try {
                return ExemptionRepository.inForce(c, organizationKey, asOf);
            } catch (SQLException e) {
                throw SqlFailures.translate("cannot read exemptions", e);
            }
        }

        /** The same for the organization as the audit's facts name it: by id or by name and municipality, either way. */
        public List<ru.edu.auditor.report.Exemptions.Recorded> exemptionsInForce(Organization organization, LocalDate asOf) {
            try {
                return ExemptionRepository.inForce(c, organization, asOf);
            } catch (SQLException e) {
                throw SqlFailures.translate("cannot read exemptions", e);
            }
        }

        private void read(String sql, RowReader each, Object... args) {
            try {
                AuditRepository.read(c, false, sql, each, args);
            } catch (SQLException e) {
                throw SqlFailures.translate("cannot read audits", e);
            }
        }

        @Override public void close() {
            try (c) {
                rollback(c);
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken; the pool discards it, and this snapshot only read
            }
        }
    }

    /**
     * The "previous indicators" query: one walk down the index {@code audit_previous_indicators} (the organization's
     * audits by indicators' end, newest first) to the first that qualifies. The dates are compared as
     * {@code ('' || as_of)} on purpose: SQLite's planner, without statistics, would otherwise take the range on
     * {@code audit_by_organization (organization_key, as_of)} and sort every earlier audit of the organization —
     * measured 42 ms against 0.2 ms for an organization with 1,080 audits.
     */
    static String previousIndicatorsSql(boolean withCurrentFrom) {
        String earlier = withCurrentFrom ? "((indicators_to IS NOT NULL AND indicators_to < ?) OR (indicators_to IS NULL AND ('' || as_of) < ?))"
                : "('' || as_of) < ?";
        return "SELECT decision_id, as_of, period_from, period_to, current_indicators FROM audit"
                + " WHERE organization_key = ? AND indicators_end IS NOT NULL AND ('' || as_of) <= ? AND " + earlier
                + " ORDER BY indicators_end DESC, as_of DESC, submitted_at DESC, decision_id DESC LIMIT 1";
    }

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
        if (municipalityKeys.isEmpty()) return use.apply(new RollupCounts(0, 0, 0, 0, Map.of(), Map.of()), Collections.emptyIterator());
        Latest latest = latest(municipalityKeys, regionKey, asOf);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            if (db.kind().equals("postgresql")) c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                int[] totals = new int[4];
                read(c, false, "SELECT COUNT(*), SUM(CASE WHEN a.organization_kind = 'general' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN a.organization_kind = 'general' AND a.uses_platform = TRUE THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN a.organization_kind = 'general' AND a.uses_platform = FALSE THEN 1 ELSE 0 END)"
                        + " FROM audit a WHERE " + latest.where, rs -> {
                            for (int i = 0; i < 4; i++) totals[i] = rs.getInt(i + 1);
                        }, latest.args);
                Map<String, Map<String, Integer>> statuses = new TreeMap<>();
                read(c, false, "SELECT d.decree_id, d.status, COUNT(*) FROM audit a JOIN audit_decree d ON d.decision_id = a.decision_id WHERE "
                        + latest.where + " GROUP BY d.decree_id, d.status", rs -> statuses.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .put(rs.getString(2), rs.getInt(3)), latest.args);
                Map<String, Map<String, Map<String, Integer>>> verdicts = new TreeMap<>();
                read(c, false, "SELECT v.decree_id, v.clause_id, v.verdict, COUNT(*) FROM audit a JOIN audit_clause v ON v.decision_id = a.decision_id WHERE "
                        + latest.where + " GROUP BY v.decree_id, v.clause_id, v.verdict", rs -> verdicts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new TreeMap<>()).put(rs.getString(3), rs.getInt(4)), latest.args);
                RollupCounts counts = new RollupCounts(totals[0], totals[1], totals[2], totals[3], statuses, verdicts);
                try (PreparedStatement st = c.prepareStatement("SELECT " + columns("a.", false) + " FROM audit a WHERE " + latest.where
                        + " ORDER BY a.organization_name, a.organization_key")) {
                    st.setFetchSize(500);
                    bind(st, latest.args);
                    try (ResultSet rs = st.executeQuery()) {
                        return use.apply(counts, rows(rs));
                    }
                }
            } finally {
                rollback(c);
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
                    return row(rs, false);
                } catch (SQLException e) {
                    throw SqlFailures.translate("cannot read the roll-up", e);
                }
            }
        };
    }

    private record Latest(String where, Object[] args) { }

    private static Latest latest(Collection<String> municipalityKeys, String regionKey, LocalDate asOf) {
        List<Object> args = new ArrayList<>(municipalityKeys);
        args.add(asOf.toString());
        String region = "";
        if (regionKey != null) {
            region = " AND (a.region IS NULL OR (a.region_key <> '' AND a.region_key = ?))";
            args.add(regionKey);
        }
        args.add(asOf.toString());
        String in = municipalityKeys.stream().map(k -> "?").collect(Collectors.joining(", "));
        return new Latest("a.municipality_key IN (" + in + ") AND a.as_of <= ?" + region + " AND NOT " + LATER_EXISTS, args.toArray());
    }

    /**
     * Each organization's latest audit (by date, then submission), without facts and reports, ordered by name:
     * the workspace's list of audited organizations.
     */
    public List<StoredAudit> latestPerOrganization() {
        return query("SELECT " + columns("a.", false) + " FROM audit a WHERE NOT " + LATER_EXISTS + " ORDER BY a.organization_name, a.organization_key",
                false, "9999-12-31");
    }

    /** The municipalities audits were stored for, as first spelled, by key. */
    public Map<String, String> municipalities() {
        Map<String, String> out = new TreeMap<>();
        read("SELECT municipality_key, MIN(municipality) FROM audit WHERE municipality IS NOT NULL GROUP BY municipality_key",
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** A stored audit with its facts and report and what it took from history ({@code historyAdded}, JSON or null). */
    public record Replayable(StoredAudit audit, String historyAdded) { }

    /** Handles each row of a streamed read. */
    @FunctionalInterface
    public interface RowSink<T> {
        void accept(T row) throws Exception;
    }

    /**
     * The latest audit on or before {@code asOf} of every organization (of {@code municipalityKeys} only, when not
     * null), with facts, report and history, handed to {@code each} one by one as they are read from the database
     * (in chunks, never all at once), ordered by organization name. Returns how many were read.
     */
    public long latestAudits(Collection<String> municipalityKeys, LocalDate asOf, RowSink<Replayable> each) {
        List<Object> args = new ArrayList<>();
        String where;
        if (municipalityKeys != null) {
            if (municipalityKeys.isEmpty()) return 0;
            Latest l = latest(municipalityKeys, null, asOf);
            where = l.where;
            args.addAll(List.of(l.args));
        } else {
            where = "a.as_of <= ? AND NOT " + LATER_EXISTS;
            args.add(asOf.toString());
            args.add(asOf.toString());
        }
        long[] n = new long[1];
        read(true, "SELECT " + columns("a.", true) + ", a.history_added FROM audit a WHERE " + where + " ORDER BY a.organization_name, a.organization_key",
                rs -> {
                    n[0]++;
                    Replayable r = new Replayable(row(rs, true), rs.getString("history_added"));
                    try {
                        each.accept(r);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, args.toArray());
        return n[0];
    }

    /** How many audits are stored. */
    public long count() {
        long[] n = new long[1];
        read("SELECT COUNT(*) FROM audit", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** The key a region is filtered by in the roll-up (the catalog's normalisation of place names). */
    public static String regionKey(String region) { return region == null ? null : Applicability.placeKey(region); }

    // ------------------------------------------------------------------------------------------- writing

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
                    rollback(c);
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
        List<String> cols = new ArrayList<>(HEAD);
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
                st.setString(++i, text(a.periodFrom()));
                st.setString(++i, text(a.periodTo()));
                st.setString(++i, a.status());
                st.setString(++i, a.rulesVersion());
                st.setString(++i, INSTANT.format(a.submittedAt()));
                st.setString(++i, a.submittedBy());
                if (a.usesPlatform() == null) st.setNull(++i, Types.BOOLEAN); else st.setBoolean(++i, a.usesPlatform());
                st.setString(++i, a.currentIndicators());
                st.setString(++i, a.weeklyAnalyses());
                st.setString(++i, a.monthlyReports());
                st.setString(++i, text(e.index().indicatorsTo()));
                st.setString(++i, text(indicatorsEnd(a, e.index())));
                st.setString(++i, regionKey(a.region()));
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
                for (LocalDate d : new TreeSet<>(e.index().weeklyAnalyses())) analyses.merge(List.of(org, d.toString()), e, AuditRepository::earlier);
            }
            if (e.index().monthlyReports() != null) {
                for (MonthlyReport r : e.index().monthlyReports()) {
                    if (r.getPlatform() == null || r.getMonth() == null || r.getSentOn() == null) continue;
                    reports.merge(List.of(org, r.getPlatform(), r.getMonth().toString(), r.getSentOn().toString()), e, AuditRepository::earlier);
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
                st.setString(++i, INSTANT.format(a.submittedAt()));
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

    // ------------------------------------------------------------------------------------------- reading

    private static String columns(String alias, boolean withBodies) {
        List<String> cols = new ArrayList<>(HEAD);
        if (withBodies) cols.addAll(List.of("facts_deflated", "report_deflated"));
        return cols.stream().map(col -> alias + col).collect(Collectors.joining(", "));
    }

    @FunctionalInterface
    private interface RowReader {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs a query and hands every row to {@code each}. */
    private void read(String sql, RowReader each, Object... args) { read(false, sql, each, args); }

    private void read(boolean streamed, String sql, RowReader each, Object... args) {
        try (Connection c = db.connection()) {
            if (!streamed) {
                read(c, false, sql, each, args);
                return;
            }
            c.setAutoCommit(false);
            try {
                read(c, true, sql, each, args);
            } finally {
                rollback(c);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot read audits", e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * {@code streamed}: for results of any length — rows are fetched in chunks (on PostgreSQL a cursor, which
     * needs a transaction on {@code c}), never all at once.
     */
    private static void read(Connection c, boolean streamed, String sql, RowReader each, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (streamed) st.setFetchSize(500);
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) each.accept(rs);
            }
        }
    }

    private static void bind(PreparedStatement st, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) st.setString(i + 1, String.valueOf(args[i]));
    }

    private List<StoredAudit> query(String sql, boolean withBodies, Object... args) {
        List<StoredAudit> out = new ArrayList<>();
        read(sql, rs -> out.add(row(rs, withBodies)), args);
        return out;
    }

    private static StoredAudit row(ResultSet rs, boolean withBodies) throws SQLException {
        return head(rs, withBodies ? Deflated.text(rs.getBytes("facts_deflated")) : null, withBodies ? Deflated.text(rs.getBytes("report_deflated")) : null);
    }

    /** A row's head columns, with the given facts and report. */
    static StoredAudit head(ResultSet rs, String facts, String report) throws SQLException {
        boolean uses = rs.getBoolean("uses_platform");
        Boolean usesPlatform = rs.wasNull() ? null : uses;
        return new StoredAudit(rs.getString("decision_id"), rs.getString("organization_key"), rs.getString("organization_name"),
                rs.getString("organization_kind"), rs.getString("region"), rs.getString("municipality"), rs.getString("municipality_key"),
                date(rs.getString("as_of")), date(rs.getString("period_from")), date(rs.getString("period_to")),
                rs.getString("status"), rs.getString("rules_version"), Instant.parse(rs.getString("submitted_at")), rs.getString("submitted_by"),
                usesPlatform, rs.getString("current_indicators"), rs.getString("weekly_analyses"), rs.getString("monthly_reports"), facts, report);
    }

    private static String text(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new CompletionException(SqlFailures.translate("cannot read audits", e));
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof StoreException s) return s;
        if (cause instanceof RuntimeException r) return r;
        return new StoreException("cannot store audit", cause);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction never committed
        }
    }

    static String text(LocalDate d) { return d == null ? null : d.toString(); }

    private static LocalDate date(String s) { return s == null ? null : LocalDate.parse(s); }
}
