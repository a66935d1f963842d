package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;

/** The HTTP API against the real rules: catalog, audits, and every kind of bad input. */
class ApiServerTest {
    static Javalin app;
    static String base;
    static final HttpClient http = ContractRecorder.client();

    /** Clause ids of docs/CLAUSES.md (the five seed decrees), per decree, in printed order. */
    static final Map<String, List<String>> CLAUSES = new LinkedHashMap<>();
    static {
        CLAUSES.put("sergokala-sosh1-8-2023", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"));
        CLAUSES.put("khasavyurt-uo-47-2023", List.of("1", "2", "2.1", "2.2", "2.3", "2.4", "3", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "4.1", "4.2", "4#2"));
        CLAUSES.put("kalikino-oosh-143-2024", List.of("1", "2", "3", "4", "5", "5.1", "4#2", "5#2"));
        CLAUSES.put("sergokala-adm-262-2023", List.of("1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "2", "3", "4"));
        CLAUSES.put("kesova-gora-oo-178-2023", List.of("1", "2", "3", "3.1", "3.2", "3.3", "3.4", "4", "5", "5.1", "5.2", "5.3", "6", "6#2"));
    }

    static final String AUDITOR = "auditor-secret-0123456789";
    static final String AUTHOR = "author-secret-0123456789";

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of(System.getProperty("auditor.rules", "rules"));
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        Tokens tokens = Tokens.parse("anna:auditor:" + AUDITOR + ",boris:rule-author:" + AUTHOR);
        app = ApiServer.create(new ApiServer.Services(new AuditService(holder), new RuleReloader(dir, holder), tokens)).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() { app.stop(); }

    static HttpResponse<String> get(String path) throws Exception { return get(path, AUDITOR); }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + AUDITOR);
        if (contentType != null) b.header("Content-Type", contentType);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static ObjectNode school(int employees, int registered) {
        ObjectNode doc = Json.mapper().createObjectNode();
        ObjectNode org = doc.putObject("organization");
        org.put("name", "МКОУ «Мургукская СОШ»").put("kind", "general").put("region", "Республика Дагестан").put("municipality", "Сергокалинский район");
        doc.put("asOf", "2023-10-25");
        ObjectNode e = doc.putObject("headcount").putObject("employees");
        e.put("total", employees).put("registered", registered);
        return doc;
    }

    static JsonNode clause(JsonNode report, String decree, String clause) {
        for (JsonNode d : report.path("decrees")) {
            if (d.path("id").asText().equals(decree)) {
                for (JsonNode c : d.path("clauses")) if (c.path("clause").asText().equals(clause)) return c;
            }
        }
        throw new AssertionError("no clause " + decree + " " + clause + " in " + report);
    }

    static void assertNoInternals(HttpResponse<String> r) {
        assertFalse(r.body().contains("Exception"), r.body());
        assertFalse(r.body().contains("\tat "), r.body());
        assertFalse(r.body().contains("ru.edu.auditor"), r.body());
    }

    @Test
    void tokensAndRolesGuardEveryRouteButHealth() throws Exception {
        HttpResponse<String> none = get("/api/v1/decrees", null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(401, get("/api/v1/decrees", "wrong-token-0000000000").statusCode());
        assertEquals(403, get("/api/v1/rules/status", AUDITOR).statusCode());
        HttpResponse<String> status = get("/api/v1/rules/status", AUTHOR);
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(Json.mapper().readTree(status.body()).path("current").path("version").asText().startsWith("sha256:"));
        assertEquals(200, get("/health", null).statusCode());
    }

    @Test
    void healthNamesTheRulesVersion() throws Exception {
        HttpResponse<String> r = get("/health", null);
        assertEquals(200, r.statusCode());
        assertTrue(Json.mapper().readTree(r.body()).path("rulesVersion").asText().startsWith("sha256:"));
    }

    @Test
    void catalogHasExactlyTheClausesOfClausesMd() throws Exception {
        HttpResponse<String> r = get("/api/v1/decrees");
        assertEquals(200, r.statusCode());
        JsonNode decrees = Json.mapper().readTree(r.body()).path("decrees");
        Map<String, List<String>> got = new LinkedHashMap<>();
        for (JsonNode d : decrees) {
            List<String> ids = new ArrayList<>();
            for (JsonNode c : d.path("clauses")) {
                ids.add(c.path("id").asText());
                assertFalse(c.path("text").asText().isBlank(), "clause text missing: " + d.path("id") + " " + c.path("id"));
            }
            got.put(d.path("id").asText(), ids);
        }
        // the five decrees of CLAUSES.md keep exactly their clause ids; a decree added as files may stand beside them
        assertTrue(got.keySet().containsAll(CLAUSES.keySet()), got.keySet().toString());
        assertEquals(TestRules.decreeCount(), got.size());
        CLAUSES.forEach((id, ids) -> assertEquals(ids, got.get(id), id));
        HttpResponse<String> one = get("/api/v1/decrees/kesova-gora-oo-178-2023");
        assertEquals(200, one.statusCode());
        assertEquals("178", Json.mapper().readTree(one.body()).path("number").asText());
    }

    @Test
    void unknownDecreeAndRouteAreJson404() throws Exception {
        for (String path : List.of("/api/v1/decrees/no-such-decree", "/api/v1/nothing-here")) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), path);
            assertEquals(404, Json.mapper().readTree(r.body()).path("status").asInt());
        }
    }

    @Test
    void schemaIsServed() throws Exception {
        HttpResponse<String> r = get("/api/v1/schema");
        assertEquals(200, r.statusCode());
        JsonNode schema = Json.mapper().readTree(r.body());
        assertEquals(Set.of("organization", "asOf"), Set.copyOf(Json.mapper().convertValue(schema.path("required"), List.class)));
    }

    @Test
    void auditAnswersEveryDecreeWithCitationAndNumbers() throws Exception {
        HttpResponse<String> r = post("/api/v1/audits", "application/json", school(40, 38).toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = Json.mapper().readTree(r.body());
        assertEquals(TestRules.decreeCount(), report.path("decrees").size());
        assertEquals("2023-10-25", report.path("asOf").asText());
        JsonNode c = clause(report, "sergokala-adm-262-2023", "1.2");
        assertEquals("FAIL", c.path("status").asText());
        assertTrue(c.path("explanation").asText().contains("38 из 40 (95 %)"), c.toString());
        assertTrue(c.path("explanation").asText().contains("п. 1.2 Постановления"), c.toString());
        assertEquals("2023-10-20", c.path("deadline").asText());
        assertEquals(38, c.path("evidence").path("registered").asInt());
        assertEquals("NO_DATA", clause(report, "sergokala-adm-262-2023", "1.5").path("status").asText());
        assertEquals("non-compliant", report.path("status").asText());
    }

    @Test
    void invalidFactsListEveryProblemByPath() throws Exception {
        ObjectNode doc = school(40, 41);
        doc.put("asOf", "25.10.2023");
        ((ObjectNode) doc.path("organization")).remove("kind");
        doc.put("headcout", 1);
        ((ObjectNode) doc.path("headcount")).putObject("teachers").put("total", -1).put("registered", 0);
        HttpResponse<String> r = post("/api/v1/audits", "application/json", doc.toString());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        Set<String> paths = new TreeSet<>();
        Json.mapper().readTree(r.body()).path("errors").forEach(e -> paths.add(e.path("path").asText()));
        assertTrue(paths.containsAll(Set.of("$.asOf", "$.organization.kind", "$.headcout", "$.headcount.teachers.total")), paths.toString());
        assertNoInternals(r);

        HttpResponse<String> over = post("/api/v1/audits", "application/json", school(40, 41).toString());
        assertEquals(400, over.statusCode());
        assertTrue(over.body().contains("$.headcount.employees.registered"), over.body());
    }

    @Test
    void malformedJsonWrongTypeAndHugeBodiesAreRejected() throws Exception {
        HttpResponse<String> bad = post("/api/v1/audits", "application/json", "{\"organization\": {");
        assertEquals(400, bad.statusCode());
        assertNoInternals(bad);
        assertEquals(400, post("/api/v1/audits", "application/json", "[1,2]").statusCode());
        assertEquals(400, post("/api/v1/audits", "application/json", "").statusCode());
        assertEquals(415, post("/api/v1/audits", "text/plain", school(1, 1).toString()).statusCode());
        assertEquals(415, post("/api/v1/audits", null, school(1, 1).toString()).statusCode());
        // The server refuses on the declared length, before any body travels; a raw connection that sends only the
        // headers reads that answer deterministically (a client still pushing the body may see the connection closed).
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/audits HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + AUDITOR
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (ApiServer.MAX_BODY_BYTES + 10) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 413"), String.valueOf(status));
            boolean problemJson = false;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase().startsWith("content-type: application/problem+json")) problemJson = true;
            }
            assertTrue(problemJson, "413 is problem+json");
        }
    }

    @Test
    void concurrentAuditsNeverSeeEachOthersFacts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int total = 100 + i;
                int registered = 50 + i;
                Callable<String> call = () -> {
                    HttpResponse<String> r = post("/api/v1/audits", "application/json", school(total, registered).toString());
                    if (r.statusCode() != 200) return "status " + r.statusCode();
                    JsonNode c = clause(Json.mapper().readTree(r.body()), "sergokala-adm-262-2023", "1.2");
                    boolean own = c.path("evidence").path("total").asInt() == total && c.path("evidence").path("registered").asInt() == registered
                            && c.path("explanation").asText().contains(registered + " из " + total);
                    return own ? "ok" : "foreign facts in " + c;
                };
                results.add(pool.submit(call));
            }
            for (Future<String> f : results) assertEquals("ok", f.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
