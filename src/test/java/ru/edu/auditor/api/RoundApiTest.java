package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Scope;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Tokens.Principal;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Monitoring rounds over the API, answers checked against the OpenAPI document: a bad round is refused with every field
 * named; a school answers its own round (201 with the version and report), not another school's (404) nor a
 * round of another district; an auditor of another municipality sees no round (404); a closed round refuses (409).
 */
class RoundApiTest {
    static final String AUDITOR = "round-auditor-secret-0123456789";
    static final String OTHER = "round-other-secret-0123456789";
    static final String SCHOOL = "round-school-secret-0123456789";
    static final String FIXTURE = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";
    static final HttpClient http = ContractRecorder.client();

    @Test
    @Timeout(120)
    void roundsOverTheApi() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        Javalin app = null;
        try (TestStores.Backend store = TestStores.open("sqlite")) {
            AuditRepository repo = store.repository();
            AuditService audits = new AuditService(holder, repo);
            Map<String, String> keys = new LinkedHashMap<>();
            for (String name : List.of("Сергокалинская СОШ № 1", "Сергокалинская СОШ № 2")) {
                ObjectNode f = (ObjectNode) Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
                ((ObjectNode) f.path("organization")).put("name", name);
                keys.put(name, audits.audit(f, new Principal("admin", Role.admin)).report().organizationKey());
            }
            Map<String, Principal> bySecret = new LinkedHashMap<>();
            bySecret.put(AUDITOR, new Principal("Иванова", Role.auditor, new Scope.Municipality("Сергокалинский район")));
            bySecret.put(OTHER, new Principal("Петров", Role.auditor, new Scope.Municipality("Кесовогорский район")));
            bySecret.put(SCHOOL, new Principal("СОШ № 1", Role.school, new Scope.Organization(keys.get("Сергокалинская СОШ № 1"))));
            app = ApiServer.create(new ApiServer.Services(audits, new RuleReloader(dir, holder), Tokens.of(bySecret), new HistoryQueries(repo, holder)))
                    .start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port();

            HttpResponse<String> bad = send(base, "POST", "/api/v1/rounds", AUDITOR, "{\"name\": \"\", \"cadence\": \"day\", \"periodFrom\": \"2023-13-01\","
                    + " \"municipality\": \"Сергокалинский район\", \"source\": \"municipality\"}");
            assertEquals(400, bad.statusCode(), bad.body());
            List<String> paths = Json.mapper().readTree(bad.body()).path("errors").findValuesAsText("path");
            assertEquals(List.of("$.periodFrom"), paths, bad.body());
            bad = send(base, "POST", "/api/v1/rounds", AUDITOR, "{\"name\": \"\", \"cadence\": \"day\", \"municipality\": \"Сергокалинский район\","
                    + " \"source\": \"municipality\"}");
            assertEquals(List.of("$.name", "$.cadence", "$.periodFrom", "$.dueOn"), Json.mapper().readTree(bad.body()).path("errors").findValuesAsText("path"),
                    bad.body());

            HttpResponse<String> opened = send(base, "POST", "/api/v1/rounds", AUDITOR, "{\"name\": \"Еженедельный мониторинг\", \"cadence\": \"week\","
                    + " \"periodFrom\": \"2023-11-20\", \"dueOn\": \"2023-11-27\", \"municipality\": \"МР «Сергокалинский район»\", \"source\": \"municipality\","
                    + " \"kinds\": [\"general\"]}");
            assertEquals(201, opened.statusCode(), opened.body());
            JsonNode board = Json.mapper().readTree(opened.body());
            String id = board.path("id").asText();
            assertEquals(2, board.path("asked").asInt());
            assertEquals(404, send(base, "GET", "/api/v1/rounds/" + id, OTHER, null).statusCode(), "another municipality's auditor sees no round");
            assertEquals(0, Json.mapper().readTree(send(base, "GET", "/api/v1/rounds", OTHER, null).body()).path("rounds").size());

            ObjectNode facts = (ObjectNode) Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
            ((ObjectNode) facts.path("organization")).put("name", "Сергокалинская СОШ № 1");
            facts.put("asOf", "2023-11-26");
            facts.putObject("period").put("from", "2023-11-20").put("to", "2023-11-26");
            String own = "/api/v1/rounds/" + id + "/answers/" + enc(keys.get("Сергокалинская СОШ № 1"));
            HttpResponse<String> answered = send(base, "POST", own, SCHOOL, facts.toString());
            assertEquals(201, answered.statusCode(), answered.body());
            assertEquals(1, Json.mapper().readTree(answered.body()).path("version").asInt());
            assertEquals(404, send(base, "POST", "/api/v1/rounds/" + id + "/answers/" + enc(keys.get("Сергокалинская СОШ № 2")), SCHOOL,
                    facts.toString()).statusCode(), "another school's answer");
            assertEquals(1, Json.mapper().readTree(send(base, "GET", "/api/v1/rounds/" + id + "/answers", SCHOOL, null).body()).path("answers").size());
            assertEquals(200, send(base, "POST", "/api/v1/rounds/" + id + "/close", AUDITOR, null).statusCode());
            HttpResponse<String> closed = send(base, "POST", own, SCHOOL, facts.toString());
            assertEquals(409, closed.statusCode(), closed.body());
            assertTrue(closed.body().contains("закрыт"), closed.body());
            store.passed();
        } finally {
            if (app != null) app.stop();
        }
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    static HttpResponse<String> send(String base, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
