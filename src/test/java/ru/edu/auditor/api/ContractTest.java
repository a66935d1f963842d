package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.TestStores;

/**
 * The OpenAPI document covers the server: every /api/v1 route registered in Javalin (with a store, so every
 * route is there) has an entry for its method, and every entry is a route; the document is served and
 * Swagger UI comes from the jar.
 */
class ContractTest {
    /**
     * No key of the document is empty: a flow-mapping description with a comma and no quotes ({@code {description: a, b}})
     * is cut at the comma, and the rest becomes a key of its own — a truncated description and an unknown schema keyword.
     */
    @Test
    void noDescriptionOfTheDocumentIsCutAtAComma() {
        List<String> empty = new ArrayList<>();
        collectEmpty(OpenApi.document(), "", empty);
        assertEquals(List.of(), empty);
    }

    private static void collectEmpty(JsonNode n, String at, List<String> out) {
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) out.add(at + "/" + e.getKey());
            collectEmpty(e.getValue(), at + "/" + e.getKey(), out);
        });
        for (int i = 0; n.isArray() && i < n.size(); i++) collectEmpty(n.get(i), at + "/" + i, out);
    }

    @Test
    void everyApiRouteHasAnEntryAndEveryEntryARoute() throws Exception {
        RulesHolder holder = new RulesHolder(RuleSet.load(Path.of("rules")));
        try (TestStores.Backend store = TestStores.open("sqlite")) {
            Javalin app = ApiServer.create(new ApiServer.Services(new AuditService(holder, store.repository()), new RuleReloader(Path.of("rules"), holder),
                    Tokens.parse("anna:auditor:auditor-secret-0123456789").withAccounts(new ru.edu.auditor.service.access.Accounts(store.repository(),
                            new ru.edu.auditor.service.access.Passwords()), new ru.edu.auditor.service.access.PersonalTokens(store.repository())),
                    new HistoryQueries(store.repository(), holder)));
            JsonNode doc = OpenApi.document();
            TreeSet<String> routes = new TreeSet<>();
            for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
                if (e.endpoint.path.startsWith("/api/v1/") && e.endpoint.method != HandlerType.HEAD) {
                    routes.add(e.endpoint.method.name() + " " + e.endpoint.path);
                }
            }
            TreeSet<String> documented = new TreeSet<>();
            doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(m)) documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }));
            List<String> missing = new ArrayList<>(routes);
            missing.removeAll(documented);
            assertEquals(List.of(), missing, "routes without an entry in src/main/resources/openapi/openapi.yaml (see docs/replay.md, «Контракт API»)");
            List<String> stale = new ArrayList<>(documented);
            stale.removeAll(routes);
            assertEquals(List.of(), stale, "entries of the document that are no route of the server");
            for (String op : documented) {
                String[] mp = op.split(" ", 2);
                JsonNode o = doc.path("paths").path(mp[1]).path(mp[0].toLowerCase(Locale.ROOT));
                assertTrue(o.has("x-role") && o.path("responses").size() > 0, op + ": role (x-role) and responses are required");
            }

            app.start("127.0.0.1", 0);
            try {
                HttpClient http = ContractRecorder.client();
                String base = "http://127.0.0.1:" + app.port();
                HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, served.statusCode());
                JsonNode body = Json.mapper().readTree(served.body());
                assertEquals("3.1.0", body.path("openapi").asText());
                assertTrue(body.at("/components/schemas/AuditFacts/properties").has("organization"), "the facts schema is in the document");
                HttpResponse<String> ui = http.send(HttpRequest.newBuilder(URI.create(base + "/api/docs")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ui.statusCode());
                assertTrue(ui.body().contains("/api/docs/swagger-ui-bundle.js") && !ui.body().contains("http"), "no CDN: " + ui.body());
                HttpResponse<byte[]> js = http.send(HttpRequest.newBuilder(URI.create(base + "/api/docs/swagger-ui-bundle.js")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, js.statusCode());
                assertTrue(js.body().length > 100_000, "the bundle comes from the webjar");
                assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/docs/pom.xml")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode());
                // a violation is caught: an answer the document does not declare
                assertTrue(!ContractRecorder.violations("GET", "/api/v1/decrees", 200, "application/json", "{\"decrees\": 5}").isEmpty());
                assertTrue(!ContractRecorder.violations("GET", "/api/v1/decrees", 418, "application/json", "{}").isEmpty());
                assertTrue(!ContractRecorder.violations("GET", "/api/v1/not-a-route", 200, "application/json", "{}").isEmpty());
            } finally {
                app.stop();
            }
        }
    }
}
