package ru.edu.auditor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.ExpectedLog;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.report.Auditor;

/** A rule set that gives an obligation two different verdicts is reported loudly, not hidden. */
class RuleDefectsTest {
    @Test
    void conflictingVerdictsAreAnErrorOfTheReport() throws Exception {
        Path dir = TestRules.copy();
        Path drl = dir.resolve("decrees/sergokala-adm-262-2023.drl");
        Files.writeString(drl, Files.readString(drl) + """

                rule "ошибочное второе правило п. 1.2"
                    @decree("sergokala-adm-262-2023") @clause("1.2")
                when
                    Headcount(group == "employees")
                then
                    out.pass(drools, "всегда выполнено");
                end
                """);
        RuleSet rules = RuleSet.load(dir);
        AuditFacts facts = Json.mapper().readValue("""
                {"organization": {"name": "МКОУ «Мургукская СОШ»", "kind": "general", "municipality": "Сергокалинский район"},
                 "asOf": "2023-10-25", "headcount": {"employees": {"total": 40, "registered": 38}}}""", AuditFacts.class);
        AuditReport report;
        try (ExpectedLog log = ExpectedLog.capture()) {
            report = Auditor.audit(facts, rules);
            assertTrue(log.text().contains("ERROR ru.edu.auditor.report.Auditor") && log.text().contains("разные вердикты"),
                    "the failed rule set is logged as an error: " + log.text());
        }
        assertEquals("error", report.status());
        ClauseResult c = report.decrees().stream().filter(d -> d.id().equals("sergokala-adm-262-2023")).findFirst().orElseThrow()
                .clauses().stream().filter(x -> x.clause().equals("1.2")).findFirst().orElseThrow();
        assertEquals(Verdict.ERROR, c.status());
        assertTrue(report.errors().get(0).contains("разные вердикты"), report.errors().toString());
    }
}
