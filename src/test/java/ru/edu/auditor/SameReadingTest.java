package ru.edu.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.Auditor;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.DecreeReport;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/**
 * Clauses that say the same thing are read the same way: wherever two clauses of the catalog name the same reading
 * with the same values and the same deadline, every fixture that both apply to gets the same verdict and the same
 * explanation for both (citation aside). Derived from the catalog: a new decree's identical clause is covered too.
 */
class SameReadingTest {
    record Twin(Decree decreeA, Clause a, Decree decreeB, Clause b) { }

    @Test
    void identicalClausesGetIdenticalVerdicts() throws Exception {
        RuleSet rules = RuleSet.load(Path.of("rules"));
        List<Twin> twins = new ArrayList<>();
        List<Decree> decrees = rules.catalog().decrees();
        for (int i = 0; i < decrees.size(); i++) {
            for (int j = i + 1; j < decrees.size(); j++) {
                for (Clause a : decrees.get(i).clauses()) {
                    for (Clause b : decrees.get(j).clauses()) {
                        if (a.reading() != null && a.reading().equals(b.reading()) && a.parameterValues().equals(b.parameterValues())
                                && Objects.equals(a.deadline(), b.deadline())) {
                            twins.add(new Twin(decrees.get(i), a, decrees.get(j), b));
                        }
                    }
                }
            }
        }
        // order 8 of СОШ №1 repeats clauses of decree 262 word for word: at least these five pairs
        assertTrue(twins.size() >= 5, twins.toString());
        int compared = 0;
        for (Fixture fx : FixtureRunner.load(Path.of("fixtures"))) {
            AuditReport report = Auditor.audit(Json.mapper().treeToValue(fx.facts(), AuditFacts.class), rules, "same-reading");
            for (Twin t : twins) {
                ClauseResult a = result(report, t.decreeA().id(), t.a().id());
                ClauseResult b = result(report, t.decreeB().id(), t.b().id());
                if (a == null || b == null || a.status().name().equals("NOT_APPLICABLE") || b.status().name().equals("NOT_APPLICABLE")) continue;
                String where = fx.name() + ": п. " + t.a().id() + " " + t.decreeA().id() + " и п. " + t.b().id() + " " + t.decreeB().id();
                assertEquals(a.status(), b.status(), where);
                assertEquals(a.explanation().replace(" (" + a.citation() + ")", ""), b.explanation().replace(" (" + b.citation() + ")", ""), where);
                compared++;
            }
        }
        assertTrue(compared >= 20, "too few fixtures where both decrees apply: " + compared);
    }

    static ClauseResult result(AuditReport r, String decree, String clause) {
        for (DecreeReport d : r.decrees()) {
            if (d.id().equals(decree) && d.clauses() != null) {
                for (ClauseResult c : d.clauses()) if (c.clause().equals(clause)) return c;
            }
        }
        return null;
    }
}
