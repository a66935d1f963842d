package ru.edu.auditor.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.report.Act;
import ru.edu.auditor.report.Csv;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.report.ReportCsv;
import ru.edu.auditor.service.Replays;
import ru.edu.auditor.formats.sheets.ResultWorkbooks;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/** One audit's report: the page with a verdict filter, its downloads (CSV, JSON, .xlsx) and its replay on the archived rules. */
final class ReportPages {
    record Filter(Views.Badge badge, int count, boolean active) { }

    record ReportView(String decisionId, String organizationName, String organizationId, String organizationKind, String municipality,
                      String region, String organizationKey, String organizationHref, String asOf, String auditedAt, String rulesVersion,
                      Views.Badge status, List<Filter> filters, Views.Badge filter, List<Views.DecreeResultView> decrees,
                      List<String> ruleErrors, boolean stored, List<Act.NotApplicable> notApplicable) implements Pages.View { }

    record Difference(String decree, String clause, String field, String was, String now) { }

    record ReplayView(String decisionId, String reportHref, String refused, String organizationName, String asOf, String rulesVersion,
                      boolean identical, List<Difference> differences, String differencesCount, String readings) implements Pages.View {
        static ReplayView refused(String id, String why) { return new ReplayView(id, "/reports/" + Pages.enc(id), why, null, null, null, false, List.of(), null, null); }
    }

    private final Pages pages;

    ReportPages(Pages pages) { this.pages = pages; }

    void register(JavalinConfig config) {
        config.routes.get("/reports/{id}", pages.page(this::report), PageGuard.SCHOOL);
        config.routes.post("/reports/{id}/replay", pages.page(this::replay), PageGuard.AUDITOR);
        config.routes.get("/reports/{id}/report.csv", pages.page((ctx, s) -> download(ctx, s, "csv")), PageGuard.SCHOOL);
        config.routes.get("/reports/{id}/report.json", pages.page((ctx, s) -> download(ctx, s, "json")), PageGuard.SCHOOL);
        config.routes.get("/reports/{id}/report.xlsx", pages.page((ctx, s) -> download(ctx, s, "xlsx")), PageGuard.SCHOOL);
        config.routes.get("/reports/{id}/act.pdf", pages.page((ctx, s) -> download(ctx, s, "pdf")), PageGuard.SCHOOL);
        config.routes.get("/reports/{id}/act.docx", pages.page((ctx, s) -> download(ctx, s, "docx")), PageGuard.SCHOOL);
    }

    private void report(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String report = pages.history().report(s.who(), ctx.pathParam("id")).orElse(null);
        if (report == null) {
            pages.notFound(ctx, s, "Нет сохранённой проверки с таким номером.");
            return;
        }
        render(ctx, s, Json.mapper().readTree(report), ctx.queryParam("verdict"));
    }

    /** The report page for {@code report}, showing only the clauses with {@code verdict} when it names one. */
    void render(Context ctx, Sessions.Session s, JsonNode report, String verdict) throws IOException {
        String filter = verdict != null && Labels.VERDICTS.containsKey(verdict) ? verdict : null;
        JsonNode org = report.path("organization");
        Map<String, Integer> summary = new LinkedHashMap<>();
        report.path("summary").fields().forEachRemaining(e -> summary.put(e.getKey(), e.getValue().asInt()));
        List<Filter> filters = new ArrayList<>();
        for (String v : Views.VERDICTS) {
            if (summary.getOrDefault(v, 0) > 0) filters.add(new Filter(Views.badge(v), summary.get(v), v.equals(filter)));
        }
        List<String> errors = new ArrayList<>();
        report.path("errors").forEach(e -> errors.add(e.asText()));
        String decisionId = report.path("decisionId").asText();
        String key = Views.text(report, "organizationKey");
        pages.render(ctx, s, 200, "report", "organizations", new ReportView(decisionId, org.path("name").asText("—"), Views.text(org, "id"),
                org.has("kind") ? OrgKinds.label(org.path("kind").asText()) : null, Views.text(org, "municipality"), Views.text(org, "region"),
                key, key == null ? null : "/organizations/" + Pages.enc(key), Fmt.date(Views.date(report.path("asOf").asText(null))),
                Fmt.date(Views.date(report.path("auditedAt").asText(null))), report.path("rulesVersion").asText(),
                Views.statusBadge(report.path("status").asText()), filters, filter == null ? null : Views.badge(filter),
                applicableFirst(Views.decrees(report, filter)), errors, pages.hasStore() && pages.history().report(s.who(), decisionId).isPresent(),
                Act.of(report).notApplicable()));
    }

    /** The decrees that apply first (in the report's order), then those that do not — the act's order. */
    private static List<Views.DecreeResultView> applicableFirst(List<Views.DecreeResultView> decrees) {
        List<Views.DecreeResultView> out = new ArrayList<>(decrees);
        out.sort(java.util.Comparator.comparing(d -> !d.applicable()));
        return out;
    }

    private void download(Context ctx, Sessions.Session s, String format) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String id = ctx.pathParam("id");
        String report = pages.history().report(s.who(), id).orElse(null);
        if (report == null) {
            pages.notFound(ctx, s, "Нет сохранённой проверки с таким номером.");
            return;
        }
        JsonNode r = Json.mapper().readTree(report);
        switch (format) {
            case "csv" -> Pages.download(ctx, Act.of(r).fileName("Проверка", "csv"), Csv.CONTENT_TYPE, ReportCsv.of(r).bytes());
            case "xlsx" -> Pages.download(ctx, Act.of(r).fileName("Проверка", "xlsx"), SheetIntake.XLSX, ResultWorkbooks.report(r));
            case "pdf" -> {
                Act act = Act.of(r);
                Pages.download(ctx, act.fileName("pdf"), ActDocuments.PDF, ActDocuments.pdf(act));
            }
            case "docx" -> {
                Act act = Act.of(r);
                Pages.download(ctx, act.fileName("docx"), ActDocuments.DOCX, ActDocuments.docx(act));
            }
            default -> Pages.download(ctx, Act.of(r).fileName("Проверка", "json"), "application/json; charset=utf-8", report.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void replay(Context ctx, Sessions.Session s) throws IOException {
        if (pages.noStore(ctx, s)) return;
        String id = ctx.pathParam("id");
        Replays.Result r;
        try {
            r = pages.history().replays().replay(s.who(), id).orElse(null);
        } catch (Replays.Tampered | Replays.NotArchived e) {
            pages.render(ctx, s, 409, "replay", "organizations", ReplayView.refused(id, e.getMessage()));
            return;
        } catch (Replays.FactsNoLongerValid | Replays.NotCompilable e) {
            pages.render(ctx, s, 422, "replay", "organizations", ReplayView.refused(id, e.getMessage()));
            return;
        }
        if (r == null) {
            pages.notFound(ctx, s, "Нет сохранённой проверки с таким номером.");
            return;
        }
        List<Difference> rows = new ArrayList<>();
        for (Replays.Difference d : r.differences()) {
            rows.add(new Difference(d.decree() == null ? "весь отчёт" : d.decree(), d.clause() == null ? "—" : d.clause(), replayField(d.field()),
                    replayValue(d.field(), d.stored()), replayValue(d.field(), d.replayed())));
        }
        pages.render(ctx, s, 200, "replay", "organizations", new ReplayView(id, "/reports/" + Pages.enc(id), null, r.organization(),
                Fmt.date(r.asOf()), r.rulesVersion(), r.identical(), rows, Plural.count(rows.size(), "расхождение", "расхождения", "расхождений"), r.readings()));
    }

    private static String replayField(String f) {
        return switch (f) {
            case "status" -> "вердикт";
            case "explanation" -> "объяснение";
            case "evidence" -> "сведения";
            case "summary" -> "итоги";
            case "errors" -> "ошибки правил";
            case "rulesVersion" -> "версия правил";
            case "clause" -> "пункт";
            case "decree" -> "решение";
            default -> f;
        };
    }

    private static String replayValue(String field, JsonNode v) {
        if (v == null || v.isNull()) return "нет";
        if ("status".equals(field) && v.isTextual()) {
            String t = v.asText();
            return Labels.VERDICTS.containsKey(t) ? Labels.verdict(t) : Labels.status(t);
        }
        if (v.isTextual()) return v.asText();
        String json = v.toString();
        return json.length() > 600 ? json.substring(0, 600) + "…" : json;
    }
}
