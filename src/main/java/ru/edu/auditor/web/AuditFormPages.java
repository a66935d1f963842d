package ru.edu.auditor.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.service.FactsValidator;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.WorkbookRejected;

/**
 * A new audit: the form generated from the facts schema (prefilled from an organization's latest audit), its rows
 * added, removed and pasted, the blank and prefilled workbooks, and a filled workbook uploaded instead.
 */
final class AuditFormPages {
    record SummaryItem(String label, String message, String anchor) { }

    record FormView(List<FormSchema.Section> sections, Map<String, String> values, Map<String, List<String>> multi, Set<String> present,
                    Map<String, List<Integer>> rows, Map<String, String> rowText, String summaryTitle, Map<String, List<String>> errors,
                    List<SummaryItem> summary, String prefilledFrom, String templateHref, Target target) implements Pages.View { }

    /**
     * Where the form posts and how it is headed: a new audit, or an answer to a monitoring round ({@code notice}: what
     * the round asks, shown above the form; {@code templateHref}: its prefilled workbook, null for the audit's own).
     */
    record Target(String heading, String formAction, String uploadAction, String templateHref, String notice, String nav, boolean districtForm, String submitLabel) {
        static final Target NEW_AUDIT = new Target("Новая проверка", "/audits/new", "/audits/upload", null, null, "new", true, "Проверить");
    }

    /** What a valid document becomes: the page to go to, or the report to show at once (no store), or its problems. */
    record Done(String redirect, JsonNode report, List<FieldProblem> problems) { }

    /** Audits (or answers with) a converted document. */
    @FunctionalInterface
    interface Auditing {
        Done audit(JsonNode doc) throws IOException;
    }

    record UploadProblem(String where, String message, String path) { }

    record UploadErrors(String title, List<UploadProblem> problems) implements Pages.View { }

    private final Pages pages;
    private final AuditService audits;
    private final HistoryQueries history;
    private final ReportPages reports;
    private final FormSchema form = FormSchema.current();

    AuditFormPages(Pages pages, AuditService audits, HistoryQueries history, ReportPages reports) {
        this.pages = pages;
        this.audits = audits;
        this.history = history;
        this.reports = reports;
    }

    void register(JavalinConfig config) {
        config.routes.get("/audits/new", pages.page(this::newAudit), PageGuard.SCHOOL);
        config.routes.post("/audits/new", pages.page(this::submit), PageGuard.SCHOOL);
        config.routes.post("/audits/upload", pages.page(this::upload), PageGuard.SCHOOL);
        config.routes.get("/templates/organization.xlsx", pages.page(this::organizationTemplate), PageGuard.SCHOOL);
        config.routes.get("/templates/district.xlsx", pages.page((ctx, s) -> Pages.download(ctx, "Форма сведений района.xlsx", SheetIntake.XLSX,
                Pages.write(out -> new FormWriter(FormLayout.current()).district(Collections.emptyIterator(), out)))), PageGuard.AUDITOR);
    }

    private void newAudit(Context ctx, Sessions.Session s) throws IOException {
        FormValues v = new FormValues(form);
        String org = ctx.queryParam("org");
        String prefilled = null;
        String facts = org == null || history == null ? null : history.latestFacts(s.who(), org).orElse(null);
        if (facts != null) {
            v = FormValues.fromDocument(form, Json.mapper().readTree(facts));
            prefilled = org;
        }
        render(ctx, s, 200, v, Map.of(), List.of(), prefilled);
    }

    private void render(Context ctx, Sessions.Session s, int status, FormValues v, Map<String, List<String>> errors, List<SummaryItem> summary,
                        String prefilledFrom) throws IOException {
        render(ctx, s, status, v, errors, summary, prefilledFrom, Target.NEW_AUDIT);
    }

    /** The form for {@code target} with the values of {@code doc} (a monitoring round's prefilled answer). */
    void renderDocument(Context ctx, Sessions.Session s, JsonNode doc, String prefilledFrom, Target target) throws IOException {
        render(ctx, s, 200, FormValues.fromDocument(form, doc), Map.of(), List.of(), prefilledFrom, target);
    }

    private void render(Context ctx, Sessions.Session s, int status, FormValues v, Map<String, List<String>> errors, List<SummaryItem> summary,
                        String prefilledFrom, Target target) throws IOException {
        v.givenByRows();
        Map<String, List<Integer>> rows = new HashMap<>();
        Map<String, String> rowText = new HashMap<>();
        for (String t : form.tables().keySet()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < Math.min(v.rows(t), FormValues.MAX_ROWS); i++) idx.add(i);
            rows.put(t, idx);
            rowText.put(t, Ru.lines(idx.size()));
        }
        int n = summary.size();
        String title = "Сведения не приняты: " + Ru.plural(n, "найдена ", "найдены ", "найдено ") + Ru.errors(n) + ". Исправьте "
                + Ru.plural(n, "её", "их", "их") + " и нажмите «Проверить» снова.";
        String template = target.templateHref() != null ? target.templateHref()
                : "/templates/organization.xlsx" + (prefilledFrom == null ? "" : "?org=" + Pages.enc(prefilledFrom));
        pages.render(ctx, s, status, "form", target.nav(), new FormView(form.sections(), v.single, v.multi, v.present, rows, rowText, title, errors, summary,
                prefilledFrom, template, target));
    }

    private void submit(Context ctx, Sessions.Session s) throws IOException {
        submit(ctx, s, Target.NEW_AUDIT, doc -> {
            AuditService.Outcome outcome = audits.audit(doc, s.who());
            if (!outcome.ok()) return new Done(null, null, outcome.problems());
            if (outcome.stored()) return new Done("/reports/" + Pages.enc(outcome.report().decisionId()), null, List.of());
            return new Done(null, Json.mapper().readTree(outcome.reportBytes()), List.of());
        });
    }

    /**
     * A post of the form for {@code target}: rows added, removed or pasted (the form comes back), or the document
     * converted and handed to {@code auditing}; every problem comes back on the form.
     */
    void submit(Context ctx, Sessions.Session s, Target target, Auditing auditing) throws IOException {
        FormValues posted = FormValues.read(form, ctx.formParamMap());
        String action = ctx.formParam("action");
        if (action != null && !action.equals("audit")) {
            // add, remove or paste rows: the form comes back with everything typed so far
            String[] a = action.split(":", 3);
            if (a.length >= 2 && form.tables().containsKey(a[1])) {
                switch (a[0]) {
                    case "add" -> posted.addRow(a[1]);
                    case "remove" -> {
                        if (a.length == 3 && a[2].matches("\\d{1,5}")) posted.removeRow(a[1], Integer.parseInt(a[2]));
                    }
                    case "paste" -> posted.paste(a[1], ctx.formParam(a[1] + ".paste"));
                    default -> { }
                }
            }
            if (posted.refused.isEmpty()) render(ctx, s, 200, posted, Map.of(), List.of(), null, target);
            else refuse(ctx, s, posted, new LinkedHashMap<>(), target);
            return;
        }
        if (!posted.refused.isEmpty()) {
            refuse(ctx, s, posted, new LinkedHashMap<>(), target);
            return;
        }
        FormValues v = posted.compact();
        FormValues.Converted converted = v.toDocument();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        converted.errors().forEach((k, msg) -> errors.computeIfAbsent(k, x -> new ArrayList<>()).add(msg));
        List<FieldProblem> problems;
        if (errors.isEmpty()) {
            Done done = auditing.audit(converted.document());
            if (done.problems().isEmpty()) {
                if (done.redirect() != null) Pages.seeOther(ctx, done.redirect());
                else reports.render(ctx, s, done.report(), ctx.queryParam("verdict"));
                return;
            }
            problems = done.problems();
        } else {
            // the fields that could be read are still checked, so every problem is shown at once
            problems = FactsValidator.validate(converted.document());
        }
        for (FieldProblem p : problems) {
            String input = form.inputFor(p.path());
            String key = input == null ? "" : input;
            if (converted.errors().containsKey(key)) continue; // already said why this input was not read
            errors.computeIfAbsent(key, x -> new ArrayList<>()).add(p.message());
        }
        // facts about an organization outside the caller's scope: refused as forbidden, the form kept with the reason
        boolean outOfScope = problems.stream().anyMatch(p -> Visibility.OUT_OF_SCOPE.equals(p.code()));
        render(ctx, s, outOfScope ? 403 : 400, v, errors, summary(errors), null, target);
    }

    /** 400: the post asked for more rows than a table holds; the form comes back within the limit, the table's error named. */
    private void refuse(Context ctx, Sessions.Session s, FormValues posted, Map<String, List<String>> errors, Target target) throws IOException {
        posted.refused.forEach((table, why) -> errors.computeIfAbsent(table, x -> new ArrayList<>()).add(why));
        posted.rows.replaceAll((t, n) -> Math.min(n, FormValues.MAX_ROWS));
        render(ctx, s, 400, posted, errors, summary(errors), null, target);
    }

    private List<SummaryItem> summary(Map<String, List<String>> errors) {
        List<SummaryItem> summary = new ArrayList<>();
        errors.forEach((input, msgs) -> {
            for (String msg : msgs) {
                summary.add(new SummaryItem(input.isEmpty() ? "Сведения в целом" : form.labelOf(input), msg,
                        input.isEmpty() ? null : FormSchema.Field.idOf(input)));
            }
        });
        return summary;
    }

    private void organizationTemplate(Context ctx, Sessions.Session s) throws IOException {
        String org = ctx.queryParam("org");
        String facts = org == null || history == null ? null : history.latestFacts(s.who(), org).orElse(null);
        JsonNode prefill = facts == null ? null : Json.mapper().readTree(facts);
        Pages.download(ctx, "Форма сведений об организации.xlsx", SheetIntake.XLSX,
                Pages.write(out -> new FormWriter(FormLayout.current()).organization(prefill, out)));
    }

    private void upload(Context ctx, Sessions.Session s) throws Exception {
        UploadedFile file = ctx.uploadedFile("workbook");
        if (file == null || file.size() == 0) {
            pages.render(ctx, s, 400, "upload-errors", "new", new UploadErrors("Файл не выбран",
                    List.of(new UploadProblem("Файл", "выберите заполненную книгу Excel (.xlsx)", null))));
            return;
        }
        Path spooled;
        try (InputStream in = file.content()) {
            spooled = SheetIntake.spool(in);
        } catch (WorkbookRejected e) {
            rejected(ctx, s, file, e);
            return;
        }
        try {
            SheetIntake.Single r = new SheetIntake().auditOrganization(spooled, audits, s.who());
            if (r.ok()) {
                AuditService.Outcome o = r.outcome();
                if (o.stored()) Pages.seeOther(ctx, "/reports/" + Pages.enc(o.report().decisionId()));
                else reports.render(ctx, s, Json.mapper().readTree(o.reportBytes()), null);
                return;
            }
            List<UploadProblem> problems = r.problems().stream()
                    .map(p -> new UploadProblem(p.cell() != null ? p.cell() : p.path(), p.message(), p.path())).toList();
            boolean outOfScope = r.problems().stream().anyMatch(p -> Visibility.OUT_OF_SCOPE.equals(p.code()));
            pages.render(ctx, s, outOfScope ? 403 : 400, "upload-errors", "new", new UploadErrors(outOfScope ? "Организация вне вашей области доступа"
                    : "Книга не прошла проверку: " + Ru.errors(problems.size()), problems));
        } catch (WorkbookRejected e) {
            rejected(ctx, s, file, e);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private void rejected(Context ctx, Sessions.Session s, UploadedFile file, WorkbookRejected e) throws IOException {
        pages.render(ctx, s, Views.status(e.reason()), "upload-errors", "new", new UploadErrors(e.title(),
                List.of(new UploadProblem("Файл «" + file.filename() + "»", e.detail(), null))));
    }
}
