package ru.edu.auditor.formats.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.DecreeReport;
import ru.edu.auditor.service.AuditService;

/**
 * Every fixture's facts → the organization form filled by code → read back as an upload → the same facts and
 * the same verdicts as the JSON fixture; and the fixtures that fit the district form (no roster, appointees or
 * reports) → one district workbook → the same facts row by row.
 */
class SheetRoundTripTest {
    /** The command line's caller: the whole installation. */
    static final Tokens.Principal OPERATOR = Tokens.Principal.operator("тест");
    static RuleSet rules;
    static List<Fixture> fixtures;
    @TempDir static Path tmp;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleSet.load(Path.of("rules"));
        fixtures = FixtureRunner.load(Path.of("fixtures"));
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureThroughTheOrganizationForm() {
        assertFalse(fixtures.isEmpty());
        AuditService service = new AuditService(new RulesHolder(rules));
        SheetIntake intake = new SheetIntake();
        return fixtures.stream().map(fx -> DynamicTest.dynamicTest(fx.name(), () -> {
            Path file = tmp.resolve(fx.name().replace('/', '_') + ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
                new FormWriter(FormLayout.current()).organization(fx.facts(), out);
            }
            FormReader.Intake read = intake.readOrganization(file);
            assertTrue(read.problems().isEmpty(), () -> read.problems().toString());
            assertEquals(normalized(fx.facts()), normalized(read.doc()), "facts read back from the workbook");

            SheetIntake.Single single = intake.auditOrganization(file, service, OPERATOR);
            assertTrue(single.ok(), () -> single.problems().toString());
            AuditService.Outcome fromJson = service.audit(normalized(fx.facts()));
            assertEquals(verdicts(fromJson.report()), verdicts(single.outcome().report()), "verdicts and explanations");
        }));
    }

    @Test
    void fixturesThatFitTheDistrictFormComeBackRowByRow() throws Exception {
        List<JsonNode> fitting = new ArrayList<>();
        for (Fixture fx : fixtures) {
            JsonNode f = fx.facts();
            if (!f.has("teachers") && !f.has("responsiblePersons") && !f.has("monthlyReports")) fitting.add(f);
        }
        assertTrue(fitting.size() >= 10, "too few fixtures fit the district form: " + fitting.size());
        Path file = tmp.resolve("district.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            new FormWriter(FormLayout.current()).district(fitting.iterator(), out);
        }
        List<DistrictReader.RowFacts> rows = new ArrayList<>();
        try (XlsxReader book = XlsxReader.open(file)) {
            DistrictReader.read(book, FormLayout.current(), rows::add);
        }
        assertEquals(fitting.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            DistrictReader.RowFacts r = rows.get(i);
            assertEquals(i + 2, r.row());
            assertTrue(r.problems().isEmpty(), r.problems()::toString);
            assertEquals(normalized(fitting.get(i)), normalized(r.doc()), "row " + (r.row() + 1));
        }
    }

    /** The facts with the responsible persons' areas in schema order (the form has a column per area). */
    static JsonNode normalized(JsonNode facts) {
        ObjectNode copy = facts.deepCopy();
        for (JsonNode p : copy.path("responsiblePersons")) {
            if (p.has("areas")) {
                List<String> order = List.of("sferum", "mySchool", "ict");
                List<String> areas = new ArrayList<>();
                p.get("areas").forEach(a -> areas.add(a.asText()));
                areas.sort(java.util.Comparator.comparingInt(order::indexOf));
                ArrayNode sorted = ((ObjectNode) p).putArray("areas");
                areas.forEach(sorted::add);
            }
        }
        return Json.mapper().valueToTree(copy);
    }

    static Map<String, String> verdicts(AuditReport r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (DecreeReport d : r.decrees()) {
            m.put(d.id(), d.status());
            if (d.clauses() != null) for (ClauseResult c : d.clauses()) m.put(d.id() + " п. " + c.clause(), c.status() + " " + c.explanation());
        }
        return m;
    }
}
