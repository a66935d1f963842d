package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.SignInThrottle;
import ru.edu.auditor.service.access.Tokens;

/** Bearer tokens under guessing (issue 22 item 8): wrong tokens slowed per address with a Russian 429; /api/docs never framed. */
class TokenThrottleTest {
    static final String ANNA = "anna-secret-0123456789";
    static final String BORIS = "boris-secret-0123456789";
    static final HttpClient http = HttpClient.newHttpClient();
    static Javalin app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        Tokens tokens = Tokens.parse("anna:auditor:" + ANNA + ",boris:auditor:" + BORIS);
        app = ApiServer.create(new ApiServer.Services(new AuditService(holder), new RuleReloader(dir, holder), tokens)).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() { app.stop(); }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongTokensAreAnswered429WithRetryAfterWhileAKnownClientKeepsWorking() throws Exception {
        assertEquals(200, get("/api/v1/decrees", ANNA).statusCode(), "anna's script works from this address");
        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 200; i++) {
            last = get("/api/v1/decrees", "guess-" + i + "-000000000000");
            if (last.statusCode() == 429) refused++;
            else assertEquals(401, last.statusCode());
        }
        // the free failures, then one each time the growing wait (1 s, 2 s, 4 s…) has run out while the loop runs
        assertTrue(refused >= 200 - SignInThrottle.FREE_FAILURES - 6, "only the first few wrong tokens are even read: " + refused + " of 200 refused");
        assertEquals(429, last.statusCode());
        // guess on, slowly, until the wait has run out and one more guess is read: a fresh, longer wait starts now
        while (last.statusCode() == 429) {
            Thread.sleep(100);
            last = get("/api/v1/decrees", "guess-late-000000000000");
        }
        assertEquals(401, last.statusCode());
        last = get("/api/v1/decrees", "guess-after-000000000000");
        assertEquals(429, last.statusCode());
        long retry = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= SignInThrottle.MAX_WAIT.toSeconds(), "Retry-After " + retry);
        JsonNode p = Json.mapper().readTree(last.body());
        assertEquals(429, p.path("status").asInt());
        assertTrue(p.path("detail").asText().contains("Повторите через"), last.body());
        assertEquals(429, get("/api/v1/decrees", BORIS).statusCode(), "a token never used from here waits like a guess");
        assertEquals(200, get("/api/v1/decrees", ANNA).statusCode(), "the known client is not shut out");
        assertEquals(401, get("/api/v1/decrees", null).statusCode(), "no token at all is not a guess");
    }

    @Test
    void apiDocsAreNeverFramed() throws Exception {
        HttpResponse<String> docs = get("/api/docs", null);
        assertEquals(200, docs.statusCode());
        assertEquals("DENY", docs.headers().firstValue("X-Frame-Options").orElseThrow());
        assertTrue(docs.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
    }
}
