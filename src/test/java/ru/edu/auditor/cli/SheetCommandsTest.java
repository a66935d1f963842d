package ru.edu.auditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ru.edu.auditor.App;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.Workbooks;

/** audit and audit-batch take workbooks: the organization form and the district form; mistakes named by cell. */
class SheetCommandsTest {
    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new App()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static JsonNode facts(String name) throws Exception {
        return FixtureRunner.load(Path.of("fixtures")).stream().filter(f -> f.name().endsWith(name)).findFirst().map(Fixture::facts).orElseThrow();
    }

    @Test
    void auditReadsTheOrganizationFormAndNamesCells() throws Exception {
        Path ok = Workbooks.organization(facts("sosh2-oct18-pending-and-violations.json"), null);
        Run r = run("audit", ok.toString(), "--rules", "rules", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("non-compliant", Json.mapper().readTree(r.out()).path("status").asText());

        Path bad = Workbooks.organization(facts("sosh2-oct18-pending-and-violations.json"), wb ->
                Workbooks.cell(wb, "Численность", Workbooks.value("Численность", "Сотрудники организации", "Всего человек в группе")).setCellValue("сорок"));
        Run b = run("audit", bad.toString(), "--rules", "rules");
        assertEquals(ExitCodes.INVALID_INPUT, b.exit());
        assertTrue(b.err().contains("Численность!B4: ожидается целое число, получено «сорок» ($.headcount.employees.total)"), b.err());
    }

    @Test
    void auditBatchReadsTheDistrictForm() throws Exception {
        Path book = Workbooks.district(List.of(facts("sosh2-oct18-pending-and-violations.json"), facts("uo-oct23-violations.json")),
                wb -> Workbooks.cell(wb, FormLayout.DISTRICT_SHEET, "D4").setCellValue("школа"));
        Run r = run("audit-batch", book.toString(), "--rules", "rules");
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertEquals("audited", Json.mapper().readTree(lines.get(0)).path("status").asText());
        JsonNode invalid = Json.mapper().readTree(lines.get(1));
        assertEquals(4, invalid.path("line").asInt());
        assertEquals("Организации!D4", invalid.path("errors").get(0).path("cell").asText(), r.out());
        assertTrue(r.err().contains("Организаций (строк листа): 2; проверено: 1; с ошибками в сведениях: 1"), r.err());
    }
}
