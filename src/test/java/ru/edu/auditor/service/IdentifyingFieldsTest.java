package ru.edu.auditor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;

/**
 * Issue 14, finding 4: identifying fields refuse what could forge a log line or hide what a value says, and have
 * documented lengths; a value that passes is written to the decision log escaped, on one line.
 */
class IdentifyingFieldsTest {
    static final String ORG = "{\"organization\":{\"id\":\"7712345678\",\"name\":\"МКОУ «СОШ №1»\",\"kind\":\"general\",\"region\":\"Республика Дагестан\","
            + "\"municipality\":\"Сергокалинский район\"},\"asOf\":\"2023-11-01\",\"teachers\":[{\"id\":\"t1\",\"name\":\"Иванова А. А.\"}]}";
    static final List<String> FIELDS = List.of("$.organization.id", "$.organization.name", "$.organization.region",
            "$.organization.municipality", "$.teachers[0].id", "$.teachers[0].name");
    static AuditService service;

    @BeforeAll
    static void load() throws Exception { service = new AuditService(new RulesHolder(RuleSet.load(Path.of("rules")))); }

    static ObjectNode doc() throws Exception { return (ObjectNode) Json.mapper().readTree(ORG); }

    static ObjectNode with(String path, String value) throws Exception {
        ObjectNode d = doc();
        ObjectNode parent = (ObjectNode) (path.startsWith("$.teachers") ? d.path("teachers").get(0) : d.path("organization"));
        parent.put(path.substring(path.lastIndexOf('.') + 1), value);
        return d;
    }

    static void assertRefusedAt(String path, ObjectNode d, String inMessage) {
        List<FieldProblem> ps = FactsValidator.validate(d);
        assertEquals(1, ps.size(), path + ": " + ps);
        assertEquals(path, ps.get(0).path());
        assertTrue(ps.get(0).message().contains(inMessage), ps.toString());
        assertTrue(ps.get(0).message().matches("[^A-Za-z]*[а-яё].*"), "Russian: " + ps);
    }

    @Test
    void controlAndBidiCharactersAreRefusedByFieldPath() throws Exception {
        assertEquals(List.of(), FactsValidator.validate(doc()));
        for (String field : FIELDS) {
            assertRefusedAt(field, with(field, "Школа\" status=compliant by=admin\nfake"), "перевод строки");
            assertRefusedAt(field, with(field, "a\u0000b"), "NUL");
            assertRefusedAt(field, with(field, "a\u001B[31mb"), "ESC");
            assertRefusedAt(field, with(field, "a\u0085b"), "управляющий символ");
            for (char bidi : new char[] {'\u202A', '\u202E', '\u2066', '\u2069', '\u200E', '\u200F'}) {
                assertRefusedAt(field, with(field, "abc" + bidi + "def"), "направлением текста");
            }
        }
    }

    @Test
    void lengthsAreLimitedAsTheSchemaSays() throws Exception {
        for (String id : List.of("$.organization.id", "$.teachers[0].id")) {
            assertEquals(List.of(), FactsValidator.validate(with(id, "9".repeat(200))));
            assertRefusedAt(id, with(id, "9".repeat(201)), "201 символ, допустимо не больше 200");
            assertRefusedAt(id, with(id, "9".repeat(5000)), "5000 символов");
        }
        for (String name : List.of("$.organization.name", "$.organization.municipality", "$.organization.region", "$.teachers[0].name")) {
            assertEquals(List.of(), FactsValidator.validate(with(name, "Я".repeat(1000))));
            assertRefusedAt(name, with(name, "Я".repeat(1002)), "1002 символа, допустимо не больше 1000");
        }
    }

    @Test
    void aQuoteInANameIsLoggedEscapedOnOneLine() throws Exception {
        String name = "МКОУ \"Школа\" status=compliant by=admin";
        AuditService.Outcome o = service.audit(with("$.organization.name", name), ru.edu.auditor.service.access.Tokens.Principal.operator("anna"));
        assertTrue(o.ok(), o.problems().toString());
        String line = AuditService.decisionLine(o.report(), o.facts(), "anna", false);
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.contains(" org=\"МКОУ \\\"Школа\\\" status=compliant by=admin\" asOf="), line);
        assertTrue(line.endsWith(" by=\"anna\" stored=false"), line);
        // read as a log reader would: outside the quoted values, each field appears once
        String outside = line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"…\"");
        assertEquals("org=\"…\" asOf=2023-11-01 status=" + o.report().status() + " by=\"…\" stored=false",
                outside.substring(outside.indexOf("org=")), line);
    }
}
