package ru.edu.auditor.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The stored clause verdicts violations are derived from (issue 24): for every organization and clause that ever
 * FAILed, each of its audits' verdicts that may open, keep or close a violation (FAIL, PASS, EXEMPT, NOT_APPLICABLE),
 * and the audits in which the clause's whole decree did not apply (a repealed decree has no clause rows), ordered by
 * the date the facts describe ({@code as_of}), then by submission (a correction of the same date comes after what
 * it corrects) — never by when an audit was stored first. Read-only: nothing here is written on store.
 */
public final class ViolationRows {
    /** The decree-level marker of a row: the clause's decree as a whole did not apply in that audit. */
    public static final String DECREE_NOT_APPLICABLE = "DECREE_NOT_APPLICABLE";

    private final Database db;

    ViolationRows(Database db) { this.db = db; }

    /**
     * One verdict of one clause in one audit. {@code verdict} is the clause's verdict, or {@link #DECREE_NOT_APPLICABLE}
     * when the audit gave the clause's decree no clause verdicts because the decree did not apply.
     */
    public record VerdictRow(String organizationKey, String organizationName, String organizationKind, String municipality,
                             String municipalityKey, String region, String regionKey, String decree, String clause, String verdict,
                             String decisionId, LocalDate asOf, LocalDate periodTo, Instant submittedAt) { }

    /**
     * Which rows: one organization (key), or the organizations of some municipalities (keys) and/or of one region
     * (key); null: no restriction of that kind. {@code decree} and {@code clause} narrow to one clause.
     */
    public record Filter(String organizationKey, Collection<String> municipalityKeys, String regionKey, String decree, String clause,
                         ScopeFilter visible) {
        public Filter {
            if (visible == null) visible = ScopeFilter.ALL;
        }

        public static Filter everything() { return new Filter(null, null, null, null, null, ScopeFilter.ALL); }
    }

    /** Hands every row of {@code f} to {@code each}, grouped by organization, decree and clause, each group in date order. */
    public void each(Filter f, Consumer<VerdictRow> each) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        List<Object> clauseArgs = new ArrayList<>(args);
        String clauseOnly = oneClause(f, "c.decree_id", "c.clause_id", clauseArgs);
        List<Object> decreeArgs = new ArrayList<>(args);
        String decreeOnly = oneClause(f, "d.decree_id", "f.clause_id", decreeArgs);
        String failed = "SELECT fa.organization_key, fc.decree_id, fc.clause_id FROM audit fa JOIN audit_clause fc ON fc.decision_id = fa.decision_id"
                + " WHERE fc.verdict = 'FAIL'";
        String head = "a.organization_key, a.organization_name, a.organization_kind, a.municipality, a.municipality_key, a.region, a.region_key,";
        String tail = " a.decision_id, a.as_of, a.period_to, a.submitted_at";
        String clauseRows = "SELECT " + head + " c.decree_id, c.clause_id, c.verdict," + tail
                + " FROM audit a JOIN audit_clause c ON c.decision_id = a.decision_id"
                + " WHERE " + where + clauseOnly + " AND c.verdict IN ('FAIL', 'PASS', 'EXEMPT', 'NOT_APPLICABLE')"
                + " AND EXISTS (" + failed + " AND fa.organization_key = a.organization_key AND fc.decree_id = c.decree_id AND fc.clause_id = c.clause_id)";
        String decreeRows = "SELECT " + head + " d.decree_id, f.clause_id, '" + DECREE_NOT_APPLICABLE + "'," + tail
                + " FROM audit a JOIN audit_decree d ON d.decision_id = a.decision_id AND d.status = 'not-applicable'"
                + " JOIN (SELECT DISTINCT fa.organization_key, fc.decree_id, fc.clause_id FROM audit fa JOIN audit_clause fc ON fc.decision_id = fa.decision_id"
                + " WHERE fc.verdict = 'FAIL') f ON f.organization_key = a.organization_key AND f.decree_id = d.decree_id"
                + " WHERE " + where + decreeOnly + " AND NOT EXISTS (SELECT 1 FROM audit_clause x WHERE x.decision_id = a.decision_id AND x.decree_id = d.decree_id"
                + " AND x.clause_id = f.clause_id)";
        List<Object> all = new ArrayList<>(clauseArgs);
        all.addAll(decreeArgs);
        String sql = "SELECT * FROM (" + clauseRows + " UNION ALL " + decreeRows + ") r"
                + " ORDER BY 1, 8, 9, 12, 14, 11";
        Jdbc.withConnection(db, "cannot read the violations", c -> Jdbc.reading(c, x -> {
            Jdbc.each(x, true, sql, rs -> each.accept(new VerdictRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                    Jdbc.date(rs.getString(12)), Jdbc.date(rs.getString(13)), Instant.parse(rs.getString(14)))), all.toArray());
            return null;
        }));
    }

    private static String oneClause(Filter f, String decreeColumn, String clauseColumn, List<Object> args) {
        StringBuilder w = new StringBuilder();
        if (f.decree() != null) {
            w.append(" AND ").append(decreeColumn).append(" = ?");
            args.add(f.decree());
        }
        if (f.clause() != null) {
            w.append(" AND ").append(clauseColumn).append(" = ?");
            args.add(f.clause());
        }
        return w.toString();
    }

    private static String where(Filter f, List<Object> args) {
        if (f.municipalityKeys() != null && f.municipalityKeys().isEmpty()) return "1 = 0";
        ScopeFilter.Condition visible = f.visible().onAudit("a.");
        StringBuilder w = new StringBuilder(visible.sql());
        args.addAll(java.util.Arrays.asList(visible.args()));
        if (f.organizationKey() != null) {
            w.append(" AND a.organization_key = ?");
            args.add(f.organizationKey());
        }
        if (f.municipalityKeys() != null) {
            w.append(" AND a.municipality_key IN (").append(f.municipalityKeys().stream().map(k -> "?").collect(Collectors.joining(", "))).append(")");
            args.addAll(f.municipalityKeys());
        }
        if (f.regionKey() != null) {
            w.append(" AND a.region_key = ?");
            args.add(f.regionKey());
        }
        return w.toString();
    }
}
