package ru.edu.auditor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audits kept in the store: the one repository for SQLite and PostgreSQL (plain, portable SQL). Every
 * failure is a {@link StoreException}; an unreachable store a {@link StoreUnavailableException}.
 */
public final class AuditRepository {
    private static final List<String> HEAD = List.of("decision_id", "organization_key", "organization_name", "organization_kind", "region",
            "municipality", "municipality_key", "as_of", "period_from", "period_to", "status", "rules_version", "submitted_at", "submitted_by",
            "uses_platform", "current_indicators", "weekly_analyses", "monthly_reports");
    private static final List<String> BODIES = List.of("facts", "report");
    /** Fixed width, so that text order is time order. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** A later audit of the same organization on or before the date (?) than the row {@code a}. */
    private static final String LATER_EXISTS = "EXISTS (SELECT 1 FROM audit b WHERE b.organization_key = a.organization_key AND b.as_of <= ?"
            + " AND (b.as_of > a.as_of OR (b.as_of = a.as_of AND (b.submitted_at > a.submitted_at"
            + " OR (b.submitted_at = a.submitted_at AND b.decision_id > a.decision_id)))))";

    private final Database db;

    public AuditRepository(Database db) { this.db = db; }

    public Database database() { return db; }

    /** Stores one audit in a transaction of its own: when this returns, the audit is committed. */
    public void save(StoredAudit a) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO audit (" + columns("", true) + ") VALUES (" + "?, ".repeat(HEAD.size() + BODIES.size() - 1) + "?)")) {
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
                st.setString(++i, a.facts());
                st.setString(++i, a.report());
                st.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot store audit " + a.decisionId(), e);
        }
    }

    /** The stored audit, with its facts and report. */
    public Optional<StoredAudit> find(String decisionId) {
        List<StoredAudit> found = query("SELECT " + columns("", true) + " FROM audit WHERE decision_id = ?", true, decisionId);
        return found.stream().findFirst();
    }

    /** The organization's audits, oldest first (by date, then by submission), with their reports. */
    public List<StoredAudit> audits(String organizationKey) {
        return query("SELECT " + columns("", true) + " FROM audit WHERE organization_key = ? ORDER BY as_of, submitted_at, decision_id", true, organizationKey);
    }

    /** The organization's audits dated on or before {@code asOf}, newest first, without facts and reports. */
    public List<StoredAudit> upTo(String organizationKey, LocalDate asOf) {
        return query("SELECT " + columns("", false) + " FROM audit WHERE organization_key = ? AND as_of <= ? ORDER BY as_of DESC, submitted_at DESC, decision_id DESC",
                false, organizationKey, asOf.toString());
    }

    /**
     * For every organization whose latest audit on or before {@code asOf} names one of {@code municipalityKeys}:
     * that audit, with its report, ordered by organization name.
     */
    public List<StoredAudit> latestIn(Collection<String> municipalityKeys, LocalDate asOf) {
        if (municipalityKeys.isEmpty()) return List.of();
        String in = municipalityKeys.stream().map(k -> "?").collect(Collectors.joining(", "));
        List<Object> args = new ArrayList<>(municipalityKeys);
        args.add(asOf.toString());
        args.add(asOf.toString());
        return query("SELECT " + columns("a.", true) + " FROM audit a WHERE a.municipality_key IN (" + in + ")"
                + " AND a.as_of <= ? AND NOT " + LATER_EXISTS + " ORDER BY a.organization_name, a.organization_key", true, args.toArray());
    }

    /** How many audits are stored. */
    public long count() {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM audit"); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot count audits", e);
        }
    }

    private static String columns(String alias, boolean withBodies) {
        List<String> cols = new ArrayList<>(HEAD);
        if (withBodies) cols.addAll(BODIES);
        return cols.stream().map(col -> alias + col).collect(Collectors.joining(", "));
    }

    private List<StoredAudit> query(String sql, boolean withBodies, Object... args) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setString(i + 1, String.valueOf(args[i]));
            List<StoredAudit> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) out.add(row(rs, withBodies));
            }
            return out;
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot read audits", e);
        }
    }

    private static StoredAudit row(ResultSet rs, boolean withBodies) throws SQLException {
        boolean uses = rs.getBoolean("uses_platform");
        Boolean usesPlatform = rs.wasNull() ? null : uses;
        return new StoredAudit(rs.getString("decision_id"), rs.getString("organization_key"), rs.getString("organization_name"),
                rs.getString("organization_kind"), rs.getString("region"), rs.getString("municipality"), rs.getString("municipality_key"),
                date(rs.getString("as_of")), date(rs.getString("period_from")), date(rs.getString("period_to")),
                rs.getString("status"), rs.getString("rules_version"), Instant.parse(rs.getString("submitted_at")), rs.getString("submitted_by"),
                usesPlatform, rs.getString("current_indicators"), rs.getString("weekly_analyses"), rs.getString("monthly_reports"),
                withBodies ? rs.getString("facts") : null, withBodies ? rs.getString("report") : null);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction never committed
        }
    }

    private static String text(LocalDate d) { return d == null ? null : d.toString(); }

    private static LocalDate date(String s) { return s == null ? null : LocalDate.parse(s); }
}
