package ru.edu.auditor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ru.edu.auditor.App;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.fixtures.FixtureRunner;

/** audit-batch: the same records as the HTTP batch, from a file or standard input, as NDJSON or CSV. */
class AuditBatchCommandTest {
    record Run(int exit, byte[] out) {
        String text() { return new String(out, StandardCharsets.UTF_8); }
    }

    static Run run(InputStream stdin, String... args) {
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            if (stdin != null) System.setIn(stdin);
            int exit = new CommandLine(new App()).execute(args);
            System.out.flush();
            return new Run(exit, buf.toByteArray());
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
    }

    static String input() throws Exception {
        var fixtures = FixtureRunner.load(Path.of("fixtures"));
        return String.join("\n", fixtures.get(0).facts().toString(), "not json", "", fixtures.get(3).facts().toString(),
                "{\"organization\": {\"name\": \"x\", \"kind\": \"school\", \"municipality\": \"y\"}, \"asOf\": \"2023-10-20\"}") + "\n";
    }

    @Test
    void withStoreEveryAuditedLineIsKeptAndCounted() throws Exception {
        Path data = Files.createTempDirectory("batch-store-");
        Path file = Files.createTempFile("batch-", ".ndjson");
        Files.writeString(file, input());
        Run r = run(null, "audit-batch", file.toString(), "--rules", "rules", "--store", "--data", data.toString());
        List<String> lines = r.text().lines().toList();
        JsonNode summary = Json.mapper().readTree(lines.get(lines.size() - 1)).path("summary");
        assertEquals(2, summary.path("stored").asInt(), r.text());
        var opened = ru.edu.auditor.store.StoreSetup.open(null, data, java.util.Map.of(), false);
        try {
            assertEquals(2, opened.repository().count());
            String firstId = Json.mapper().readTree(lines.get(0)).path("decisionId").asText();
            assertTrue(opened.repository().find(firstId).isPresent(), "the first audited line is stored under its decision id");
        } finally {
            opened.database().close();
        }
    }

    @Test
    void ndjsonFromAFileHasOneRecordPerNonBlankLineInOrder() throws Exception {
        Path file = Files.createTempFile("batch-", ".ndjson");
        Files.writeString(file, input());
        Run r = run(null, "audit-batch", file.toString(), "--rules", "rules");
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), "invalid lines are reported by exit code 1");
        List<String> lines = r.text().lines().toList();
        assertEquals(5, lines.size(), r.text());
        List<JsonNode> recs = lines.stream().map(l -> {
            try { return Json.mapper().readTree(l); } catch (Exception e) { throw new AssertionError(l, e); }
        }).toList();
        assertEquals(List.of(1, 2, 4, 5), recs.subList(0, 4).stream().map(n -> n.path("line").asInt()).toList());
        assertEquals(List.of("audited", "invalid", "audited", "invalid"), recs.subList(0, 4).stream().map(n -> n.path("status").asText()).toList());
        assertEquals("$.organization.kind", recs.get(3).path("errors").get(0).path("path").asText());
        JsonNode summary = recs.get(4).path("summary");
        assertEquals(5, summary.path("lines").asInt());
        assertEquals(2, summary.path("audited").asInt());
        assertEquals(2, summary.path("invalid").asInt());
        assertEquals(1, summary.path("blank").asInt());
    }

    @Test
    void csvFromStandardInputIsForRussianExcel() throws Exception {
        Run r = run(new ByteArrayInputStream(input().getBytes(StandardCharsets.UTF_8)), "audit-batch", "-", "--format", "csv", "--rules", "rules");
        byte[] out = r.out();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(out, 3), "UTF-8 byte-order mark first");
        List<String> rows = new String(out, 3, out.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, rows.size(), "header + one row per non-blank line: " + rows);
        assertTrue(rows.get(0).startsWith("строка;организация;id;муниципальное образование;дата проверки;итог;выполнено;нарушение;"), rows.get(0));
        assertTrue(rows.get(1).startsWith("1;"), rows.get(1));
        assertTrue(rows.get(1).matches("1;[^;]*;[^;]*;[^;]*;\\d\\d\\.\\d\\d\\.\\d{4};.*"), "the date is ДД.ММ.ГГГГ, as in the other CSVs: " + rows.get(1));
        assertTrue(rows.get(2).startsWith("2;;;;;сведения с ошибками;"), rows.get(2));
        assertTrue(rows.get(3).startsWith("4;"), rows.get(3));
        assertTrue(rows.get(4).startsWith("5;") && rows.get(4).contains("$.organization.kind"), rows.get(4));
        int columns = rows.get(0).split(";", -1).length;
        assertEquals(columns, rows.get(1).split(";", -1).length, "every audited row has every column: " + rows.get(1));
        assertTrue(new String(out, StandardCharsets.UTF_8).contains("\r\n"), "CRLF line ends");
    }

    @Test
    void allGoodLinesExitZero() throws Exception {
        String one = FixtureRunner.load(Path.of("fixtures")).get(0).facts().toString() + "\n";
        Run r = run(new ByteArrayInputStream(one.getBytes(StandardCharsets.UTF_8)), "audit-batch", "-", "--rules", "rules");
        assertEquals(ExitCodes.OK, r.exit(), r.text());
    }

    @Test
    void missingFileIsInvalidInput() {
        Run r = run(null, "audit-batch", "/nonexistent/batch.ndjson", "--rules", "rules");
        assertEquals(ExitCodes.INVALID_INPUT, r.exit());
    }
}
