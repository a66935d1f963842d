package ru.edu.auditor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code audit} table's columns as a {@link StoredAudit}, and the "latest audit of each organization" condition. */
final class AuditRows {
    private AuditRows() { }

    static final List<String> HEAD = List.of("decision_id", "organization_key", "organization_name", "organization_kind", "region",
            "municipality", "municipality_key", "as_of", "period_from", "period_to", "status", "rules_version", "submitted_at", "submitted_by",
            "uses_platform", "current_indicators", "weekly_analyses", "monthly_reports");
    /** A later audit of the same organization on or before the date (?) than the row {@code a}. */
    static final String LATER_EXISTS = "EXISTS (SELECT 1 FROM audit b WHERE b.organization_key = a.organization_key AND b.as_of <= ?"
            + " AND (b.as_of > a.as_of OR (b.as_of = a.as_of AND (b.submitted_at > a.submitted_at"
            + " OR (b.submitted_at = a.submitted_at AND b.decision_id > a.decision_id)))))";

    static String columns(String alias, boolean withBodies) {
        List<String> cols = new ArrayList<>(HEAD);
        if (withBodies) cols.addAll(List.of("facts_deflated", "report_deflated"));
        return cols.stream().map(col -> alias + col).collect(Collectors.joining(", "));
    }

    static StoredAudit row(ResultSet rs, boolean withBodies) throws SQLException {
        return head(rs, withBodies ? Deflated.text(rs.getBytes("facts_deflated")) : null, withBodies ? Deflated.text(rs.getBytes("report_deflated")) : null);
    }

    /** A row's head columns, with the given facts and report. */
    static StoredAudit head(ResultSet rs, String facts, String report) throws SQLException {
        boolean uses = rs.getBoolean("uses_platform");
        Boolean usesPlatform = rs.wasNull() ? null : uses;
        return new StoredAudit(rs.getString("decision_id"), rs.getString("organization_key"), rs.getString("organization_name"),
                rs.getString("organization_kind"), rs.getString("region"), rs.getString("municipality"), rs.getString("municipality_key"),
                Jdbc.date(rs.getString("as_of")), Jdbc.date(rs.getString("period_from")), Jdbc.date(rs.getString("period_to")),
                rs.getString("status"), rs.getString("rules_version"), Instant.parse(rs.getString("submitted_at")), rs.getString("submitted_by"),
                usesPlatform, rs.getString("current_indicators"), rs.getString("weekly_analyses"), rs.getString("monthly_reports"), facts, report);
    }

    /** A condition on the audit row {@code a} and its parameters. */
    record Where(String sql, Object[] args) { }

    /**
     * The latest audit on or before {@code asOf} of each organization of {@code municipalityKeys} (with a
     * {@code regionKey}: only those whose region is unknown or has that key).
     */
    static Where latest(Collection<String> municipalityKeys, String regionKey, LocalDate asOf) {
        return latest(municipalityKeys, regionKey, asOf, ScopeFilter.ALL);
    }

    /** The same, of the organizations {@code scope} lets through only. */
    static Where latest(Collection<String> municipalityKeys, String regionKey, LocalDate asOf, ScopeFilter scope) {
        List<Object> args = new ArrayList<>(municipalityKeys);
        args.add(asOf.toString());
        String region = "";
        if (regionKey != null) {
            region = " AND (a.region IS NULL OR (a.region_key <> '' AND a.region_key = ?))";
            args.add(regionKey);
        }
        String scoped = "";
        if (!scope.all()) {
            ScopeFilter.Condition c = scope.onAudit("a.");
            scoped = " AND " + c.sql();
            args.addAll(List.of(c.args()));
        }
        args.add(asOf.toString());
        String in = municipalityKeys.stream().map(k -> "?").collect(Collectors.joining(", "));
        return new Where("a.municipality_key IN (" + in + ") AND a.as_of <= ?" + region + scoped + " AND NOT " + LATER_EXISTS, args.toArray());
    }
}
