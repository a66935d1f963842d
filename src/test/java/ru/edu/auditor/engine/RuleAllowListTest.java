package ru.edu.auditor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.junit.jupiter.api.Test;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.law.RuleProblem;

/**
 * Rules can touch only facts and the rule-author interface (issue 22, finding 2): a rule file that names I/O,
 * reflection, threads or processes is refused before any of it runs, with file and line, however it is spelled.
 */
public class RuleAllowListTest {
    /** The attack of the issue: a consequence that writes a file, the class named in full, no import. */
    public static final String WRITES_A_FILE = """

            rule "пишет файл"
            when
                $o : ru.edu.auditor.facts.Organization()
            then
                java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "взлом");
            end
            """;

    static Path withRule(String rule) throws Exception {
        Path dir = TestRules.copy();
        Path drl = dir.resolve("decrees/sergokala-adm-262-2023.drl");
        Files.writeString(drl, Files.readString(drl) + rule);
        return dir;
    }

    static int lineOf(Path dir, String text) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("decrees/sergokala-adm-262-2023.drl"));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text);
    }

    @Test
    void theShippedRulesNameNothingOutsideTheList() throws Exception {
        RuleCompiler.Result r = RuleCompiler.compile(Path.of("rules"));
        assertTrue(r.ok(), r.problems().toString());
    }

    @Test
    void aRuleWritingAFileIsRefusedWithFileAndLineAndNothingIsWritten() throws Exception {
        Path target = Files.createTempDirectory("escape-").resolve("written.txt");
        Path dir = withRule(WRITES_A_FILE.formatted(target));
        RuleSet.InvalidRules e = assertThrows(RuleSet.InvalidRules.class, () -> RuleSet.load(dir));
        RuleProblem p = e.problems().stream().filter(x -> x.message().contains("«java.nio.file.Files»")).findFirst().orElseThrow(() -> new AssertionError(e.problems()));
        assertEquals("decrees/sergokala-adm-262-2023.drl", p.file());
        assertEquals(lineOf(dir, "Files.writeString"), p.line());
        assertFalse(Files.exists(target));
    }

    /**
     * The compiled code is read too, not only the text: the attack compiled without the text check is found in
     * its bytecode and named by rule; and a call no text check looks for (a parallel stream, other threads) is
     * refused by the bytecode check alone.
     */
    @Test
    void theCompiledCodeIsCheckedNotOnlyTheText() throws Exception {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(("""
                package decrees.attack;
                import ru.edu.auditor.facts.*;
                """ + WRITES_A_FILE.formatted("/tmp/never-written")).getBytes(StandardCharsets.UTF_8)).setSourcePath("a.drl"), ResourceType.DRL);
        assertFalse(builder.hasErrors(), builder.getErrors().toString());
        List<RuleProblem> found = new java.util.ArrayList<>();
        for (var pkg : builder.getKnowledgePackages()) {
            found.addAll(RuleAllowList.checkCompiled((InternalKnowledgePackage) pkg, (cls, line, message) -> new RuleProblem(cls, line, 0, message)));
        }
        assertTrue(found.stream().anyMatch(p -> p.file().startsWith("decrees.attack.Rule_пишет_файл")
                && p.message().startsWith("правило не может обращаться к «java.nio.file.Files")), found.toString());

        Path dir = withRule("""

                rule "считает в других потоках"
                when
                    $o : Organization()
                then
                    long n = 3;
                    java.util.List.of(1, 2, 3).stream().parallel().count();
                end
                """);
        assertTrue(RuleAllowList.checkText("decrees/sergokala-adm-262-2023.drl", Files.readString(dir.resolve("decrees/sergokala-adm-262-2023.drl"))).isEmpty());
        RuleSet.InvalidRules e = assertThrows(RuleSet.InvalidRules.class, () -> RuleSet.load(dir));
        assertEquals(List.of("decrees/sergokala-adm-262-2023.drl:" + lineOf(dir, "parallel()")
                + ": правило «считает в других потоках»: правило не может обращаться к «java.util.stream.Stream.parallel»"),
                e.problems().stream().map(p -> p.toString().replaceAll("(обращаться к «[^»]*»).*", "$1")).toList());
    }

    @Test
    void aFunctionStartingAProcessIsRefusedByName() throws Exception {
        Path dir = withRule("""

                function String run(String command) {
                    return String.valueOf(new ProcessBuilder(command).inheritIO());
                }
                """);
        RuleSet.InvalidRules e = assertThrows(RuleSet.InvalidRules.class, () -> RuleSet.load(dir));
        assertEquals(List.of("decrees/sergokala-adm-262-2023.drl:" + lineOf(dir, "ProcessBuilder") + ": правило не может обращаться к «java.lang.ProcessBuilder»"),
                e.problems().stream().map(p -> p.toString().replaceAll("»:.*", "»")).toList());
    }

    @Test
    void importsReflectionThreadsAndTheMvelDialectAreRefusedOnTheirLines() {
        String drl = """
                package decrees.x;
                import java.io.File;
                import java.util.List;
                import java.lang.reflect.*;
                // System.exit(0) in a comment is only text
                rule "r" dialect "mvel"
                when
                    $o : Organization(name.getClass().getName() == "x")
                then
                    System.exit(0);
                    Thread.sleep(10);
                    String s = "Runtime.getRuntime() in a string is only text";
                    List l = new java.util.concurrent.CopyOnWriteArrayList();
                    RuleSet.load(null);
                end
                """;
        List<RuleProblem> problems = RuleAllowList.checkText("decrees/x.drl", drl);
        List<String> found = problems.stream().map(p -> p.line() + " " + p.message().replaceAll(":.*", "")).toList();
        assertEquals(List.of(
                "2 правило не может обращаться к «java.io.File»",
                "4 правило не может обращаться к «java.lang.reflect.*»",
                "6 диалект «mvel» не допускается",
                "8 правилу недоступна рефлексия («.getClass»)",
                "10 правило не может обращаться к «java.lang.System»",
                "11 правило не может обращаться к «java.lang.Thread»",
                "13 правило не может обращаться к «java.util.concurrent.CopyOnWriteArrayList»",
                "14 правило не может обращаться к «ru.edu.auditor.engine.RuleSet»"), found);
    }

    /** Java reads «java .nio\n .file . Files» as one name; so does the check. */
    @Test
    void aNameSpreadOverLinesIsStillSeen() {
        List<RuleProblem> p = RuleAllowList.checkText("x.drl", "rule \"r\"\nwhen\nthen\n    java .nio\n        .file . Files.delete(null);\nend\n");
        assertEquals(List.of("x.drl:4: правило не может обращаться к «java.nio.file.Files»"),
                p.stream().map(x -> x.toString().replaceAll("»:.*", "»")).toList());
    }

    @Test
    void theListItself() {
        assertTrue(RuleAllowList.allows("java.util.List"));
        assertTrue(RuleAllowList.allows("java/util/Map$Entry"));
        assertTrue(RuleAllowList.allows("java.time.LocalDate"));
        assertTrue(RuleAllowList.allows("ru.edu.auditor.facts.Organization"));
        assertTrue(RuleAllowList.allows("[Ljava/lang/String;"));
        assertFalse(RuleAllowList.allows("java.lang.System"));
        assertFalse(RuleAllowList.allows("java.lang.Runtime"));
        assertFalse(RuleAllowList.allows("java.lang.ClassLoader"));
        assertFalse(RuleAllowList.allows("java.lang.Thread"));
        assertFalse(RuleAllowList.allows("java.util.Formatter"));
        assertFalse(RuleAllowList.allows("java.util.concurrent.Executors"));
        assertFalse(RuleAllowList.allows("java.nio.file.Files"));
        assertFalse(RuleAllowList.allows("java.net.URL"));
        assertFalse(RuleAllowList.allows("ru.edu.auditor.store.AuditRepository"));
        assertFalse(RuleAllowList.allows("ru.edu.auditor.service.RuleReloader"));
        assertTrue(RuleAllowList.allows("ru.edu.auditor.ruleapi.Verdicts"));
        assertFalse(RuleAllowList.allows("ru.edu.auditor.engine.RuleSet"));
        assertFalse(RuleAllowList.allows("ru.edu.auditor.engine.RulesFiles"));
        assertFalse(RuleAllowList.allows("ru.edu.auditor.engine.GuardedSession"));
    }
}
