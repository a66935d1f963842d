package ru.edu.auditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import ru.edu.auditor.App;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.tools.Tools;

/** Every way a command can be called wrongly or fail to start: one Russian line and the documented exit code. */
class CliErrorsTest {
    @TempDir Path tmp;
    static final Pattern FOREIGN = Pattern.compile("Invalid|Unknown|Missing|Exception|java\\.|\\tat |cannot|expected");
    static final String FIXTURE = "fixtures/sergokala-adm-262-2023/sosh2-oct18-pending-and-violations.json";

    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        PrintStream savedOut = System.out, savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = commandLine(args).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    /** The command line that runs {@code args}, chosen as ./auditor chooses: the tools' for bench and generate, else the product's. */
    static CommandLine commandLine(String... args) {
        return Tools.runs(args) ? Tools.commandLine() : App.commandLine();
    }

    /** The log's own lines (their level and wording are the logging configuration's business) are left out. */
    static final Pattern LOG_LINE = Pattern.compile("^\\[[^\\]]+] (TRACE|DEBUG|INFO|WARN|ERROR) .*");

    static void assertRussianLine(Run r, int exit, String... contains) {
        assertEquals(exit, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(l -> !LOG_LINE.matcher(l).matches()).toList();
        assertTrue(!lines.isEmpty() && lines.get(0).startsWith("Ошибка: "), r.err());
        String said = String.join("\n", lines);
        for (String c : contains) assertTrue(said.contains(c), "«" + c + "» missing in: " + said);
        assertFalse(FOREIGN.matcher(said).find(), "English or Java in: " + said);
        assertTrue(lines.size() <= 2, "one line and a hint at most: " + said);
    }

    @Test
    void aDateThatIsNotInTheCalendar() {
        assertRussianLine(run("audit", FIXTURE, "--as-of", "2023-02-30"), ExitCodes.USAGE, "--as-of", "«2023-02-30»", "такой даты нет");
        assertRussianLine(run("audit", FIXTURE, "--as-of", "30.02.2023"), ExitCodes.USAGE, "«30.02.2023»", "такой даты нет");
        assertRussianLine(run("audit", FIXTURE, "--as-of", "2023/10/25"), ExitCodes.USAGE, "ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД");
    }

    /** «replay» of something that is not a decision id is a wrong call, said like every other error. */
    @Test
    void replayOfSomethingThatIsNotADecisionIdOrOfAnUnknownOne() {
        assertRussianLine(run("replay", "not-a-uuid", "--data", tmp.toString()), ExitCodes.USAGE, "«not-a-uuid» — не номер проверки");
        assertRussianLine(run("replay", "01a22d9a-2ff9-7b05-8214-f9d98ace759c", "--data", tmp.toString()), ExitCodes.INVALID_INPUT,
                "нет сохранённой проверки с номером «01a22d9a-2ff9-7b05-8214-f9d98ace759c»");
    }

    /** A district workbook given to «audit» is refused in one sentence that says «Это» once. */
    @Test
    void aDistrictWorkbookGivenToAuditIsRefusedInOneSentence() throws Exception {
        Path book = tmp.resolve("district.xlsx");
        try (var out = java.nio.file.Files.newOutputStream(book)) {
            JsonNode facts = Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
            new FormWriter(FormLayout.current()).district(List.of(facts).iterator(), out);
        }
        Run r = run("audit", book.toString());
        assertRussianLine(r, ExitCodes.INVALID_INPUT, "Ошибка: Это не форма сведений аудитора: в книге форма района", "audit-batch");
        assertEquals(1, r.err().split("Это", -1).length - 1, r.err());
    }

    @Test
    void wrongUsage() {
        assertRussianLine(run("validate", "--nope"), ExitCodes.USAGE, "неизвестный параметр «--nope»", "--help");
        assertRussianLine(run("audit"), ExitCodes.USAGE, "не указан обязательный параметр");
        assertRussianLine(run("audit", FIXTURE, "--format", "xml"), ExitCodes.USAGE, "--format", "допустимо: table, json");
        // the same refusal, not a silent table, wherever --format is table or json
        for (String[] command : List.of(new String[] {"replay", "some-id"}, new String[] {"diff", "rules", "rules"},
                new String[] {"impact", "--rules", "rules"})) {
            String[] args = Arrays.copyOf(command, command.length + 2);
            args[command.length] = "--format";
            args[command.length + 1] = "xml";
            assertRussianLine(run(args), ExitCodes.USAGE, "--format", "допустимо: table, json");
        }
        assertRussianLine(run("no-such-command"), ExitCodes.USAGE, "«no-such-command»");
        assertRussianLine(run("generate", "--count", "many", "--seed", "1"), ExitCodes.USAGE, "--count", "целое число");
    }

    @Test
    void portInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run r = assertTimeoutPreemptively(Duration.ofSeconds(180), () -> run("serve", "--host", "127.0.0.1", "--port",
                    String.valueOf(taken.getLocalPort()), "--data", tmp.toString(), "--rules", "rules", "--no-watch"));
            assertRussianLine(r, ExitCodes.STARTUP_FAILED, "сервер не запущен", "127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void missingTokensFileStopsTheServerAtOnce() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), App.class.getName(), "serve", "--port", "0", "--data", tmp.toString(), "--no-watch"));
        pb.environment().remove("AUDITOR_TOKENS");
        pb.environment().put("AUDITOR_TOKENS_FILE", tmp.resolve("no-such-tokens.txt").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the server must stop, not run without tokens");
        assertEquals(ExitCodes.INVALID_INPUT, p.exitValue(), err);
        assertTrue(err.contains("no-such-tokens.txt") && err.contains("не найден"), err);
        assertFalse(FOREIGN.matcher(err).find(), err);
    }
}
