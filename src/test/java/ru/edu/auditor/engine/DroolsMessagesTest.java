package ru.edu.auditor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.law.RuleProblem;

/** Drools' compile errors reach the rule author in Russian, with file and line (issue 21, item 2). */
public class DroolsMessagesTest {
    private static final Pattern ENGLISH = Pattern.compile("\\b(Unable|resolve|mismatched|Compilation|undefined|Duplicate|Parser|cannot|method|type)\\b");

    private static List<RuleProblem> compile(String rule) throws Exception {
        Path dir = RuleAllowListTest.withRule(rule);
        RuleCompiler.Result r = RuleCompiler.compile(dir);
        assertFalse(r.ok());
        return r.problems();
    }

    @Test
    void aTypoInAConsequenceIsNamedInRussianWithFileAndLine() throws Exception {
        Path dir = RuleAllowListTest.withRule("\nrule \"опечатка\"\nwhen\n  $o : Organization( )\nthen\n  $o.fooBar();\nend\n");
        List<RuleProblem> problems = RuleCompiler.compile(dir).problems();
        assertEquals(1, problems.size(), problems.toString());
        RuleProblem p = problems.get(0);
        assertEquals("decrees/sergokala-adm-262-2023.drl", p.file());
        assertTrue(p.line() > 0);
        assertEquals("у типа «Organization» нет метода «fooBar()»", p.message());
        assertTrue(p.toString().startsWith("decrees/sergokala-adm-262-2023.drl:" + p.line() + ": у типа"), p.toString());
    }

    @Test
    void commonMessagesAreTranslatedAndNoEnglishRemains() throws Exception {
        String[][] cases = {
            {"\nrule \"x1\"\nwhen\n  $o : Organization( nonexistentField == 1 )\nthen\nend\n", "нет поля или метода «nonexistentField»"},
            {"\nrule \"x2\"\nwhen\n  $o : Organizationz( )\nthen\nend\n", "тип «Organizationz» не найден"},
            {"\nrule \"x4\"\nwhen\n  $o : Organization( \nthen\nend\n", "синтаксическая ошибка: неожиданное «end» в правиле «x4»"},
            {"\nrule \"x5\"\nwhen\n  $o : Organization( )\nthen\n  int x = \"a\";\nend\n", "несовместимые типы"},
            {"\nrule \"x6\"\nwhen\n  $o : Organization( )\nthen\nend\nrule \"x6\"\nwhen\n  $o : Organization( )\nthen\nend\n",
                "правило с именем «x6» уже есть"},
            {"\nrule \"x7\"\nwhen\n  $o : Organization( )\nthen\n  undefinedVar.toString();\nend\n", "имя «undefinedVar» не найдено"},
        };
        for (String[] c : cases) {
            List<RuleProblem> problems = compile(c[0]);
            assertTrue(problems.stream().anyMatch(p -> p.message().contains(c[1])), c[1] + " in " + problems);
            for (RuleProblem p : problems) {
                assertTrue(p.line() > 0 || p.message().contains("не разобран"), p.toString());
                assertFalse(ENGLISH.matcher(p.message()).find(), p.toString());
            }
        }
    }

    @Test
    void anUnknownMessageIsQuotedAsTheCompilers() {
        assertEquals("Ошибка компиляции правила (текст компилятора: «Something new went wrong»)", DroolsMessages.russian("Something new went wrong"));
        assertEquals("файл не разобран из-за синтаксических ошибок выше", DroolsMessages.russian("Parser returned a null Package"));
    }
}
