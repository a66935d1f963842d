package ru.edu.auditor.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.service.batch.BatchAudits;
import ru.edu.auditor.service.batch.BatchPipeline;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.WorkbookRejected;
import ru.edu.auditor.text.LogText;

/**
 * Spreadsheets over HTTP (role auditor): the blank forms ({@code GET /api/v1/templates/organization.xlsx},
 * {@code …/district.xlsx}) and workbooks posted to {@code POST /api/v1/audits} and {@code POST
 * /api/v1/audits/batch} with the .xlsx content type. A workbook is spooled to a temporary file, read whole,
 * then audited exactly like JSON; a refused workbook is a 4xx problem and nothing is stored.
 */
public final class SheetRoutes {
    private static final Logger log = LoggerFactory.getLogger(SheetRoutes.class);
    /** The blank forms of this server, each made on its first request (the schema is fixed for the life of the process). */
    private volatile byte[] organizationTemplate;
    private volatile byte[] districtTemplate;

    private SheetRoutes() { }

    static void register(JavalinConfig config, Tokens tokens) {
        SheetRoutes forms = new SheetRoutes();
        config.routes.get("/api/v1/templates/organization.xlsx", ctx -> sendXlsx(ctx, "Форма сведений об организации.xlsx", forms.organizationTemplate()), ApiGuard.SCHOOL);
        config.routes.get("/api/v1/templates/district.xlsx", ctx -> sendXlsx(ctx, "Форма сведений района.xlsx", forms.districtTemplate()), ApiGuard.AUDITOR);
    }

    /** The blank organization form. */
    private byte[] organizationTemplate() {
        byte[] t = organizationTemplate;
        if (t == null) organizationTemplate = t = write(out -> new FormWriter(FormLayout.current()).organization(null, out));
        return t;
    }

    /** The blank district form. */
    private byte[] districtTemplate() {
        byte[] t = districtTemplate;
        if (t == null) districtTemplate = t = write(out -> new FormWriter(FormLayout.current()).district(Collections.emptyIterator(), out));
        return t;
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] write(Writing w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            w.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** True when the request carries a workbook (its Content-Type is .xlsx). */
    static boolean isWorkbook(Context ctx) { return SheetIntake.isXlsx(ctx.contentType()); }

    /** One organization form → one audit: 200 with the report, 400 with every problem by cell and path, or the workbook's 4xx. */
    static void audit(Context ctx, AuditService service) throws IOException {
        Path file = spool(ctx);
        if (file == null) return;
        try {
            SheetIntake.Single r = new SheetIntake().auditOrganization(file, service, ApiServer.caller(ctx));
            if (r.ok()) ApiServer.json(ctx, 200, r.outcome().report());
            else if (r.problems().stream().anyMatch(p -> Visibility.OUT_OF_SCOPE.equals(p.code()))) ApiServer.problem(ctx, ApiServer.outOfScope(r.problems()));
            else ApiServer.problem(ctx, invalid(r.problems()));
        } catch (WorkbookRejected e) {
            ApiServer.problem(ctx, rejected(e));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A district form (or one organization form) → NDJSON records, one per organization, as the JSON batch answers. */
    static void batch(Context ctx, AuditService service) throws IOException {
        BatchAudits.Detail detail = ApiServer.batchDetail(ctx);
        if (detail == null) return;
        Path file = spool(ctx);
        if (file == null) return;
        Tokens.Principal who = ApiServer.caller(ctx);
        String by = who.name();
        try (SheetIntake.Prepared prepared = new SheetIntake().prepare(file)) {
            OutputStream out = ApiServer.startNdjson(ctx);
            try {
                BatchPipeline.Summary s = new SheetIntake().auditBatch(prepared, out, service, who, BatchAudits.ndjson(detail));
                log.info("Workbook batch by {}: {} organizations, {} audited, {} invalid, {} failed, {} stored", LogText.quote(by), s.lines(), s.audited(),
                        s.invalid(), s.failed(), s.stored());
            } catch (IOException e) {
                log.info("Workbook batch by {} ended early: {}", LogText.quote(by), LogText.quote(e.toString())); // the client has gone
            }
        } catch (WorkbookRejected e) {
            ApiServer.problem(ctx, rejected(e));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The request body in a temporary file, or null after answering 413 for a body over the limit. */
    private static Path spool(Context ctx) throws IOException {
        try {
            return SheetIntake.spool(ctx.bodyInputStream());
        } catch (WorkbookRejected e) {
            ApiServer.problem(ctx, rejected(e));
            return null;
        }
    }

    static Problem rejected(WorkbookRejected e) {
        return new Problem("https://auditor.local/problems/workbook-rejected", e.title(), status(e.reason()), e.detail(), null);
    }

    /** The HTTP status of a refused workbook: 413 too large, 415 a format the auditor does not read, else 400. */
    static int status(WorkbookRejected.Reason reason) {
        return switch (reason) {
            case TOO_LARGE -> 413;
            case UNSUPPORTED_FORMAT -> 415;
            case UNREADABLE, EXTERNAL_LINKS, NOT_A_FORM -> 400;
        };
    }

    static Problem invalid(List<FieldProblem> problems) {
        return new Problem("https://auditor.local/problems/invalid-facts", "Сведения не прошли проверку", 400,
                "Найдено ошибок: " + problems.size() + ". Каждая указана с листом и ячейкой книги (cell) и путём к полю (path);"
                        + " форма — GET /api/v1/templates/organization.xlsx.", problems);
    }

    /** A workbook as a download, its Russian file name kept for browsers (RFC 6266 filename*). */
    public static void sendXlsx(Context ctx, String fileName, byte[] bytes) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.status(200).contentType(SheetIntake.XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .result(bytes);
    }
}
