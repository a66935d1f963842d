package ru.edu.auditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Decree;

/**
 * Issue 20, finding 7: texts a person reads cite acts as the decrees do («п. 2 Приказа … № 96 от 15.08.2025»), never by
 * their catalog ids («п. 2 khasavyurt-uo-96-2025»), and never list nothing («адресаты: .»).
 */
class CitationsTest {
    @Test
    void noExplanationOrReasonOfAnyFixtureCarriesACatalogId() throws Exception {
        RuleSet rules = RuleSet.load(Path.of("rules"));
        List<String> ids = rules.catalog().decrees().stream().map(Decree::id).toList();
        List<String> offending = new ArrayList<>();
        int texts = 0;
        try (Stream<Path> s = Files.walk(Path.of("fixtures"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode facts = Json.mapper().readTree(f.toFile()).path("facts");
                AuditReport report = Auditor.audit(Json.mapper().treeToValue(facts, AuditFacts.class), rules);
                for (DecreeReport d : report.decrees()) {
                    List<String> read = new ArrayList<>();
                    read.add(d.applicability());
                    if (d.clauses() != null) for (ClauseResult c : d.clauses()) read.add(c.explanation());
                    for (String text : read) {
                        if (text == null) continue;
                        texts++;
                        for (String id : ids) if (text.contains(id)) offending.add(f + ": " + text);
                        if (text.contains(": .") || text.contains(":  ")) offending.add(f + " (пустой перечень): " + text);
                    }
                }
            }
        }
        assertTrue(texts > 1000, "texts read: " + texts);
        assertEquals(List.of(), offending);
    }

    @Test
    void anActThatObligesNoOneSaysSoInsteadOfAnEmptyListOfAddressees() throws Exception {
        Path dir = Files.createTempDirectory("rules-info-only-");
        Files.createDirectories(dir.resolve("decrees"));
        Files.writeString(dir.resolve("decrees/sample-uo-1-2025.yaml"), """
                id: sample-uo-1-2025
                sourceFile: null
                kind: приказ
                number: "1"
                date: 2025-08-15
                issuer: "Управление образования"
                title: "Об изменении приказа"
                citation: "Приказа Управления образования № 1 от 15.08.2025"
                scope:
                  level: municipality
                  region: "Республика Дагестан"
                  municipality: "Хасавюртовский район"
                effective:
                  inForceFrom: 2025-08-15
                  appliesToRelationsFrom: null
                  note: "Со дня подписания."
                clauses:
                  - id: "1"
                    kind: info
                    addressee: "Управление образования"
                    orgKinds: []
                    text: "Признать утратившим силу пункт 3.4 приказа."
                """);
        Catalog.Loaded loaded = Catalog.load(dir);
        assertEquals(List.of(), loaded.problems());
        Organization school = Json.mapper().readValue("""
                {"name": "МКОУ «Эндирейская СОШ №1»", "kind": "general", "region": "Республика Дагестан",
                 "municipality": "Хасавюртовский район"}""", Organization.class);
        Applicability.Decision d = Applicability.decide(loaded.catalog().decree("sample-uo-1-2025").orElseThrow(), school, LocalDate.of(2025, 9, 2));
        assertFalse(d.applicable());
        assertFalse(d.reason().contains("адресаты"), d.reason());
        assertEquals("Решение никого не обязывает: ни один его пункт не содержит обязанности.", d.reason());
    }
}
