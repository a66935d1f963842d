package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.report.ReportVerdicts;
import ru.edu.auditor.report.Rollup;

/**
 * The roll-up judged at its date (issue 21 item 4): an organization «pending» at its audit whose PENDING clause has
 * a deadline passed by the roll-up's date is no longer «pending» there — its decree status and its line say
 * «due-since-audit»; one whose PENDING clause is not among the due ones stays «pending».
 */
class RollupAtDateTest {
    static List<String> backends() { return TestStores.backends(); }

    private static StoredAudit pending(String id, String org, String asOf) {
        StoredAudit a = AuditRepositoryTest.audit(id, org, "сергокалинск", asOf, asOf + "T09:00:00Z");
        return new StoredAudit(a.decisionId(), a.organizationKey(), a.organizationName(), a.organizationKind(), a.region(), a.municipality(),
                a.municipalityKey(), a.asOf(), a.periodFrom(), a.periodTo(), "pending", a.rulesVersion(), a.submittedAt(), a.submittedBy(),
                a.usesPlatform(), a.currentIndicators(), a.weeklyAnalyses(), a.monthlyReports(), a.facts(), a.report());
    }

    private static AuditIndex verdicts(Map<String, String> clauses) {
        return new AuditIndex(null, null, null, Map.of("d", new ReportVerdicts.DecreeVerdicts("pending", clauses)), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aPendingWhoseDeadlinePassedSinceItsAuditIsCountedApart(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            Map<String, String> dueOne = new LinkedHashMap<>();
            dueOne.put("1", "PASS");
            dueOne.put("2", "PENDING");
            repo.writer().save(pending("a-1", "a", "2023-10-18"), verdicts(dueOne));
            repo.writer().save(pending("b-1", "b", "2023-10-19"), verdicts(Map.of("1", "PASS", "3", "PENDING")));
            Map<String, String> lines = new LinkedHashMap<>();
            RollupQueries.RollupCounts counts = repo.rollups().rollup(Set.of("сергокалинск"), null, LocalDate.of(2026, 12, 7), Set.of("d|2"),
                    (c, orgs) -> {
                        orgs.forEachRemaining(l -> lines.put(l.audit().decisionId(), l.dueSinceAudit() ? "due" : l.audit().status()));
                        return c;
                    });
            assertEquals(Map.of("a-1", "due", "b-1", "pending"), lines);
            assertEquals(Map.of("d", Map.of(Rollup.DUE_SINCE_AUDIT_STATUS, 1, "pending", 1)), counts.decreeStatuses());
            assertEquals(Map.of("d", Map.of("1", Map.of("PASS", 2), "2", Map.of("PENDING", 1), "3", Map.of("PENDING", 1))), counts.clauseVerdicts(),
                    "clause counts stay as stored: the service moves the due ones");
            RollupQueries.RollupCounts none = repo.rollups().rollup(Set.of("сергокалинск"), null, LocalDate.of(2026, 12, 7), (c, orgs) -> {
                orgs.forEachRemaining(l -> assertEquals(false, l.dueSinceAudit()));
                return c;
            });
            assertEquals(Map.of("d", Map.of("pending", 2)), none.decreeStatuses(), "nothing due: statuses as stored");
            b.passed();
        }
    }
}
