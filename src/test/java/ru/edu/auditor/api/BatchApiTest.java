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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.tools.generate.FactsGenerator;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;

/** POST /api/v1/audits/batch: one record per non-blank line, in order, bad lines included, then the summary. */
class BatchApiTest {
    static Javalin app;
    static String base;
    static RuleSet rules;
    static final HttpClient http = ContractRecorder.client();
    static final String AUDITOR = "auditor-secret-0123456789";

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("rules");
        rules = RuleSet.load(dir);
        RulesHolder holder = new RulesHolder(rules);
        app = ApiServer.create(new ApiServer.Services(new AuditService(holder), new RuleReloader(dir, holder),
                Tokens.parse("anna:auditor:" + AUDITOR))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() { app.stop(); }

    static HttpResponse<String> batch(String query, String contentType, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/audits/batch" + query))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<JsonNode> records(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) out.add(Json.mapper().readTree(line));
        return out;
    }

    static String fixtureFacts(int i) throws Exception {
        return FixtureRunner.load(Path.of("fixtures")).get(i).facts().toString();
    }

    @Test
    void everyLineGetsItsRecordInOrderIncludingBadAndBlankLines() throws Exception {
        String good1 = fixtureFacts(0);
        String good2 = fixtureFacts(5);
        String invalidFacts = "{\"organization\": {\"name\": \"МКОУ «Мургукская СОШ»\", \"kind\": \"general\"}, \"asOf\": \"25.10.2023\", \"headcout\": 1}";
        String tooLong = "{\"pad\": \"" + "x".repeat(ApiServer.MAX_BODY_BYTES + 10) + "\"}";
        String body = String.join("\n", good1, "{\"organization\": {", "", invalidFacts, "   ", "[1, 2]", tooLong, good2) + "\n";
        HttpResponse<String> r = batch("", "application/x-ndjson", body, AUDITOR);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        List<JsonNode> out = records(r.body());
        assertEquals(7, out.size(), r.body()); // 6 non-blank lines + the summary

        List<Integer> lines = out.subList(0, 6).stream().map(n -> n.path("line").asInt()).toList();
        assertEquals(List.of(1, 2, 4, 6, 7, 8), lines, "numbers are the physical line numbers; blank lines 3 and 5 have no record");
        List<String> statuses = out.subList(0, 6).stream().map(n -> n.path("status").asText()).toList();
        assertEquals(List.of("audited", "invalid", "invalid", "invalid", "invalid", "audited"), statuses);

        JsonNode first = out.get(0);
        assertFalse(first.path("decisionId").asText().isBlank());
        assertEquals(Json.mapper().readTree(good1).path("organization").path("name").asText(), first.path("organization").path("name").asText());
        assertTrue(Set.of("compliant", "non-compliant", "incomplete", "pending", "not-applicable", "error").contains(first.path("overallStatus").asText()), first.toString());
        assertEquals(TestRules.decreeCount(), first.path("decrees").size());
        assertEquals("malformed-json", out.get(1).path("errors").get(0).path("code").asText());
        Set<String> paths = new HashSet<>();
        out.get(2).path("errors").forEach(e -> paths.add(e.path("path").asText()));
        assertTrue(paths.containsAll(Set.of("$.asOf", "$.headcout", "$.organization.municipality")), paths.toString());
        assertEquals("type", out.get(3).path("errors").get(0).path("code").asText());
        assertEquals("line-too-long", out.get(4).path("errors").get(0).path("code").asText());

        JsonNode summary = out.get(6).path("summary");
        assertEquals(8, summary.path("lines").asInt());
        assertEquals(2, summary.path("blank").asInt());
        assertEquals(2, summary.path("audited").asInt());
        assertEquals(4, summary.path("invalid").asInt());
        assertEquals(0, summary.path("stored").asInt());
        assertFalse(r.body().contains("Exception"), "no internals in the answer");
    }

    @Test
    void aBatchFarLargerThanTheSingleAuditLimitStreamsThroughInOrder() throws Exception {
        FactsGenerator gen = new FactsGenerator(11, rules);
        String body = gen.ndjson(180);
        assertTrue(body.length() > ApiServer.MAX_BODY_BYTES, "the batch is bigger than one request body may be: " + body.length());
        HttpResponse<String> r = batch("", "application/x-ndjson; charset=utf-8", body, AUDITOR);
        assertEquals(200, r.statusCode());
        List<JsonNode> out = records(r.body());
        assertEquals(181, out.size());
        for (int i = 1; i <= 180; i++) {
            JsonNode rec = out.get(i - 1);
            assertEquals(i, rec.path("line").asInt());
            assertEquals("audited", rec.path("status").asText(), rec.toString());
            assertEquals(gen.document(i).path("organization").path("id").asText(), rec.path("organization").path("id").asText());
        }
        assertEquals(180, out.get(180).path("summary").path("audited").asInt());
    }

    @Test
    void fullReportsOnRequest() throws Exception {
        HttpResponse<String> r = batch("?report=full", "application/x-ndjson", fixtureFacts(0) + "\n", AUDITOR);
        assertEquals(200, r.statusCode());
        JsonNode rec = records(r.body()).get(0);
        assertEquals(TestRules.decreeCount(), rec.path("report").path("decrees").size());
        assertEquals(rec.path("decisionId").asText(), rec.path("report").path("decisionId").asText());
        assertEquals(400, batch("?report=everything", "application/x-ndjson", fixtureFacts(0), AUDITOR).statusCode());
    }

    @Test
    void needsATokenAndNdjson() throws Exception {
        assertEquals(401, batch("", "application/x-ndjson", "{}\n", null).statusCode());
        HttpResponse<String> wrongType = batch("", "application/json", "{}\n", AUDITOR);
        assertEquals(415, wrongType.statusCode());
        assertTrue(wrongType.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(415, batch("", null, "{}\n", AUDITOR).statusCode());
    }

    @Test
    void anEmptyBatchAnswersOnlyTheSummary() throws Exception {
        HttpResponse<String> r = batch("", "application/x-ndjson", "", AUDITOR);
        assertEquals(200, r.statusCode());
        List<JsonNode> out = records(r.body());
        assertEquals(1, out.size());
        assertEquals(0, out.get(0).path("summary").path("lines").asInt());
    }
}
