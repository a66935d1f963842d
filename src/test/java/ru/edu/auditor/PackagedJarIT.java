package ru.edu.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.facts.Json;

/**
 * The shaded jar as a user runs it: started from an empty directory (so it must use the rules bundled in
 * the jar and Drools' merged service files), it answers /health and audits a fixture with its expected verdicts.
 */
class PackagedJarIT {
    @Test
    void shadedJarServesAuditsOnEmbeddedDefaults() throws Exception {
        Path jar = Path.of("target", "decree-auditor.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "package the jar first: " + jar);
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        Path emptyDir = Files.createTempDirectory("auditor-it-");
        Path log = emptyDir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--port", String.valueOf(port))
                .directory(emptyDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("AUDITOR_DB_URL");
        Process p = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            waitForHealth(http, base, p, log);
            assertStartLogIsRussian(log, port, emptyDir);
            List<Fixture> fixtures = FixtureRunner.load(Path.of("fixtures"));
            Fixture fx = fixtures.get(0);
            // no tokens configured: the server generated an admin token into ./data, as the README tells
            String token = Files.readString(emptyDir.resolve("data").resolve("admin.token")).strip();
            assertTrue(Files.exists(emptyDir.resolve("data").resolve("auditor.db")), "the audit store is created as ./data/auditor.db on first start");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(fx.facts().toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode report = Json.mapper().readTree(r.body());
            assertEquals(TestRules.decreeCount(), report.path("decrees").size());
            assertTrue(report.path("errors").isEmpty(), r.body());
            List<FixtureRunner.Check> expected = FixtureRunner.run(fx, ru.edu.auditor.engine.RuleSet.load(Path.of("rules")));
            for (FixtureRunner.Check c : expected) {
                if (c.clause().equals("*") || c.clause().equals("-")) continue;
                assertEquals(c.expected(), clauseStatus(report, c.decree(), c.clause()), c.decree() + " п. " + c.clause());
            }
            // the workspace is served by the same jar, offline: its sign-in page, style sheet and htmx come from the jar
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode());
            assertTrue(login.body().contains("Вход в аудитор"), login.body());
            for (String asset : List.of("/static/htmx.min.js", "/static/app.css")) {
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + asset)).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), asset);
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static String clauseStatus(JsonNode report, String decree, String clause) {
        for (JsonNode d : report.path("decrees")) {
            if (!d.path("id").asText().equals(decree)) continue;
            for (JsonNode c : d.path("clauses")) if (c.path("clause").asText().equals(clause)) return c.path("status").asText();
        }
        return null;
    }

    /**
     * What an operator reads at start, up to the line that says where the token is: where the data lives, which rules
     * serve, the address, the workspace and the token — each line the auditor's own and in Russian; the libraries'
     * start-up chatter (Javalin, Jetty, HikariCP, Flyway) is not there.
     */
    static void assertStartLogIsRussian(Path log, int port, Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.readString(log).contains("Токен API") && System.nanoTime() < deadline) Thread.sleep(100);
        List<String> lines = Files.readAllLines(log);
        int last = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("Токен API")) last = i;
        assertTrue(last >= 0, "the log says where the token is:\n" + String.join("\n", lines));
        List<String> start = lines.subList(0, last + 1);
        String text = String.join("\n", start);
        Path data = dir.resolve("data").toAbsolutePath();
        for (String expected : List.of("Данные: хранилище проверок — файл SQLite " + data.resolve("auditor.db"),
                "Аудитор слушает http://127.0.0.1:" + port + "; правила sha256:", "Рабочее место: откройте http://127.0.0.1:" + port + "/ в браузере",
                "Токен API (роль admin) — в файле " + data.resolve("admin.token"))) {
            assertTrue(text.contains(expected), "«" + expected + "» missing from the start of the log:\n" + text);
        }
        for (String line : start) {
            assertTrue(line.matches("\\[main] (INFO|WARN) ru\\.edu\\.auditor\\.[\\w.]+ - .*\\p{IsCyrillic}.*"), "not the auditor's Russian line: " + line);
        }
    }

    static void waitForHealth(HttpClient http, String base, Process p, Path log) throws Exception {
        // generous: this checks that the jar starts, not how fast (start-up time is measured by ./auditor bench);
        // on a loaded two-core machine compiling the rules alone has taken over a minute
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("server exited: " + Files.readString(log));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("server did not become healthy: " + Files.readString(log));
    }
}
