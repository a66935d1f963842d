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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;

/**
 * Nothing acknowledged is lost: the packaged jar on an SQLite data directory takes audits from several threads,
 * is killed with SIGKILL mid-stream, restarts on the same directory, and still has every audit that got a 2xx,
 * each with the very report it answered; the history then goes on from there.
 */
class AuditDurabilityIT {
    static final String TOKEN = "it-auditor-secret-0123456789";
    static final int THREADS = 4;
    static final int ACKNOWLEDGED_BEFORE_KILL = 40;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedAuditSurvivesSigkill() throws Exception {
        Path jar = Path.of("target", "decree-auditor.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "package the jar first: " + jar);
        Path work = Files.createTempDirectory("auditor-durability-");
        Path data = work.resolve("data");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Process first = start(jar, work, data, port, "first.log");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> posters = new ArrayList<>();
        try {
            PackagedJarIT.waitForHealth(http, base, first, work.resolve("first.log"));
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread poster = new Thread(() -> postWeeks(base, "it-school-" + thread, acknowledged, stop), "poster-" + t);
                poster.start();
                posters.add(poster);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) Thread.sleep(20);
            first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no orderly close
            first.waitFor();
        } finally {
            stop.set(true);
            for (Thread poster : posters) poster.join(30_000);
            first.destroyForcibly();
        }
        assertTrue(acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL, "only " + acknowledged.size() + " audits acknowledged before the kill");
        assertTrue(Files.exists(data.resolve("auditor.db")), "the store is the SQLite file in the data directory");

        Process second = start(jar, work, data, port, "second.log");
        try {
            PackagedJarIT.waitForHealth(http, base, second, work.resolve("second.log"));
            for (Map.Entry<String, String> a : acknowledged.entrySet()) {
                HttpResponse<String> r = get(base + "/api/v1/audits/" + a.getKey());
                assertEquals(200, r.statusCode(), "acknowledged audit " + a.getKey() + " lost: " + r.body());
                assertEquals(Json.mapper().readTree(a.getValue()), Json.mapper().readTree(r.body()), "stored report differs from the answered one");
            }
            for (int t = 0; t < THREADS; t++) {
                String school = "it-school-" + t;
                JsonNode h = Json.mapper().readTree(get(base + "/api/v1/organizations/" + school + "/audits").body());
                long mine = acknowledged.values().stream().filter(v -> v.contains("\"organizationKey\":\"" + school + "\"")).count();
                assertTrue(h.path("audits").size() >= mine, school + ": " + h.path("audits").size() + " stored, " + mine + " acknowledged");
            }
            HttpResponse<String> next = post(base, WeeklySchool.week("it-school-0", LocalDate.of(2030, 1, 7), 500, 30).toString());
            assertEquals(200, next.statusCode(), next.body());
            String previousFrom = WeeklySchool.clause(Json.mapper().readTree(next.body()), "sergokala-sosh1-8-2023", "8")
                    .path("evidence").path("previousFrom").asText();
            assertEquals(200, get(base + "/api/v1/audits/" + previousFrom).statusCode(), "the history goes on after the restart");
            System.out.println("[AuditDurabilityIT] " + acknowledged.size() + " audits acknowledged before SIGKILL, all present and intact after restart");
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    /** Posts one school's weekly audits until told to stop or the server is gone; records each 2xx answer. */
    private static void postWeeks(String base, String school, Map<String, String> acknowledged, AtomicBoolean stop) {
        LocalDate monday = LocalDate.of(2023, 10, 23);
        for (int week = 0; week < 200 && !stop.get(); week++) {
            try {
                HttpResponse<String> r = post(base, WeeklySchool.week(school, monday.plusWeeks(week), 250 + week, 17).toString());
                if (r.statusCode() / 100 == 2) acknowledged.put(Json.mapper().readTree(r.body()).path("decisionId").asText(), r.body());
            } catch (IOException killed) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static HttpResponse<String> post(String base, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Process start(Path jar, Path work, Path data, int port, String log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--data", data.toString(), "--no-watch")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve(log).toFile());
        pb.environment().put("AUDITOR_TOKENS", "it:auditor:" + TOKEN);
        pb.environment().remove("AUDITOR_DB_URL");
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) { return s.getLocalPort(); }
    }
}
