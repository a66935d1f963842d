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

    /** Loads a copy of ./rules with {@code file} edited; the problems that refuse it (none: the test fails). */
    static String refused(String file, String from, String to) throws Exception {
        Path dir = TestRules.copy();
        Path f = dir.resolve(file);
        String text = Files.readString(f);
        assertTrue(text.contains(from), "test setup: «" + from + "» not in " + file);
        Files.writeString(f, text.replace(from, to));
        RuleSet.InvalidRules e = org.junit.jupiter.api.Assertions.assertThrows(RuleSet.InvalidRules.class, () -> RuleSet.load(dir),
                "the edited rules must be refused: " + file);
        return e.problems().toString();
    }

    /** Issue 20, finding 3: a typo in a parameter name used to load and fail every audit of the district at run time. */
    @Test
    void aMisspeltParameterNameIsRefusedWithFileLineAndTheNameMeant() throws Exception {
        String p = refused("decrees/sergokala-adm-262-2023.yaml", "      requiredPercent:", "      requiredPercnt:");
        assertTrue(p.contains("decrees/sergokala-adm-262-2023.yaml:"), p);
        assertTrue(p.contains("п. 1.2: правило (common/people.drl:"), p);
        assertTrue(p.contains("читает параметр «requiredPercent», которого у пункта нет (в каталоге написано «requiredPercnt» — опечатка?)"), p);
        assertTrue(p.contains("п. 1.2: параметр «requiredPercnt» не читает ни одно правило этого пункта (правило читает «requiredPercent» — опечатка?)"), p);
    }

    @Test
    void aParameterNoRuleReadsIsRefused() throws Exception {
        String p = refused("decrees/kesova-gora-oo-178-2023.yaml", "      minCallsPerWeek:\n        value: 1".replace("\\n", "\n"),
                "      minCallsPerWeek:\n        value: 1\n        quote: \"1 звонок в неделю\"\n      maxCallsPerWeek:\n        value: 1".replace("\\n", "\n"));
        assertTrue(p.contains("п. 4: параметр «maxCallsPerWeek» не читает ни одно правило этого пункта"), p);
    }

    @Test
    void aDecreeFileSpeakingForAnotherDecreeIsRefused() throws Exception {
        String tag = refused("decrees/khasavyurt-uo-47-2023.drl", "@decree(\"khasavyurt-uo-47-2023\") @clause(\"2.2\")",
                "@decree(\"kesova-gora-oo-178-2023\") @clause(\"2.2\")");
        assertTrue(tag.matches("(?s).*decrees/khasavyurt-uo-47-2023\\.drl:\\d+: @decree\\(\"kesova-gora-oo-178-2023\"\\) в файле решения khasavyurt-uo-47-2023.*"), tag);
        String params = refused("decrees/khasavyurt-uo-47-2023.drl", "ClauseParameters(decree == \"khasavyurt-uo-47-2023\", clause == \"2.2\",",
                "ClauseParameters(decree == \"kesova-gora-oo-178-2023\", clause == \"2.2\",");
        assertTrue(params.matches("(?s).*decrees/khasavyurt-uo-47-2023\\.drl:\\d+: ClauseParameters\\(decree == \"kesova-gora-oo-178-2023\"\\) в файле решения khasavyurt-uo-47-2023: правило читает значения другого решения.*"), params);
        String clause = refused("decrees/khasavyurt-uo-47-2023.drl", "ClauseParameters(decree == \"khasavyurt-uo-47-2023\", clause == \"2.2\",",
                "ClauseParameters(decree == \"khasavyurt-uo-47-2023\", clause == \"3.9\",");
        assertTrue(clause.contains("ClauseParameters(clause == \"3.9\"): в решении khasavyurt-uo-47-2023 нет пункта 3.9"), clause);
    }
}
