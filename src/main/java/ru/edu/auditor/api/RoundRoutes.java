package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.JsonInput;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.formats.sheets.OrganizationList;
import ru.edu.auditor.report.RoundBoard;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.service.rounds.RoundRefused;
import ru.edu.auditor.service.rounds.RoundService;
import ru.edu.auditor.service.access.Tokens;

/**
 * Monitoring rounds over the API: an auditor lists and opens rounds in their scope, reads a board (JSON, .xlsx, .pdf),
 * sends reminders and closes a round; a school user lists its own rounds and answers them (facts JSON, the answer a
 * stored audit linked to the round). A round outside the caller's scope answers 404, as an unknown one.
 */
final class RoundRoutes {
    private RoundRoutes() { }

    static void register(JavalinConfig config, RoundService rounds) {
        config.routes.get("/api/v1/rounds", ctx -> ApiServer.json(ctx, 200, Map.of("rounds", rounds.list(who(ctx)).stream().map(RoundRoutes::summary).toList())),
                ApiGuard.AUDITOR);
        config.routes.post("/api/v1/rounds", ctx -> open(ctx, rounds), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/rounds/mine", ctx -> mine(ctx, rounds), ApiGuard.SCHOOL);
        config.routes.get("/api/v1/rounds/{id}", ctx -> guarded(ctx, () -> ApiServer.json(ctx, 200, board(rounds.board(who(ctx), ctx.pathParam("id"))))),
                ApiGuard.AUDITOR);
        config.routes.get("/api/v1/rounds/{id}/board.xlsx", ctx -> guarded(ctx, () -> {
            RoundBoard b = rounds.board(who(ctx), ctx.pathParam("id"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            rounds.workbook(b, out);
            download(ctx, SheetIntake.XLSX, "Мониторинг " + b.periodFrom() + ".xlsx", out.toByteArray());
        }), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/rounds/{id}/board.pdf", ctx -> guarded(ctx, () -> {
            RoundBoard b = rounds.board(who(ctx), ctx.pathParam("id"));
            download(ctx, ActDocuments.PDF, "Мониторинг " + b.periodFrom() + ".pdf", rounds.pdf(b));
        }), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/rounds/{id}/answers", ctx -> guarded(ctx, () -> ApiServer.json(ctx, 200,
                Map.of("answers", rounds.answers(who(ctx), ctx.pathParam("id"))))), ApiGuard.SCHOOL);
        config.routes.post("/api/v1/rounds/{id}/answers/{organization}", ctx -> guarded(ctx, () -> answer(ctx, rounds)), ApiGuard.SCHOOL);
        config.routes.get("/api/v1/rounds/{id}/reminders", ctx -> guarded(ctx, () -> ApiServer.json(ctx, 200,
                reminders(rounds.reminders(who(ctx), ctx.pathParam("id"))))), ApiGuard.AUDITOR);
        config.routes.post("/api/v1/rounds/{id}/reminders", ctx -> guarded(ctx, () -> ApiServer.json(ctx, 200,
                reminders(rounds.remind(who(ctx), ctx.pathParam("id"))))), ApiGuard.AUDITOR);
        config.routes.post("/api/v1/rounds/{id}/close", ctx -> guarded(ctx, () -> {
            boolean closed = rounds.close(who(ctx), ctx.pathParam("id"));
            ApiServer.json(ctx, 200, Map.of("closed", true, "now", closed));
        }), ApiGuard.AUDITOR);
    }

    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    /** Runs {@code w}, answering a refused request as problem+json. */
    private static void guarded(Context ctx, Work w) throws IOException {
        try {
            w.run();
        } catch (RoundRefused r) {
            refused(ctx, r);
        }
    }

    static void refused(Context ctx, RoundRefused r) {
        switch (r.kind()) {
            case NOT_FOUND -> ApiServer.problem(ctx, Problem.of(404, "Не найдено", r.getMessage()));
            case CLOSED -> ApiServer.problem(ctx, Problem.of(409, "Мониторинг закрыт", r.getMessage()));
            case FORBIDDEN -> ApiServer.problem(ctx, Problem.of(403, "Недостаточно прав", r.getMessage()));
            case INVALID -> ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-round", "Запрос не принят", 400,
                    "Найдено ошибок: " + r.problems().size() + ". Каждая указана с путём к полю (JSON Path).", r.problems()));
        }
    }

    private static void open(Context ctx, RoundService rounds) throws IOException {
        JsonNode body;
        try {
            body = JsonInput.read(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            ApiServer.malformedJson(ctx, e);
            return;
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (!body.isObject()) {
            ApiServer.problem(ctx, Problem.invalid(List.of(new FieldProblem("$", "ожидается JSON-объект мониторинга", "type"))));
            return;
        }
        RoundService.Source source = null;
        String s = text(body, "source");
        if (s != null) {
            try {
                source = RoundService.Source.valueOf(s);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("$.source", "источник организаций — municipality (все известные организации муниципалитета),"
                        + " picked (выбранные) или uploaded (список в organizations)", "enum"));
            }
        }
        List<OrganizationList.Listed> listed = null;
        JsonNode orgs = body.path("organizations");
        if (orgs.isArray()) {
            listed = new ArrayList<>();
            for (int i = 0; i < orgs.size(); i++) {
                JsonNode o = orgs.get(i);
                String name = text(o, "name");
                if (name == null) {
                    problems.add(new FieldProblem("$.organizations[" + i + "].name", "укажите наименование организации", "required"));
                    continue;
                }
                listed.add(new OrganizationList.Listed(null, name, text(o, "kind"), text(o, "municipality"), text(o, "region"), text(o, "id"), text(o, "email")));
            }
        }
        LocalDate from = date(body, "periodFrom", problems), due = date(body, "dueOn", problems);
        if (!problems.isEmpty()) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-round", "Запрос не принят", 400,
                    "Найдено ошибок: " + problems.size() + ". Каждая указана с путём к полю (JSON Path).", problems));
            return;
        }
        try {
            RoundService.Round r = rounds.open(who(ctx), new RoundService.OpenRequest(text(body, "name"), text(body, "cadence"), from, due,
                    body.path("repeats").asBoolean(false), text(body, "municipality"), text(body, "region"), source, strings(body.path("kinds")),
                    strings(body.path("picked")), listed));
            ctx.header("Location", "/api/v1/rounds/" + r.id());
            ApiServer.json(ctx, 201, board(rounds.board(who(ctx), r.id())));
        } catch (RoundRefused e) {
            refused(ctx, e);
        }
    }

    private static void mine(Context ctx, RoundService rounds) throws JsonProcessingException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RoundService.Mine m : rounds.mine(who(ctx))) {
            Map<String, Object> v = summary(m.round(), m.period());
            v.put("organization", m.organization() == null ? null : m.organization().organizationKey());
            v.put("answer", m.line());
            out.add(v);
        }
        ApiServer.json(ctx, 200, Map.of("rounds", out));
    }

    private static void answer(Context ctx, RoundService rounds) throws IOException {
        JsonNode doc;
        try {
            doc = JsonInput.read(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            ApiServer.malformedJson(ctx, e);
            return;
        }
        RoundService.Answer a = rounds.answer(who(ctx), ctx.pathParam("id"), ctx.pathParam("organization"), doc, "api");
        if (!a.ok()) {
            ApiServer.problem(ctx, Problem.invalid(a.problems()));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", a.version());
        out.put("decisionId", a.outcome().report().decisionId());
        out.put("report", Json.mapper().readTree(a.outcome().reportBytes()));
        ApiServer.json(ctx, 201, out);
    }

    private static Map<String, Object> summary(RoundService.Summary s) {
        Map<String, Object> v = summary(s.round(), s.period());
        v.put("asked", s.asked());
        v.put("answered", s.answered());
        v.put("late", s.late());
        v.put("overdue", s.overdue());
        return v;
    }

    private static Map<String, Object> summary(RoundService.Round r, String period) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("name", r.name());
        v.put("cadence", r.cadence());
        v.put("period", period);
        v.put("periodFrom", r.periodFrom());
        v.put("periodTo", r.periodTo());
        v.put("dueOn", r.dueOn());
        v.put("repeats", r.repeats());
        v.put("municipality", r.municipality());
        v.put("openedBy", r.openedBy());
        v.put("closed", r.closed());
        return v;
    }

    private static Map<String, Object> board(RoundBoard b) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", b.roundId());
        v.put("name", b.name());
        v.put("period", b.period());
        v.put("periodFrom", b.periodFrom());
        v.put("periodTo", b.periodTo());
        v.put("dueOn", b.dueOn());
        v.put("municipality", b.municipality());
        v.put("closed", b.closed());
        v.put("today", b.today());
        v.put("asked", b.asked());
        v.put("answered", b.count(RoundBoard.State.ANSWERED));
        v.put("late", b.count(RoundBoard.State.LATE));
        v.put("waiting", b.count(RoundBoard.State.WAITING));
        v.put("summary", b.summary());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (RoundBoard.Line l : b.lines()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("organizationKey", l.organizationKey());
            x.put("name", l.name());
            x.put("state", l.state().name().toLowerCase());
            x.put("stateWords", l.stateWords());
            x.put("answeredAt", l.answeredAt());
            x.put("answeredBy", l.answeredBy());
            x.put("onBehalf", l.onBehalf());
            x.put("via", l.via());
            x.put("versions", l.versions());
            x.put("decisionId", l.decisionId());
            x.put("status", l.status());
            x.put("answeredAfterDue", l.answeredAfterDue());
            lines.add(x);
        }
        v.put("organizations", lines);
        v.put("rollup", b.rollup());
        return v;
    }

    private static Map<String, Object> reminders(RoundService.Reminders r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("mailConfigured", r.mailConfigured());
        v.put("sent", r.sent());
        v.put("reminders", r.reminders());
        v.put("copyList", r.copyList());
        v.put("history", r.history());
        return v;
    }

    private static void download(Context ctx, String type, String name, byte[] bytes) {
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.status(200).contentType(type).header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")).result(bytes);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static List<String> strings(JsonNode n) {
        if (!n.isArray()) return null;
        List<String> out = new ArrayList<>();
        n.forEach(x -> { if (x.isTextual()) out.add(x.asText()); });
        return out;
    }

    private static LocalDate date(JsonNode body, String field, List<FieldProblem> problems) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) return null;
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("$." + field, "ожидается дата ГГГГ-ММ-ДД, получено «" + v.asText() + "»", "format"));
            return null;
        }
    }

    private static Tokens.Principal who(Context ctx) { return ctx.attribute(ApiServer.PRINCIPAL); }
}
