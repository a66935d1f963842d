package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.Json;
import ru.edu.auditor.catalog.Decree;
import ru.edu.auditor.engine.Auditor;
import ru.edu.auditor.engine.FactPaths;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.report.AuditReport;

/**
 * The HTTP API. Handlers only translate HTTP to calls of the engine and back; every client mistake is a
 * 4xx problem+json, and an unexpected failure is a 500 problem+json without internals.
 */
public final class ApiServer {
    /** Largest accepted request body: 1 MiB (a school with an 80-teacher roster is about 15 KiB). */
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Logger decisions = LoggerFactory.getLogger("decisions");

    private ApiServer() { }

    public static Javalin create(RulesHolder rules) {
        return Javalin.create(config -> {
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> health(ctx, rules.current()));
            config.routes.get("/api/v1/schema", ctx -> ctx.status(200).contentType("application/schema+json; charset=utf-8")
                    .result(Json.mapper().writeValueAsString(FactPaths.schema())));
            config.routes.get("/api/v1/decrees", ctx -> json(ctx, 200, Map.of("decrees", rules.current().catalog().decrees())));
            config.routes.get("/api/v1/decrees/{id}", ctx -> {
                Decree d = rules.current().catalog().decree(ctx.pathParam("id")).orElse(null);
                if (d == null) problem(ctx, Problem.of(404, "Решение не найдено", "В каталоге нет решения с id «" + ctx.pathParam("id") + "». Список: GET /api/v1/decrees."));
                else json(ctx, 200, d);
            });
            config.routes.post("/api/v1/audits", ctx -> audit(ctx, rules.current()));
            config.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || !Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    problem(ctx, Problem.of(404, "Не найдено", "Нет ресурса " + ctx.method() + " " + ctx.path() + "."));
                }
            });
            config.routes.error(405, "*", ctx -> problem(ctx, Problem.of(405, "Метод не поддерживается", "Метод " + ctx.method() + " не поддерживается для " + ctx.path() + ".")));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, Problem.of(e.getStatus(),
                    e.getStatus() == 413 ? "Слишком большой запрос" : "Ошибка запроса",
                    e.getStatus() == 413 ? "Тело запроса больше допустимых " + MAX_BODY_BYTES + " байт (1 МиБ)." : e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                String id = UUID.randomUUID().toString();
                log.error("Unexpected failure {} on {} {}", id, ctx.method(), ctx.path(), e);
                problem(ctx, Problem.of(500, "Внутренняя ошибка", "Сбой на стороне сервера; номер для обращения: " + id + "."));
            });
        });
    }

    private static void health(Context ctx, RuleSet rules) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("rulesVersion", rules.version());
        body.put("rulesLoadedAt", rules.loadedAt().toString());
        body.put("decrees", rules.catalog().decrees().size());
        json(ctx, 200, body);
    }

    private static void audit(Context ctx, RuleSet rules) throws java.io.IOException {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            problem(ctx, Problem.of(415, "Неподдерживаемый тип содержимого",
                    "Ожидается Content-Type: application/json, получено: " + (type == null ? "не указан" : type) + "."));
            return;
        }
        long declared = ctx.contentLength();
        if (declared > MAX_BODY_BYTES) {
            throw new HttpResponseException(413, "too large");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY_BYTES) throw new HttpResponseException(413, "too large");
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null ? " (строка " + e.getLocation().getLineNr() + ", столбец " + e.getLocation().getColumnNr() + ")" : "";
            problem(ctx, new Problem("https://auditor.local/problems/malformed-json", "Некорректный JSON", 400,
                    "Тело запроса не разбирается как JSON" + where + ": " + e.getOriginalMessage(), null));
            return;
        }
        if (doc == null || !doc.isObject()) {
            problem(ctx, Problem.invalid(List.of(new FieldProblem("$", "ожидается JSON-объект со сведениями об организации", "type"))));
            return;
        }
        List<FieldProblem> errors = FactsValidator.validate(doc);
        if (!errors.isEmpty()) {
            problem(ctx, Problem.invalid(errors));
            return;
        }
        AuditFacts facts = Json.mapper().treeToValue(doc, AuditFacts.class);
        AuditReport report = Auditor.audit(facts, rules);
        decisions.info("decision={} rules={} org=\"{}\" asOf={} status={}", report.decisionId(), report.rulesVersion(),
                facts.getOrganization().getName(), facts.getAsOf(), report.status());
        json(ctx, 200, report);
    }

    static void json(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.mapper().writeValueAsBytes(body));
    }

    static void problem(Context ctx, Problem p) {
        try {
            ctx.status(p.status()).contentType(Problem.CONTENT_TYPE + "; charset=utf-8").result(Json.mapper().writeValueAsBytes(p));
        } catch (JsonProcessingException e) {
            ctx.status(p.status()).result(p.title());
        }
    }
}
