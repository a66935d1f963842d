package ru.edu.auditor.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.formats.documents.DistrictDocuments;
import ru.edu.auditor.report.Act;
import ru.edu.auditor.report.Csv;
import ru.edu.auditor.report.DistrictSummary;
import ru.edu.auditor.report.OrganizationHistory;
import ru.edu.auditor.report.ReportCsv;
import ru.edu.auditor.report.RollupCsv;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.formats.sheets.ResultWorkbooks;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.access.Tokens;

/**
 * The routes over stored audits (role auditor): one report (JSON, CSV or .xlsx) and its act (PDF, Word), an organization's audits over
 * time (JSON or .xlsx), a municipality's roll-up (JSON, CSV or .xlsx). The format is chosen by {@code ?format=} or
 * the Accept header.
 */
final class HistoryRoutes {
    private HistoryRoutes() { }

    static void register(JavalinConfig config, Tokens tokens, HistoryQueries history) {
        config.routes.get("/api/v1/audits/{decisionId}", ctx -> report(ctx, history), ApiGuard.SCHOOL);
        config.routes.get("/api/v1/audits/{decisionId}/act.pdf", ctx -> act(ctx, history, true), ApiGuard.SCHOOL);
        config.routes.get("/api/v1/audits/{decisionId}/act.docx", ctx -> act(ctx, history, false), ApiGuard.SCHOOL);
        config.routes.get("/api/v1/organizations/{key}/audits", ctx -> organization(ctx, history), ApiGuard.SCHOOL);
        config.routes.get("/api/v1/rollup", ctx -> rollup(ctx, history, null), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/rollup.pdf", ctx -> rollup(ctx, history, Format.pdf), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/rollup.docx", ctx -> rollup(ctx, history, Format.docx), ApiGuard.AUDITOR);
    }

    private static void report(Context ctx, HistoryQueries history) throws IOException {
        Format format = format(ctx, true);
        if (format == null) return;
        String id = ctx.pathParam("decisionId");
        String report = history.report(ApiServer.caller(ctx), id).orElse(null);
        if (report == null) {
            ApiServer.problem(ctx, notFound("Проверка не найдена", "Нет сохранённой проверки с номером «" + id + "».", "decisionId"));
        } else if (format == Format.xlsx) {
            SheetRoutes.sendXlsx(ctx, Act.of(Json.mapper().readTree(report)).fileName("Проверка", "xlsx"), ResultWorkbooks.report(Json.mapper().readTree(report)));
        } else if (format == Format.csv) {
            sendCsv(ctx, Act.of(Json.mapper().readTree(report)).fileName("Проверка", "csv"), ReportCsv.of(Json.mapper().readTree(report)));
        } else {
            ctx.status(200).contentType("application/json; charset=utf-8").result(report);
        }
    }

    /** The act an auditor signs, as PDF or Word, named after the organization and the judged date. */
    private static void act(Context ctx, HistoryQueries history, boolean pdf) throws IOException {
        String id = ctx.pathParam("decisionId");
        String report = history.report(ApiServer.caller(ctx), id).orElse(null);
        if (report == null) {
            ApiServer.problem(ctx, notFound("Проверка не найдена", "Нет сохранённой проверки с номером «" + id + "».", "decisionId"));
            return;
        }
        Act act = Act.of(Json.mapper().readTree(report));
        String fileName = act.fileName(pdf ? "pdf" : "docx");
        ctx.status(200).contentType(pdf ? ActDocuments.PDF : ActDocuments.DOCX)
                .header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_")
                        + "\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .result(pdf ? ActDocuments.pdf(act) : ActDocuments.docx(act));
    }

    private static void organization(Context ctx, HistoryQueries history) throws IOException {
        Format format = format(ctx, false);
        if (format == null) return;
        String key = ctx.pathParam("key");
        OrganizationHistory h = history.organization(ApiServer.caller(ctx), key).orElse(null);
        if (h == null) {
            ApiServer.problem(ctx, notFound("Организация не найдена", "Нет сохранённых проверок организации с ключом «" + key
                    + "». Ключ — organization.id или поле organizationKey отчёта о проверке.", "key"));
        } else if (format == Format.xlsx) {
            SheetRoutes.sendXlsx(ctx, "history.xlsx", ResultWorkbooks.history(h));
        } else {
            ApiServer.json(ctx, 200, h);
        }
    }

    /** The roll-up as JSON, CSV or .xlsx ({@code document} null: by {@code ?format} or Accept), or as the printed summary (PDF, Word). */
    private static void rollup(Context ctx, HistoryQueries history, Format document) throws IOException {
        Format format = document != null ? document : format(ctx, true);
        if (format == null) return;
        List<FieldProblem> errors = new ArrayList<>();
        String municipality = ctx.queryParam("municipality");
        if (municipality == null || municipality.isBlank()) {
            errors.add(new FieldProblem("municipality", "обязательный параметр: муниципальное образование, например «Сергокалинский район»", "required"));
        }
        for (String param : List.of("municipality", "region")) {
            String v = ctx.queryParam(param);
            if (v != null && v.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
                errors.add(new FieldProblem(param, "недопустимый управляющий символ (например, нулевой символ NUL или перевод строки): "
                        + "допустимо только название в одну строку", "forbidden-character"));
            }
        }
        LocalDate asOf = LocalDate.now();
        String asOfParam = ctx.queryParam("asOf");
        if (asOfParam != null) {
            try {
                asOf = LocalDate.parse(asOfParam.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldProblem("asOf", "дата ГГГГ-ММ-ДД, получено «" + asOfParam + "»", "format"));
            }
        }
        if (!errors.isEmpty()) {
            ApiServer.problem(ctx, badQuery(errors));
            return;
        }
        String region = ctx.queryParam("region");
        LocalDate date = asOf;
        // written out as the organization list is read from the store: a district of tens of thousands of
        // organizations is never held in memory at once
        boolean found = history.rollup(ApiServer.caller(ctx), municipality.strip(), region == null || region.isBlank() ? null : region.strip(), asOf, r -> {
            if (format == Format.pdf || format == Format.docx) {
                DistrictSummary summary = DistrictSummary.of(r);
                String fileName = DistrictSummary.fileName(r, format.name());
                ctx.status(200).contentType(format == Format.pdf ? ActDocuments.PDF : ActDocuments.DOCX)
                        .header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_")
                                + "\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                        .result(format == Format.pdf ? DistrictDocuments.pdf(summary) : DistrictDocuments.docx(summary));
            } else if (format == Format.xlsx) {
                SheetRoutes.sendXlsx(ctx, DistrictSummary.fileName(r, "xlsx"), ResultWorkbooks.rollup(r));
            } else if (format == Format.csv) {
                csvHeaders(ctx, DistrictSummary.fileName(r, "csv"));
                RollupCsv.write(r, ctx.res().getOutputStream());
            } else {
                ctx.status(200);
                ctx.res().setContentType("application/json; charset=utf-8");
                Json.mapper().writeValue(ctx.res().getOutputStream(), r);
            }
            return true;
        }).isPresent();
        if (!found) {
            ApiServer.problem(ctx, notFound("Муниципальное образование не найдено", "Нет муниципального образования «" + municipality.strip()
                    + "» среди доступных вам.", "municipality"));
        }
    }

    /** The answer's format; pdf and docx only on their own routes (the printed summary). */
    private enum Format { json, csv, xlsx, pdf, docx }

    /**
     * The answer's format: {@code ?format=json|csv|xlsx} or the Accept header (text/csv, the .xlsx type); null after
     * answering 400 for an unknown {@code format}. {@code csv}: whether this route has a CSV form.
     */
    private static Format format(Context ctx, boolean csv) {
        String format = ctx.queryParam("format");
        String allowed = csv ? "json, csv или xlsx" : "json или xlsx";
        if (format != null) {
            for (Format f : List.of(Format.json, Format.csv, Format.xlsx)) {
                if (f.name().equalsIgnoreCase(format.strip()) && (csv || f != Format.csv)) return f;
            }
            ApiServer.problem(ctx, badQuery(List.of(new FieldProblem("format", "допустимо " + allowed + ", получено «" + format + "»", "enum"))));
            return null;
        }
        String accept = ctx.header("Accept");
        if (accept != null && accept.toLowerCase().contains(SheetIntake.XLSX)) return Format.xlsx;
        return csv && accept != null && accept.toLowerCase().contains("text/csv") ? Format.csv : Format.json;
    }

    private static void sendCsv(Context ctx, String fileName, Csv csv) {
        csvHeaders(ctx, fileName);
        ctx.result(csv.bytes());
    }

    private static void csvHeaders(Context ctx, String fileName) {
        ctx.status(200);
        ctx.res().setContentType(Csv.CONTENT_TYPE);
        ctx.res().setHeader("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_")
                + "\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static Problem notFound(String title, String detail, String field) {
        return new Problem("about:blank", title, 404, detail, List.of(new FieldProblem(field, detail, "not-found")));
    }

    private static Problem badQuery(List<FieldProblem> errors) {
        return new Problem("https://auditor.local/problems/invalid-query", "Неверные параметры запроса", 400,
                "Найдено ошибок: " + errors.size() + ". Каждая указана с именем параметра.", errors);
    }

}
