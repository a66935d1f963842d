package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 22, finding 8: input is decoded strictly — an overlong UTF-8 form, a lone surrogate, a property given twice
 * and a number that underflows to 0 are each a Russian 400 naming the place, for one audit and for a batch line;
 * nothing is silently decoded to something else, kept as the last value or read as 0.
 */
class StrictInputTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final String FIXTURE = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";
    static final HttpClient http = HttpClient.newHttpClient();
    static TestStores.Backend store;
    static Javalin app;
    static String base;
    static String facts;

    @BeforeAll
    static void start() throws Exception {
        store = TestStores.open("sqlite");
        app = TestApi.start(store.repository(), "anna:auditor:" + AUDITOR);
        base = "http://127.0.0.1:" + app.port();
        facts = Json.mapper().writeValueAsString(Json.mapper().readTree(Files.readAllBytes(Path.of(FIXTURE))).path("facts"));
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        store.close();
    }

    static HttpResponse<String> audit(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits")).header("Authorization", "Bearer " + AUDITOR)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode refused(HttpResponse<String> r) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("Duplicate") || r.body().contains("java."), r.body());
        return Json.mapper().readTree(r.body());
    }

    static List<String> paths(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.path("path").asText()));
        return out;
    }

    /** The fixture's facts with the organization's name written as the given raw bytes. */
    static byte[] withName(byte[] name) throws Exception {
        String marker = "\"name\":\"Сергокалинская СОШ № 1\"";
        assertTrue(facts.contains(marker));
        String[] parts = facts.split(java.util.regex.Pattern.quote(marker), 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(parts[0].getBytes(StandardCharsets.UTF_8));
        out.write("\"name\":\"".getBytes(StandardCharsets.UTF_8));
        out.write(name);
        out.write('"');
        out.write(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void anOverlongUtf8FormIsRefusedWithItsPlaceNotDecodedToASlash() throws Exception {
        byte[] name = {'a', (byte) 0xC0, (byte) 0xAF, 'b'};
        JsonNode p = refused(audit(withName(name)));
        assertTrue(p.path("detail").asText().contains("не в кодировке UTF-8") && p.path("detail").asText().contains("C0 AF")
                && p.path("detail").asText().contains("строка 1, столбец"), p.toString());
        // a surrogate encoded in UTF-8 (CESU) is no better
        assertTrue(refused(audit(withName(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))).path("detail").asText().contains("ED A0 80"));
    }

    @Test
    void aLoneSurrogateNeverReachesTheOrganizationKey() throws Exception {
        String body = facts.replaceFirst("\"organization\":\\{", "\"organization\":{\"id\":\"\\\\ud800x\",");
        JsonNode p = refused(audit(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("$.organization.id"), paths(p), p.toString());
        assertTrue(p.toString().contains("суррогатной пары"), p.toString());
        // a proper pair (an emoji written as two escapes) is text like any other
        String pair = facts.replace("Сергокалинская СОШ № 1", "Школа \\ud83d\\ude00");
        assertEquals(200, audit(pair.getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    void aPropertyGivenTwiceIsRefusedByName() throws Exception {
        String body = facts.replace("\"name\":\"Сергокалинская СОШ № 1\"", "\"name\":\"Другая школа\",\"name\":\"Сергокалинская СОШ № 1\"");
        JsonNode p = refused(audit(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("$.organization.name"), paths(p), p.toString());
        assertTrue(p.path("detail").asText().contains("указано дважды"), p.toString());
    }

    @Test
    void aNumberThatUnderflowsIsRefusedNotReadAsZero() throws Exception {
        String body = facts.replace("\"registered\":455", "\"registered\":1e-400");
        assertTrue(body.contains("1e-400"));
        JsonNode p = refused(audit(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("$.headcount.students.registered"), paths(p), p.toString());
        assertTrue(p.toString().contains("слишком близко к нулю"), p.toString());
    }

    @Test
    void aBatchLineIsReadAsStrictlyAsOneAudit() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(withName(new byte[] {(byte) 0xC0, (byte) 0xAF}));
        body.write('\n');
        body.write(facts.replace("\"registered\":455", "\"registered\":455,\"registered\":1").getBytes(StandardCharsets.UTF_8));
        body.write('\n');
        body.write(facts.replace("\"registered\":455", "\"registered\":-1e-400").getBytes(StandardCharsets.UTF_8));
        body.write('\n');
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits/batch")).header("Authorization", "Bearer " + AUDITOR)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        List<String> invalid = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            JsonNode n = Json.mapper().readTree(line);
            if (n.has("errors")) invalid.add(n.path("errors").get(0).path("path").asText() + " " + n.path("errors").get(0).path("message").asText());
        }
        assertEquals(3, invalid.size(), r.body());
        assertTrue(invalid.get(0).startsWith("$ ") && invalid.get(0).contains("UTF-8"), invalid.toString());
        assertTrue(invalid.get(1).startsWith("$.headcount.students.registered ") && invalid.get(1).contains("дважды"), invalid.toString());
        assertTrue(invalid.get(2).startsWith("$.headcount.students.registered ") && invalid.get(2).contains("близко к нулю"), invalid.toString());
    }
}
