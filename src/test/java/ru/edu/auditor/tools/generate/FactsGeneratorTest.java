package ru.edu.auditor.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.service.FactsValidator;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.MessengerUse;
import ru.edu.auditor.service.AuditService;

/** The synthetic organizations: deterministic per seed, valid for the API, and varied enough to exercise every decree. */
class FactsGeneratorTest {
    static RuleSet rules;

    @BeforeAll
    static void load() throws Exception { rules = RuleSet.load(Path.of("rules")); }

    @Test
    void sameSeedSameBytesOtherSeedOtherDocuments() {
        String a = new FactsGenerator(5, rules.messengers()).ndjson(50);
        String b = new FactsGenerator(5, rules.messengers()).ndjson(50);
        String c = new FactsGenerator(6, rules.messengers()).ndjson(50);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(new FactsGenerator(5, rules.messengers()).ndjson(80).startsWith(a), "document i does not depend on how many are generated");
        assertEquals(50, a.lines().count());
    }

    @Test
    void everyDocumentPassesTheApiValidation() {
        FactsGenerator gen = new FactsGenerator(2024, rules.messengers());
        for (int i = 1; i <= 400; i++) {
            ObjectNode doc = gen.document(i);
            List<FieldProblem> problems = FactsValidator.validate(doc);
            assertTrue(problems.isEmpty(), "document " + i + ": " + problems + "\n" + doc);
        }
    }

    @Test
    void documentsCoverTheFiveDecreesKindsRostersAndMessengers() {
        FactsGenerator gen = new FactsGenerator(3, rules.messengers());
        Set<String> municipalities = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        Set<String> owners = new HashSet<>();
        Set<String> names = new HashSet<>();
        int minRoster = Integer.MAX_VALUE;
        int maxRoster = 0;
        for (int i = 1; i <= 400; i++) {
            JsonNode doc = gen.document(i);
            municipalities.add(doc.path("organization").path("municipality").asText().replaceAll(".*(Сергокал|Хасавюрт|Кесовогор|Александров).*", "$1"));
            kinds.add(doc.path("organization").path("kind").asText());
            names.add(doc.path("organization").path("name").asText());
            int roster = doc.path("teachers").size();
            if (roster > 0) {
                minRoster = Math.min(minRoster, roster);
                maxRoster = Math.max(maxRoster, roster);
            }
            for (JsonNode m : doc.path("communication").path("messengersInUse")) {
                MessengerUse use = rules.messengers().resolve(m.path("name").asText(), null);
                owners.add(use.getOwner());
            }
        }
        assertEquals(Set.of("Сергокал", "Хасавюрт", "Кесовогор", "Александров"), municipalities);
        assertEquals(Set.of("general", "preschool", "additional", "authority"), kinds);
        assertTrue(names.stream().anyMatch(n -> n.contains("Сергокалинская СОШ") && n.contains("1")), "Сергокалинская СОШ №1");
        assertTrue(names.stream().anyMatch(n -> n.contains("Каликинская ООШ")), "Каликинская ООШ");
        assertTrue(names.stream().anyMatch(n -> n.contains("Управление образования» МО «Хасавюртовский район")), "Хасавюртовский authority");
        assertTrue(minRoster >= 10 && maxRoster <= 80 && maxRoster > 60, "roster sizes " + minRoster + ".." + maxRoster);
        assertEquals(Set.of("domestic", "foreign", "unknown"), owners);
    }

    @Test
    void theAuditorFindsCompliantAndNonCompliantOrganizationsUnderEveryDecree() {
        FactsGenerator gen = new FactsGenerator(9, rules.messengers());
        AuditService service = new AuditService(new RulesHolder(rules));
        Set<String> statuses = new HashSet<>();
        Set<String> applied = new HashSet<>();
        for (int i = 1; i <= 150; i++) {
            AuditService.Outcome o = service.audit(gen.document(i));
            assertTrue(o.ok(), o.problems().toString());
            assertTrue(o.report().errors().isEmpty(), o.report().errors().toString());
            statuses.add(o.report().status());
            o.report().decrees().stream().filter(d -> d.applicable()).forEach(d -> applied.add(d.id()));
        }
        assertTrue(statuses.containsAll(Set.of("compliant", "non-compliant")), statuses.toString());
        // every decree of the live catalog (real acts only) applies to some generated organization
        Set<String> expected = new HashSet<>();
        rules.catalog().decrees().forEach(d -> expected.add(d.id()));
        assertEquals(expected, applied, "every decree applies to some organization: " + applied);
    }

    @Test
    void theBenchmarkSchoolHasTheRosterAskedFor() {
        ObjectNode doc = new FactsGenerator(42, rules.messengers()).schoolWithRoster(40);
        assertEquals(40, doc.path("teachers").size());
        assertTrue(FactsValidator.validate(doc).isEmpty());
    }

    /** A region as a district specialist knows it: every organization its own name and INN-like id, one authority per district. */
    @Test
    void aThousandOrganizationsLookLikeARealRegion() {
        FactsGenerator gen = new FactsGenerator(42, rules.messengers());
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        java.util.Map<String, Set<String>> authorityNames = new java.util.TreeMap<>();
        java.util.Map<String, Set<String>> authorityIds = new java.util.TreeMap<>();
        Set<String> forms = new HashSet<>();
        for (int i = 1; i <= 1000; i++) {
            JsonNode org = gen.document(i).path("organization");
            String name = org.path("name").asText();
            names.add(name);
            ids.add(org.path("id").asText());
            assertTrue(org.path("id").asText().matches("\\d{10}"), "INN-like id: " + org);
            String district = org.path("municipality").asText().replaceAll(".*(Сергокал|Хасавюрт|Кесовогор|Александров).*", "$1");
            if (org.path("kind").asText().equals("authority")) {
                authorityNames.computeIfAbsent(district, k -> new HashSet<>()).add(name);
                authorityIds.computeIfAbsent(district, k -> new HashSet<>()).add(org.path("id").asText());
            }
            for (String f : List.of("СОШ №", "ООШ №", "Гимназия №", "Лицей №", "Детский сад №", "Дом детского творчества", "спортивная школа")) {
                if (name.contains(f)) forms.add(f);
            }
        }
        assertTrue(names.size() >= 900, "distinct names among 1,000: " + names.size());
        assertTrue(ids.size() >= 900, "distinct ids among 1,000: " + ids.size());
        assertEquals(Set.of("Сергокал", "Хасавюрт", "Кесовогор", "Александров"), authorityNames.keySet());
        authorityNames.forEach((d, n) -> assertEquals(1, n.size(), "one authority in " + d + ": " + n));
        authorityIds.forEach((d, n) -> assertEquals(1, n.size(), "one authority id in " + d + ": " + n));
        assertEquals(7, forms.size(), "schools, gymnasiums, lyceums, kindergartens, additional education: " + forms);
        assertTrue(names.contains("МКОУ «СОШ № 1» с. Мургук") || names.stream().anyMatch(n -> n.matches("МКОУ «СОШ № \\d+» с\\. .+")), names.toString());
    }
}
