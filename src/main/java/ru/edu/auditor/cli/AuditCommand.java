package ru.edu.auditor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.DecreeReport;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.formats.sheets.FormReader;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.WorkbookRejected;

/** {@code audit FILE|- [--as-of DATE] [--format table|json]}: audits one facts file (or standard input) offline. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Проверить одну организацию по файлу сведений (JSON по схеме /api/v1/schema) без сервера.",
                "Файл фикстуры тоже подходит: берутся её сведения (facts). Книга Excel (.xlsx) с формой сведений",
                "(/api/v1/templates/organization.xlsx) — тоже; ошибки в ней называются по листу и ячейке.",
                "Коды выхода: 0 — отчёт построен (каким бы ни был вердикт); 3 — сведения или правила с ошибками."})
public final class AuditCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ФАЙЛ", description = "Файл сведений (JSON), книга Excel с формой сведений (.xlsx) или «-» для стандартного ввода.")
    Path file;
    @Option(names = "--as-of", paramLabel = "ДАТА", description = "Дата проверки (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД) вместо asOf из файла.")
    LocalDate asOf;
    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table (таблица для терминала) или json.")
    TableOrJson format;
    @Option(names = "--rules", defaultValue = "rules", paramLabel = "ПАПКА", description = "Папка правил (по умолчанию ./rules).")
    Path rulesDir;
    @Mixin Verbosity verbosity;

    @Override public Integer call() {
        boolean stdin = file.toString().equals("-");
        String missing = stdin ? null : InputFiles.missing(file);
        if (missing != null) {
            System.err.println("Ошибка: " + missing);
            return ExitCodes.INVALID_INPUT;
        }
        byte[] bytes;
        try {
            bytes = stdin ? System.in.readAllBytes() : null;
        } catch (IOException e) {
            System.err.println("Ошибка: стандартный ввод не читается: " + InputFiles.reason(e));
            return ExitCodes.INVALID_INPUT;
        }
        if (stdin ? isZip(bytes) : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
            return stdin ? workbookFromStdin(bytes) : workbook(file);
        }
        String source = stdin ? "стандартный ввод" : "файл " + file;
        JsonNode doc;
        try {
            doc = ru.edu.auditor.facts.JsonInput.read(stdin ? bytes : Files.readAllBytes(file));
        } catch (IOException e) {
            System.err.println("Ошибка: " + source + " не читается как JSON: " + (e instanceof ru.edu.auditor.facts.JsonInput.Refused r ? r.reason()
                    : e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    && j.getLocation() != null ? "ошибка разбора в строке " + j.getLocation().getLineNr() + ", столбце " + j.getLocation().getColumnNr()
                    : InputFiles.reason(e)));
            return ExitCodes.INVALID_INPUT;
        }
        if (doc == null || doc.isMissingNode()) {
            System.err.println("Ошибка: " + source + " пуст: ожидаются сведения об организации (JSON)");
            return ExitCodes.INVALID_INPUT;
        }
        if (doc.has("facts") && doc.has("expect")) doc = doc.get("facts");
        if (asOf != null && doc.isObject()) ((ObjectNode) doc).put("asOf", asOf.toString());
        RulesHolder rules = RulesArgument.loadOrReport(rulesDir);
        if (rules == null) return ExitCodes.INVALID_INPUT;
        AuditService.Outcome out = new AuditService(rules).audit(doc);
        if (!out.ok()) {
            System.err.println("Ошибка: сведения не прошли проверку:");
            out.problems().forEach(p -> System.err.println("  " + p));
            return ExitCodes.INVALID_INPUT;
        }
        return print(out.report());
    }

    /** A workbook is a zip: «PK\\3\\4» (how a workbook piped in is told from JSON, which never starts so). */
    private static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** A workbook piped in: read from a private temporary copy, deleted afterwards. */
    private int workbookFromStdin(byte[] bytes) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("auditor-stdin-", ".xlsx");
            Files.write(tmp, bytes);
            return workbook(tmp);
        } catch (IOException e) {
            System.err.println("Ошибка: не удалось сохранить книгу со стандартного ввода во временный файл: " + InputFiles.reason(e));
            return ExitCodes.INVALID_INPUT;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) { /* a temporary file the system cleans */ }
            }
        }
    }

    /** The organization form in a workbook: read, audited like JSON, problems named by sheet and cell. */
    private int workbook(Path book) {
        FormReader.Intake intake;
        try {
            intake = new SheetIntake().readOrganization(book);
        } catch (WorkbookRejected e) {
            System.err.println("Ошибка: " + e.sentence());
            return ExitCodes.INVALID_INPUT;
        }
        if (asOf != null) intake.doc().put("asOf", asOf.toString());
        RulesHolder rules = RulesArgument.loadOrReport(rulesDir);
        if (rules == null) return ExitCodes.INVALID_INPUT;
        SheetIntake.Single out = new SheetIntake().audit(intake, new AuditService(rules), ru.edu.auditor.service.access.Tokens.Principal.operator(null));
        if (!out.ok()) {
            System.err.println("Ошибка: сведения не прошли проверку:");
            out.problems().forEach(p -> System.err.println("  " + p));
            return ExitCodes.INVALID_INPUT;
        }
        return print(out.outcome().report());
    }

    private int print(AuditReport report) {
        try {
            if (format == TableOrJson.json) System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            else printTable(report);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.OK;
    }

    static void printTable(AuditReport r) {
        System.out.printf("Организация: %s (%s)%nДата проверки: %s   Итог: %s   Правила: %s   Проверка № %s%n",
                r.organization().getName(), r.organization().getMunicipality(), Fmt.date(r.asOf()), Labels.status(r.status()), r.rulesVersion(), r.decisionId());
        for (DecreeReport d : r.decrees()) {
            System.out.printf("%n== %s: %s%n", Labels.document(d.kind(), d.number(), d.date()), Labels.status(d.status()));
            if (!d.applicable()) {
                System.out.println("   " + d.applicability());
                continue;
            }
            System.out.printf("   %-6s %-26s %s%n", "п.", "вердикт", "объяснение");
            for (ClauseResult c : d.clauses()) {
                // the verdict in words (the code stays in --format json)
                System.out.printf("   %-6s %-26s %s%n", c.clause(), Labels.verdict(c.status().name()), wrap(c.explanation(), 100, 37));
            }
        }
        System.out.println();
        System.out.println("Итого по пунктам: " + r.summary().entrySet().stream()
                .map(e -> Labels.verdict(String.valueOf(e.getKey())) + " — " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
    }

    private static String wrap(String text, int width, int indent) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (col + word.length() > width && col > 0) {
                out.append('\n').append(" ".repeat(indent));
                col = 0;
            }
            out.append(word).append(' ');
            col += word.length() + 1;
        }
        return out.toString().stripTrailing();
    }
}
