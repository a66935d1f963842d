package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.JsonErrors;
import ru.edu.auditor.service.ExemptionService;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.ExemptionRepository;

/**
 * Exemptions over the API (role admin): record one ({@code POST /api/v1/exemptions}, 201 with the record), list them
 * per organization, per municipality or all ({@code GET /api/v1/exemptions?organization=KEY | ?municipality=…}),
 * revoke one ({@code DELETE /api/v1/exemptions/{id}}, which records who revoked it and when; nothing is deleted).
 */
final class ExemptionRoutes {
    private ExemptionRoutes() { }

    static void register(JavalinConfig config, Tokens tokens, ExemptionService exemptions) {
        config.routes.post("/api/v1/exemptions", ApiServer.secured(tokens, Role.admin, ctx -> create(ctx, exemptions)));
        config.routes.get("/api/v1/exemptions", ApiServer.secured(tokens, Role.admin, ctx -> list(ctx, exemptions)));
        config.routes.get("/api/v1/exemptions/{id}", ApiServer.secured(tokens, Role.admin, ctx -> one(ctx, exemptions)));
        config.routes.delete("/api/v1/exemptions/{id}", ApiServer.secured(tokens, Role.admin, ctx -> revoke(ctx, exemptions)));
    }

    private static void create(Context ctx, ExemptionService exemptions) throws java.io.IOException {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            ApiServer.problem(ctx, Problem.of(415, "Неподдерживаемый тип содержимого",
                    "Ожидается Content-Type: application/json, получено: " + (type == null ? "не указан" : type) + "."));
            return;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            String why = "Тело запроса не разбирается как JSON: " + JsonErrors.describe(e, true) + ".";
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/malformed-json", "Некорректный JSON", 400, why,
                    List.of(new FieldProblem("$", why, "malformed-json"))));
            return;
        }
        ExemptionService.Outcome o = exemptions.record(body, who(ctx));
        if (o.recorded() == null) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-exemption", "Освобождение не записано", 400,
                    "Найдено ошибок: " + o.problems().size() + ". Каждая указана с путём к полю (JSON Path).", o.problems()));
            return;
        }
        ctx.header("Location", "/api/v1/exemptions/" + o.recorded().id());
        ApiServer.json(ctx, 201, view(o.recorded()));
    }

    private static void list(Context ctx, ExemptionService exemptions) throws JsonProcessingException {
        String organization = ctx.queryParam("organization");
        String municipality = ctx.queryParam("municipality");
        List<FieldProblem> errors = new ArrayList<>();
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
        List<ExemptionRepository.Recorded> found = organization != null ? exemptions.byOrganization(organization.strip())
                : municipality != null ? exemptions.byMunicipality(municipality.strip()) : exemptions.all();
        ApiServer.json(ctx, 200, Map.of("exemptions", found.stream().map(ExemptionRoutes::view).toList()));
    }

    private static void one(Context ctx, ExemptionService exemptions) throws JsonProcessingException {
        Long id = id(ctx);
        ExemptionRepository.Recorded r = id == null ? null : exemptions.find(id).orElse(null);
        if (r == null) notFound(ctx);
        else ApiServer.json(ctx, 200, view(r));
    }

    private static void revoke(Context ctx, ExemptionService exemptions) throws JsonProcessingException {
        Long id = id(ctx);
        String reason = ctx.queryParam("reason");
        if (reason != null) {
            reason = reason.strip();
            if (reason.isEmpty()) reason = null;
            else if (reason.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL) || reason.codePointCount(0, reason.length()) > 1000) {
                ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-query", "Неверные параметры запроса", 400,
                        "Найдено ошибок: 1. Каждая указана с именем параметра.", List.of(new FieldProblem("reason",
                        "причина отзыва — текст в одну строку не длиннее 1000 символов", "format"))));
                return;
            }
        }
        ExemptionRepository.Revocation r = id == null ? ExemptionRepository.Revocation.NOT_FOUND : exemptions.revoke(id, who(ctx), reason);
        switch (r) {
            case NOT_FOUND -> notFound(ctx);
            case ALREADY -> ApiServer.problem(ctx, new Problem("about:blank", "Освобождение уже отозвано", 409,
                    "Освобождение № " + id + " уже отозвано: " + revokedText(exemptions.find(id).orElseThrow()) + ". Повторный отзыв не записан.", null));
            case REVOKED -> ApiServer.json(ctx, 200, view(exemptions.find(id).orElseThrow()));
        }
    }

    private static String revokedText(ExemptionRepository.Recorded r) {
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

    private static String who(Context ctx) {
        Tokens.Principal p = ctx.attribute(ApiServer.PRINCIPAL);
        return p == null ? "неизвестно" : p.name();
    }

    /** The record as the API gives it; {@code state} is as of today (UTC): in-force, expired or revoked. */
    static Map<String, Object> view(ExemptionRepository.Recorded r) {
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
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        m.put("state", r.revokedAt() != null ? "revoked" : today.isAfter(r.expiresOn()) ? "expired" : "in-force");
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
