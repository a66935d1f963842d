package ru.edu.auditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ru.edu.auditor.App;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;

/** The rule author's commands, run in-process as the jar runs them. */
class CliTest {
    record Run(int exit, String out) { }

    static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = App.commandLine().execute(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void validateAcceptsTheProjectRules() throws Exception {
        Run r = run("validate", "rules");
        assertEquals(ExitCodes.OK, r.exit(), r.out());
        assertTrue(r.out().contains("решений " + ru.edu.auditor.TestRules.decreeCount()), r.out());
    }

    @Test
    void validateCatchesAnObligationWithoutRule() throws Exception {
        Path dir = TestRules.copy();
        Path drl = dir.resolve("decrees/sergokala-adm-262-2023.drl");
        String text = Files.readString(drl);
        // drop both rules of п. 1.6 («профиль … активен» and «Не активен») and its no-data rule
        text = text.replaceAll("(?s)rule \"262 п\\. 1\\.6[^\"]*\".*?\\nend\\n", "");
        Files.writeString(drl, text);
        Run r = run("validate", dir.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.out());
        assertTrue(r.out().contains("decrees/sergokala-adm-262-2023.yaml: обязанность п. 1.6 не проверяется ни одним правилом"), r.out());
    }

    /** Issue 22, finding 2: the rule author's own check refuses a rule that writes a file, with file, line and the class named. */
    @Test
    void validateRefusesARuleThatWritesAFile() throws Exception {
        Path dir = TestRules.copy();
        Path target = Files.createTempDirectory("escape-").resolve("written.txt");
        Path drl = dir.resolve("decrees/kesova-gora-oo-178-2023.drl");
        Files.writeString(drl, Files.readString(drl) + ru.edu.auditor.engine.RuleAllowListTest.WRITES_A_FILE.formatted(target));
        Run r = run("validate", dir.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.out());
        assertTrue(r.out().matches("(?s).*decrees/kesova-gora-oo-178-2023\\.drl:\\d+(:\\d+)?: .*«java\\.nio\\.file\\.Files».*"), r.out());
        assertTrue(!Files.exists(target));
    }

    @Test
    void validateLocatesSyntaxErrorsByFileLineAndColumn() throws Exception {
        Path dir = TestRules.copy();
        Path drl = dir.resolve("decrees/kesova-gora-oo-178-2023.drl");
        Files.writeString(drl, Files.readString(drl) + "\nrule \"сломано\"\nwhen\n    Audit(asOf >\nthen\nend\n");
        Run r = run("validate", dir.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.out());
        assertTrue(r.out().matches("(?s).*decrees/kesova-gora-oo-178-2023\\.drl:\\d+(:\\d+)?: .*"), r.out());
    }

    @Test
    void validateCatchesUnknownClauseInRuleMetadata() throws Exception {
        Path dir = TestRules.copy();
        Path drl = dir.resolve("decrees/kalikino-oosh-143-2024.drl");
        Files.writeString(drl, Files.readString(drl).replaceFirst("@clause\\(\"5\\.1\"\\)", "@clause(\"5.9\")"));
        Run r = run("validate", dir.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.out());
        assertTrue(r.out().contains("нет пункта @clause(\"5.9\")"), r.out());
    }

    @Test
    void validateLocatesCatalogDatesThatDoNotParse() throws Exception {
        Path dir = TestRules.copy();
        Path yaml = dir.resolve("decrees/kesova-gora-oo-178-2023.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("date: 2023-11-15", "date: 15.11.2023"));
        Run r = run("validate", dir.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.out());
        assertTrue(r.out().matches("(?s).*decrees/kesova-gora-oo-178-2023\\.yaml:\\d+:\\d+: значение не разбирается.* в поле date.*"), r.out());
    }

    @Test
    void testCommandPrintsCoverageAndTheClosingLine() {
        Run r = run("test", "fixtures", "--rules", "rules");
        assertEquals(ExitCodes.OK, r.exit(), r.out());
        assertTrue(r.out().contains("Покрытие обязанностей"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ passed, 0 failed")), r.out());
    }

    @Test
    void testCommandFailsOnAWrongExpectation() throws Exception {
        Path fixtures = Files.createTempDirectory("fixtures-");
        String fx = Files.readString(Path.of("fixtures/sergokala-adm-262-2023/sosh2-oct18-pending-and-violations.json"));
        Files.writeString(fixtures.resolve("wrong.json"), fx.replace("\"1.6\": \"FAIL\"", "\"1.6\": \"PASS\""));
        Run r = run("test", fixtures.toString(), "--rules", "rules");
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.out());
        assertTrue(r.out().contains("ожидалось PASS, получено FAIL"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ passed, 1 failed")), r.out());
    }

    static final String FIXTURE = "fixtures/sergokala-adm-262-2023/sosh2-oct18-pending-and-violations.json";

    /** The report without its decision id (new on every audit). */
    private static String withoutDecisionId(String table) { return table.replaceAll("Проверка № \\S+", ""); }

    @Test
    void aDateIsTakenAsPagesAndWorkbooksWriteItOrInIso() {
        Run russian = run("audit", FIXTURE, "--as-of", "25.10.2023");
        Run iso = run("audit", FIXTURE, "--as-of", "2023-10-25");
        assertEquals(ExitCodes.OK, russian.exit(), russian.out());
        assertTrue(russian.out().contains("Дата проверки: 25.10.2023"), russian.out());
        assertEquals(withoutDecisionId(iso.out()), withoutDecisionId(russian.out()));
        // every command that takes a date takes both
        int dates = 0;
        for (var command : App.commandLine().getSubcommands().entrySet()) {
            for (CommandLine.Model.OptionSpec o : command.getValue().getCommandSpec().options()) {
                if (o.type() != LocalDate.class) continue;
                dates++;
                for (String typed : List.of("25.10.2023", "2023-10-25", "5.1.2024")) {
                    List<String> args = new ArrayList<>(List.of(command.getKey(), o.longestName(), typed));
                    command.getValue().getCommandSpec().positionalParameters().forEach(p -> args.add(1, "x"));
                    if (command.getKey().equals("impact")) args.addAll(List.of("--rules", "rules"));
                    CommandLine.ParseResult parsed = App.commandLine().parseArgs(args.toArray(String[]::new));
                    assertEquals(typed.equals("5.1.2024") ? LocalDate.of(2024, 1, 5) : LocalDate.of(2023, 10, 25),
                            parsed.subcommand().matchedOptionValue(o.longestName(), null), command.getKey() + " " + o.longestName() + " " + typed);
                }
            }
        }
        assertTrue(dates >= 2, "audit and impact take --as-of");
    }

    /** «audit -» reads standard input as «audit-batch -» does: JSON, or a workbook with the organization form. */
    @Test
    void auditOfADashReadsStandardInput() throws Exception {
        byte[] json = Files.readAllBytes(Path.of(FIXTURE));
        ByteArrayOutputStream book = new ByteArrayOutputStream();
        new FormWriter(FormLayout.current()).organization(Json.mapper().readTree(json).path("facts"), book);
        Run fromFile = run("audit", FIXTURE, "--as-of", "25.10.2023");
        for (byte[] input : List.of(json, book.toByteArray())) {
            InputStream saved = System.in;
            System.setIn(new ByteArrayInputStream(input));
            try {
                Run r = run("audit", "-", "--as-of", "25.10.2023");
                assertEquals(ExitCodes.OK, r.exit(), r.out());
                assertEquals(withoutDecisionId(fromFile.out()), withoutDecisionId(r.out()));
            } finally {
                System.setIn(saved);
            }
        }
    }

    @Test
    void auditPrintsARussianTable() {
        Run r = run("audit", "fixtures/sergokala-adm-262-2023/sosh2-oct18-pending-and-violations.json", "--as-of", "2023-10-25");
        assertEquals(ExitCodes.OK, r.exit(), r.out());
        assertTrue(r.out().contains("Дата проверки: 25.10.2023"), r.out());
        assertTrue(r.out().contains("1.2    нарушение"), r.out());
        assertFalse(r.out().matches("(?s).*\\b(PASS|FAIL|PENDING|NO_DATA|NOT_APPLICABLE|sergokala-adm-262-2023)\\b.*"), "codes stay in --format json: " + r.out());
        assertTrue(r.out().contains("не соответствует"), r.out());
    }
}
