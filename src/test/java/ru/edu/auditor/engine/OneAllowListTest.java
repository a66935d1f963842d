package ru.edu.auditor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.ruleapi.RuleInterface;

/**
 * The allow-list is one list: what the rule-author interface lets a DRL name ({@link RuleInterface#PACKAGES} and the
 * earlier releases' names of {@link RuleInterface#LEGACY}) is what the text and bytecode checks let it name, so a rule
 * that one of them passes the other does not refuse, and a name one refuses is refused in Russian by the first.
 */
class OneAllowListTest {
    @Test
    void theCheckReadsTheInterfacesPackages() {
        assertEquals(RuleInterface.PACKAGES.stream().filter(p -> p.startsWith("ru.edu.auditor.")).toList(), RuleAllowList.RULE_PACKAGES);
        for (String p : RuleInterface.PACKAGES) {
            if (p.equals("java.lang")) continue;
            assertTrue(RuleAllowList.RULE_PACKAGES.contains(p) || RuleAllowList.JDK_PACKAGES.contains(p), p);
        }
        assertTrue(RuleAllowList.allows("ru.edu.auditor.ruleapi.Fmt"));
        assertFalse(RuleAllowList.allows("ru.edu.auditor.engine.Fmt"), "the bytecode names only what the compiler was handed");
    }

    @Test
    void anEarlierReleasesQualifiedNameCompilesAndAnEngineClassIsRefusedInRussian() throws Exception {
        // the guide of the release before the package move: Fmt lived in ru.edu.auditor.engine, named here in full
        Path ok = RuleAllowListTest.withRule("""

                rule "старое полное имя"
                when
                    $o : ru.edu.auditor.facts.Organization()
                then
                    String d = ru.edu.auditor.engine.Fmt.date(java.time.LocalDate.of(2024, 3, 1));
                end
                """);
        RuleCompiler.Result r = RuleCompiler.compile(ok);
        assertTrue(r.ok(), r.problems().toString());

        // a class of that package the interface does not have is outside it: one Russian problem, not «cannot be resolved»
        Path bad = RuleAllowListTest.withRule("""

                rule "класс движка"
                when
                    $o : ru.edu.auditor.facts.Organization()
                then
                    Object x = ru.edu.auditor.engine.RuleSet.versionOf(null);
                end
                """);
        List<RuleProblem> problems = RuleCompiler.compile(bad).problems();
        assertFalse(problems.isEmpty());
        int line = RuleAllowListTest.lineOf(bad, "RuleSet.versionOf");
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.message().contains("ru.edu.auditor.engine.RuleSet")), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.message().contains("cannot be resolved") && !p.message().contains("не найдено")), problems.toString());
    }
}
