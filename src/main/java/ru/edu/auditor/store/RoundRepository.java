package ru.edu.auditor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Monitoring rounds in the audit store (migration V20): the rounds ({@code monitoring_round}), the organizations each
 * asks ({@code round_organization}), every version of every answer ({@code round_answer}, naming the stored audit)
 * and the reminders sent ({@code round_reminder}). Rows are only added, except a round's closing. One round per period
 * of a schedule is kept by the unique constraint on (series, period start): two servers opening the same next round
 * make one, the other insert does nothing.
 */
public final class RoundRepository {
    private static final String ROUND_COLUMNS = "round_id, series_id, name, cadence, period_from, period_to, due_on, repeats, region, municipality,"
            + " municipality_key, opened_by, opened_at, closed_by, closed_at";

    private final Database db;

    RoundRepository(Database db) { this.db = db; }

    /** One round as stored. {@code cadence}: {@code week} or {@code month}. */
    public record RoundRow(String id, String seriesId, String name, String cadence, LocalDate periodFrom, LocalDate periodTo, LocalDate dueOn,
                           boolean repeats, String region, String municipality, String municipalityKey, String openedBy, Instant openedAt,
                           String closedBy, Instant closedAt) {
        public boolean closed() { return closedAt != null; }
    }

    /** An organization a round asks, in the order asked; {@code contactEmail} as the uploaded list gave it (may be null). */
    public record AskedRow(String organizationKey, int position, String organizationId, String name, String kind, String region,
                           String municipality, String contactEmail) { }

    /** One version of an organization's answer, with its stored audit's date and status. */
    public record AnswerRow(String organizationKey, int version, String decisionId, String answeredBy, boolean onBehalf, String via,
                            Instant answeredAt, LocalDate asOf, String status) { }

    /** A reminder sent or listed. */
    public record ReminderRow(String organizationKey, String address, Instant sentAt, String sentBy, String outcome) { }

    /**
     * Stores a round with its organizations in one transaction; false (and nothing stored) when its series already has
     * a round for that period (another server opened it first).
     */
    public boolean insert(RoundRow r, List<AskedRow> asked) {
        return Jdbc.inTransaction(db, "cannot open a monitoring round", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO monitoring_round (" + ROUND_COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, period_from) DO NOTHING")) {
                int i = 0;
                st.setString(++i, r.id());
                st.setString(++i, r.seriesId());
                st.setString(++i, r.name());
                st.setString(++i, r.cadence());
                st.setString(++i, r.periodFrom().toString());
                st.setString(++i, r.periodTo().toString());
                st.setString(++i, r.dueOn().toString());
                st.setBoolean(++i, r.repeats());
                st.setString(++i, r.region());
                st.setString(++i, r.municipality());
                st.setString(++i, r.municipalityKey());
                st.setString(++i, r.openedBy());
                st.setString(++i, Jdbc.INSTANT.format(r.openedAt()));
                st.setString(++i, r.closedBy());
                st.setString(++i, r.closedAt() == null ? null : Jdbc.INSTANT.format(r.closedAt()));
                if (st.executeUpdate() == 0) return false;
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO round_organization (round_id, organization_key, position, organization_id,"
                    + " organization_name, organization_kind, region, municipality, contact_email) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AskedRow a : asked) {
                    int i = 0;
                    st.setString(++i, r.id());
                    st.setString(++i, a.organizationKey());
                    st.setInt(++i, a.position());
                    st.setString(++i, a.organizationId());
                    st.setString(++i, a.name());
                    st.setString(++i, a.kind());
                    st.setString(++i, a.region());
                    st.setString(++i, a.municipality());
                    st.setString(++i, a.contactEmail());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return true;
        });
    }

    /** The round, if stored. */
    public Optional<RoundRow> find(String roundId) {
        return rounds("SELECT " + ROUND_COLUMNS + " FROM monitoring_round WHERE round_id = ?", roundId).stream().findFirst();
    }

    /** The round of {@code seriesId} for the period starting {@code periodFrom}, if stored. */
    public Optional<RoundRow> find(String seriesId, LocalDate periodFrom) {
        return rounds("SELECT " + ROUND_COLUMNS + " FROM monitoring_round WHERE series_id = ? AND period_from = ?", seriesId, periodFrom.toString())
                .stream().findFirst();
    }

    /** Every round, the latest period first. */
    public List<RoundRow> all() {
        return rounds("SELECT " + ROUND_COLUMNS + " FROM monitoring_round ORDER BY period_from DESC, opened_at DESC, round_id");
    }

    /** The last round of every schedule that repeats (the round the next one is opened from). */
    public List<RoundRow> lastOfRepeatingSeries() {
        return rounds("SELECT " + ROUND_COLUMNS + " FROM monitoring_round r WHERE r.repeats = TRUE AND NOT EXISTS"
                + " (SELECT 1 FROM monitoring_round n WHERE n.series_id = r.series_id AND n.period_from > r.period_from) ORDER BY r.round_id");
    }

    /** The rounds that ask the organization {@code organizationKey}, the latest period first. */
    public List<RoundRow> asking(String organizationKey) {
        return rounds("SELECT " + prefixed("r.") + " FROM monitoring_round r JOIN round_organization o ON o.round_id = r.round_id"
                + " WHERE o.organization_key = ? ORDER BY r.period_from DESC, r.round_id", organizationKey);
    }

    /** The organizations the round asks, in the order asked. */
    public List<AskedRow> asked(String roundId) {
        return Jdbc.withConnection(db, "cannot read a monitoring round", c -> Jdbc.list(c, "SELECT organization_key, position, organization_id,"
                + " organization_name, organization_kind, region, municipality, contact_email FROM round_organization WHERE round_id = ? ORDER BY position",
                rs -> new AskedRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)), roundId));
    }

    /** Every version of every answer of the round, by organization and version, with each audit's date and status. */
    public List<AnswerRow> answers(String roundId) {
        return Jdbc.withConnection(db, "cannot read a monitoring round", c -> Jdbc.list(c, "SELECT ra.organization_key, ra.version, ra.decision_id,"
                + " ra.answered_by, ra.on_behalf, ra.via, ra.answered_at, a.as_of, a.status FROM round_answer ra"
                + " LEFT JOIN audit a ON a.decision_id = ra.decision_id WHERE ra.round_id = ? ORDER BY ra.organization_key, ra.version",
                RoundRepository::answer, roundId));
    }

    /**
     * Records a new version of the organization's answer (1 for the first); the version given. Two answers at once get
     * consecutive versions: the one that loses the primary key tries the next.
     */
    public int addAnswer(String roundId, String organizationKey, String decisionId, String answeredBy, boolean onBehalf, String via, Instant at) {
        for (int attempt = 0; ; attempt++) {
            int given;
            try {
                given = Jdbc.inTransaction(db, "cannot record an answer", c -> {
                    int version = 1;
                    try (PreparedStatement st = c.prepareStatement("SELECT MAX(version) FROM round_answer WHERE round_id = ? AND organization_key = ?")) {
                        st.setString(1, roundId);
                        st.setString(2, organizationKey);
                        try (ResultSet rs = st.executeQuery()) {
                            if (rs.next()) version = rs.getInt(1) + 1;
                        }
                    }
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO round_answer (round_id, organization_key, version, decision_id,"
                            + " answered_by, on_behalf, via, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                        int i = 0;
                        st.setString(++i, roundId);
                        st.setString(++i, organizationKey);
                        st.setInt(++i, version);
                        st.setString(++i, decisionId);
                        st.setString(++i, answeredBy);
                        st.setBoolean(++i, onBehalf);
                        st.setString(++i, via);
                        st.setString(++i, Jdbc.INSTANT.format(at));
                        if (st.executeUpdate() == 0) return -1;
                    }
                    return version;
                });
            } catch (StoreException e) {
                if (attempt >= 5 || e instanceof StoreUnavailableException) throw e;
                continue;
            }
            if (given > 0) return given;
            if (attempt >= 5) throw new StoreException("cannot record an answer: versions keep colliding", null);
        }
    }

    /** Closes the round now; false when it was closed already (or is unknown). */
    public boolean close(String roundId, String by, Instant at) {
        return Jdbc.withConnection(db, "cannot close a monitoring round", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE monitoring_round SET closed_by = ?, closed_at = ? WHERE round_id = ? AND closed_at IS NULL")) {
                st.setString(1, by);
                st.setString(2, Jdbc.INSTANT.format(at));
                st.setString(3, roundId);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Records reminders. */
    public void reminded(String roundId, List<ReminderRow> sent) {
        if (sent.isEmpty()) return;
        Jdbc.inTransaction(db, "cannot record reminders", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO round_reminder (round_id, organization_key, address, sent_at, sent_by, outcome)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (ReminderRow r : sent) {
                    st.setString(1, roundId);
                    st.setString(2, r.organizationKey());
                    st.setString(3, r.address());
                    st.setString(4, Jdbc.INSTANT.format(r.sentAt()));
                    st.setString(5, r.sentBy());
                    st.setString(6, r.outcome());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** The reminders of the round, in the order sent. */
    public List<ReminderRow> reminders(String roundId) {
        return Jdbc.withConnection(db, "cannot read reminders", c -> Jdbc.list(c, "SELECT organization_key, address, sent_at, sent_by, outcome"
                + " FROM round_reminder WHERE round_id = ? ORDER BY sent_at, organization_key, address",
                rs -> new ReminderRow(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getString(4), rs.getString(5)), roundId));
    }

    /**
     * The roll-up counts over the latest answer of each organization of the round (the verdicts of each audit's report
     * as answered then), and those audits without bodies, by organization name.
     */
    public Latest latestAnswers(String roundId) {
        String latest = "a.decision_id IN (SELECT ra.decision_id FROM round_answer ra WHERE ra.round_id = ? AND NOT EXISTS"
                + " (SELECT 1 FROM round_answer rb WHERE rb.round_id = ra.round_id AND rb.organization_key = ra.organization_key AND rb.version > ra.version))";
        return Jdbc.withConnection(db, "cannot read the round's roll-up", c -> Jdbc.reading(c, x -> {
            List<StoredAudit> audits = Jdbc.list(x, "SELECT " + AuditRows.columns("a.", false) + " FROM audit a WHERE " + latest
                    + " ORDER BY a.organization_name, a.organization_key", rs -> AuditRows.row(rs, false), roundId);
            int general = 0, using = 0, notUsing = 0;
            for (StoredAudit a : audits) {
                if (!"general".equals(a.organizationKind())) continue;
                general++;
                if (Boolean.TRUE.equals(a.usesPlatform())) using++;
                if (Boolean.FALSE.equals(a.usesPlatform())) notUsing++;
            }
            Map<String, Map<String, Integer>> statuses = new TreeMap<>();
            Jdbc.each(x, false, "SELECT d.decree_id, d.status, COUNT(*) FROM audit a JOIN audit_decree d ON d.decision_id = a.decision_id WHERE "
                    + latest + " GROUP BY d.decree_id, d.status", rs -> statuses.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                    .put(rs.getString(2), rs.getInt(3)), roundId);
            Map<String, Map<String, Map<String, Integer>>> verdicts = new TreeMap<>();
            Jdbc.each(x, false, "SELECT v.decree_id, v.clause_id, v.verdict, COUNT(*) FROM audit a JOIN audit_clause v ON v.decision_id = a.decision_id WHERE "
                    + latest + " GROUP BY v.decree_id, v.clause_id, v.verdict", rs -> verdicts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                    .computeIfAbsent(rs.getString(2), k -> new TreeMap<>()).put(rs.getString(3), rs.getInt(4)), roundId);
            return new Latest(new RollupQueries.RollupCounts(audits.size(), general, using, notUsing, statuses, verdicts), audits);
        }));
    }

    /** The roll-up counts of a round's latest answers and their audits (without facts and reports). */
    public record Latest(RollupQueries.RollupCounts counts, List<StoredAudit> audits) { }

    private List<RoundRow> rounds(String sql, Object... args) {
        return Jdbc.withConnection(db, "cannot read monitoring rounds", c -> Jdbc.list(c, sql, RoundRepository::round, args));
    }

    private static String prefixed(String alias) {
        List<String> out = new ArrayList<>();
        for (String col : ROUND_COLUMNS.split(", ")) out.add(alias + col);
        return String.join(", ", out);
    }

    private static RoundRow round(ResultSet rs) throws SQLException {
        String closedAt = rs.getString(15);
        return new RoundRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), LocalDate.parse(rs.getString(5)),
                LocalDate.parse(rs.getString(6)), LocalDate.parse(rs.getString(7)), rs.getBoolean(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), Instant.parse(rs.getString(13)), rs.getString(14), closedAt == null ? null : Instant.parse(closedAt));
    }

    private static AnswerRow answer(ResultSet rs) throws SQLException {
        String asOf = rs.getString(8);
        return new AnswerRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
                Instant.parse(rs.getString(7)), asOf == null ? null : LocalDate.parse(asOf), rs.getString(9));
    }
}
