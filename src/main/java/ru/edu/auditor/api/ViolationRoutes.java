package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.formats.documents.RemedyOrderDocuments;
import ru.edu.auditor.report.RemedyOrder;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.violations.RemedyOrderService;
import ru.edu.auditor.service.violations.Violation;
import ru.edu.auditor.service.violations.ViolationService;
import ru.edu.auditor.report.RemedyOrders;

/**
 * Violations followed to the end and remedy orders over the API (role auditor, within the caller's scope):
 * {@code GET /api/v1/violations} (filters organization, municipality, decree, clause, state), {@code POST
 * /api/v1/remedy-orders} (issue one: 201 with the order), {@code GET /api/v1/remedy-orders} (organization,
 * municipality), {@code GET /api/v1/remedy-orders/{id}} and its documents {@code /{id}.pdf}, {@code /{id}.docx}.
 * An order or organization outside the caller's scope answers as if it did not exist.
 */
final class ViolationRoutes {
    private ViolationRoutes() { }

    static void register(JavalinConfig config, HistoryQueries history) {
        ViolationService violations = ViolationService.over(history);
        RemedyOrderService orders = RemedyOrderService.over(history, violations);
        config.routes.get("/api/v1/violations", ctx -> list(ctx, violations), ApiGuard.AUDITOR);
        config.routes.post("/api/v1/remedy-orders", ctx -> issue(ctx, orders), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/remedy-orders", ctx -> orders(ctx, orders), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/remedy-orders/{id}.pdf", ctx -> document(ctx, orders, true), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/remedy-orders/{id}.docx", ctx -> document(ctx, orders, false), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/remedy-orders/{id}", ctx -> one(ctx, orders), ApiGuard.AUDITOR);
    }

    private static Tokens.Principal who(Context ctx) { return ctx.attribute(ApiServer.PRINCIPAL); }

    private static void list(Context ctx, ViolationService violations) throws JsonProcessingException {
        List<FieldProblem> errors = new ArrayList<>();
        String organization = param(ctx, "organization", errors);
        String municipality = param(ctx, "municipality", errors);
        String decree = param(ctx, "decree", errors);
        String clause = param(ctx, "clause", errors);
        String stateParam = param(ctx, "state", errors);
        Violation.State state = null;
        if (stateParam != null) {
            try {
                state = Violation.State.valueOf(stateParam.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldProblem("state", "ожидается open (открытые), closed (закрытые) или overdue (просроченные); получено «" + stateParam + "»",
                        "enum"));
            }
        }
        if (!errors.isEmpty()) {
            badQuery(ctx, errors);
            return;
        }
        List<Violation> found = violations.find(new ViolationService.Query(organization, municipality, decree, clause, state), who(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("today", violations.today().toString());
        body.put("violations", found.stream().map(ViolationRoutes::view).toList());
        ApiServer.json(ctx, 200, body);
    }

    static Map<String, Object> view(Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("key", v.organizationKey());
        org.put("name", v.organizationName());
        org.put("municipality", v.municipality());
        m.put("organization", org);
        m.put("decree", v.decree());
        m.put("document", v.document());
        m.put("clause", v.clause());
        m.put("state", v.state().name().toLowerCase(Locale.ROOT));
        m.put("stateText", v.state().words());
        m.put("foundOn", v.foundOn().toString());
        m.put("foundBy", v.foundBy());
        m.put("lastFailedOn", v.lastFailedOn().toString());
        m.put("lastFailedBy", v.lastFailedBy());
        m.put("failures", v.failures());
        m.put("closedOn", v.closedOn() == null ? null : v.closedOn().toString());
        m.put("closedBy", v.closedBy());
        m.put("closure", v.closure() == null ? null : v.closure().name().toLowerCase(Locale.ROOT));
        m.put("closureText", v.closure() == null ? null : v.closure().words());
        m.put("dueOn", v.dueOn() == null ? null : v.dueOn().toString());
        m.put("overdue", v.overdue());
        m.put("orders", v.orders().stream().map(o -> Map.of("id", o.id(), "number", o.number(), "issuedOn", o.issuedOn().toString(),
                "dueOn", o.dueOn().toString())).toList());
        return m;
    }

    private static void issue(Context ctx, RemedyOrderService orders) throws IOException {
        JsonNode body = ApiServer.jsonBody(ctx);
        if (body == null) return;
        List<FieldProblem> shape = new ArrayList<>();
        RemedyOrderService.Request request = RemedyOrderService.fromJson(body, shape);
        RemedyOrderService.Outcome o = orders.issue(request, who(ctx), shape);
        if (!o.issued()) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-remedy-order", "Предписание не выдано", 400,
                    "Найдено ошибок: " + o.problems().size() + ". Каждая указана с путём к полю (JSON Path).", o.problems()));
            return;
        }
        ctx.header("Location", "/api/v1/remedy-orders/" + o.order().id());
        ApiServer.json(ctx, 201, view(o.order()));
    }

    private static void orders(Context ctx, RemedyOrderService orders) throws JsonProcessingException {
        List<FieldProblem> errors = new ArrayList<>();
        String organization = param(ctx, "organization", errors);
        String municipality = param(ctx, "municipality", errors);
        if (!errors.isEmpty()) {
            badQuery(ctx, errors);
            return;
        }
        ApiServer.json(ctx, 200, Map.of("orders", orders.list(organization, municipality, who(ctx)).stream().map(ViolationRoutes::view).toList()));
    }

    private static void one(Context ctx, RemedyOrderService orders) throws JsonProcessingException {
        RemedyOrders.Issued o = orders.find(ctx.pathParam("id"), who(ctx)).orElse(null);
        if (o == null) notFound(ctx);
        else ApiServer.json(ctx, 200, view(o));
    }

    private static void document(Context ctx, RemedyOrderService orders, boolean pdf) {
        RemedyOrders.Issued o = orders.find(ctx.pathParam("id"), who(ctx)).orElse(null);
        if (o == null) {
            notFound(ctx);
            return;
        }
        RemedyOrder doc = RemedyOrderService.document(o);
        String fileName = doc.fileName(pdf ? "pdf" : "docx");
        ctx.status(200).contentType(pdf ? ActDocuments.PDF : ActDocuments.DOCX)
                .header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_")
                        + "\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .result(pdf ? RemedyOrderDocuments.pdf(doc) : RemedyOrderDocuments.docx(doc));
    }

    static Map<String, Object> view(RemedyOrders.Issued o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("number", o.number());
        m.put("year", o.year());
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("key", o.organizationKey());
        org.put("name", o.organizationName());
        org.put("municipality", o.municipality());
        m.put("organization", org);
        m.put("issuedOn", o.issuedOn().toString());
        m.put("dueOn", o.dueOn().toString());
        m.put("authority", o.authority());
        m.put("signer", Map.of("position", o.signerPosition(), "name", o.signerName()));
        m.put("issuedBy", o.issuedBy());
        m.put("issuedAt", o.issuedAt().toString());
        m.put("violations", o.items().stream().map(i -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("decree", i.decree());
            x.put("clause", i.clause());
            x.put("document", i.document());
            x.put("citation", i.citation());
            x.put("quote", i.quote());
            x.put("foundOn", i.foundOn().toString());
            x.put("decisionId", i.decisionId());
            x.put("judgedOn", i.judgedOn().toString());
            x.put("facts", i.facts());
            return x;
        }).toList());
        m.put("pdf", "/api/v1/remedy-orders/" + o.id() + ".pdf");
        m.put("docx", "/api/v1/remedy-orders/" + o.id() + ".docx");
        return m;
    }

    private static void notFound(Context ctx) {
        String detail = "Нет предписания с номером «" + ctx.pathParam("id") + "» (номер — год и порядковый номер через дефис, например 2026-7)."
                + " Список — GET /api/v1/remedy-orders.";
        ApiServer.problem(ctx, new Problem("about:blank", "Предписание не найдено", 404, detail, List.of(new FieldProblem("id", detail, "not-found"))));
    }

    private static String param(Context ctx, String name, List<FieldProblem> errors) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        if (v.isBlank()) {
            errors.add(new FieldProblem(name, "пустое значение: уберите параметр или заполните его", "blank"));
            return null;
        }
        if (v.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            errors.add(new FieldProblem(name, "недопустимый управляющий символ (например, нулевой символ NUL или перевод строки)", "forbidden-character"));
            return null;
        }
        return v.strip();
    }

    private static void badQuery(Context ctx, List<FieldProblem> errors) {
        ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-query", "Неверные параметры запроса", 400,
                "Найдено ошибок: " + errors.size() + ". Каждая указана с именем параметра.", errors));
    }
}
