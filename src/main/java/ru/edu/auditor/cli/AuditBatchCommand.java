package ru.edu.auditor.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.batch.BatchAudits;
import ru.edu.auditor.service.batch.BatchPipeline;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.WorkbookRejected;
import ru.edu.auditor.service.StoreServices;

/** {@code audit-batch FILE.ndjson|- [--format ndjson|csv] [--report compact|full] [--out FILE] [--rules DIR]}. */
@Command(name = "audit-batch", mixinStandardHelpOptions = true,
        description = {"Проверить много организаций за один проход: NDJSON, одна строка — сведения об одной организации,",
                "или книга Excel (.xlsx) с формой района (строка листа «Организации» — организация; номер строки листа — line).",
                "Ответ — по одной записи на каждую непустую строку, в том же порядке и по мере готовности (те же записи,",
                "что у POST /api/v1/audits/batch); пустые строки пропускаются, но номера строк остаются настоящими.",
                "Сводка (NDJSON — последней строкой, CSV — в stderr): строк, проверено, с ошибками, сохранено.",
                "Коды выхода: 0 — все непустые строки проверены; 1 — есть строки с ошибками в сведениях;",
                "3 — правила не загружаются или файл не читается."})
public final class AuditBatchCommand implements Callable<Integer> {
    enum Format { ndjson, csv }

    @Parameters(index = "0", paramLabel = "ФАЙЛ", description = "Файл NDJSON, книга Excel (.xlsx) или «-» для стандартного ввода (NDJSON).")
    String file;
    @Option(names = "--format", defaultValue = "ndjson", paramLabel = "ndjson|csv", description = "ndjson (по умолчанию) или csv (сводная таблица: UTF-8 с BOM, разделитель «;» — для Excel).")
    Format format;
    @Option(names = "--report", defaultValue = "compact", paramLabel = "compact|full", description = "Для ndjson: compact (вердикты по пунктам, по умолчанию) или full (полный отчёт).")
    BatchAudits.Detail detail;
    @Option(names = {"-o", "--out"}, paramLabel = "ФАЙЛ", description = "Записать результат в файл (по умолчанию — стандартный вывод).")
    Path out;
    @Option(names = "--rules", defaultValue = "rules", paramLabel = "ПАПКА", description = "Папка правил (по умолчанию ./rules).")
    Path rulesDir;
    @Mixin Verbosity verbosity;
    @Option(names = "--store", description = "Сохранять каждую проверенную строку в хранилище проверок, как проверку через API "
            + "(то же хранилище, что у serve: --db-url / AUDITOR_DB_URL или файл SQLite в папке данных).")
    boolean store;
    @Option(names = "--data", paramLabel = "ПАПКА", description = "Папка данных для --store (переменная AUDITOR_DATA_DIR; по умолчанию ./data).")
    Path data;
    @Option(names = "--db-url", paramLabel = "JDBC-АДРЕС", description = "JDBC-адрес PostgreSQL для --store (переменная AUDITOR_DB_URL).")
    String dbUrl;

    @Override public Integer call() {
        String missing = "-".equals(file) ? null : InputFiles.missing(Path.of(file));
        if (missing != null) {
            System.err.println("Ошибка: " + missing);
            return ExitCodes.INVALID_INPUT;
        }
        RulesHolder rules = RulesArgument.loadOrReport(rulesDir);
        if (rules == null) return ExitCodes.INVALID_INPUT;
        StoreServices opened = null;
        if (store) {
            try {
                opened = StoreOptions.open(dbUrl, data);
            } catch (IllegalArgumentException e) {
                System.err.println("Ошибка: " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
        }
        try {
            return run(opened == null ? new AuditService(rules) : opened.audits(rules));
        } finally {
            if (opened != null) StoreOptions.close(opened);
        }
    }

    private int run(AuditService service) {
        BatchAudits.Format f = format == Format.csv ? BatchAudits.csv() : BatchAudits.ndjson(detail);
        BatchPipeline.Summary s;
        boolean workbook = file.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
        if (workbook) {
            try (SheetIntake.Prepared prepared = new SheetIntake().prepare(Path.of(file));
                 OutputStream sink = out != null ? Files.newOutputStream(InputFiles.outputFile(out)) : new NonClosing(System.out);
                 OutputStream buffered = new BufferedOutputStream(sink, 64 * 1024)) {
                s = new SheetIntake().auditBatch(prepared, buffered, service, ru.edu.auditor.service.access.Tokens.Principal.operator(null), f);
            } catch (WorkbookRejected e) {
                System.err.println("Ошибка: " + e.sentence());
                return ExitCodes.INVALID_INPUT;
            } catch (IOException e) {
                System.err.println("Ошибка: не удалось прочитать или записать: " + InputFiles.reason(e));
                return ExitCodes.INVALID_INPUT;
            }
        } else {
            try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file));
                 OutputStream sink = out != null ? Files.newOutputStream(InputFiles.outputFile(out)) : new NonClosing(System.out);
                 OutputStream buffered = new BufferedOutputStream(sink, 64 * 1024)) {
                s = BatchAudits.run(in, buffered, service, ru.edu.auditor.service.access.Tokens.Principal.operator(null), f);
            } catch (IOException e) {
                System.err.println("Ошибка: не удалось прочитать или записать: " + InputFiles.reason(e));
                return ExitCodes.INVALID_INPUT;
            }
        }
        PrintStream err = System.err;
        if (workbook) {
            err.printf("Организаций (строк листа): %d; проверено: %d; с ошибками в сведениях: %d%s; сохранено: %d%n", s.lines(),
                    s.audited(), s.invalid(), s.failed() > 0 ? "; сбоев аудитора: " + s.failed() : "", s.stored());
        } else {
            err.printf("Строк: %d (пустых: %d); проверено: %d; с ошибками в сведениях: %d%s; сохранено: %d%n", s.lines(), s.blank(),
                    s.audited(), s.invalid(), s.failed() > 0 ? "; сбоев аудитора: " + s.failed() : "", s.stored());
        }
        if (s.aborted() != null) {
            err.println("Ошибка: входной поток оборвался: " + s.aborted());
            return ExitCodes.INVALID_INPUT;
        }
        return s.invalid() + s.failed() == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Standard output stays open after the command (tests and callers may still print). */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) { super(out); }

        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override public void close() throws IOException { flush(); }
    }
}
