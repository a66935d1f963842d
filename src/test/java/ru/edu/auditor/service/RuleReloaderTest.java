package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.ExpectedLog;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/** Hot reload: broken changes never replace working rules; good ones arrive without restart; audits never fail. */
class RuleReloaderTest {
    static final String DRL = "decrees/sergokala-adm-262-2023.drl";
    static final int RELOADS = 6;

    static JsonNode someFacts() throws Exception {
        return FixtureRunner.load(Path.of("fixtures", "sergokala-adm-262-2023")).get(0).facts();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    @Test
    void syntaxErrorIsReportedWithFileAndLineWhileOldRulesServe() throws Exception {
        Path dir = TestRules.copy();
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        String before = holder.current().version();
        AuditService audits = new AuditService(holder);
        try (RuleReloader reloader = new RuleReloader(dir, holder); ExpectedLog log = ExpectedLog.capture()) {
            reloader.watch();
            Path drl = dir.resolve(DRL);
            String good = Files.readString(drl);
            Files.writeString(drl, good + "\nrule \"сломанное правило\"\nwhen\n    Audit(\nthen\nend\n");
            await(() -> reloader.status().lastAttempt() != null && "rejected".equals(reloader.status().lastAttempt().outcome()), "rejection");
            await(() -> log.text().contains("WARN ru.edu.auditor.service.RuleReloader"), "the rejection in the log");
            RuleReloader.Attempt a = reloader.status().lastAttempt();
            assertTrue(a.problems().stream().anyMatch(p -> p.file().equals(DRL) && p.line() > 0), a.problems().toString());
            assertEquals(before, holder.current().version(), "broken rules must not replace the serving ones");
            AuditService.Outcome o = audits.audit(someFacts());
            assertTrue(o.ok());
            assertEquals(before, o.report().rulesVersion());

            Files.writeString(drl, good + "\n// исправлено\n");
            await(() -> !holder.current().version().equals(before), "the fixed rules to be loaded");
            assertEquals("loaded", reloader.status().lastAttempt().outcome());
            assertEquals(2, reloader.status().versions().size());
            assertEquals(holder.current().version(), audits.audit(someFacts()).report().rulesVersion());
        }
    }

    /**
     * Finding 3 of issue 20: a misspelt parameter name in one catalog used to load, and then every audit of a school
     * of that district failed (HTTP 500). Reload refuses it as validate does, naming file and line; audits go on.
     */
    @Test
    void aMisspeltParameterIsRefusedByReloadAsByValidateAndAuditsGoOn() throws Exception {
        Path dir = TestRules.copy();
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        String before = holder.current().version();
        try (RuleReloader reloader = new RuleReloader(dir, holder)) {
            Path yaml = dir.resolve("decrees/sergokala-adm-262-2023.yaml");
            String good = Files.readString(yaml);
            assertTrue(good.contains("      requiredPercent:"));
            Files.writeString(yaml, good.replace("      requiredPercent:", "      requiredPercnt:"));
            RuleReloader.Attempt a = reloader.reloadNow("опечатка в имени параметра");
            assertEquals("rejected", a.outcome());
            assertTrue(a.problems().stream().anyMatch(p -> p.file().equals("decrees/sergokala-adm-262-2023.yaml") && p.line() > 0
                    && p.message().contains("читает параметр «requiredPercent», которого у пункта нет")), a.problems().toString());
            assertTrue(a.problems().stream().anyMatch(p -> p.message().contains("параметр «requiredPercnt» не читает ни одно правило")), a.problems().toString());
            assertEquals(before, holder.current().version(), "the refused catalog does not replace the serving rules");
            AuditService.Outcome o = new AuditService(holder).audit(someFacts());
            assertTrue(o.ok(), o.problems().toString());
            assertTrue(o.report().errors().isEmpty(), o.report().errors().toString());
        }
    }

    @Test
    void reloadsUnderParallelAuditsFailNoAudit() throws Exception {
        Path dir = TestRules.copy();
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        AuditService audits = new AuditService(holder);
        Set<String> goodVersions = Collections.synchronizedSet(new HashSet<>(List.of(holder.current().version())));
        JsonNode facts = someFacts();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<List<String>>> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(pool.submit(() -> {
                List<String> seen = new ArrayList<>();
                while (running.get()) {
                    AuditService.Outcome o = audits.audit(facts.deepCopy());
                    seen.add(o.ok() && o.report().errors().isEmpty() ? o.report().rulesVersion() : "FAILED " + o.problems() + (o.ok() ? " " + o.report().errors() : ""));
                }
                return seen;
            }));
        }
        try (RuleReloader reloader = new RuleReloader(dir, holder); ExpectedLog log = ExpectedLog.capture()) {
            Path drl = dir.resolve(DRL);
            String good = Files.readString(drl);
            // six reloads, broken and good in turn, prove the point: each broken one is rejected while audits go on
            // on the serving version, each good one is swapped in atomically (every full recompile costs ~1 s)
            for (int i = 0; i < RELOADS; i++) {
                boolean broken = i % 2 == 1;
                Files.writeString(drl, good + (broken ? "\nrule \"сломано " + i + "\" when Audit( then end\n" : "\n// версия " + i + "\n"),
                        StandardOpenOption.TRUNCATE_EXISTING);
                RuleReloader.Attempt a = reloader.reloadNow("тест " + i);
                assertEquals(broken ? "rejected" : "loaded", a.outcome(), "reload " + i + ": " + a.problems());
                if (!broken) goodVersions.add(a.version());
            }
            assertEquals(1 + RELOADS / 2, reloader.status().versions().size());
            assertEquals(RELOADS / 2, log.text().lines().filter(l -> l.contains("WARN ru.edu.auditor.service.RuleReloader")).count(), log.text());
        } finally {
            running.set(false);
            pool.shutdown();
        }
        int audited = 0;
        for (Future<List<String>> f : workers) {
            for (String version : f.get()) {
                audited++;
                assertFalse(version.startsWith("FAILED"), version);
                assertTrue(goodVersions.contains(version), "report names a version that never loaded: " + version);
            }
        }
        assertTrue(audited > RELOADS, "too few audits ran during the reloads: " + audited);
        assertNotEquals(0, goodVersions.size());
    }
}
