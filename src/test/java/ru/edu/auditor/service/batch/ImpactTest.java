package ru.edu.auditor.service.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.DecreeReport;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.store.TestStores;
import ru.edu.auditor.tools.generate.FactsGenerator;

/**
 * The impact of a candidate that changes one threshold, on generated organizations stored through the audit
 * service: exactly the organizations whose verdict changes when each is audited directly with both rule sets are
 * reported, with the same transition counts; the live rules stay as they were.
 */
class ImpactTest {
    /**
     * Organizations stored: the 1,000 (a quicker local run with -Dimpact.test.organizations=100); the
     * benchmark's impact section measures 1,000 and 10,000.
     */
    static final int ORGANIZATIONS = Integer.getInteger("impact.test.organizations", 1000);
    static final String DECREE = "kesova-gora-oo-178-2023";
    static final String YAML = "decrees/" + DECREE + ".yaml";

    /** A copy of ./rules with the required share of clause 3.2 lowered from 100 % to {@code percent} %. */
    static Path candidate(int percent) throws Exception {
        Path dir = TestRules.copy();
        Path yaml = dir.resolve(YAML);
        String text = Files.readString(yaml);
        String changed = text.replaceFirst("(requiredPercent:\\s*\\n\\s*value:) 100\\n\\s*quote: \"100 %\"", "$1 " + percent);
        assertFalse(text.equals(changed), "the threshold of clause 3.2 was not found in " + YAML);
        Files.writeString(yaml, changed);
        return dir;
    }

    @Test
    void reportsExactlyTheOrganizationsWhoseVerdictChangesAndLeavesTheLiveRules() throws Exception {
        RuleSet live = RuleSet.load(Path.of("rules"));
        RuleSet candidate = RuleSet.load(candidate(90));
        RulesHolder holder = new RulesHolder(live);
        FactsGenerator gen = new FactsGenerator(13, live);
        try (TestStores.Backend b = TestStores.open("sqlite")) {
            AuditService stored = new AuditService(holder, b.repository());
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> commits = new ArrayList<>();
            Map<String, JsonNode> docs = new HashMap<>();
            for (int i = 1; i <= ORGANIZATIONS; i++) {
                JsonNode doc = gen.document(i);
                // the generator audits a district's authority and its two named schools on several dates (one id
                // each); here every document is to be an organization of its own
                ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("organization")).put("id", "impact-" + i);
                AuditService.Pending p = stored.auditAndStore(doc, ru.edu.auditor.service.access.Tokens.Principal.operator("test"));
                assertTrue(p.outcome().ok(), () -> "generated document invalid: " + p.outcome().problems());
                commits.add(p.committed());
                docs.put(p.outcome().report().organizationKey(), doc);
            }
            CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).join();
            assertEquals(ORGANIZATIONS, docs.size(), "each generated document is an organization of its own");

            // what auditing each directly with both rule sets gives
            AuditService withLive = new AuditService(new RulesHolder(live));
            AuditService withCandidate = new AuditService(new RulesHolder(candidate));
            Map<String, Map<String, Long>> expected = new TreeMap<>();
            TreeSet<String> expectedOrgs = new TreeSet<>();
            for (Map.Entry<String, JsonNode> e : docs.entrySet()) {
                Map<String, String> before = verdicts(withLive.audit(e.getValue().deepCopy()).report());
                Map<String, String> after = verdicts(withCandidate.audit(e.getValue().deepCopy()).report());
                for (String clause : before.keySet()) {
                    String from = before.get(clause);
                    String to = after.getOrDefault(clause, Impact.NONE);
                    if (!from.equals(to)) {
                        expected.computeIfAbsent(clause, k -> new TreeMap<>()).merge(from + "→" + to, 1L, Long::sum);
                        expectedOrgs.add(e.getKey());
                    }
                }
            }
            assertFalse(expectedOrgs.isEmpty(), "the changed threshold must change some verdicts among " + ORGANIZATIONS + " organizations");

            System.out.printf("[ImpactTest] %d organizations stored and audited directly twice in %d ms%n", ORGANIZATIONS, (System.nanoTime() - t0) / 1_000_000);
            Impact.Result r = Impact.run(b.repository(), holder.current(), candidate, new Impact.Scope(LocalDate.of(2100, 1, 1), null, ORGANIZATIONS));
            System.out.printf("[ImpactTest] impact over %d organizations: %d ms, %d changed%n", r.organizations(), r.millis(), r.changedOrganizations());
            assertEquals(ORGANIZATIONS, r.organizations());
            assertEquals(0, r.failed(), r.failures().toString());
            TreeSet<String> reported = new TreeSet<>();
            r.changed().forEach(o -> reported.add(o.organizationKey()));
            assertEquals(expectedOrgs, reported);
            assertEquals(expectedOrgs.size(), r.changedOrganizations());
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            r.clauses().forEach(c -> { if (!c.transitions().isEmpty()) counts.put(c.decree() + "|" + c.clause(), new TreeMap<>(c.transitions())); });
            assertEquals(expected, counts);
            assertTrue(counts.keySet().stream().allMatch(k -> k.startsWith(DECREE + "|")), "only the changed decree moves: " + counts.keySet());
            r.changed().forEach(o -> o.changes().forEach(c -> assertTrue(c.newExplanation() != null && !c.newExplanation().equals(c.oldExplanation()))));
            assertSame(live, holder.current(), "the live rules are never replaced");
            assertEquals(live.version(), holder.current().version());

            // one municipality only
            String municipality = r.changed().get(0).municipality();
            Impact.Result one = Impact.run(b.repository(), live, candidate, new Impact.Scope(LocalDate.of(2100, 1, 1), municipality, 10));
            assertTrue(one.organizations() < ORGANIZATIONS && one.organizations() > 0, municipality + ": " + one.organizations());
            java.util.Set<String> keys = ru.edu.auditor.law.catalog.OrganizationKey.municipalityKeys(municipality, live.catalog());
            assertTrue(one.changed().stream().allMatch(o -> keys.contains(ru.edu.auditor.law.catalog.Applicability.placeKey(o.municipality()))),
                    "only organizations of " + municipality);
            assertTrue(one.changed().size() <= 10);
            assertEquals(one.changedOrganizations() > 10, one.truncated());
        }
    }

    static Map<String, String> verdicts(AuditReport r) {
        Map<String, String> out = new TreeMap<>();
        for (DecreeReport d : r.decrees()) {
            if (d.clauses() == null) continue;
            for (ClauseResult c : d.clauses()) out.put(d.id() + "|" + c.clause(), c.status().name());
        }
        return out;
    }
}
