package ru.edu.auditor.engine;

import ru.edu.auditor.ExpectedLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.Auditor;
import ru.edu.auditor.report.ClauseResult;

/**
 * Every rule set runs within limits (issue 22, finding 1; issue 20, a rule failing at run time): a rule that re-fires
 * itself for ever, one that never returns, one that allocates without end and one that throws each get their clause
 * «ошибка правил» with a Russian reason naming the rule, within a bounded time, and every other clause keeps its verdict.
 */
public class RuleLimitsTest {
    /** The runaway rules these tests load on purpose are logged for the operator; captured here, not in the build's output. */
    private ExpectedLog expectedLog;

    @org.junit.jupiter.api.BeforeEach
    void captureTheLogOfRunawayRules() { expectedLog = ExpectedLog.capture(); }

    @org.junit.jupiter.api.AfterEach
    void releaseTheLog() { expectedLog.close(); }

    public static final String DECREE = "sergokala-adm-262-2023";
    /** The organization the faulty rules below are restricted to, so the rule set loads (its warm-up never meets it). */
    public static final String VICTIM = "МКОУ «Зацикленная СОШ»";

    /** A verdict rule for clause 1.2 of order 262 (next to its real rules) that does {@code body} for {@link #VICTIM}. */
    public static String faulty(String name, String body) {
        return """

                rule "%s"
                    @decree("%s") @clause("1.2")
                when
                    $o : Organization(name == "%s")
                then
                    %s
                end
                """.formatted(name, DECREE, VICTIM, body);
    }

    public static final String LOOPS = faulty("зацикленное правило", "update($o);");
    public static final String NEVER_RETURNS = faulty("бесконечный цикл", "long n = 0; while (n >= 0) { n = (n + 1) % 1000; }");
    public static final String ALLOCATES = faulty("съедает память",
            "java.util.List<long[]> kept = new java.util.ArrayList<>(); while (kept.size() >= 0) { kept.add(new long[1 << 16]); }");
    public static final String THROWS = faulty("падает", "String region = $o.getRegion(); out.pass(drools, \"регион: \" + region.length());");

    static RuleSet withRules(String... rules) throws Exception {
        Path dir = TestRules.copy();
        Path drl = dir.resolve("decrees/" + DECREE + ".drl");
        Files.writeString(drl, Files.readString(drl) + String.join("", rules));
        return RuleSet.load(dir);
    }

    public static String factsJson(String name) {
        return """
                {"organization": {"name": "%s", "kind": "general", "municipality": "Сергокалинский район"},
                 "asOf": "2023-10-25", "headcount": {"employees": {"total": 40, "registered": 38}}}""".formatted(name);
    }

    public static AuditFacts facts(String name) throws Exception {
        return Json.mapper().readValue(factsJson(name), AuditFacts.class);
    }

    static Map<String, Verdict> verdicts(AuditReport r) {
        return r.decrees().stream().filter(d -> d.clauses() != null).flatMap(d -> d.clauses().stream().map(c -> Map.entry(d.id() + " " + c.clause(), c.status())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Without blanks: a number is written with group separators («100 000»). */
    public static String squeezed(String s) { return s.replaceAll("[\\s\\u00a0\\u202f]", ""); }

    static ClauseResult clause(AuditReport r, String decree, String clause) {
        return r.decrees().stream().filter(d -> d.id().equals(decree)).findFirst().orElseThrow()
                .clauses().stream().filter(c -> c.clause().equals(clause)).findFirst().orElseThrow();
    }

    /** The faulty rule's clause is ERROR naming the rule; every other clause is what the sound rules answer. */
    static void assertOnlyItsClauseFails(RuleSet sound, RuleSet faulty, String rule, String reasonPart) throws Exception {
        long t0 = System.nanoTime();
        AuditReport report = Auditor.audit(facts(VICTIM), faulty);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 15_000, "the audit took " + ms + " ms");
        ClauseResult c = clause(report, DECREE, "1.2");
        assertEquals(Verdict.ERROR, c.status(), c.explanation());
        assertTrue(c.explanation().contains("Правило «" + rule + "»") && squeezed(c.explanation()).contains(squeezed(reasonPart)), c.explanation());
        assertEquals("error", report.status());
        assertTrue(report.errors().stream().anyMatch(e -> e.contains("«" + rule + "»")), report.errors().toString());
        Map<String, Verdict> expected = verdicts(Auditor.audit(facts(VICTIM), sound));
        expected.put(DECREE + " 1.2", Verdict.ERROR);
        assertEquals(expected, verdicts(report));
        System.out.printf("%s: verdict in %d ms%n", rule, ms);
    }

    @Test
    void aRuleThatReFiresItselfForEverGetsItsClauseAnError() throws Exception {
        assertOnlyItsClauseFails(RuleSet.load(Path.of("rules")), withRules(LOOPS), "зацикленное правило", "сработало 100000 раз");
    }

    @Test
    void aConsequenceThatNeverReturnsIsStopped() throws Exception {
        assertOnlyItsClauseFails(RuleSet.load(Path.of("rules")), withRules(NEVER_RETURNS), "бесконечный цикл", "не завершилось за 5 секунд");
    }

    @Test
    void aConsequenceThatAllocatesWithoutEndIsStoppedAndItsMemoryFreed() throws Exception {
        RuleSet rules = withRules(ALLOCATES);
        assertOnlyItsClauseFails(RuleSet.load(Path.of("rules")), rules, "съедает память", "заняло больше 256 МБ памяти");
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
        System.out.printf("heap used after the allocating rule: %d MiB%n", used);
        assertTrue(used < 200, used + " MiB still in use");
    }

    @Test
    void aRuleThatThrowsGetsItsClauseAnErrorInRussian() throws Exception {
        assertOnlyItsClauseFails(RuleSet.load(Path.of("rules")), withRules(THROWS), "падает", "обращение к отсутствующему значению");
        assertTrue(expectedLog.text().contains("rule [падает] failed"), "the operator's log names the rule: " + expectedLog.text());
    }

    @Test
    void otherOrganizationsAreJudgedAsBefore() throws Exception {
        RuleSet faulty = withRules(LOOPS, NEVER_RETURNS);
        AuditReport report = Auditor.audit(facts("МКОУ «Мургукская СОШ»"), faulty);
        assertEquals(verdicts(Auditor.audit(facts("МКОУ «Мургукская СОШ»"), RuleSet.load(Path.of("rules")))), verdicts(report));
        assertTrue(report.errors().isEmpty(), report.errors().toString());
    }

    /** A rule that runs away on the warm-up's sample facts is refused at load (so by reload and impact), naming the rule. */
    @Test
    void aRuleSetThatRunsAwayOnItsWarmUpIsRefused() throws Exception {
        Path dir = TestRules.copy();
        Path drl = dir.resolve("decrees/" + DECREE + ".drl");
        Files.writeString(drl, Files.readString(drl) + """

                rule "зацикленное правило для всех"
                when
                    $o : Organization()
                then
                    update($o);
                end
                """);
        long t0 = System.nanoTime();
        RuleSet.InvalidRules e = assertThrows(RuleSet.InvalidRules.class, () -> RuleSet.load(dir));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> problems = e.problems().stream().map(Object::toString).toList();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("decrees/" + DECREE + ".drl: пробная проверка")
                && squeezed(p).contains(squeezed("Правило «зацикленное правило для всех» сработало 100000 раз"))), problems.toString());
        assertTrue(ms < 30_000, ms + " ms");
    }

    /**
     * Session threads are kept between audits (a thread per audit cost more than the session), but never one a budget cut:
     * the thread a runaway rule held is stopped and ends, and the next audit runs on a fresh thread with every verdict.
     */
    @Test
    void sessionThreadsAreReusedButNeverOneThatWasStopped() throws Exception {
        RuleSet faulty = withRules(NEVER_RETURNS);
        GuardedSession.Limits quick = new GuardedSession.Limits(100_000, java.time.Duration.ofMillis(300), 256L << 20);
        java.util.function.Function<String, Thread> auditOn = name -> {
            Thread[] ran = new Thread[1];
            GuardedSession.fire(faulty, () -> {
                try {
                    return FactGatherer.gather(facts(name), faulty);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, r -> { ran[0] = Thread.currentThread(); return true; }, quick);
            return ran[0];
        };
        Thread first = auditOn.apply("МКОУ «Мургукская СОШ»");
        assertEquals(first, auditOn.apply("МКОУ «Мургукская СОШ»"), "one audit after another runs on the same kept thread");
        GuardedSession.Outcome cut = GuardedSession.fire(faulty, () -> {
            try {
                return FactGatherer.gather(facts(VICTIM), faulty);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> true, quick);
        assertTrue(cut.failures().stream().anyMatch(f -> "бесконечный цикл".equals(f.rule())), cut.failures().toString());
        first.join(5_000);
        assertTrue(!first.isAlive(), "the stopped session's thread has ended");
        Thread next = auditOn.apply("МКОУ «Мургукская СОШ»");
        assertTrue(next != first && next.isAlive(), "the next audit runs on a fresh thread");
    }
}
