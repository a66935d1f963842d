package ru.edu.auditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import ru.edu.auditor.facts.JsonInput;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.batch.Impact;
import ru.edu.auditor.service.batch.ImpactService;
import ru.edu.auditor.text.Fmt;

/**
 * {@code POST /api/v1/rules/impact} (rule author): the impact of a candidate rule set on the stored audits. The
 * candidate is a zip of the rules directory ({@code Content-Type: application/zip}, parameters in the query) or a
 * directory on the server named in a JSON body ({@code {"directory": …, "asOf": …, "municipality": …}}), inside the
 * folder that holds the live rules directory. It is compiled and run on a thread of its own, one impact at a time
 * (a second one meanwhile is refused with 409), never on the live rules' holder.
 */
final class ImpactRoutes {
    private ImpactRoutes() { }

    static void register(JavalinConfig config, Tokens tokens, HistoryQueries history, RuleReloader reloader) {
        ImpactService impact = new ImpactService(history);
        config.routes.post("/api/v1/rules/impact", ctx -> impact(ctx, impact, reloader), ApiGuard.RULE_AUTHOR);
    }

    /** What the request asks for, once read. */
    private record Request(ImpactService.Candidate candidate, LocalDate asOf, String municipality, int limit) { }

    private static void impact(Context ctx, ImpactService impact, RuleReloader reloader) throws Exception {
        Request req = read(ctx, reloader);
        if (req == null) return;
        CompletableFuture<ImpactService.Outcome> job = impact.start(ApiServer.caller(ctx), req.candidate(), new Impact.Scope(req.asOf(), req.municipality(), req.limit()), () -> { })
                .orElse(null);
        if (job == null) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/impact-busy", "Оценка влияния уже выполняется", 409,
                    "Сервер уже оценивает влияние другого набора правил; повторите запрос, когда она закончится.", null));
            return;
        }
        ImpactService.Outcome out;
        try {
            out = job.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new CompletionException(e.getCause());
        }
        if (out.stopped() != null) {
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/impact-stopped", "Оценка влияния прервана", 422,
                    Fmt.capitalized(out.stopped()) + ".", List.of(new FieldProblem("$", out.stopped(), "limit"))));
            return;
        }
        if (!out.ok()) {
            List<FieldProblem> errors = new ArrayList<>();
            for (RuleProblem p : out.problems()) errors.add(new FieldProblem(p.file() + (p.line() > 0 ? ":" + p.line() : ""), p.message(), "rules"));
            ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-rules", "Правила-кандидат не загружаются", 422,
                    "Найдено ошибок в правилах: " + errors.size() + ". Каждая указана с файлом и строкой.", errors));
            return;
        }
        ApiServer.json(ctx, 200, out.result());
    }

    /** The request, or null after answering 4xx with every problem found. */
    private static Request read(Context ctx, RuleReloader reloader) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        List<FieldProblem> errors = new ArrayList<>();
        if (type.equals("application/zip") || type.equals("application/x-zip-compressed")) {
            byte[] body = readLimited(ctx.bodyInputStream(), ImpactService.MAX_ZIP_BYTES);
            if (body == null) {
                ApiServer.problem(ctx, Problem.of(413, "Слишком большой запрос", "Архив правил больше допустимых "
                        + ImpactService.MAX_ZIP_BYTES + " байт (5 МиБ)."));
                return null;
            }
            ImpactService.Candidate files;
            try {
                files = ImpactService.zipped(body);
            } catch (ImpactService.ZipRejected e) {
                ApiServer.problem(ctx, new Problem("https://auditor.local/problems/invalid-zip", "Архив правил не принят", e.tooLarge() ? 413 : 400,
                        "Архив правил не принят: " + e.getMessage() + ".", List.of(new FieldProblem("$", e.getMessage(), e.tooLarge() ? "too-large" : "zip"))));
                return null;
            }
            LocalDate asOf = date(ctx.queryParam("asOf"), errors);
            int limit = limit(ctx.queryParam("limit"), errors);
            if (!errors.isEmpty()) {
                ApiServer.problem(ctx, badRequest(errors));
                return null;
            }
            return new Request(files, asOf, blankToNull(ctx.queryParam("municipality")), limit);
        }
        if (!type.equals("application/json")) {
            ApiServer.problem(ctx, Problem.of(415, "Неподдерживаемый тип содержимого", "Ожидается application/zip (архив папки правил) или "
                    + "application/json ({\"directory\": папка на сервере}), получено: " + (type.isEmpty() ? "не указан" : type) + "."));
            return null;
        }
        byte[] body = readLimited(ctx.bodyInputStream(), ApiServer.MAX_BODY_BYTES);
        if (body == null) {
            ApiServer.problem(ctx, Problem.of(413, "Слишком большой запрос", "Тело запроса больше допустимых " + ApiServer.MAX_BODY_BYTES + " байт (1 МиБ)."));
            return null;
        }
        JsonNode doc;
        try {
            doc = JsonInput.read(body);
        } catch (JsonProcessingException e) {
            ApiServer.malformedJson(ctx, e);
            return null;
        }
        if (doc == null || !doc.isObject()) {
            ApiServer.problem(ctx, badRequest(List.of(new FieldProblem("$", "ожидается JSON-объект {\"directory\": …}", "type"))));
            return null;
        }
        for (String field : List.of("directory", "municipality")) {
            String why = doc.path(field).isTextual() ? RequestParameters.control(doc.get(field).asText(), false) : null;
            if (why != null) errors.add(new FieldProblem("$." + field, why, "forbidden-character"));
        }
        if (!errors.isEmpty()) {
            ApiServer.problem(ctx, badRequest(errors));
            return null;
        }
        Path root = Path.of(reloader.status().rulesDir()).toAbsolutePath().normalize().getParent();
        Path dir = null;
        JsonNode d = doc.get("directory");
        if (d == null || !d.isTextual() || d.asText().isBlank()) {
            errors.add(new FieldProblem("$.directory", "обязательное поле: папка правил-кандидата на сервере", "required"));
        } else if (root == null) {
            errors.add(new FieldProblem("$.directory", "у папки живых правил нет родительской папки, в которой искать кандидата", "not-allowed"));
        } else {
            Path named = root.resolve(d.asText()).toAbsolutePath().normalize();
            if (!named.startsWith(root)) {
                errors.add(new FieldProblem("$.directory", "папка должна лежать внутри " + root + " (рядом с папкой живых правил)", "not-allowed"));
            } else if (!Files.isDirectory(named.resolve("decrees"))) {
                errors.add(new FieldProblem("$.directory", "нет папки правил «" + d.asText() + "» (с подпапкой decrees) внутри " + root, "not-found"));
            } else if (!named.toRealPath().startsWith(root.toRealPath())) {
                errors.add(new FieldProblem("$.directory", "папка должна лежать внутри " + root + " (ссылки наружу не принимаются)", "not-allowed"));
            } else {
                dir = named;
            }
        }
        LocalDate asOf = date(doc.hasNonNull("asOf") ? doc.get("asOf").asText() : null, errors);
        int limit = limit(doc.hasNonNull("limit") ? doc.get("limit").asText() : null, errors);
        if (!errors.isEmpty()) {
            ApiServer.problem(ctx, badRequest(errors));
            return null;
        }
        return new Request(ImpactService.folder(dir), asOf, doc.hasNonNull("municipality") ? blankToNull(doc.get("municipality").asText()) : null, limit);
    }

    private static LocalDate date(String s, List<FieldProblem> errors) {
        if (s == null || s.isBlank()) return LocalDate.now();
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldProblem("asOf", "дата ГГГГ-ММ-ДД, получено «" + s + "»", "format"));
            return null;
        }
    }

    private static int limit(String s, List<FieldProblem> errors) {
        if (s == null || s.isBlank()) return Impact.DEFAULT_LIST_LIMIT;
        try {
            int n = Integer.parseInt(s.strip());
            if (n >= 0 && n <= 100_000) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldProblem("limit", "целое число от 0 до 100000 (сколько организаций перечислить), получено «" + s + "»", "range"));
        return 0;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }

    /** The whole stream, or null when it is longer than {@code max} bytes. */
    private static byte[] readLimited(InputStream in, long max) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return data.length > max ? null : data;
    }

    private static Problem badRequest(List<FieldProblem> errors) {
        return new Problem("https://auditor.local/problems/invalid-request", "Неверный запрос", 400,
                "Найдено ошибок: " + errors.size() + ". Каждая указана с именем поля или параметра.", errors);
    }
}
