package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 14, finding 4 on each store: a NUL character (PostgreSQL text cannot hold it) in a submitted name, a looked-up
 * id or key, or a roll-up parameter is a 4xx problem naming the field, never a 500.
 */
class NulOnStoresTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final HttpClient http = HttpClient.newHttpClient();

    static List<String> backends() { return TestStores.backends(); }

    @ParameterizedTest
    @MethodSource("backends")
    void nulIsRefusedOrNotFoundNeverA500(String backend) throws Exception {
        try (TestStores.Backend store = TestStores.open(backend)) {
            AuditRepository repo = store.repository();
            Javalin app = TestApi.start(repo, "anna:auditor:" + AUDITOR);
            try {
                String base = "http://127.0.0.1:" + app.port();
                String body = "{\"organization\":{\"id\":\"a\\u0000b\",\"name\":\"Школа\\u0000\",\"kind\":\"general\",\"municipality\":\"Район\\u0000\"},"
                        + "\"asOf\":\"2023-11-01\"}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits")).header("Authorization", "Bearer " + AUDITOR)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(List.of("$.organization.id", "$.organization.municipality", "$.organization.name"), problemPaths(r, 400));
                assertTrue(r.body().contains("нулевой символ (NUL)"), r.body());

                // Jetty itself may refuse a NUL in the path (400), or the route finds nothing (404): a problem, never a 500
                assertTrue(List.of(400, 404).contains(get(base, "/api/v1/audits/a%00b").statusCode()));
                assertTrue(List.of(400, 404).contains(get(base, "/api/v1/organizations/a%00b/audits").statusCode()));
                assertEquals(List.of("municipality"), problemPaths(get(base, "/api/v1/rollup?municipality=%D0%A0%00&asOf=2023-11-01"), 400));
                assertEquals(List.of("region"), problemPaths(get(base, "/api/v1/rollup?municipality=x&region=%00"), 400));
                store.passed();
            } finally {
                app.stop();
            }
        }
    }

    static HttpResponse<String> get(String base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + AUDITOR).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertTrue(r.statusCode() < 500, path + " → " + r.statusCode() + " " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), path + ": " + r.headers());
        assertFalse(r.body().contains("Exception") || r.body().contains("java."), r.body());
        return r;
    }

    static List<String> problemPaths(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode p = Json.mapper().readTree(r.body());
        List<String> paths = new ArrayList<>();
        p.path("errors").forEach(e -> paths.add(e.path("path").asText()));
        return paths;
    }
}
