package ru.edu.auditor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import ru.edu.auditor.report.ReportVerdicts;

/**
 * The audits kept in the store, for SQLite and PostgreSQL alike (plain, portable SQL), and the other repositories
 * of the same store, each made once here and handed to the services: the {@link AuditWriter} (group commit), the
 * {@link HistorySnapshot} an audit reads its history through, the {@link RollupQueries}, the {@link ReplaySource},
 * the {@link RulesArchive}, the {@link ExemptionRepository} and the {@link BatchJournal}. Every failure is a
 * {@link StoreException}; an unreachable store a {@link StoreUnavailableException}.
 */
public final class AuditRepository {
    private final Database db;
    private final AuditWriter writer;
    private final RollupQueries rollups;
    private final ReplaySource replaySource;
    private final RulesArchive rulesArchive;
    private final ExemptionRepository exemptions;
    private final BatchJournal batchJournal;
    private final RoundRepository rounds;
    private final AccountRepository accounts;
    private final ChangeRecordRepository changeRecord;

    public AuditRepository(Database db) {
        this.db = db;
        this.writer = new AuditWriter(db);
        this.rollups = new RollupQueries(db);
        this.replaySource = new ReplaySource(db);
        this.rulesArchive = new RulesArchive(db);
        this.exemptions = new ExemptionRepository(db);
        this.batchJournal = new BatchJournal(db);
        this.rounds = new RoundRepository(db);
        this.accounts = new AccountRepository(db);
        this.changeRecord = new ChangeRecordRepository(db);
    }

    public Database database() { return db; }

    /** Stores audits (group commit). */
    public AuditWriter writer() { return writer; }

    /** The roll-up queries. */
    public RollupQueries rollups() { return rollups; }

    /** Stored audits read again with their documents and history (replay, impact). */
    public ReplaySource replaySource() { return replaySource; }

    /** The rules versions archived in the same store (see {@link RulesArchive}). */
    public RulesArchive rulesArchive() { return rulesArchive; }

    /** The exemptions kept in the same store. */
    public ExemptionRepository exemptions() { return exemptions; }

    /** The journal of streamed batches in the same store. */
    public BatchJournal batchJournal() { return batchJournal; }

    /** The monitoring rounds kept in the same store. */
    public RoundRepository rounds() { return rounds; }

    /** The accounts and their personal tokens in the same store. */
    public AccountRepository accounts() { return accounts; }

    /** The change record in the same store (one per store: its appends are grouped on one writer). */
    public ChangeRecordRepository changeRecord() { return changeRecord; }

    /** The clause verdicts violations are derived from (stateless: each call reads the store afresh). */
    public ViolationRows violationRows() { return new ViolationRows(db); }

    /** The remedy orders kept in the same store. */
    public RemedyOrderRepository remedyOrders() { return new RemedyOrderRepository(db); }

    /** The reads of one audit before the engine runs, on one connection (see {@link HistorySnapshot}); close it when done. */
    public HistorySnapshot snapshot() { return HistorySnapshot.open(db); }

    /** The stored audit, with its facts and report. */
    public Optional<StoredAudit> find(String decisionId) {
        return query("SELECT " + AuditRows.columns("", true) + " FROM audit WHERE decision_id = ?", true, decisionId).stream().findFirst();
    }

    /** The organization's audits, oldest first (by date, then by submission), without facts and reports. */
    public List<StoredAudit> audits(String organizationKey) {
        return query("SELECT " + AuditRows.columns("", false) + " FROM audit WHERE organization_key = ? ORDER BY as_of, submitted_at, decision_id", false, organizationKey);
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
     * Each organization's latest audit (by date, then submission), without facts and reports, ordered by name:
     * the workspace's list of audited organizations.
     */
    public List<StoredAudit> latestPerOrganization() { return latestPerOrganization(ScopeFilter.ALL); }

    /** The same, of the organizations {@code scope} lets through only (filtered in the query). */
    public List<StoredAudit> latestPerOrganization(ScopeFilter scope) {
        ScopeFilter.Condition c = scope.onAudit("a.");
        Object[] args = new Object[c.args().length + 1];
        System.arraycopy(c.args(), 0, args, 0, c.args().length);
        args[c.args().length] = "9999-12-31";
        return query("SELECT " + AuditRows.columns("a.", false) + " FROM audit a WHERE " + c.sql() + " AND NOT " + AuditRows.LATER_EXISTS
                + " ORDER BY a.organization_name, a.organization_key", false, args);
    }

    /** One page of the list of audited organizations: its rows and how many organizations the filter matches in all. */
    public record LatestPage(List<StoredAudit> rows, long total) { }

    /**
     * The organizations {@code filter} keeps, each by its latest audit (as {@link #latestPerOrganization}), ordered by
     * name, {@code limit} of them from {@code offset}: filtered, counted and paged by the database.
     */
    public LatestPage latestPerOrganization(OrganizationFilter filter, long offset, int limit) {
        AuditRows.Where w = filter.where();
        Object[] args = new Object[w.args().length + 1];
        args[0] = "9999-12-31";
        System.arraycopy(w.args(), 0, args, 1, w.args().length);
        String from = " FROM audit a WHERE NOT " + AuditRows.LATER_EXISTS + " AND " + w.sql();
        long[] total = new long[1];
        read("SELECT COUNT(*)" + from, rs -> total[0] = rs.getLong(1), args);
        List<StoredAudit> rows = query("SELECT " + AuditRows.columns("a.", false) + from + " ORDER BY a.organization_name, a.organization_key LIMIT "
                + Math.max(0, limit) + " OFFSET " + Math.max(0, offset), false, args);
        return new LatestPage(rows, total[0]);
    }

    /** The municipalities audits were stored for, as first spelled, by key. */
    public Map<String, String> municipalities() { return municipalities(ScopeFilter.ALL); }

    /** The same, of the organizations {@code scope} lets through only. */
    public Map<String, String> municipalities(ScopeFilter scope) {
        Map<String, String> out = new TreeMap<>();
        ScopeFilter.Condition c = scope.onAudit("");
        read("SELECT municipality_key, MIN(municipality) FROM audit WHERE municipality IS NOT NULL AND " + c.sql() + " GROUP BY municipality_key",
                rs -> out.put(rs.getString(1), rs.getString(2)), c.args());
        return out;
    }

    /** One organization as its audits name it: the key they are kept under, its name and municipality. */
    public record Named(String organizationKey, String name, String municipality) { }

    /**
     * The organizations stored under {@code organizationKey} or in the municipality of {@code municipalityKey} (each
     * once): the few among which an organization named by key is matched by id or by name.
     */
    public List<Named> organizationsNear(String organizationKey, String municipalityKey) {
        return Jdbc.withConnection(db, "cannot read audits", c -> Jdbc.list(c, "SELECT DISTINCT organization_key, organization_name, municipality FROM audit"
                + " WHERE organization_key = ? OR municipality_key = ?", rs -> new Named(rs.getString(1), rs.getString(2), rs.getString(3)),
                organizationKey, municipalityKey));
    }

    /** How many audits are stored. */
    public long count() {
        long[] n = new long[1];
        read("SELECT COUNT(*) FROM audit", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private void read(String sql, Jdbc.RowReader each, Object... args) { read(false, sql, each, args); }

    private void read(boolean streamed, String sql, Jdbc.RowReader each, Object... args) {
        Jdbc.withConnection(db, "cannot read audits", c -> {
            if (streamed) Jdbc.reading(c, x -> { Jdbc.each(x, true, sql, each, args); return null; });
            else Jdbc.each(c, false, sql, each, args);
            return null;
        });
    }

    private List<StoredAudit> query(String sql, boolean withBodies, Object... args) {
        return Jdbc.withConnection(db, "cannot read audits", c -> Jdbc.list(c, sql, rs -> AuditRows.row(rs, withBodies), args));
    }

    private static String text(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new CompletionException(SqlFailures.translate("cannot read audits", e));
        }
    }
}
