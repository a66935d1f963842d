package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 14, finding 5: a client that stops reading a streamed batch and goes away still recovers, by the batch id of
 * the first line, the totals and the decision id of every audit that was stored, and every invalid line's errors.
 */
class BatchJournalTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    /** Lines in the batch: enough that the client leaves long before the end (sized for a loaded two-core machine). */
    static final int LINES = 240;
    /** Records the client reads (the batch id line included) before it stops reading. */
    static final int READ_BEFORE_LEAVING = 4;
    static final HttpClient http = ContractRecorder.client();

    static List<String> backends() { return TestStores.backends(); }

    @ParameterizedTest
    @MethodSource("backends")
    void aClientThatStopsReadingRecoversEveryStoredDecisionFromTheJournal(String backend) throws Exception {
        try (TestStores.Backend store = TestStores.open(backend)) {
            AuditRepository repo = store.repository();
            Javalin app = TestApi.start(repo, "anna:auditor:" + AUDITOR);
            try {
                List<String> docs = new ArrayList<>();
                try (var dirs = Files.list(Path.of("fixtures"))) {
                    for (Path d : dirs.sorted().toList()) for (Fixture f : FixtureRunner.load(d)) docs.add(f.facts().toString());
                }
                StringBuilder body = new StringBuilder();
                int invalidLines = 0;
                for (int i = 0; i < LINES; i++) {
                    if (i % 10 == 7) {
                        body.append("{\"organization\":{\"name\":\"x\"}}\n");
                        invalidLines++;
                    } else {
                        body.append(docs.get(i % docs.size())).append('\n');
                    }
                }
                byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                String batchId;
                List<String> received = new ArrayList<>();
                try (Socket s = new Socket("127.0.0.1", app.port())) {
                    OutputStream out = s.getOutputStream();
                    Thread sender = new Thread(() -> {
                        try {
                            out.write(("POST /api/v1/audits/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + AUDITOR
                                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                            out.write(bytes);
                            out.flush();
                        } catch (Exception closedUnderIt) { // the client leaves while sending: expected
                        }
                    });
                    sender.setDaemon(true);
                    sender.start();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    String line;
                    while (!(line = in.readLine()).isEmpty()) { } // status line and headers
                    while (received.size() < READ_BEFORE_LEAVING) {
                        line = in.readLine();
                        if (line.matches("[0-9a-fA-F]+")) continue; // chunk sizes
                        if (!line.isBlank()) received.add(line);
                    }
                    batchId = Json.mapper().readTree(received.get(0)).path("batch").path("id").asText();
                    assertFalse(batchId.isBlank(), received.get(0));
                    Thread.sleep(500); // stops reading for a while, then goes away without reading the rest
                }
                JsonNode summary = null;
                long deadline = System.currentTimeMillis() + 120_000;
                while (System.currentTimeMillis() < deadline) {
                    HttpResponse<String> r = get(app, "/api/v1/audits/batch/" + batchId);
                    assertEquals(200, r.statusCode(), r.body());
                    summary = Json.mapper().readTree(r.body());
                    if (summary.path("finished").asBoolean()) break;
                    Thread.sleep(200);
                }
                assertTrue(summary.path("finished").asBoolean(), "the batch journal never finished: " + summary);

                HttpResponse<String> lines = get(app, "/api/v1/audits/batch/" + batchId + "/lines");
                assertEquals(200, lines.statusCode(), lines.body());
                Set<String> journaled = new HashSet<>();
                int invalid = 0;
                for (String l : lines.body().split("\n")) {
                    JsonNode rec = Json.mapper().readTree(l);
                    if (rec.has("decisionId")) journaled.add(rec.path("decisionId").asText());
                    if ("invalid".equals(rec.path("status").asText())) {
                        invalid++;
                        assertTrue(rec.path("errors").get(0).path("path").asText().startsWith("$"), l);
                    }
                }
                Set<String> storedIds = new HashSet<>();
                try (Connection c = store.db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT decision_id FROM audit")) {
                    while (rs.next()) storedIds.add(rs.getString(1));
                }
                System.out.printf("BatchJournalTest (%s): %d lines sent, %d records read by the client before it left, %d audits stored, "
                        + "%d decision ids in the journal, %d invalid lines journaled; summary %s%n", backend, LINES, received.size() - 1,
                        storedIds.size(), journaled.size(), invalid, summary);
                assertFalse(storedIds.isEmpty(), "nothing was stored: the test proves nothing");
                assertEquals(storedIds, journaled, "every stored audit's decision id is in the journal, and nothing else");
                assertEquals(storedIds.size(), summary.path("stored").asLong());
                for (String rec : received.subList(1, received.size())) {
                    JsonNode r = Json.mapper().readTree(rec);
                    if (r.has("decisionId")) assertTrue(journaled.contains(r.path("decisionId").asText()), rec);
                }
                assertTrue(invalid <= invalidLines);
                HttpResponse<String> unknown = get(app, "/api/v1/audits/batch/no-such-batch");
                assertEquals(404, unknown.statusCode());
                assertTrue(unknown.body().contains("Нет пакетной проверки"), unknown.body());
                store.passed();
            } finally {
                app.stop();
            }
        }
    }

    static HttpResponse<String> get(Javalin app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + AUDITOR)
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
