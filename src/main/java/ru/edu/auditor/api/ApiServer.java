package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.ExemptionService;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.text.LogText;
import ru.edu.auditor.facts.JsonErrors;
import ru.edu.auditor.facts.JsonInput;
import ru.edu.auditor.service.batch.BatchAudits;
import ru.edu.auditor.service.batch.BatchJournaling;
import ru.edu.auditor.service.batch.BatchPipeline;
import ru.edu.auditor.service.batch.BatchResults;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.StoreOutage;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.rounds.RoundService;

/**
 * The HTTP API. Handlers only translate HTTP to calls of the engine and back; every client mistake is a
 * 4xx problem+json, and an unexpected failure is a 500 problem+json without internals.
 */
public final class ApiServer {
    /** Largest accepted request body: 1 MiB (a school with an 80-teacher roster is about 15 KiB). */
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private ApiServer() { }

    /** Attribute under which a handler finds the authenticated {@link Tokens.Principal}. */
    public static final String PRINCIPAL = "principal";

    /** The caller the gate admitted (every route that reaches a service has one; the services decide by its scope). */
    static Tokens.Principal caller(Context ctx) {
        Tokens.Principal who = ctx.attribute(PRINCIPAL);
        if (who == null) throw new IllegalStateException("a service route without a caller: " + ctx.path());
        return who;
    }

    /** 403 for facts (or an exemption) about an organization outside the caller's scope: nothing was accepted. */
    static Problem outOfScope(List<FieldProblem> problems) {
        return new Problem("https://auditor.local/problems/out-of-scope", "Организация вне вашей области доступа", 403,
                problems.stream().map(FieldProblem::message).findFirst().map(m -> Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".")
                        .orElse("Организация вне вашей области доступа."), problems);
    }

    /**
     * Everything the API serves from: the audit service, the rules reloader, the tokens and the stored audits
     * ({@code history} null: no store, no history routes).
     */
    public record Services(AuditService audits, RuleReloader reloader, Tokens tokens, HistoryQueries history, RoundService rounds) {
        public Services(AuditService audits, RuleReloader reloader, Tokens tokens) { this(audits, reloader, tokens, null); }

        /** With the monitoring rounds of the same store, reminders not mailed (no SMTP configured). */
        public Services(AuditService audits, RuleReloader reloader, Tokens tokens, HistoryQueries history) {
            this(audits, reloader, tokens, history, history == null ? null : RoundService.unmailed(audits, history));
        }
    }

    public static Javalin create(Services services) { return create(services, null); }

    /**
     * The API with a front end (the auditor's workspace; may be null) served by the same server beside it: the
     * front end registers its own routes on the server's configuration, and the API knows nothing else of it.
     */
    public static Javalin create(Services services, Consumer<JavalinConfig> frontEnd) {
        RulesHolder rules = services.audits().rules();
        Tokens tokens = services.tokens();
        return Javalin.create(config -> {
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            ApiGuard.install(config, tokens);
            ApiGuard.installAfter(config);
            config.routes.get("/health", ctx -> health(ctx, rules, services.history()));
            config.routes.get("/api/v1/schema", ctx -> ctx.status(200)
                    .contentType("application/schema+json; charset=utf-8").result(Json.mapper().writeValueAsString(FactPaths.schema())), ApiGuard.SCHOOL);
            config.routes.get("/api/v1/decrees", ctx -> json(ctx, 200, Map.of("decrees", rules.catalog().decrees())), ApiGuard.AUDITOR);
            config.routes.get("/api/v1/decrees/{id}", ctx -> {
                Decree d = rules.catalog().decree(ctx.pathParam("id")).orElse(null);
                if (d == null) problem(ctx, Problem.of(404, "Решение не найдено", "В каталоге нет решения с id «" + ctx.pathParam("id") + "». Список: GET /api/v1/decrees."));
                else json(ctx, 200, d);
            }, ApiGuard.AUDITOR);
            config.routes.post("/api/v1/audits", ctx -> audit(ctx, services.audits()), ApiGuard.SCHOOL);
            if (services.history() != null) HistoryRoutes.register(config, tokens, services.history());
            if (services.history() != null) RulesRoutes.register(config, tokens, services.history(), services.reloader());
            if (services.rounds() != null) RoundRoutes.register(config, services.rounds());
            if (services.history() != null) ViolationRoutes.register(config, services.history());
            OpenApi.register(config);
            SheetRoutes.register(config, tokens);
            // Batch: a stream, so MAX_BODY_BYTES does not apply (the body is read incrementally, never whole);
            // each line is capped at BatchPipeline.DEFAULT_MAX_LINE_BYTES instead.
            config.routes.post("/api/v1/audits/batch", ctx -> batch(ctx, services.audits()), ApiGuard.AUDITOR);
            BatchResults.of(services.audits()).ifPresent(results -> BatchRoutes.register(config, tokens, results));
            if (services.audits().exemptions() != null) {
                ExemptionRoutes.register(config, tokens, new ExemptionService(services.audits()));
            }
            AccountRoutes.register(config, tokens, services.audits().record(), services.audits().visibility());
            config.routes.get("/api/v1/rules/status", ctx -> json(ctx, 200, services.reloader().status()), ApiGuard.RULE_AUTHOR);
            config.routes.post("/api/v1/rules/reload", ctx -> {
                Tokens.Principal caller = ctx.attribute(PRINCIPAL);
                RuleReloader.Attempt a = services.reloader().reloadNow("POST /api/v1/rules/reload", caller == null ? null : caller.name());
                json(ctx, "rejected".equals(a.outcome()) ? 422 : 200, services.reloader().status());
            }, ApiGuard.RULE_AUTHOR);
            if (frontEnd != null) frontEnd.accept(config);
            HttpErrors.install(config);
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (!StoreOutage.is(e)) {
                    unexpected(e, ctx);
                    return;
                }
                log.warn("Audit store unavailable on {} {}: {}", ctx.method(), LogText.quote(ctx.path()), rootMessage(e));
                ctx.header("Retry-After", "5");
                problem(ctx, new Problem("https://auditor.local/problems/store-unavailable", "Хранилище проверок недоступно", 503,
                        "Хранилище проверок сейчас недоступно, поэтому запрос не выполнен"
                        + ("POST".equals(ctx.method().name()) ? " и проверка не сохранена" : "") + ". Повторите запрос через несколько секунд.", null));
            });
        });
    }

    private static void unexpected(Exception e, Context ctx) {
        String id = UUID.randomUUID().toString();
        log.error("Unexpected failure {} on {} {}", id, ctx.method(), LogText.quote(ctx.path()), e);
        problem(ctx, Problem.of(500, "Внутренняя ошибка", "Сбой на стороне сервера; номер для обращения: " + id + "."));
    }

    /** 200 while the server runs; {@code store} says whether the audit store answers (audits get 503 while it does not). */
    private static void health(Context ctx, RulesHolder rules, HistoryQueries history) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("rulesVersion", rules.version());
        body.put("rulesLoadedAt", rules.loadedAt().toString());
        body.put("decrees", rules.catalog().decrees().size());
        if (history != null) body.put("store", Map.of("kind", history.storeKind(), "status", history.storeReachable() ? "ok" : "unavailable"));
        json(ctx, 200, body);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void audit(Context ctx, AuditService service) throws IOException {
        if (SheetRoutes.isWorkbook(ctx)) {
            SheetRoutes.audit(ctx, service);
            return;
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            problem(ctx, Problem.of(415, "Неподдерживаемый тип содержимого",
                    "Ожидается Content-Type: application/json (или книга Excel: " + SheetIntake.XLSX
                            + "), получено: " + (type == null ? "не указан" : type) + "."));
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
            doc = JsonInput.read(body);
        } catch (JsonProcessingException e) {
            malformedJson(ctx, e);
            return;
        }
        AuditService.Outcome outcome = service.audit(doc, caller(ctx));
        if (outcome.ok()) ctx.status(200).contentType("application/json; charset=utf-8").result(outcome.reportBytes());
        else if (outcome.outOfScope()) problem(ctx, outOfScope(outcome.problems()));
        else problem(ctx, Problem.invalid(outcome.problems()));
    }

    /**
     * The request's JSON body, or null after answering: 415 in Russian when the Content-Type is not JSON, 400 (with the
     * place) when the body is not well-formed JSON. The one reading of a JSON request body of the resources' routes.
     */
    static JsonNode jsonBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problem(ctx, Problem.of(415, "Неподдерживаемый тип содержимого",
                    "Ожидается Content-Type: application/json, получено: " + (type == null ? "не указан" : type) + "."));
            return null;
        }
        try {
            JsonNode doc = JsonInput.read(ctx.bodyAsBytes());
            return doc == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : doc; // null only means answered
        } catch (JsonProcessingException e) {
            malformedJson(ctx, e);
            return null;
        }
    }

    /** Content types accepted for a batch: NDJSON under its common names. */
    private static final List<String> NDJSON_TYPES = List.of("application/x-ndjson", "application/ndjson", "application/jsonl");

    /** True when the request's Content-Type is NDJSON; otherwise answers 415 and returns false. */
    public static boolean requireNdjson(Context ctx) {
        String type = ctx.contentType();
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (NDJSON_TYPES.contains(bare)) return true;
        problem(ctx, Problem.of(415, "Неподдерживаемый тип содержимого",
                "Ожидается Content-Type: application/x-ndjson (одна строка — сведения об одной организации) или книга Excel с формой района ("
                        + SheetIntake.XLSX + "), получено: "
                        + (type == null ? "не указан" : type) + "."));
        return false;
    }

    /**
     * Starts a streamed NDJSON answer: status 200 and headers now, records written and flushed as they come
     * (straight to the servlet stream, past Javalin's result buffering and compression).
     */
    public static OutputStream startNdjson(Context ctx) throws IOException {
        ctx.status(200);
        ctx.res().setContentType("application/x-ndjson; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-store");
        return ctx.res().getOutputStream();
    }

    /** The {@code report} parameter of a batch, or null after answering 400 for an unknown value. */
    static BatchAudits.Detail batchDetail(Context ctx) {
        String reportParam = ctx.queryParam("report");
        try {
            return reportParam == null ? BatchAudits.Detail.compact : BatchAudits.Detail.valueOf(reportParam);
        } catch (IllegalArgumentException e) {
            problem(ctx, Problem.of(400, "Неверный параметр", "Параметр report принимает значения compact (по умолчанию) или full, получено: «"
                    + reportParam + "»."));
            return null;
        }
    }

    private static void batch(Context ctx, AuditService service) throws IOException {
        if (SheetRoutes.isWorkbook(ctx)) {
            SheetRoutes.batch(ctx, service);
            return;
        }
        if (!requireNdjson(ctx)) return;
        BatchAudits.Detail detail = batchDetail(ctx);
        if (detail == null) return;
        Tokens.Principal who = caller(ctx);
        // with a store, the batch is journaled: its first line gives the id under which the totals and every line's
        // decision id or errors can be fetched later (GET /api/v1/audits/batch/{id}, …/lines), however the stream ends
        BatchRoutes.judgedByProgress(ctx, () -> streamBatch(ctx, service, detail, who));
    }

    /** The batch's answer, streamed (see {@link #batch}). */
    private static void streamBatch(Context ctx, AuditService service, BatchAudits.Detail detail, Tokens.Principal who) throws IOException {
        BatchJournaling journal = BatchJournaling.start(service, UUID.randomUUID().toString(), who == null ? null : who.name());
        OutputStream out = startNdjson(ctx);
        BatchPipeline.Summary s = null;
        String aborted = null;
        try {
            if (journal != null) {
                out.write(Json.mapper().writeValueAsBytes(Map.of("batch", BatchRoutes.header(journal.batchId()))));
                out.write('\n');
                out.flush();
            }
            s = BatchAudits.run(ctx.bodyInputStream(), out, service, who, BatchAudits.ndjson(detail), journal);
            log.info("Batch by {}: {} lines, {} audited, {} invalid, {} failed, {} stored{}", LogText.quote(who == null ? null : who.name()), s.lines(),
                    s.audited(), s.invalid(), s.failed(), s.stored(), s.aborted() == null ? "" : ", input aborted: " + LogText.quote(s.aborted()));
        } catch (IOException e) {
            // the answer is already streaming: nothing can be sent any more, the client has gone
            aborted = "ответ не дошёл до клиента (соединение закрыто или клиент перестал читать ответ), строки проверены до этого места";
            log.info("Batch by {} ended early: {}", LogText.quote(who == null ? null : who.name()), LogText.quote(e.toString()));
        } finally {
            if (journal != null) journal.finish(s, aborted);
        }
    }

    /**
     * 400 for a body that is not (strictly read) JSON: each place {@link JsonInput} refused by its path, any other
     * syntax error at {@code $} (the body as a whole) with its line and column.
     */
    static void malformedJson(Context ctx, JsonProcessingException e) {
        String why = "Тело запроса не разбирается как JSON: " + JsonErrors.describe(e, true) + ".";
        List<FieldProblem> errors = e instanceof JsonInput.Refused r && r.getLocation() == null
                ? r.problems().stream().map(p -> new FieldProblem(p.path(), p.reason(), "malformed-json")).toList()
                : List.of(new FieldProblem(e instanceof JsonInput.Refused r ? r.problems().get(0).path() : "$", why, "malformed-json"));
        problem(ctx, new Problem("https://auditor.local/problems/malformed-json", "Некорректный JSON", 400, why, errors));
    }

    public static void json(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.mapper().writeValueAsBytes(body));
    }

    public static void problem(Context ctx, Problem p) {
        try {
            ctx.status(p.status()).contentType(Problem.CONTENT_TYPE + "; charset=utf-8").result(Json.mapper().writeValueAsBytes(p));
        } catch (JsonProcessingException e) {
            ctx.status(p.status()).result(p.title());
        }
    }
}
