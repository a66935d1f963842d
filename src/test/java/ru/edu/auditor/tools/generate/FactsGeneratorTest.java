package ru.edu.auditor.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.service.FactsValidator;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.law.catalog.Clause;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.facts.MessengerUse;
import ru.edu.auditor.service.AuditService;

/** The synthetic organizations: deterministic per seed, valid for the API, derived from the catalog so that every decree — a new one too — is exercised. */
class FactsGeneratorTest {
    static RuleSet rules;

    @BeforeAll
    static void load() throws Exception { rules = RuleSet.load(Path.of("rules")); }

    @Test
    void sameSeedSameBytesOtherSeedOtherDocuments() {
        String a = new FactsGenerator(5, rules).ndjson(50);
        String b = new FactsGenerator(5, rules).ndjson(50);
        String c = new FactsGenerator(6, rules).ndjson(50);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(new FactsGenerator(5, rules).ndjson(80).startsWith(a), "document i does not depend on how many are generated");
        assertEquals(50, a.lines().count());
    }

    @Test
    void everyDocumentPassesTheApiValidation() {
        FactsGenerator gen = new FactsGenerator(2024, rules);
        for (int i = 1; i <= 400; i++) {
            ObjectNode doc = gen.document(i);
            List<FieldProblem> problems = FactsValidator.validate(doc);
            assertTrue(problems.isEmpty(), "document " + i + ": " + problems + "\n" + doc);
        }
    }

    /** Every municipality and kind the catalog's obligations address, every order's own school, rosters and messengers. */
    @Test
    void documentsCoverTheCatalogsMunicipalitiesKindsRostersAndMessengers() {
        FactsGenerator gen = new FactsGenerator(3, rules);
        Set<String> municipalities = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        Set<String> owners = new HashSet<>();
        Set<String> names = new HashSet<>();
        int minRoster = Integer.MAX_VALUE;
        int maxRoster = 0;
        for (int i = 1; i <= 400; i++) {
            JsonNode doc = gen.document(i);
            municipalities.add(district(doc.path("organization").path("municipality").asText()));
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
        Set<String> catalogMunicipalities = new HashSet<>();
        Set<String> catalogKinds = new HashSet<>();
        for (Decree d : rules.catalog().decrees()) {
            catalogMunicipalities.add(d.scope().municipality());
            d.clauses().stream().filter(Clause::isObligation).forEach(c -> catalogKinds.addAll(c.orgKinds()));
            if (d.scope().organization() != null) {
                Set<String> spellings = new HashSet<>(d.scope().organization().aliases());
                spellings.add(d.scope().organization().name());
                assertTrue(names.stream().anyMatch(spellings::contains), d.id() + ": its own organization " + spellings + " is generated");
            }
        }
        assertEquals(catalogMunicipalities, municipalities);
        assertEquals(catalogKinds, kinds);
        assertTrue(minRoster >= 10 && maxRoster <= 80 && maxRoster > 60, "roster sizes " + minRoster + ".." + maxRoster);
        assertEquals(Set.of("domestic", "foreign", "unknown"), owners);
    }

    @Test
    void theAuditorFindsCompliantAndNonCompliantOrganizationsUnderEveryDecree() {
        assertEveryDecreeApplies(rules, 300);
    }

    /** A decree added to the catalog as files only gets organizations it binds, audited in its dates — no code. */
    @Test
    void aNewDecreeIsExercisedWithoutCode() throws Exception {
        Path dir = TestRules.copy();
        for (String f : new String[] {"sonkovo-uo-35-2025.yaml", "sonkovo-uo-35-2025.drl"}) {
            Files.copy(Path.of("src/test/resources/new-decree", f), dir.resolve("decrees").resolve(f));
        }
        RuleSet withNew = RuleSet.load(dir);
        assertTrue(withNew.catalog().decree("sonkovo-uo-35-2025").isPresent());
        assertEveryDecreeApplies(withNew, 300);
    }

    /** Every decree of {@code catalog} applies to some of the first {@code count} documents; both compliant and non-compliant reports. */
    static void assertEveryDecreeApplies(RuleSet catalog, int count) {
        FactsGenerator gen = new FactsGenerator(9, catalog);
        AuditService service = new AuditService(new RulesHolder(catalog));
        Set<String> statuses = new HashSet<>();
        Set<String> applied = new HashSet<>();
        for (int i = 1; i <= count; i++) {
            AuditService.Outcome o = service.audit(gen.document(i));
            assertTrue(o.ok(), o.problems().toString());
            assertTrue(o.report().errors().isEmpty(), o.report().errors().toString());
            statuses.add(o.report().status());
            o.report().decrees().stream().filter(d -> d.applicable()).forEach(d -> applied.add(d.id()));
        }
        assertTrue(statuses.containsAll(Set.of("compliant", "non-compliant")), statuses.toString());
        Set<String> expected = new HashSet<>();
        catalog.catalog().decrees().forEach(d -> expected.add(d.id()));
        assertEquals(expected, applied, "every decree of the catalog applies to some generated organization");
    }

    /** The catalog's name of the district a generated municipality spelling belongs to. */
    static String district(String spelling) {
        for (Decree d : rules.catalog().decrees()) {
            if (d.scope().municipality().equals(spelling) || d.scope().municipalityAliases().contains(spelling)) return d.scope().municipality();
        }
        return spelling;
    }

    @Test
    void theBenchmarkSchoolHasTheRosterAskedFor() {
        ObjectNode doc = new FactsGenerator(42, rules).schoolWithRoster(40);
        assertEquals(40, doc.path("teachers").size());
        assertTrue(FactsValidator.validate(doc).isEmpty());
    }

    /** A region as a district specialist knows it: every organization its own name and INN-like id, one authority per district. */
    @Test
    void aThousandOrganizationsLookLikeARealRegion() {
        FactsGenerator gen = new FactsGenerator(42, rules);
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
            String district = district(org.path("municipality").asText());
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
        Set<String> addressedAuthorities = new HashSet<>();
        for (Decree d : rules.catalog().decrees()) {
            if (d.clauses().stream().anyMatch(c -> c.isObligation() && c.orgKinds().contains("authority"))) addressedAuthorities.add(d.scope().municipality());
        }
        assertEquals(addressedAuthorities, authorityNames.keySet(), "an authority in every district whose decree addresses one");
        authorityNames.forEach((d, n) -> assertEquals(1, n.size(), "one authority in " + d + ": " + n));
        authorityIds.forEach((d, n) -> assertEquals(1, n.size(), "one authority id in " + d + ": " + n));
        assertEquals(7, forms.size(), "schools, gymnasiums, lyceums, kindergartens, additional education: " + forms);
        assertTrue(names.stream().anyMatch(n -> n.matches("М[КБ]ОУ «СОШ № \\d+» с\\. .+")), names.toString());
    }
}
