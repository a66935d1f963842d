package ru.edu.auditor.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.report.ReportVerdicts;

/**
 * Schema version 2 (a Java migration, because existing audits are re-read to fill the new records and the
 * compressed column type differs: BLOB on SQLite, BYTEA on PostgreSQL):
 * <ul>
 * <li>{@code audit}: the facts and report are kept deflated ({@code facts_deflated}, {@code report_deflated};
 *     the text columns are dropped), plus {@code indicators_to} / {@code indicators_end} (the current
 *     indicators' own period end, and that or the audited period's end or the date — what "the previous
 *     period" is ordered by), {@code region_key} (the roll-up's region filter) and {@code history_added};</li>
 * <li>{@code weekly_analysis}, {@code monthly_report}: one row per organization and analysis date / report
 *     sent, with the earliest audit that recorded it;</li>
 * <li>{@code audit_decree}, {@code audit_clause}: every audit's decree statuses and clause verdicts.</li>
 * </ul>
 * Every query the next audit makes is then a bounded index lookup; see {@link AuditRepository}.
 */
public final class BoundedHistoryMigration implements JavaMigration {
    @Override public MigrationVersion getVersion() { return MigrationVersion.fromVersion("2"); }

    @Override public String getDescription() { return "bounded history"; }

    @Override public Integer getChecksum() { return 2; }

    @Override public boolean canExecuteInTransaction() { return true; }

    @Override public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        String bytes = postgres ? "BYTEA" : "BLOB";
        try (Statement st = c.createStatement()) {
            for (String col : List.of("indicators_to VARCHAR(10)", "indicators_end VARCHAR(10)", "region_key TEXT", "history_added TEXT",
                    "facts_deflated " + bytes, "report_deflated " + bytes)) {
                st.execute("ALTER TABLE audit ADD COLUMN " + col);
            }
            if (postgres) { // already deflated: PostgreSQL need not try to compress it again
                st.execute("ALTER TABLE audit ALTER COLUMN facts_deflated SET STORAGE EXTERNAL");
                st.execute("ALTER TABLE audit ALTER COLUMN report_deflated SET STORAGE EXTERNAL");
            }
            st.execute("CREATE TABLE weekly_analysis (organization_key TEXT NOT NULL, analysis_date VARCHAR(10) NOT NULL,"
                    + " decision_id VARCHAR(64) NOT NULL, as_of VARCHAR(10) NOT NULL, submitted_at VARCHAR(32) NOT NULL,"
                    + " PRIMARY KEY (organization_key, analysis_date))");
            st.execute("CREATE TABLE monthly_report (organization_key TEXT NOT NULL, platform VARCHAR(32) NOT NULL, report_month VARCHAR(7) NOT NULL,"
                    + " sent_on VARCHAR(10) NOT NULL, decision_id VARCHAR(64) NOT NULL, as_of VARCHAR(10) NOT NULL, submitted_at VARCHAR(32) NOT NULL,"
                    + " PRIMARY KEY (organization_key, platform, report_month, sent_on))");
            st.execute("CREATE TABLE audit_decree (decision_id VARCHAR(64) NOT NULL REFERENCES audit (decision_id) ON DELETE CASCADE,"
                    + " decree_id VARCHAR(100) NOT NULL, position INTEGER NOT NULL, status VARCHAR(32) NOT NULL, PRIMARY KEY (decision_id, decree_id))");
            st.execute("CREATE TABLE audit_clause (decision_id VARCHAR(64) NOT NULL REFERENCES audit (decision_id) ON DELETE CASCADE,"
                    + " decree_id VARCHAR(100) NOT NULL, clause_id VARCHAR(32) NOT NULL, position INTEGER NOT NULL, verdict VARCHAR(32) NOT NULL,"
                    + " PRIMARY KEY (decision_id, decree_id, clause_id))");
        }
        backfill(c);
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE audit DROP COLUMN facts");
            st.execute("ALTER TABLE audit DROP COLUMN report");
            st.execute("CREATE INDEX audit_previous_indicators ON audit (organization_key, indicators_end, as_of, submitted_at, decision_id)"
                    + " WHERE indicators_end IS NOT NULL");
        }
    }

    /** Fills the new columns and tables from the audits stored by version 1, one audit at a time. */
    private static void backfill(Connection c) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT decision_id FROM audit ORDER BY decision_id")) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        try (PreparedStatement read = c.prepareStatement("SELECT * FROM audit WHERE decision_id = ?");
             PreparedStatement update = c.prepareStatement("UPDATE audit SET indicators_to = ?, indicators_end = ?, region_key = ?,"
                     + " facts_deflated = ?, report_deflated = ? WHERE decision_id = ?")) {
            for (String id : ids) {
                read.setString(1, id);
                StoredAudit a;
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    a = AuditRows.head(rs, rs.getString("facts"), rs.getString("report"));
                }
                AuditIndex index = indexOf(a);
                LocalDate end = AuditWriter.indicatorsEnd(a, index);
                update.setString(1, Jdbc.text(index.indicatorsTo()));
                update.setString(2, Jdbc.text(end));
                update.setString(3, RollupQueries.regionKey(a.region()));
                update.setBytes(4, Deflated.of(a.facts()));
                update.setBytes(5, Deflated.of(a.report()));
                update.setString(6, id);
                update.executeUpdate();
                AuditWriter.insertRecords(c, List.of(new AuditWriter.Entry(a, index, null, null)));
            }
        }
    }

    /** The records of a version-1 audit, from its stored JSON. */
    private static AuditIndex indexOf(StoredAudit a) throws Exception {
        LocalDate indicatorsTo = null;
        if (a.currentIndicators() != null) {
            JsonNode to = Json.mapper().readTree(a.currentIndicators()).path("periodTo");
            if (to.isTextual()) indicatorsTo = LocalDate.parse(to.asText());
        }
        List<LocalDate> analyses = a.weeklyAnalyses() == null ? null
                : Json.mapper().readValue(a.weeklyAnalyses(), new TypeReference<List<LocalDate>>() { });
        List<MonthlyReport> reports = a.monthlyReports() == null ? null
                : Json.mapper().readValue(a.monthlyReports(), new TypeReference<List<MonthlyReport>>() { });
        Map<String, ReportVerdicts.DecreeVerdicts> verdicts = ReportVerdicts.of(Json.mapper().readTree(a.report()));
        return new AuditIndex(indicatorsTo, analyses, reports, verdicts, null);
    }
}
