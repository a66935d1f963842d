package ru.edu.auditor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import ru.edu.auditor.facts.Json;

/**
 * Keeps the OpenAPI document true: an {@link HttpClient} for the API tests that checks every response it receives
 * against the document served at /api/v1/openapi.json ({@link OpenApi#document()}) — the route and method must be
 * there (or the answer must be a 404/405 problem), the status must be declared for the operation, the content type
 * must be one the response declares, and a JSON body (each line of NDJSON) must validate against its schema
 * (networknt json-schema-validator, JSON Schema 2020-12, the dialect of OpenAPI 3.1). A violation fails the test
 * that received the response. Bodies read as a stream are checked for route, status and type only.
 */
public final class ContractRecorder {
    private static final JsonNode DOC = OpenApi.document();
    /**
     * JSON Schema 2020-12 with the one keyword a response schema carries beside it here: {@code components}, the
     * document's schemas the {@code $ref}s point into — declared as not validating, so it is neither an unknown
     * keyword nor checked itself.
     */
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(JsonMetaSchema.builder(DIALECT, JsonMetaSchema.getV202012()).keyword(new NonValidationKeyword("components")).build()));
    private static final Map<JsonNode, JsonSchema> SCHEMAS = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    /** "GET /api/v1/decrees 200 application/json" → how many times it was checked. */
    private static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();

    private ContractRecorder() { }

    /** An HTTP client whose every response is checked against the document. */
    public static HttpClient client() { return new Checking(HttpClient.newHttpClient()); }

    /** What was checked so far, for a test that wants to see its coverage. */
    public static Map<String, Integer> seen() { return Map.copyOf(SEEN); }

    /** The document's path template matching {@code path}, fewest parameters first, then the longest; empty when none. */
    static Optional<String> template(String path) {
        String best = null;
        int bestParams = Integer.MAX_VALUE;
        for (Iterator<String> it = DOC.path("paths").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            String regex = Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (!path.matches(regex)) continue;
            int params = t.split("\\{", -1).length - 1;
            // a tie («/{id}» and «/{id}.pdf» both match «/2026-1.pdf»): the template with more literal text is the closer one
            if (params < bestParams || params == bestParams && t.length() > best.length()) {
                best = t;
                bestParams = params;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every violation of the document by this answer; empty when it conforms. */
    public static List<String> violations(String method, String path, int status, String contentType, String body) {
        List<String> out = new ArrayList<>();
        String where = method + " " + path + " → " + status;
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String template = template(path).orElse(null);
        JsonNode operation = template == null ? null : DOC.path("paths").path(template).get(("HEAD".equals(method) ? "get" : method).toLowerCase(Locale.ROOT));
        JsonNode response;
        if (operation == null) {
            if (path.startsWith("/api/v1/") && status != 404 && status != 405) {
                out.add(where + ": " + (template == null ? "путь" : "метод") + " не описан в документе OpenAPI");
                return out;
            }
            if (!type.equals("application/problem+json")) return out; // outside the API (/health, /api/docs): not part of the contract
            response = resolve(DOC.path("components").path("responses").path(status == 405 ? "MethodNotAllowed" : "NotFound"));
        } else {
            response = operation.path("responses").get(String.valueOf(status));
            if (response == null) response = operation.path("responses").get("default");
            if (response == null) {
                out.add(where + ": код " + status + " не объявлен для " + method + " " + template);
                return out;
            }
            response = resolve(response);
        }
        record(method, template == null ? path : template, status, type);
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            if (body != null && !body.isEmpty() && !"HEAD".equals(method)) out.add(where + ": тело ответа не объявлено");
            return out;
        }
        JsonNode media = content.get(type);
        if (media == null) {
            out.add(where + ": тип содержимого «" + type + "» не объявлен (объявлены: " + names(content) + ")");
            return out;
        }
        if (body == null || "HEAD".equals(method) || !media.has("schema")) return out;
        if (type.endsWith("json")) {
            check(out, where, media.get("schema"), body);
        } else if (type.equals("application/x-ndjson")) {
            int n = 0;
            for (String line : body.split("\n")) {
                n++;
                if (!line.isBlank()) check(out, where + " (строка " + n + ")", media.get("schema"), line);
            }
        }
        return out;
    }

    private static void check(List<String> out, String where, JsonNode schema, String body) {
        JsonNode value;
        try {
            value = Json.mapper().readTree(body);
        } catch (IOException e) {
            out.add(where + ": тело не разбирается как JSON");
            return;
        }
        Set<ValidationMessage> errors = schema(schema).validate(value);
        for (ValidationMessage m : errors) out.add(where + ": " + m.getMessage());
    }

    /** The schema with the document's components beside it, so that "#/components/…" references resolve. */
    private static JsonSchema schema(JsonNode schema) {
        return SCHEMAS.computeIfAbsent(schema, s -> {
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("$schema", DIALECT);
            root.setAll((ObjectNode) s.deepCopy());
            root.set("components", DOC.get("components"));
            return FACTORY.getSchema(root);
        });
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        while (n != null && n.has("$ref")) n = DOC.at(n.get("$ref").asText().substring(1));
        return n;
    }

    private static String names(JsonNode content) {
        List<String> l = new ArrayList<>();
        content.fieldNames().forEachRemaining(l::add);
        return String.join(", ", l);
    }

    private static void record(String method, String template, int status, String type) {
        SEEN.merge(method + " " + template + " " + status + " " + type, 1, Integer::sum);
    }

    /** Checks a received response; throws {@link AssertionError} listing every violation. */
    static void verify(HttpRequest request, HttpResponse<?> response) {
        Object b = response.body();
        String body = b instanceof String s ? s : b instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : null;
        List<String> v = violations(request.method(), request.uri().getRawPath(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), body);
        if (!v.isEmpty()) throw new AssertionError("Ответ расходится с документом OpenAPI:\n  " + String.join("\n  ", v));
    }

    /** Delegates to a real client and checks every response. */
    private static final class Checking extends HttpClient {
        private final HttpClient d;

        Checking(HttpClient d) { this.d = d; }

        @Override public Optional<CookieHandler> cookieHandler() { return d.cookieHandler(); }
        @Override public Optional<Duration> connectTimeout() { return d.connectTimeout(); }
        @Override public Redirect followRedirects() { return d.followRedirects(); }
        @Override public Optional<ProxySelector> proxy() { return d.proxy(); }
        @Override public SSLContext sslContext() { return d.sslContext(); }
        @Override public SSLParameters sslParameters() { return d.sslParameters(); }
        @Override public Optional<Authenticator> authenticator() { return d.authenticator(); }
        @Override public Version version() { return d.version(); }
        @Override public Optional<Executor> executor() { return d.executor(); }

        @Override public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
            HttpResponse<T> r = d.send(request, handler);
            verify(request, r);
            return r;
        }

        @Override public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return d.sendAsync(request, handler).thenApply(r -> {
                verify(request, r);
                return r;
            });
        }

        @Override public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                          HttpResponse.PushPromiseHandler<T> push) {
            return d.sendAsync(request, handler, push).thenApply(r -> {
                verify(request, r);
                return r;
            });
        }
    }
}
