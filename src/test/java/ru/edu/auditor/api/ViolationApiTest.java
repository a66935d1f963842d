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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;
import ru.edu.auditor.service.violations.ViolationsTest;

/**
 * The violations and remedy orders over the API, on both stores: listing with filters, a bad filter or body answered
 * in Russian with every problem by name, an order issued (201, Location) and read back as JSON, PDF and Word, an
 * unknown order a 404; every answer checked against the OpenAPI document.
 */
class ViolationApiTest {
    static final String TOKEN = "auditor-secret-0123456789";
    static final String OTHER = "sergokala-secret-0123456789";
    static final HttpClient http = ContractRecorder.client();

    static List<String> backends() { return TestStores.backends(); }

    private static HttpResponse<String> get(Javalin app, String path) throws Exception { return get(app, path, TOKEN); }

    private static HttpResponse<String> get(Javalin app, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> bytes(Javalin app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> post(Javalin app, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void violationsAndRemedyOrdersOverTheApi(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            LocalDate today = LocalDate.now();
            ViolationsTest.audit(repo, ViolationsTest.ORG, today.minusDays(40).toString(), "3.1", "FAIL");
            ViolationsTest.audit(repo, ViolationsTest.ORG, today.minusDays(20).toString(), Map.of("3.1", "FAIL", "3.2", "FAIL"), "non-compliant");
            ViolationsTest.audit(repo, ViolationsTest.ORG, today.minusDays(10).toString(), "3.2", "PASS");
            Javalin app = TestApi.start(repo, "anna:auditor:" + TOKEN + "\nivan:auditor[municipality=Сергокалинский район]:" + OTHER);
            try {
                JsonNode all = Json.mapper().readTree(get(app, "/api/v1/violations").body());
                assertEquals(2, all.path("violations").size(), all.toString());
                JsonNode open = Json.mapper().readTree(get(app, "/api/v1/violations?state=open&municipality=" + enc("Хасавюртовский район")).body());
                assertEquals(1, open.path("violations").size());
                assertEquals("3.1", open.path("violations").get(0).path("clause").asText());
                assertEquals("открыто", open.path("violations").get(0).path("stateText").asText());
                JsonNode closed = Json.mapper().readTree(get(app, "/api/v1/violations?state=closed&clause=3.2").body()).path("violations").get(0);
                assertEquals("fixed", closed.path("closure").asText());
                assertEquals("устранено: пункт выполнен", closed.path("closureText").asText());

                HttpResponse<String> bad = get(app, "/api/v1/violations?state=late&organization=");
                assertEquals(400, bad.statusCode());
                List<String> names = new ArrayList<>();
                Json.mapper().readTree(bad.body()).path("errors").forEach(e -> names.add(e.path("path").asText()));
                assertEquals(List.of("organization", "state"), names.stream().sorted().toList(), bad.body());

                HttpResponse<String> refused = post(app, "/api/v1/remedy-orders", "{\"organization\": \"" + ViolationsTest.ORG + "\", \"violations\": [{\"decree\": \""
                        + ViolationsTest.D47 + "\", \"clause\": \"3.2\"}], \"dueOn\": \"завтра\", \"signer\": {\"position\": \"Начальник\"}}");
                assertEquals(400, refused.statusCode());
                assertTrue(refused.body().contains("Предписание не выдано") && refused.body().contains("$.violations[0]")
                        && refused.body().contains("$.dueOn") && refused.body().contains("$.authority") && refused.body().contains("$.signer.name"), refused.body());

                String body = "{\"organization\": \"" + ViolationsTest.ORG + "\", \"violations\": [{\"decree\": \"" + ViolationsTest.D47 + "\", \"clause\": \"3.1\"}],"
                        + " \"dueOn\": \"" + today.plusDays(30) + "\", \"authority\": \"Управление образования\", \"signer\": {\"position\": \"Начальник\", \"name\": \"А. А. Алиев\"}}";
                HttpResponse<String> issued = post(app, "/api/v1/remedy-orders", body);
                assertEquals(201, issued.statusCode(), issued.body());
                JsonNode order = Json.mapper().readTree(issued.body());
                String id = order.path("id").asText();
                assertEquals(today.getYear() + "-1", id);
                assertEquals("/api/v1/remedy-orders/" + id, issued.headers().firstValue("Location").orElse(""));
                assertEquals(id, Json.mapper().readTree(get(app, "/api/v1/remedy-orders/" + id).body()).path("id").asText());
                assertEquals(1, Json.mapper().readTree(get(app, "/api/v1/remedy-orders?organization=" + ViolationsTest.ORG).body()).path("orders").size());
                HttpResponse<byte[]> pdf = bytes(app, "/api/v1/remedy-orders/" + id + ".pdf");
                assertEquals(200, pdf.statusCode());
                assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
                assertTrue(new String(pdf.body(), 0, 5).startsWith("%PDF"));
                HttpResponse<byte[]> docx = bytes(app, "/api/v1/remedy-orders/" + id + ".docx");
                assertEquals(200, docx.statusCode());
                assertTrue(docx.headers().firstValue("Content-Disposition").orElse("").contains("filename*=UTF-8''%D0%9F"), "«Предписание_…»");
                JsonNode ordered = Json.mapper().readTree(get(app, "/api/v1/violations?state=open").body()).path("violations").get(0);
                assertEquals(today.plusDays(30).toString(), ordered.path("dueOn").asText());
                assertFalse(ordered.path("overdue").asBoolean());
                // an auditor of another municipality: no violation, no order, and the order's address answers as if it did not exist
                assertEquals(0, Json.mapper().readTree(get(app, "/api/v1/violations", OTHER).body()).path("violations").size());
                assertEquals(0, Json.mapper().readTree(get(app, "/api/v1/remedy-orders", OTHER).body()).path("orders").size());
                for (String hidden : List.of("/api/v1/remedy-orders/" + id, "/api/v1/remedy-orders/" + id + ".pdf")) {
                    assertEquals(404, get(app, hidden, OTHER).statusCode(), hidden);
                }
                HttpResponse<String> outside = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/remedy-orders"))
                        .header("Authorization", "Bearer " + OTHER).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, outside.statusCode(), "an organization outside the scope has no open violation to order");
                for (String missing : List.of("/api/v1/remedy-orders/2001-5", "/api/v1/remedy-orders/2001-5.pdf", "/api/v1/remedy-orders/abc.docx")) {
                    HttpResponse<String> r = get(app, missing);
                    assertEquals(404, r.statusCode(), missing);
                    assertTrue(r.body().contains("Нет предписания"), r.body());
                }
            } finally {
                app.stop();
            }
            b.passed();
        }
    }

    private static String enc(String s) { return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8); }
}
