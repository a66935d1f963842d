package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.report.Exemptions;
import ru.edu.auditor.service.ExemptionService;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.access.Tokens;

/**
 * Exemptions over the API (role admin): record one ({@code POST /api/v1/exemptions}, 201 with the record), list them
 * per organization, per municipality or all ({@code GET /api/v1/exemptions?organization=KEY | ?municipality=…}),
 * revoke one ({@code DELETE /api/v1/exemptions/{id}}, which records who revoked it and when; nothing is deleted).
 */
final class ExemptionRoutes {
    private ExemptionRoutes() { }

    static void register(JavalinConfig config, Tokens tokens, ExemptionService exemptions) {
        config.routes.post("/api/v1/exemptions", ctx -> create(ctx, exemptions), ApiGuard.ADMIN);
        config.routes.get("/api/v1/exemptions", ctx -> list(ctx, exemptions), ApiGuard.ADMIN);
        config.routes.get("/api/v1/exemptions/{id}", ctx -> one(ctx, exemptions), ApiGuard.ADMIN);
        config.routes.delete("/api/v1/exemptions/{id}", ctx -> revoke(ctx, exemptions), ApiGuard.ADMIN);
    }

    private static void create(Context ctx, ExemptionService exemptions) throws IOException {
        JsonNode body = ApiServer.jsonBody(ctx);
        if (body == null) return;
        ExemptionService.Outcome o = exemptions.record(body, ApiServer.caller(ctx));
        if (o.outOfScope()) {
            ApiServer.problem(ctx, ApiServer.outOfScope(o.problems()));
            return;
        }
        if (o.recorded() == null) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-exemption", "Освобождение не записано", 400,
                    "Найдено ошибок: " + o.problems().size() + ". Каждая указана с путём к полю (JSON Path).", o.problems()));
            return;
        }
        ctx.header("Location", "/api/v1/exemptions/" + o.recorded().id());
        Map<String, Object> answer = view(o.recorded(), null);
        answer.put("warnings", o.warnings());
        ApiServer.json(ctx, 201, answer);
    }

    private static void list(Context ctx, ExemptionService exemptions) throws JsonProcessingException {
        String organization = ctx.queryParam("organization");
        String municipality = ctx.queryParam("municipality");
        List<FieldProblem> errors = new ArrayList<>();
        LocalDate asOf = asOf(ctx, errors);
        if (organization != null && municipality != null) {
            errors.add(new FieldProblem("organization", "укажите один параметр: organization (ключ организации) или municipality (район), не оба", "exclusive"));
        }
        for (String[] p : new String[][] {{"organization", organization}, {"municipality", municipality}}) {
            if (p[1] == null) continue;
            if (p[1].isBlank()) errors.add(new FieldProblem(p[0], "пустое значение: уберите параметр или заполните его", "blank"));
            else if (p[1].chars().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
                errors.add(new FieldProblem(p[0], "недопустимый управляющий символ (например, нулевой символ NUL или перевод строки)", "forbidden-character"));
            }
        }
        if (!errors.isEmpty()) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-query", "Неверные параметры запроса", 400,
                    "Найдено ошибок: " + errors.size() + ". Каждая указана с именем параметра.", errors));
            return;
        }
        Tokens.Principal who = ApiServer.caller(ctx);
        List<Exemptions.Recorded> found = organization != null ? exemptions.byOrganization(who, organization.strip())
                : municipality != null ? exemptions.byMunicipality(who, municipality.strip()) : exemptions.all(who);
        ApiServer.json(ctx, 200, Map.of("exemptions", found.stream().map(r -> view(r, asOf)).toList()));
    }

    private static void one(Context ctx, ExemptionService exemptions) throws JsonProcessingException {
        Long id = id(ctx);
        List<FieldProblem> errors = new ArrayList<>();
        LocalDate asOf = asOf(ctx, errors);
        if (!errors.isEmpty()) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-query", "Неверные параметры запроса", 400,
                    "Найдено ошибок: " + errors.size() + ". Каждая указана с именем параметра.", errors));
            return;
        }
        Exemptions.Recorded r = id == null ? null : exemptions.find(ApiServer.caller(ctx), id).orElse(null);
        if (r == null) notFound(ctx);
        else ApiServer.json(ctx, 200, view(r, asOf));
    }

    private static void revoke(Context ctx, ExemptionService exemptions) throws JsonProcessingException {
        Long id = id(ctx);
        String reason = ctx.queryParam("reason");
        if (reason != null) {
            reason = reason.strip();
            if (reason.isEmpty()) reason = null;
            else if (ExemptionService.reasonProblem(reason) != null) {
                ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-query", "Неверные параметры запроса", 400,
                        "Найдено ошибок: 1. Каждая указана с именем параметра.", List.of(new FieldProblem("reason",
                        "причина отзыва — видимый текст в одну строку: " + ExemptionService.reasonProblem(reason), "format"))));
                return;
            }
        }
        Exemptions.Revocation r = id == null ? Exemptions.Revocation.NOT_FOUND : exemptions.revoke(id, ApiServer.caller(ctx), reason);
        switch (r) {
            case NOT_FOUND -> notFound(ctx);
            case ALREADY -> ApiServer.problem(ctx, new Problem("about:blank", "Освобождение уже отозвано", 409,
                    "Освобождение № " + id + " уже отозвано: " + revokedText(exemptions.find(ApiServer.caller(ctx), id).orElseThrow()) + ". Повторный отзыв не записан.", null));
            case REVOKED -> ApiServer.json(ctx, 200, view(exemptions.find(ApiServer.caller(ctx), id).orElseThrow(), null));
        }
    }

    private static String revokedText(Exemptions.Recorded r) {
        return "его отозвал " + r.revokedBy() + " " + r.revokedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC");
    }

    private static Long id(Context ctx) {
        String s = ctx.pathParam("id");
        if (!s.matches("[0-9]{1,18}")) return null;
        return Long.parseLong(s);
    }

    private static void notFound(Context ctx) {
        String detail = "Нет освобождения с номером «" + ctx.pathParam("id") + "». Номера даёт GET /api/v1/exemptions.";
        ApiServer.problem(ctx, new Problem("about:blank", "Освобождение не найдено", 404, detail, List.of(new FieldProblem("id", detail, "not-found"))));
    }


    /** The optional {@code asOf} query parameter (the date judged), or null after noting a malformed one. */
    private static LocalDate asOf(Context ctx, List<FieldProblem> errors) {
        String s = ctx.queryParam("asOf");
        if (s == null) return null;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem("asOf", "ожидается дата проверяемого дня в виде ГГГГ-ММ-ДД, например 2023-10-25", "date"));
            return null;
        }
    }

    /**
     * The record as the API gives it. {@code state} is judged by the exemption's own dates on the day judged: {@code asOf}
     * when the request names one (the date of the audit being looked at), today (UTC) otherwise — in-force, expired or
     * revoked, as {@link ru.edu.auditor.report.Exemptions.Exemption#holdsOn} applies it to an audit of that day;
     * {@code stateOn} names the day. A backdated exemption is expired today but in force for the audits of its period.
     */
    static Map<String, Object> view(Exemptions.Recorded r, LocalDate asOf) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("key", r.organizationKey());
        org.put("name", r.organizationName());
        org.put("municipality", r.municipality());
        m.put("organization", org);
        m.put("decree", r.decree());
        m.put("clause", r.clause());
        m.put("justification", r.justification());
        m.put("document", Map.of("number", r.documentNumber(), "date", r.documentDate().toString()));
        m.put("expiresOn", r.expiresOn().toString());
        m.put("recordedBy", r.recordedBy());
        m.put("recordedAt", r.recordedAt().toString());
        LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
        m.put("state", switch (ExemptionService.state(r, asOf)) {
            case REVOKED -> "revoked";
            case EXPIRED -> "expired";
            case IN_FORCE -> "in-force";
        });
        m.put("stateOn", day.toString());
        if (r.revokedAt() == null) {
            m.put("revocation", null);
        } else {
            Map<String, Object> rev = new LinkedHashMap<>();
            rev.put("revokedBy", r.revokedBy());
            rev.put("revokedAt", r.revokedAt().toString());
            rev.put("reason", r.revocationReason());
            m.put("revocation", rev);
        }
        return m;
    }
}
