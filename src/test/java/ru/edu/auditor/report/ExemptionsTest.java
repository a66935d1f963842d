package ru.edu.auditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.Verdict;

class ExemptionsTest {
    static RuleSet rules;
    static AuditReport report; // school of Khasavyurt district on 21.10.2023: 47 п. 3.2 FAIL (399 of 400)

    @BeforeAll
    static void audit() throws Exception {
        rules = RuleSet.load(Path.of("rules"));
        JsonNode fx = Json.mapper().readTree(Path.of("fixtures/khasavyurt-uo-47-2023/school-oct21-399-of-400-late.json").toFile());
        report = Auditor.audit(Json.mapper().treeToValue(fx.path("facts"), AuditFacts.class), rules, "t");
    }

    private static Exemptions.Exemption exemption(String clause, LocalDate expires, Instant revokedAt) {
        return new Exemptions.Exemption(7, report.organizationKey(), "khasavyurt-uo-47-2023", clause,
                "в школе идёт капитальный ремонт, обучение ведётся дистанционно на площадке другой организации",
                "12-од", LocalDate.of(2023, 10, 19), "admin@uo", Instant.parse("2023-10-19T08:00:00Z"), expires, revokedAt, revokedAt == null ? null : "admin@uo");
    }

    private static ClauseResult clause(AuditReport r, String id) {
        return r.decrees().stream().filter(d -> d.id().equals("khasavyurt-uo-47-2023")).findFirst().orElseThrow()
                .clauses().stream().filter(c -> c.clause().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void whileItHoldsTheClauseIsExemptWithTheVerdictItWouldHaveHad() {
        assertEquals(Verdict.FAIL, clause(report, "3.2").status());
        AuditReport r = Exemptions.apply(report, List.of(exemption("3.2", LocalDate.of(2023, 10, 21), null)));
        ClauseResult c = clause(r, "3.2");
        assertEquals(Verdict.EXEMPT, c.status());
        assertTrue(c.explanation().contains("капитальный ремонт") && c.explanation().contains("№ 12-од от 19.10.2023")
                && c.explanation().contains("Без освобождения вердикт был бы «нарушение»") && c.explanation().contains("399 из 400"), c.explanation());
        assertEquals("FAIL", c.evidence().get("wouldBe"));
        assertEquals(1, r.summary().get("EXEMPT"));
        assertEquals("освобождено", Labels.verdict("EXEMPT"));
    }

    @Test
    void afterExpiryOrRevocationTheVerdictReturnsByItself() {
        assertEquals(Verdict.FAIL, clause(Exemptions.apply(report, List.of(exemption("3.2", LocalDate.of(2023, 10, 20), null))), "3.2").status());
        assertEquals(Verdict.FAIL, clause(Exemptions.apply(report, List.of(exemption("3.2", LocalDate.of(2023, 12, 31),
                Instant.parse("2023-10-20T12:00:00Z")))), "3.2").status());
        assertEquals(Verdict.EXEMPT, clause(Exemptions.apply(report, List.of(exemption("3.2", LocalDate.of(2023, 12, 31),
                Instant.parse("2023-10-22T12:00:00Z")))), "3.2").status(), "revoked only after the audit's date");
    }

    @Test
    void notApplicableInfoAndErrorAreNeverExempted() {
        AuditReport r = Exemptions.apply(report, List.of(exemption("2.1", LocalDate.of(2023, 12, 31), null), exemption("3", LocalDate.of(2023, 12, 31), null)));
        assertEquals(Verdict.NOT_APPLICABLE, clause(r, "2.1").status());
        assertEquals(Verdict.INFO, clause(r, "3").status());
    }
}
