package ru.edu.auditor.ruleapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import ru.edu.auditor.engine.RuleCompiler;
import ru.edu.auditor.facts.Headcount;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.law.Verdict;

/**
 * The rule-author interface keeps old rule files working: the decree DRLs as they stood before the package move
 * (src/test/resources/legacy-rules/before-package-move, imports {@code ru.edu.auditor.facts.*} and
 * {@code ru.edu.auditor.engine.*}, using Fmt, Verdicts, Checks, CompletenessChecks … from there) compile unchanged
 * and judge; a name outside the interface is refused in Russian with its file and line.
 */
class LegacyRulesCompatibilityTest {
    private static final Path LEGACY = Path.of("src/test/resources/legacy-rules/before-package-move");

    @Test
    void decreeRulesOfTheReleaseBeforeThePackageMoveCompileUnchanged() throws Exception {
        RuleCompiler.Result r = RuleCompiler.compile(LEGACY);
        assertEquals(List.of(), r.problems());
        assertEquals(5, r.files().size());
        assertTrue(r.ok());
        // and they judge: п. 1.2 of decree 262 as that release read it («100 %» written in the rule)
        KieSession session = r.kieBase().newKieSession();
        try {
            Verdicts out = new Verdicts();
            session.setGlobal("out", out);
            session.insert(new Headcount("employees", 40, 38));
            session.fireAllRules();
            Finding f = out.findings().stream().filter(x -> x.decree().equals("sergokala-adm-262-2023") && x.clause().equals("1.2"))
                    .findFirst().orElseThrow();
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.explanation().contains("38 из 40"), f.explanation());
            assertTrue(f.explanation().contains("не хватает 2"), f.explanation());
            assertEquals(List.of(), out.ruleErrors());
        } finally {
            session.dispose();
        }
    }

    @Test
    void aNameOutsideTheInterfaceIsRefusedInRussianWithFileAndLine() throws Exception {
        Path dir = Files.createTempDirectory("rules-outside-");
        Files.createDirectories(dir.resolve("decrees"));
        Files.writeString(dir.resolve("decrees/x.drl"), """
                package decrees.x;

                import ru.edu.auditor.facts.*;
                import ru.edu.auditor.ruleapi.*;
                import ru.edu.auditor.service.AuditService;

                global Verdicts out;

                // a comment naming ru.edu.auditor.store.Database is not code
                rule "x"
                when
                    Headcount()
                then
                    ru.edu.auditor.law.catalog.Catalog c = null;
                    out.pass(drools, "ru.edu.auditor.web.Workspace — в строке, не код");
                end
                """);
        RuleCompiler.Result r = RuleCompiler.compile(dir);
        assertNull(r.kieBase());
        assertEquals(2, r.problems().size(), r.problems().toString());
        RuleProblem imported = r.problems().get(0);
        assertEquals("decrees/x.drl", imported.file());
        assertEquals(5, imported.line());
        assertTrue(imported.message().startsWith("«ru.edu.auditor.service.AuditService» — вне интерфейса правил"), imported.message());
        assertTrue(imported.message().contains("ru.edu.auditor.ruleapi"), imported.message());
        RuleProblem qualified = r.problems().get(1);
        assertEquals(14, qualified.line());
        assertTrue(qualified.message().startsWith("«ru.edu.auditor.law.catalog.Catalog» — вне интерфейса правил"), qualified.message());
    }

    @Test
    void aNameNotFoundGetsARussianHint() throws Exception {
        Path dir = Files.createTempDirectory("rules-unknown-");
        Files.writeString(dir.resolve("x.drl"), """
                package x;
                import ru.edu.auditor.ruleapi.*;
                global Verdicts out;
                rule "x"
                when
                then
                    out.pass(drools, Formatting.date(null));
                end
                """);
        RuleCompiler.Result r = RuleCompiler.compile(dir);
        assertTrue(r.problems().stream().anyMatch(p -> p.message().startsWith("имя «Formatting» не найдено")), r.problems().toString());
    }
}
