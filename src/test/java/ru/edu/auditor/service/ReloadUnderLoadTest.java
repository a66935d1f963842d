package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/**
 * Issue 14, finding 1: audits from several threads while the rules are reloaded again and again with a changing
 * valid rule set; every audit must finish within {@link #AUDIT_TIMEOUT_SECONDS} and none may fail. Before the
 * fix, the first audits of a new knowledge base defined Drools' generated classes concurrently and could deadlock
 * in {@code PackageClassLoader} (about 2 reloads in 130 under four clients).
 */
class ReloadUnderLoadTest {
    /** Client threads posting audits; the deadlock needs at least two of them meeting a fresh knowledge base. */
    static final int CLIENTS = 6;
    /** Most reloads in one run (each is a full recompile of the rules, ~1 s alone, several seconds on a loaded machine). */
    static final int MAX_RELOADS = 40;
    /**
     * Reloads stop being started after this long, so the test takes about this plus one reload: ~15 reloads on an
     * idle two-core machine (a compile takes ~1 s), a single one on a saturated one (a compile then takes ~20 s) —
     * which is why {@link #everyGeneratedClassIsDefinedBeforeTheRuleSetIsPublished} checks the cause without luck.
     * Longer runs: {@code -Dauditor.stress.seconds=600}.
     */
    static final long RELOAD_BUDGET_SECONDS = Long.getLong("auditor.stress.seconds", 15);
    /** An audit that takes longer counts as hung (one audit takes milliseconds; a loaded machine a second or two). */
    static final long AUDIT_TIMEOUT_SECONDS = 15;
    /**
     * A client rests this long between audits unless a new rule set was swapped in: then every client starts its
     * next audit at once, so the first audits of each knowledge base run together (the race this test is about),
     * while the compile between two swaps keeps most of the machine's cores.
     */
    static final long PAUSE_MS = 40;

    /** A helper rule whose threshold alternates between reloads: a valid, changing rule set each time. */
    static String stressRule(int threshold) {
        return "package stress;\n"
                + "import ru.edu.auditor.facts.Headcount;\n"
                + "rule \"порог нагрузочной проверки\"\n"
                + "when\n"
                + "    $h : Headcount(total != null, total > " + threshold + ")\n"
                + "then\n"
                + "    String seen = $h.getGroup() + \":\" + $h.getTotal();\n"
                + "end\n";
    }

    static List<JsonNode> fixtureFacts() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var fixtureDirs = Files.list(Path.of("fixtures"))) {
            for (Path fd : fixtureDirs.sorted().toList()) for (Fixture f : FixtureRunner.load(fd)) docs.add(f.facts());
        }
        return docs;
    }

    /**
     * The cause, checked without luck: when a rule set is loaded, every class Drools generated for it is already
     * defined, so no audit defines one later (concurrently with other audits: where the deadlock was). Proof: the
     * class bytes are taken away from each package class loader of a freshly loaded rule set, and every class is
     * still there. Without the eager definition, most rule classes would be missing (they were defined lazily, by the
     * first session that fired the rule).
     */
    @Test
    void everyGeneratedClassIsDefinedBeforeTheRuleSetIsPublished() throws Exception {
        RuleSet fresh = RuleSet.load(Path.of("rules"));
        int classes = 0;
        List<String> missing = new ArrayList<>();
        for (var pkg : ((org.drools.kiesession.rulebase.InternalKnowledgeBase) fresh.kieBase()).getPackagesMap().values()) {
            var java = (org.drools.core.rule.JavaDialectRuntimeData) pkg.getDialectRuntimeRegistry().getDialectData("java");
            if (java == null) continue;
            List<String> names = java.getStore().keySet().stream().filter(r -> r.endsWith(".class"))
                    .map(r -> r.substring(0, r.length() - ".class".length()).replace('/', '.')).toList();
            java.getStore().clear(); // this rule set is thrown away: a class not yet defined can no longer be
            for (String name : names) {
                classes++;
                try {
                    Class.forName(name, false, java.getClassLoader());
                } catch (ClassNotFoundException e) {
                    missing.add(name);
                }
            }
        }
        System.out.printf("ReloadUnderLoadTest: %d generated classes, %d not defined at load%n", classes, missing.size());
        assertTrue(classes > 0, "no generated classes found: the check would prove nothing");
        assertEquals(List.of(), missing, "generated classes left to be defined by the first audits");
    }

    @Test
    void auditsNeverHangOrFailAcrossManyReloads() throws Exception {
        Path dir = TestRules.copy();
        Path drl = dir.resolve("common/zz-stress.drl");
        Files.writeString(drl, stressRule(10));
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        AuditService audits = new AuditService(holder);
        List<JsonNode> docs = fixtureFacts();
        // every audit runs on a thread of its own pool, so a client can give up on a hung one and go on
        ExecutorService auditPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stress-audit");
            t.setDaemon(true);
            return t;
        });
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean running = new AtomicBoolean(true);
        Object swapped = new Object();
        AtomicLong done = new AtomicLong();
        AtomicInteger hung = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            loops.add(clients.submit(() -> {
                int i = client;
                while (running.get()) {
                    JsonNode doc = docs.get(i++ % docs.size()).deepCopy();
                    Future<AuditService.Outcome> f = auditPool.submit(() -> audits.audit(doc));
                    try {
                        AuditService.Outcome o = f.get(AUDIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        if (!o.ok() || !o.report().errors().isEmpty()) failures.add(o.ok() ? o.report().errors().toString() : o.problems().toString());
                        done.incrementAndGet();
                    } catch (TimeoutException e) {
                        hung.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                    synchronized (swapped) { swapped.wait(PAUSE_MS); }
                }
                return null;
            }));
        }
        int reloads = 0;
        List<Long> reloadMillis = new ArrayList<>();
        long t0 = System.nanoTime();
        try (RuleReloader reloader = new RuleReloader(dir, holder)) {
            while (reloads < MAX_RELOADS && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(RELOAD_BUDGET_SECONDS) && hung.get() == 0) {
                Files.writeString(drl, stressRule(reloads % 2 == 0 ? 20 : 10));
                RuleReloader.Attempt a = reloader.reloadNow("нагрузочная проверка " + reloads);
                assertEquals("loaded", a.outcome(), "reload " + reloads + ": " + a.problems());
                reloads++;
                reloadMillis.add(a.millis());
                synchronized (swapped) { swapped.notifyAll(); }
                Thread.sleep(300); // the clients meet the new rule set together before the next compile takes the cores
            }
        } finally {
            running.set(false);
            for (Future<?> l : loops) l.get(AUDIT_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
            clients.shutdown();
            auditPool.shutdown();
        }
        System.out.printf("ReloadUnderLoadTest: %d reloads in %d s, %d audits from %d clients, %d hung, %d failed; reload ms %s%n", reloads,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), done.get(), CLIENTS, hung.get(), failures.size(), reloadMillis);
        assertEquals(0, hung.get(), "audits that never returned after a reload");
        assertEquals(List.of(), failures);
        assertTrue(reloads >= 1, "no reload happened: " + reloads);
        assertTrue(done.get() > reloads, "too few audits ran during the reloads: " + done.get());
    }
}
