package ru.edu.auditor.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.formats.sheets.OrganizationList;
import ru.edu.auditor.formats.sheets.WorkbookRejected;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.report.RoundBoard;
import ru.edu.auditor.service.LatestAudit;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.service.rounds.Cadence;
import ru.edu.auditor.service.rounds.RoundRefused;
import ru.edu.auditor.service.rounds.RoundService;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/**
 * Monitoring rounds in the workspace: the auditor's list of rounds, opening one (all known organizations of a
 * municipality by kind, picked ones, or a list uploaded as a workbook), the board (who answered, who is late, the
 * roll-up by clause, exports, reminders, closing); the school's «Мои мониторинги», its answer by the audit form
 * prefilled for the round's period or by the organization workbook, and its report at once.
 */
final class RoundPages {
    record RoundRow(String href, String name, String period, String due, String municipality, String answered, boolean overdue, boolean closed,
                    String repeats) { }

    record RoundsView(List<RoundRow> rounds) implements Pages.View { }

    record Option(String value, String label, boolean checked) { }

    record OpenView(Map<String, String> values, List<Option> cadences, List<Option> municipalities, List<Option> kinds, List<Option> known,
                    List<Option> sources, Map<String, List<String>> errors, List<String> summary, boolean repeats) implements Pages.View { }

    record LineView(int n, String name, String kind, String state, String css, String when, String by, Views.Badge status, String reportHref,
                    String answerHref) { }

    record ReminderView(String name, String addresses, String outcome) { }

    record BoardView(String id, String name, String heading, String municipality, boolean closed, String today, List<String> summary, List<LineView> lines,
                     List<String> rollupColumns, List<List<String>> rollupRows, String mail, boolean mailConfigured, boolean reminded,
                     List<ReminderView> reminders, String copyList, List<String> withoutAddress, List<String> sentBefore) implements Pages.View { }

    record MineRow(String name, String period, String due, String state, String css, String answerHref, String reportHref, boolean open,
                   String organization) { }

    record MineView(List<MineRow> rounds, String scope) implements Pages.View { }

    private final Pages pages;
    private final RoundService rounds;
    private final ReportPages reports;
    private final AuditFormPages forms;

    RoundPages(Pages pages, RoundService rounds, ReportPages reports, AuditFormPages forms) {
        this.pages = pages;
        this.rounds = rounds;
        this.reports = reports;
        this.forms = forms;
    }

    void register(JavalinConfig config) {
        config.routes.get("/rounds", pages.page(this::list), PageGuard.AUDITOR);
        config.routes.get("/rounds/new", pages.page((ctx, s) -> openForm(ctx, s, 200, new LinkedHashMap<>(), Map.of(), List.of())), PageGuard.AUDITOR);
        config.routes.post("/rounds/new", pages.page(this::open), PageGuard.AUDITOR);
        config.routes.get("/my/rounds", pages.page(this::mine), PageGuard.SCHOOL);
        config.routes.get("/rounds/{id}", pages.page(this::board), PageGuard.AUDITOR);
        config.routes.get("/rounds/{id}/board.xlsx", pages.page((ctx, s) -> guarded(ctx, s, () -> {
            RoundBoard b = rounds.board(s.who(), ctx.pathParam("id"));
            Pages.download(ctx, "Мониторинг " + Fmt.date(b.periodFrom()) + ".xlsx", SheetIntake.XLSX, Pages.write(out -> rounds.workbook(b, out)));
        })), PageGuard.AUDITOR);
        config.routes.get("/rounds/{id}/board.pdf", pages.page((ctx, s) -> guarded(ctx, s, () -> {
            RoundBoard b = rounds.board(s.who(), ctx.pathParam("id"));
            Pages.download(ctx, "Мониторинг " + Fmt.date(b.periodFrom()) + ".pdf", ActDocuments.PDF, rounds.pdf(b));
        })), PageGuard.AUDITOR);
        config.routes.post("/rounds/{id}/remind", pages.page((ctx, s) -> guarded(ctx, s, () -> {
            RoundService.Reminders r = rounds.remind(s.who(), ctx.pathParam("id"));
            renderBoard(ctx, s, rounds.board(s.who(), ctx.pathParam("id")), r);
        })), PageGuard.AUDITOR);
        config.routes.post("/rounds/{id}/close", pages.page((ctx, s) -> guarded(ctx, s, () -> {
            rounds.close(s.who(), ctx.pathParam("id"));
            Pages.seeOther(ctx, "/rounds/" + Pages.enc(ctx.pathParam("id")));
        })), PageGuard.AUDITOR);
        config.routes.get("/rounds/{id}/answer/{org}", pages.page(this::answerForm), PageGuard.SCHOOL);
        config.routes.post("/rounds/{id}/answer/{org}", pages.page(this::answer), PageGuard.SCHOOL);
        config.routes.post("/rounds/{id}/answer/{org}/upload", pages.page(this::upload), PageGuard.SCHOOL);
        config.routes.get("/rounds/{id}/answer/{org}/form.xlsx", pages.page((ctx, s) -> guarded(ctx, s, () -> {
            ObjectNode doc = rounds.prefill(s.who(), ctx.pathParam("id"), ctx.pathParam("org"));
            Pages.download(ctx, "Форма сведений об организации.xlsx", SheetIntake.XLSX,
                    Pages.write(out -> new FormWriter(FormLayout.current()).organization(doc, out)));
        })), PageGuard.SCHOOL);
        config.routes.get("/rounds/{id}/answer/{org}/report", pages.page(this::report), PageGuard.SCHOOL);
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code w}; a refused request becomes its page (404 outside the caller's scope, as an unknown round). */
    private void guarded(Context ctx, Sessions.Session s, Work w) throws Exception {
        try {
            w.run();
        } catch (RoundRefused r) {
            switch (r.kind()) {
                case NOT_FOUND -> pages.notFound(ctx, s, r.getMessage());
                case CLOSED -> pages.error(ctx, s, 409, "Мониторинг закрыт", r.getMessage());
                case FORBIDDEN -> pages.error(ctx, s, 403, "Недостаточно прав", r.getMessage());
                case INVALID -> pages.error(ctx, s, 400, "Запрос не принят", String.join("; ", r.problems().stream().map(FieldProblem::message).toList()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------- auditor

    private void list(Context ctx, Sessions.Session s) throws IOException {
        List<RoundRow> rows = new ArrayList<>();
        for (RoundService.Summary x : rounds.list(s.who())) {
            RoundService.Round r = x.round();
            rows.add(new RoundRow("/rounds/" + Pages.enc(r.id()), r.name(), Fmt.capitalized(x.period()), Fmt.date(r.dueOn()), r.municipality(),
                    Plural.verb(x.answered(), "ответила", "ответили") + " " + x.answered() + " из " + x.asked()
                            + (x.late() > 0 ? "; просрочили " + x.late() : ""), x.overdue() && x.late() > 0, r.closed(),
                    r.repeats() ? Cadence.of(r.cadence()).repeatWords() : "однократно"));
        }
        pages.render(ctx, s, 200, "rounds", "rounds", new RoundsView(rows));
    }

    private void openForm(Context ctx, Sessions.Session s, int status, Map<String, String> values, Map<String, List<String>> errors, List<String> summary)
            throws IOException {
        String municipality = values.getOrDefault("municipality", ctx.queryParam("municipality"));
        List<String> munis = rounds.municipalities(s.who());
        if (municipality == null && munis.size() == 1) municipality = munis.get(0);
        values.putIfAbsent("cadence", "week");
        values.putIfAbsent("source", "municipality");
        LocalDate today = rounds.today();
        Cadence c = Cadence.of(values.get("cadence")) == null ? Cadence.week : Cadence.of(values.get("cadence"));
        values.putIfAbsent("periodFrom", c.startOf(today).toString());
        values.putIfAbsent("dueOn", c.endOf(c.startOf(today)).plusDays(1).toString());
        String chosen = municipality;
        List<Option> municipalities = munis.stream().map(m -> new Option(m, m, m.equals(chosen))).toList();
        List<String> kindsChecked = List.of(values.getOrDefault("kinds", "general").split(","));
        List<Option> kinds = List.of("general", "preschool", "additional", "vocational").stream()
                .map(k -> new Option(k, Fmt.capitalized(OrgKinds.label(k)), kindsChecked.contains(k))).toList();
        List<String> picked = List.of(values.getOrDefault("picked", "").split("\n"));
        List<Option> known = new ArrayList<>();
        if (municipality != null) {
            for (LatestAudit a : rounds.knownOrganizations(s.who(), municipality)) {
                known.add(new Option(a.organizationKey(), a.organizationName() + " (" + OrgKinds.label(a.organizationKind()) + ")", picked.contains(a.organizationKey())));
            }
        }
        List<Option> cadences = List.of(new Option("week", "Неделя (понедельник — воскресенье)", "week".equals(values.get("cadence"))),
                new Option("month", "Календарный месяц", "month".equals(values.get("cadence"))));
        List<Option> sources = List.of(
                new Option("municipality", "Все известные организации муниципалитета выбранных видов", "municipality".equals(values.get("source"))),
                new Option("picked", "Выбранные организации из списка ниже", "picked".equals(values.get("source"))),
                new Option("uploaded", "Список из книги Excel", "uploaded".equals(values.get("source"))));
        pages.render(ctx, s, status, "rounds-new", "rounds", new OpenView(values, cadences, municipalities, kinds, known, sources, errors, summary,
                "on".equals(values.get("repeats")) || !values.containsKey("name")));
    }

    private void open(Context ctx, Sessions.Session s) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : List.of("name", "cadence", "periodFrom", "dueOn", "municipality", "region", "source", "repeats")) {
            String v = ctx.formParam(f);
            if (v != null) values.put(f, v);
        }
        values.put("kinds", String.join(",", ctx.formParams("kinds")));
        values.put("picked", String.join("\n", ctx.formParams("picked")));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        LocalDate from = date(values.get("periodFrom"), "periodFrom", errors), due = date(values.get("dueOn"), "dueOn", errors);
        RoundService.Source source = null;
        try {
            source = values.get("source") == null ? null : RoundService.Source.valueOf(values.get("source"));
        } catch (IllegalArgumentException e) {
            errors.computeIfAbsent("source", k -> new ArrayList<>()).add("выберите, какие организации опрашиваются");
        }
        List<OrganizationList.Listed> listed = null;
        if (source == RoundService.Source.uploaded) {
            UploadedFile file = ctx.uploadedFile("list");
            if (file == null || file.size() == 0) {
                errors.computeIfAbsent("list", k -> new ArrayList<>()).add("выберите книгу Excel (.xlsx) со списком организаций");
            } else {
                Path spooled = null;
                try (InputStream in = file.content()) {
                    spooled = SheetIntake.spool(in);
                    OrganizationList.Read read = OrganizationList.read(spooled);
                    for (OrganizationList.Problem p : read.problems()) errors.computeIfAbsent("list", k -> new ArrayList<>()).add(p.cell() + ": " + p.message());
                    listed = read.organizations();
                } catch (WorkbookRejected e) {
                    errors.computeIfAbsent("list", k -> new ArrayList<>()).add(e.sentence());
                } finally {
                    if (spooled != null) Files.deleteIfExists(spooled);
                }
            }
        }
        if (errors.isEmpty()) {
            try {
                RoundService.Round r = rounds.open(s.who(), new RoundService.OpenRequest(values.get("name"), values.get("cadence"), from, due,
                        "on".equals(values.get("repeats")), values.get("municipality"), values.get("region"), source,
                        ctx.formParams("kinds"), ctx.formParams("picked"), listed));
                Pages.seeOther(ctx, "/rounds/" + Pages.enc(r.id()));
                return;
            } catch (RoundRefused e) {
                for (FieldProblem p : e.problems()) {
                    String field = p.path().replaceFirst("^\\$\\.", "").replaceFirst("\\[.*$", "");
                    if (field.equals("organizations")) field = "list";
                    errors.computeIfAbsent(field, k -> new ArrayList<>()).add(p.message());
                }
            }
        }
        List<String> summary = new ArrayList<>();
        errors.forEach((f, msgs) -> msgs.forEach(m -> summary.add(LABELS.getOrDefault(f, f) + ": " + m)));
        openForm(ctx, s, 400, values, errors, summary);
    }

    private static final Map<String, String> LABELS = Map.of("name", "Название", "cadence", "Период", "periodFrom", "Начало периода", "dueOn",
            "Срок ответа", "municipality", "Муниципалитет", "source", "Какие организации", "kinds", "Виды организаций", "picked", "Выбранные организации",
            "list", "Список организаций");

    private static LocalDate date(String v, String field, Map<String, List<String>> errors) {
        if (v == null || v.isBlank()) return null;
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeException e) {
            try {
                return LocalDate.parse(v.strip(), FormSchema.RU_DATE);
            } catch (DateTimeException e2) {
                errors.computeIfAbsent(field, k -> new ArrayList<>()).add("ожидается дата ДД.ММ.ГГГГ, введено «" + v + "»");
                return null;
            }
        }
    }

    private void board(Context ctx, Sessions.Session s) throws Exception {
        guarded(ctx, s, () -> {
            RoundBoard b = rounds.board(s.who(), ctx.pathParam("id"));
            renderBoard(ctx, s, b, rounds.reminders(s.who(), b.roundId()));
        });
    }

    private void renderBoard(Context ctx, Sessions.Session s, RoundBoard b, RoundService.Reminders r) throws IOException {
        List<LineView> lines = new ArrayList<>();
        int n = 0;
        for (RoundBoard.Line l : b.lines()) {
            String css = switch (l.state()) {
                case ANSWERED -> "v-pass";
                case LATE -> "v-fail";
                case WAITING -> "v-pending";
            };
            String base = "/rounds/" + Pages.enc(b.roundId()) + "/answer/" + Pages.enc(l.organizationKey());
            lines.add(new LineView(++n, l.name(), l.kind(), Fmt.capitalized(l.stateWords()), css, l.answeredWhen(), l.byWords(),
                    l.status() == null ? null : Views.statusBadge(l.status()), l.decisionId() == null ? null : "/reports/" + Pages.enc(l.decisionId()),
                    b.closed() ? null : base));
        }
        List<ReminderView> reminders = r.reminders().stream().map(x -> new ReminderView(x.name(),
                x.addresses().isEmpty() ? "адреса нет" : String.join(", ", x.addresses()), x.outcome())).toList();
        List<String> before = r.history().stream().map(h -> Pages.instant(h.sentAt()) + " — " + h.address() + " — " + h.outcome() + " (" + h.sentBy() + ")")
                .toList();
        pages.render(ctx, s, 200, "rounds-board", "rounds", new BoardView(b.roundId(), b.name(), b.heading(), b.municipality(), b.closed(),
                Fmt.date(b.today()), b.summary(), lines, RoundBoard.rollupColumns(), b.rollupRows(),
                rounds.mail() == null ? null : rounds.mail().inWords(), r.mailConfigured(), r.sent(), reminders, r.copyList(),
                r.withoutAddress().stream().map(RoundService.Reminder::name).toList(), before));
    }

    // ------------------------------------------------------------------------------------------- school

    private void mine(Context ctx, Sessions.Session s) throws IOException {
        List<MineRow> rows = new ArrayList<>();
        for (RoundService.Mine m : rounds.mine(s.who())) {
            RoundService.Round r = m.round();
            RoundBoard.Line l = m.line();
            String base = "/rounds/" + Pages.enc(r.id()) + "/answer/" + Pages.enc(m.organization().organizationKey());
            String css = l == null ? "v-pending" : switch (l.state()) {
                case ANSWERED -> "v-pass";
                case LATE -> "v-fail";
                case WAITING -> "v-pending";
            };
            rows.add(new MineRow(r.name(), Fmt.capitalized(m.period()), Fmt.date(r.dueOn()), l == null ? "—" : Fmt.capitalized(l.stateWords()), css,
                    r.closed() ? null : base, l == null || l.decisionId() == null ? null : base + "/report", !r.closed(), m.organization().name()));
        }
        // the organization by its name (as the rounds ask it), not by the key it is kept under
        String scope = rows.isEmpty() ? null : rows.get(0).organization();
        pages.render(ctx, s, 200, "rounds-mine", "mine", new MineView(rows, scope));
    }

    private AuditFormPages.Target target(RoundService.Asked a, Sessions.Session s) {
        RoundService.Round r = a.round();
        String base = "/rounds/" + Pages.enc(r.id()) + "/answer/" + Pages.enc(a.asked().organizationKey());
        boolean onBehalf = s.who().role().includes(Role.auditor);
        String notice = "Мониторинг «" + r.name() + "»: " + Cadence.of(r.cadence()).period(r.periodFrom()) + ", срок ответа " + Fmt.date(r.dueOn())
                + ". Организация: " + a.asked().name() + ". Поля заполнены предыдущим ответом организации, дата и период — периодом мониторинга;"
                + " исправьте то, что изменилось." + (onBehalf ? " Вы отвечаете за организацию: ответ будет отмечен как данный аудитором." : "");
        return new AuditFormPages.Target("Ответ на мониторинг", base, base + "/upload", base + "/form.xlsx", notice, "mine", false, "Отправить ответ");
    }

    private void answerForm(Context ctx, Sessions.Session s) throws Exception {
        guarded(ctx, s, () -> {
            RoundService.Asked a = rounds.askedFor(s.who(), ctx.pathParam("id"), ctx.pathParam("org"));
            if (a.round().closed()) {
                pages.error(ctx, s, 409, "Мониторинг закрыт", "Мониторинг «" + a.round().name() + "» закрыт: ответы и исправления больше не принимаются.");
                return;
            }
            forms.renderDocument(ctx, s, rounds.prefill(s.who(), a.round().id(), a.asked().organizationKey()), a.asked().organizationKey(), target(a, s));
        });
    }

    private void answer(Context ctx, Sessions.Session s) throws Exception {
        guarded(ctx, s, () -> {
            RoundService.Asked a = rounds.askedFor(s.who(), ctx.pathParam("id"), ctx.pathParam("org"));
            forms.submit(ctx, s, target(a, s), doc -> {
                RoundService.Answer answer = rounds.answer(s.who(), a.round().id(), a.asked().organizationKey(), doc, "form");
                if (!answer.ok()) return new AuditFormPages.Done(null, null, answer.problems());
                return new AuditFormPages.Done("/rounds/" + Pages.enc(a.round().id()) + "/answer/" + Pages.enc(a.asked().organizationKey()) + "/report",
                        null, List.of());
            });
        });
    }

    private void upload(Context ctx, Sessions.Session s) throws Exception {
        guarded(ctx, s, () -> {
            RoundService.Asked a = rounds.askedFor(s.who(), ctx.pathParam("id"), ctx.pathParam("org"));
            UploadedFile file = ctx.uploadedFile("workbook");
            if (file == null || file.size() == 0) {
                pages.render(ctx, s, 400, "upload-errors", "mine", new AuditFormPages.UploadErrors("Файл не выбран",
                        List.of(new AuditFormPages.UploadProblem("Файл", "выберите заполненную книгу Excel (.xlsx)", null))));
                return;
            }
            Path spooled = null;
            try (InputStream in = file.content()) {
                spooled = SheetIntake.spool(in);
                RoundService.Answer answer = rounds.answerWorkbook(s.who(), a.round().id(), a.asked().organizationKey(), spooled);
                if (answer.ok()) {
                    Pages.seeOther(ctx, "/rounds/" + Pages.enc(a.round().id()) + "/answer/" + Pages.enc(a.asked().organizationKey()) + "/report");
                    return;
                }
                List<AuditFormPages.UploadProblem> problems = answer.problems().stream()
                        .map(p -> new AuditFormPages.UploadProblem(p.cell() != null ? p.cell() : p.path(), p.message(), p.path())).toList();
                pages.render(ctx, s, 400, "upload-errors", "mine", new AuditFormPages.UploadErrors("Книга не принята: " + Ru.errors(problems.size()), problems));
            } catch (WorkbookRejected e) {
                pages.render(ctx, s, Views.status(e.reason()), "upload-errors", "mine", new AuditFormPages.UploadErrors(e.title(),
                        List.of(new AuditFormPages.UploadProblem("Файл «" + file.filename() + "»", e.detail(), null))));
            } finally {
                if (spooled != null) Files.deleteIfExists(spooled);
            }
        });
    }

    private void report(Context ctx, Sessions.Session s) throws Exception {
        guarded(ctx, s, () -> {
            RoundService.Asked a = rounds.askedFor(s.who(), ctx.pathParam("id"), ctx.pathParam("org"));
            List<RoundService.AnswerVersion> own = rounds.answers(s.who(), a.round().id()).stream()
                    .filter(x -> x.organizationKey().equals(a.asked().organizationKey())).toList();
            if (own.isEmpty()) {
                pages.notFound(ctx, s, "Организация ещё не ответила на этот мониторинг.");
                return;
            }
            String report = rounds.answerReport(s.who(), a.round().id(), own.get(own.size() - 1).decisionId()).orElse(null);
            if (report == null) {
                pages.notFound(ctx, s, "Отчёт ответа не найден.");
                return;
            }
            reports.render(ctx, s, Json.mapper().readTree(report), ctx.queryParam("verdict"));
        });
    }
}
