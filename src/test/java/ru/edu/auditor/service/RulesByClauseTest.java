package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.law.catalog.Decree;

/**
 * The rules judging each clause, from the rules' own metadata (@decree, @clause, @reading) — what the decree pages
 * show — read through the service, so no front end opens the compiled knowledge base.
 */
class RulesByClauseTest {
    @Test
    void ownRulesAndSharedReadingsByClause() throws Exception {
        RulesHolder rules = RulesHolder.load(Path.of("rules"));
        Decree d = rules.catalog().decree("kalikino-oosh-143-2024").orElseThrow();
        Map<String, List<RulesHolder.ClauseRule>> byClause = rules.rulesByClause(d);
        assertEquals(d.clauses().size(), byClause.size(), "every clause is listed, with or without rules");

        List<RulesHolder.ClauseRule> own = byClause.get("1");
        assertFalse(own.isEmpty(), "clause 1 has rules of its own");
        assertTrue(own.stream().noneMatch(RulesHolder.ClauseRule::sharedReading), own.toString());

        // clause 4 names the shared reading foreignPrograms in the catalog: the common rule judges it
        List<RulesHolder.ClauseRule> four = byClause.get("4");
        assertTrue(four.contains(new RulesHolder.ClauseRule("Общее прочтение: нет запрещённых программ иностранных правообладателей", true)),
                four.toString());
        assertTrue(four.stream().filter(RulesHolder.ClauseRule::sharedReading).count() == 1, "only the reading the clause names: " + four);

        RulesService.Validated v = RulesService.validate(Path.of("rules"));
        assertEquals(rules.version(), v.version());
        assertTrue(v.rules() > v.decrees(), v.toString());
    }
}
