package ru.edu.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.store.TestStores;

/**
 * Two instances on one PostgreSQL: two processes of the packaged jar serve on one database schema; an audit stored
 * through one is the history of the next audit through the other (and back), each report names its rules version,
 * either instance answers for audits stored through the other, and concurrent audits through both are all kept.
 * Runs when there is a PostgreSQL (AUDITOR_TEST_PG_URL, or the local one TestStores finds); skipped, with the reason, otherwise.
 */
class TwoInstancesIT {
    static final String TOKEN = "it-two-instances-0123456789";
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void twoInstancesShareOneHistory() throws Exception {
        String pg = TestStores.requirePg();
        Path jar = Path.of("target", "decree-auditor.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "package the jar first: " + jar);
        String schema = "auditor_two_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        Path work = Files.createTempDirectory("auditor-two-instances-");
        String url = TestStores.withSchema(pg, schema);
        int portA = freePort();
        int portB = freePort();
        Process a = start(jar, work, url, portA, "a");
        Process b = start(jar, work, url, portB, "b");
        try {
            String baseA = "http://127.0.0.1:" + portA;
            String baseB = "http://127.0.0.1:" + portB;
            PackagedJarIT.waitForHealth(http, baseA, a, work.resolve("a.log"));
            PackagedJarIT.waitForHealth(http, baseB, b, work.resolve("b.log"));
            for (String base : List.of(baseA, baseB)) {
                JsonNode health = Json.mapper().readTree(get(base + "/health").body());
                assertEquals("postgresql", health.path("store").path("kind").asText(), health.toString());
                assertEquals("ok", health.path("store").path("status").asText(), health.toString());
            }

            LocalDate monday = LocalDate.of(2023, 10, 30);
            JsonNode week1 = audit(baseA, WeeklySchool.week("two-school", monday, 250, 17).toString());
            JsonNode week2 = audit(baseB, WeeklySchool.week("two-school", monday.plusWeeks(1), 240, 18).toString());
            JsonNode week3 = audit(baseA, WeeklySchool.week("two-school", monday.plusWeeks(2), 260, 19).toString());
            assertEquals(week1.path("decisionId").asText(), week2.path("history").path("previousIndicatorsFrom").asText(),
                    "the audit stored through A is the history of the next audit through B: " + week2.path("history"));
            assertEquals(week2.path("decisionId").asText(), week3.path("history").path("previousIndicatorsFrom").asText(),
                    "and B's is the history of the next through A: " + week3.path("history"));
            assertEquals("FAIL", WeeklySchool.clause(week2, "sergokala-sosh1-8-2023", "8").path("status").asText(),
                    "the trend is judged across instances (250 → 240 students)");
            for (JsonNode r : List.of(week1, week2, week3)) assertTrue(r.path("rulesVersion").asText().startsWith("sha256:"), r.path("rulesVersion").toString());

            HttpResponse<String> storedThroughA = get(baseB + "/api/v1/audits/" + week1.path("decisionId").asText());
            assertEquals(200, storedThroughA.statusCode(), storedThroughA.body());
            assertEquals(week1, Json.mapper().readTree(storedThroughA.body()), "B answers for the audit stored through A, as answered then");

            // concurrent audits of different schools through both instances: every one is kept, none twice
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<String>> ids = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    String base = i % 2 == 0 ? baseA : baseB;
                    String doc = WeeklySchool.week("two-concurrent-" + (i % 4), monday.plusWeeks(i / 4), 200 + i, 10).toString();
                    ids.add(pool.submit(() -> audit(base, doc).path("decisionId").asText()));
                }
                Set<String> distinct = new HashSet<>();
                for (Future<String> f : ids) distinct.add(f.get());
                assertEquals(16, distinct.size());
            } finally {
                pool.shutdownNow();
            }
            int listed = 0;
            for (int s = 0; s < 4; s++) {
                JsonNode h = Json.mapper().readTree(get((s % 2 == 0 ? baseB : baseA) + "/api/v1/organizations/two-concurrent-" + s + "/audits").body());
                listed += h.path("audits").size();
            }
            assertEquals(16, listed, "every concurrent audit is in its organization's history, seen from either instance");
            JsonNode rollup = Json.mapper().readTree(get(baseB + "/api/v1/rollup?municipality="
                    + URLEncoder.encode(WeeklySchool.MUNICIPALITY, StandardCharsets.UTF_8) + "&asOf=2030-01-01").body());
            assertEquals(5, rollup.path("organizations").asInt(), "the roll-up through B counts the schools audited through both: " + rollup.path("organizations"));
            System.out.println("[TwoInstancesIT] two instances on one PostgreSQL schema: history shared both ways, 16 concurrent audits all kept");
        } finally {
            a.destroy();
            b.destroy();
            a.waitFor();
            b.waitFor();
            try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static JsonNode audit(String base, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Process start(Path jar, Path work, String dbUrl, int port, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--data", work.resolve(name).toString(),
                "--db-url", dbUrl, "--no-watch").directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        pb.environment().put("AUDITOR_TOKENS", "it:auditor:" + TOKEN);
        pb.environment().remove("AUDITOR_DB_URL");
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) { return s.getLocalPort(); }
    }
}
