package ru.edu.auditor.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.store.StoreSetup;

/**
 * The server serve builds is the one the benchmark and the tests build: API and workspace on one port, over the
 * configured store (rules archived at start, audits kept) — and, only when asked for explicitly, without a store.
 */
class ServerAssemblyTest {
    static final Path RULES = Path.of("rules");
    static final String SECRET = "assembly-secret-0123456789";
    static final HttpClient http = HttpClient.newHttpClient();
    static RuleSet rules;
    static JsonNode facts;
    @TempDir Path tmp;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleSet.load(RULES);
        try (var dirs = Files.list(Path.of("fixtures"))) {
            facts = FixtureRunner.load(dirs.sorted().findFirst().orElseThrow()).get(0).facts();
        }
    }

    @Test
    void theConfiguredStoreKeepsAuditsAndTheRulesAndTheWorkspaceIsServed() throws Exception {
        Path data = tmp.resolve("data");
        String decisionId;
        try (ServerAssembly server = ServerAssembly.build(new ServerAssembly.Options(RULES, rules, tokens(),
                ServerAssembly.Storage.configured(null, data, Map.of()), false))) {
            Javalin app = server.start("127.0.0.1", 0);
            assertWorkspace(app);
            HttpResponse<String> audit = postAudit(app);
            assertEquals(200, audit.statusCode(), audit.body());
            decisionId = Json.mapper().readTree(audit.body()).path("decisionId").asText();
            assertEquals(200, get(app, "/api/v1/audits/" + decisionId).statusCode());
        }
        // closed: the store is released, and holds what the server kept — the audit and its rules, archived at start
        StoreSetup.Opened again = StoreSetup.open(null, data, Map.of(), false);
        try {
            assertTrue(again.repository().rulesArchive().find(rules.version()).isPresent(), "the live rules are archived at start, as serve does");
            assertEquals(1, again.repository().count());
        } finally {
            again.database().close();
        }
    }

    @Test
    void withoutAStoreAuditsAreAnsweredAndNothingIsKept() throws Exception {
        try (ServerAssembly server = ServerAssembly.build(ServerAssembly.Options.withoutStore(RULES, rules, tokens()))) {
            Javalin app = server.start("127.0.0.1", 0);
            assertWorkspace(app);
            HttpResponse<String> audit = postAudit(app);
            assertEquals(200, audit.statusCode(), audit.body());
            String decisionId = Json.mapper().readTree(audit.body()).path("decisionId").asText();
            assertEquals(404, get(app, "/api/v1/audits/" + decisionId).statusCode(), "no store, no history routes");
            assertEquals(null, server.history());
        }
    }

    private static Tokens tokens() { return Tokens.parse("anna:auditor:" + SECRET); }

    /** The workspace is on the same server as the API: its sign-in page answers in Russian. */
    private static void assertWorkspace(Javalin app) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        assertTrue(login.headers().firstValue("Content-Type").orElse("").startsWith("text/html") && login.body().contains("Вход"), login.body());
    }

    private static HttpResponse<String> postAudit(Javalin app) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/audits"))
                .header("Authorization", "Bearer " + SECRET).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(facts.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(Javalin app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + SECRET).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
