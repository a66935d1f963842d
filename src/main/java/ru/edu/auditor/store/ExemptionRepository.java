package ru.edu.auditor.store;

import java.sql.Connection;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.OrganizationKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import ru.edu.auditor.report.Exemptions.Recorded;
import ru.edu.auditor.report.Exemptions;
import ru.edu.auditor.report.Exemptions.Revocation;

/**
 * Exemptions in the audit store (tables {@code exemption} and {@code exemption_revocation}, migration V6). Rows are
 * only ever added: recording an exemption inserts one, revoking it inserts its revocation (at most one; a second is
 * refused by the primary key and reported as {@link Revocation#ALREADY}). Listing returns revoked exemptions too,
 * with who revoked them, when and why.
 */
public final class ExemptionRepository {
    private static final String SELECT = "SELECT e.id, e.organization_key, e.organization_name, e.municipality, e.municipality_key, e.decree_id,"
            + " e.clause, e.justification, e.document_number, e.document_date, e.expires_on, e.recorded_by, e.recorded_at,"
            + " r.revoked_by, r.revoked_at, r.reason FROM exemption e LEFT JOIN exemption_revocation r ON r.exemption_id = e.id";

    private final Database db;

    public ExemptionRepository(Database db) { this.db = db; }

    /** An exemption to record (its id and time are given by the store). */
    public record New(String organizationKey, String organizationName, String municipality, String municipalityKey, String decree,
                      String clause, String justification, String documentNumber, LocalDate documentDate, LocalDate expiresOn,
                      String recordedBy) { }

    /** Records {@code e} now; the record as stored, with its id. */
    public Recorded insert(New e) {
        Instant now = Instant.now();
        return Jdbc.withConnection(db, "cannot record an exemption", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO exemption (organization_key, organization_name, municipality, municipality_key,"
                    + " decree_id, clause, justification, document_number, document_date, expires_on, recorded_by, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                int i = 0;
                st.setString(++i, e.organizationKey());
                st.setString(++i, e.organizationName());
                st.setString(++i, e.municipality());
                st.setString(++i, e.municipalityKey());
                st.setString(++i, e.decree());
                st.setString(++i, e.clause());
                st.setString(++i, e.justification());
                st.setString(++i, e.documentNumber());
                st.setString(++i, e.documentDate().toString());
                st.setString(++i, e.expiresOn().toString());
                st.setString(++i, e.recordedBy());
                st.setString(++i, Jdbc.INSTANT.format(now));
                long id;
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                return new Recorded(id, e.organizationKey(), e.organizationName(), e.municipality(), e.municipalityKey(), e.decree(), e.clause(),
                        e.justification(), e.documentNumber(), e.documentDate(), e.expiresOn(), e.recordedBy(), Instant.parse(Jdbc.INSTANT.format(now)),
                        null, null, null);
            }
        });
    }

    /** Records the revocation of exemption {@code id} by {@code who} now, unless it is unknown or already revoked. */
    public Revocation revoke(long id, String who, String reason) {
        return Jdbc.inTransaction(db, "cannot revoke exemption " + id, c -> {
            Revocation r;
            try (PreparedStatement find = c.prepareStatement("SELECT e.id, r.exemption_id FROM exemption e"
                    + " LEFT JOIN exemption_revocation r ON r.exemption_id = e.id WHERE e.id = ?")) {
                find.setLong(1, id);
                try (ResultSet rs = find.executeQuery()) {
                    r = !rs.next() ? Revocation.NOT_FOUND : rs.getObject(2) != null ? Revocation.ALREADY : Revocation.REVOKED;
                }
            }
            if (r == Revocation.REVOKED) {
                // ON CONFLICT: a concurrent revocation of the same exemption wins; this one then reports ALREADY
                try (PreparedStatement st = c.prepareStatement("INSERT INTO exemption_revocation (exemption_id, revoked_by, revoked_at, reason)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (exemption_id) DO NOTHING")) {
                    st.setLong(1, id);
                    st.setString(2, who);
                    st.setString(3, Jdbc.INSTANT.format(Instant.now()));
                    st.setString(4, reason);
                    if (st.executeUpdate() == 0) r = Revocation.ALREADY;
                }
            }
            return r;
        });
    }

    /** One exemption with its revocation, if any. */
    public Optional<Recorded> find(long id) {
        List<Recorded> found = query(SELECT + " WHERE e.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The organization's exemptions, revoked ones included, in the order recorded. */
    public List<Recorded> byOrganization(String organizationKey) { return byOrganization(organizationKey, ScopeFilter.ALL); }

    /** The same, when {@code scope} lets the organization through. */
    public List<Recorded> byOrganization(String organizationKey, ScopeFilter scope) {
        ScopeFilter.Condition c = scope.onExemption("e.");
        return query(SELECT + " WHERE e.organization_key = ? AND " + c.sql() + " ORDER BY e.id", args(organizationKey, c.args()));
    }

    /** The exemptions of organizations in the municipality (by its normalised keys, as the roll-up takes them), revoked ones included, in the order recorded. */
    public List<Recorded> byMunicipality(java.util.Collection<String> municipalityKeys) { return byMunicipality(municipalityKeys, ScopeFilter.ALL); }

    /** The same, of the organizations {@code scope} lets through only. */
    public List<Recorded> byMunicipality(java.util.Collection<String> municipalityKeys, ScopeFilter scope) {
        if (municipalityKeys.isEmpty()) return List.of();
        String in = String.join(", ", java.util.Collections.nCopies(municipalityKeys.size(), "?"));
        ScopeFilter.Condition c = scope.onExemption("e.");
        Object[] args = new Object[municipalityKeys.size() + c.args().length];
        System.arraycopy(municipalityKeys.toArray(), 0, args, 0, municipalityKeys.size());
        System.arraycopy(c.args(), 0, args, municipalityKeys.size(), c.args().length);
        return query(SELECT + " WHERE e.municipality_key IN (" + in + ") AND " + c.sql() + " ORDER BY e.id", args);
    }

    private static Object[] args(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** Every exemption, revoked ones included, in the order recorded. */
    public List<Recorded> all() { return query(SELECT + " ORDER BY e.id"); }

    /** The exemptions of the organizations {@code scope} lets through, revoked ones included, in the order recorded. */
    public List<Recorded> all(ScopeFilter scope) {
        ScopeFilter.Condition c = scope.onExemption("e.");
        return query(SELECT + " WHERE " + c.sql() + " ORDER BY e.id", c.args());
    }

    /**
     * The organization's exemptions in force on {@code asOf} (one indexed query): not expired on that day (the expiry
     * day inclusive) and not revoked on or before it — the reading of {@link Exemptions.Exemption#holdsOn}.
     * Read on the connection of the audit's snapshot ({@link HistorySnapshot#exemptionsInForce}).
     */
    static List<Recorded> inForce(Connection c, String organizationKey, LocalDate asOf) throws SQLException {
        String nextDay = asOf.plusDays(1) + "T00:00:00.000000Z";
        return query(c, SELECT + " WHERE e.organization_key = ? AND e.expires_on >= ? AND (r.revoked_at IS NULL OR r.revoked_at >= ?) ORDER BY e.id",
                organizationKey, asOf.toString(), nextDay);
    }

    /** The same for the organization as an audit's facts name it: recorded by its id or by its name, either way. */
    static List<Recorded> inForce(Connection c, Organization org, LocalDate asOf) throws SQLException {
        String nextDay = asOf.plusDays(1) + "T00:00:00.000000Z";
        String key = OrganizationKey.of(org);
        String nameKey = OrganizationKey.nameKey(org.getName(), org.getMunicipality());
        // recorded under the audit's key or its name key, or (recorded with an id, the audit without one or the other way
        // round) in its municipality: the few of the district are matched by name and id in Java (OrganizationKey.same)
        List<Recorded> found = query(c, SELECT + " WHERE (e.organization_key IN (?, ?) OR e.municipality_key = ?) AND e.expires_on >= ?"
                + " AND (r.revoked_at IS NULL OR r.revoked_at >= ?) ORDER BY e.id",
                key, nameKey, Applicability.placeKey(org.getMunicipality()), asOf.toString(), nextDay);
        return found.stream().filter(r -> r.exemption().names(key, nameKey)).toList();
    }

    /**
     * Whether the store knows the organization an exemption names: an audit of it is kept, under its id or its name
     * ({@link OrganizationKey#same}). An exemption of an organization never audited is still recorded, with a warning.
     */
    public boolean knows(String organizationKey, String nameKey, String municipalityKey) {
        return Jdbc.withConnection(db, "cannot read audits", c -> Jdbc.list(c, "SELECT DISTINCT organization_key, organization_name, municipality FROM audit"
                        + " WHERE organization_key IN (?, ?) OR municipality_key = ?",
                rs -> OrganizationKey.same(organizationKey, nameKey, rs.getString(1), OrganizationKey.nameKey(rs.getString(2), rs.getString(3))),
                organizationKey, nameKey, municipalityKey)).contains(true);
    }

    private List<Recorded> query(String sql, Object... args) {
        return Jdbc.withConnection(db, "cannot read exemptions", c -> query(c, sql, args));
    }

    private static List<Recorded> query(Connection c, String sql, Object... args) throws SQLException {
        return Jdbc.list(c, sql, ExemptionRepository::row, args);
    }

    private static Recorded row(ResultSet rs) throws SQLException {
        String revokedAt = rs.getString("revoked_at");
        return new Recorded(rs.getLong("id"), rs.getString("organization_key"), rs.getString("organization_name"), rs.getString("municipality"),
                rs.getString("municipality_key"), rs.getString("decree_id"), rs.getString("clause"), rs.getString("justification"),
                rs.getString("document_number"), LocalDate.parse(rs.getString("document_date")), LocalDate.parse(rs.getString("expires_on")),
                rs.getString("recorded_by"), Instant.parse(rs.getString("recorded_at")), rs.getString("revoked_by"),
                revokedAt == null ? null : Instant.parse(revokedAt), rs.getString("reason"));
    }
}
