package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.Readings;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.engine.RulesFiles;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Replay and impact over HTTP on an SQLite store: every fixture audited through the store, the live rules changed
 * and reloaded, every replay still identical; an archived version altered in the store refused; the impact of a
 * zipped candidate answered without touching the live rules; bad zips refused with 4xx.
 */
class ReplayApiTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final String AUTHOR = "author-secret-0123456789";
    static final HttpClient http = ContractRecorder.client();
    static TestStores.Backend store;
    static Javalin app;
    static String base;
    static Path dir;
    static RulesHolder holder;
    static RuleReloader reloader;

    @BeforeAll
    static void start() throws Exception {
        dir = TestRules.copy();
        holder = new RulesHolder(RuleSet.load(dir));
        store = TestStores.open("sqlite");
        AuditRepository repo = store.repository();
        AuditService audits = new AuditService(holder, repo);
        reloader = new RuleReloader(dir, holder);
        audits.archiveQuietly(holder.current());
        reloader.onLoaded(audits::archiveQuietly);
        app = ApiServer.create(new ApiServer.Services(audits, reloader, Tokens.parse("anna:auditor:" + AUDITOR + ",rita:rule_author:" + AUTHOR),
                new HistoryQueries(repo, holder))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        reloader.close();
        store.close();
    }

    static HttpResponse<String> post(String path, String token, String type, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static void assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        assertFalse(r.body().contains("Exception") || r.body().contains("ru.edu."), r.body());
    }

    @Test
    void replaysOfEveryFixtureStayIdenticalAfterTheLiveRulesChangeAndATamperedArchiveIsRefused() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("fixtures"))) {
            for (Path d : dirs.sorted().toList()) {
                for (Fixture fx : FixtureRunner.load(d)) {
                    HttpResponse<String> r = post("/api/v1/audits", AUDITOR, "application/json", HttpRequest.BodyPublishers.ofString(fx.facts().toString()));
                    assertEquals(200, r.statusCode(), fx.name() + ": " + r.body());
                    ids.add(Json.mapper().readTree(r.body()).path("decisionId").asText());
                }
            }
        }
        assertTrue(ids.size() >= 10, "fixtures audited: " + ids.size());
        String before = holder.current().version();
        long stored = store.repository().count();

        // the live rules change: a threshold of a decree most fixtures touch
        Path yaml = dir.resolve("decrees/kesova-gora-oo-178-2023.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("(requiredPercent:\\s*\\n\\s*value:) 100\\n\\s*quote: \"100 %\"", "$1 90"));
        assertEquals("loaded", reloader.reloadNow("test").outcome());
        assertNotEquals(before, holder.current().version());
        // the archive is keyed by the files part of the version reports carry (the readings are the jar's)
        List<String> archived = store.repository().rulesArchive().list().stream().map(e -> e.version()).toList();
        assertTrue(archived.contains(Readings.filesPart(before)) && archived.contains(Readings.filesPart(holder.current().version())), archived.toString());
        long naming = store.repository().rulesArchive().list().stream().filter(e -> e.version().equals(Readings.filesPart(before)))
                .mapToLong(e -> e.audits()).sum();
        assertTrue(naming >= ids.size(), "audits naming the archived files under files + readings: " + naming);

        for (String id : ids) {
            HttpResponse<String> r = post("/api/v1/audits/" + id + "/replay", AUDITOR, "application/json", HttpRequest.BodyPublishers.noBody());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = Json.mapper().readTree(r.body());
            assertTrue(body.path("identical").asBoolean(), id + ": " + r.body());
            assertEquals(before, body.path("rulesVersion").asText());
            assertTrue(body.path("readings").isNull(), "same jar, same readings: " + r.body());
        }
        assertEquals(stored, store.repository().count(), "a replay is never stored as an audit");

        assertProblem(post("/api/v1/audits/no-such-id/replay", AUDITOR, "application/json", HttpRequest.BodyPublishers.noBody()), 404);

        // the archived copy of the first version altered in the store: same name, other content
        RulesFiles original = store.repository().rulesArchive().find(before).orElseThrow();
        Map<String, byte[]> altered = new HashMap<>(original.files());
        altered.put("decrees/kesova-gora-oo-178-2023.yaml", Files.readAllBytes(yaml));
        try (Connection c = store.db.connection();
             PreparedStatement st = c.prepareStatement("UPDATE rules_archive SET files_zip = ? WHERE rules_version = ?")) {
            st.setString(1, Base64.getEncoder().encodeToString(RulesFiles.of(altered).zip()));
            st.setString(2, Readings.filesPart(before));
            assertEquals(1, st.executeUpdate());
        }
        HttpResponse<String> refused = post("/api/v1/audits/" + ids.get(0) + "/replay", AUDITOR, "application/json", HttpRequest.BodyPublishers.noBody());
        assertProblem(refused, 409);
        assertTrue(refused.body().contains("изменена") && refused.body().contains(Readings.filesPart(before)), refused.body());
    }

    @Test
    void aReplayUnderOtherReadingsInJavaSaysSoAndDoesNotClaimTheSameVersion() throws Exception {
        Fixture fx = FixtureRunner.load(Path.of("fixtures/kesova-gora-oo-178-2023")).get(0);
        String live = holder.current().version();
        String files = Readings.filesPart(live);
        String[] made = new String[2];
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = post("/api/v1/audits", AUDITOR, "application/json", HttpRequest.BodyPublishers.ofString(fx.facts().toString()));
            assertEquals(200, r.statusCode(), r.body());
            made[i] = Json.mapper().readTree(r.body()).path("decisionId").asText();
            assertEquals(live, Json.mapper().readTree(r.body()).path("rulesVersion").asText(), "a report names files and readings");
        }
        // as if made by another jar (other shared checks in Java), and by a jar from before readings were named
        String otherJar = Readings.version(files, "0123456789ab");
        renameVersion(made[0], live, otherJar);
        renameVersion(made[1], live, files);

        JsonNode other = Json.mapper().readTree(post("/api/v1/audits/" + made[0] + "/replay", AUDITOR, "application/json",
                HttpRequest.BodyPublishers.noBody()).body());
        assertEquals(otherJar, other.path("rulesVersion").asText());
        assertEquals(live, other.path("replayedVersion").asText());
        assertNotEquals(other.path("rulesVersion").asText(), other.path("replayedVersion").asText());
        String note = other.path("readings").asText();
        assertTrue(note.contains("изменились") && note.contains("r0123456789ab") && note.contains("r" + Readings.current()), other.toString());

        JsonNode old = Json.mapper().readTree(post("/api/v1/audits/" + made[1] + "/replay", AUDITOR, "application/json",
                HttpRequest.BodyPublishers.noBody()).body());
        assertTrue(old.path("identical").asBoolean(), "the archived files are found and give the same report: " + old);
        assertTrue(old.path("readings").asText().contains("неизвестно"), old.toString());
    }

    private static void renameVersion(String decisionId, String from, String to) throws Exception {
        try (Connection c = store.db.connection();
             PreparedStatement st = c.prepareStatement("UPDATE audit SET rules_version = ? WHERE decision_id = ? AND rules_version = ?")) {
            st.setString(1, to);
            st.setString(2, decisionId);
            st.setString(3, from);
            assertEquals(1, st.executeUpdate());
        }
    }

    static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void impactOfAZippedCandidateLeavesTheLiveRulesAndBadZipsAreRefused() throws Exception {
        String live = holder.current().version();
        Map<String, byte[]> files = new HashMap<>();
        RulesFiles.read(Path.of("rules")).files().forEach((k, v) -> files.put("candidate/" + k, v));
        HttpResponse<String> r = post("/api/v1/rules/impact?asOf=2100-01-01", AUTHOR, "application/zip", HttpRequest.BodyPublishers.ofByteArray(zip(files)));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = Json.mapper().readTree(r.body());
        assertEquals(Readings.version(RulesFiles.read(Path.of("rules")).version(), Readings.current()), body.path("candidateVersion").asText());
        assertEquals(live, holder.current().version(), "the live rules are not changed by an impact");
        assertTrue(body.has("clauses") && body.has("changed"), r.body());

        // the role is refused before the body is read, so a small zip: with the whole rules folder the server may answer and
        // close while the JDK client is still sending, and the client then loses the answer ("header parser received no bytes")
        assertProblem(post("/api/v1/rules/impact", AUDITOR, "application/zip",
                HttpRequest.BodyPublishers.ofByteArray(zip(Map.of("candidate/a.drl", "x".getBytes())))), 403);
        assertProblem(post("/api/v1/rules/impact", AUTHOR, "application/zip",
                HttpRequest.BodyPublishers.ofByteArray(zip(Map.of("../evil.drl", "x".getBytes())))), 400);
        Map<String, byte[]> many = new HashMap<>();
        for (int i = 0; i <= RulesFiles.ZipLimits.DEFAULT.maxEntries(); i++) many.put("f" + i + ".txt", new byte[0]);
        assertProblem(post("/api/v1/rules/impact", AUTHOR, "application/zip", HttpRequest.BodyPublishers.ofByteArray(zip(many))), 413);
        assertProblem(post("/api/v1/rules/impact", AUTHOR, "application/zip", HttpRequest.BodyPublishers.ofString("not a zip")), 400);
        assertProblem(post("/api/v1/rules/impact", AUTHOR, "application/json", HttpRequest.BodyPublishers.ofString("{\"directory\": \"../../etc\"}")), 400);
        assertProblem(post("/api/v1/rules/impact", AUTHOR, "text/plain", HttpRequest.BodyPublishers.ofString("x")), 415);
        Map<String, byte[]> broken = new HashMap<>(files);
        broken.put("candidate/decrees/broken.drl", "rule \"x\" when then".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> invalid = post("/api/v1/rules/impact", AUTHOR, "application/zip", HttpRequest.BodyPublishers.ofByteArray(zip(broken)));
        assertProblem(invalid, 422);
        assertTrue(invalid.body().contains("decrees/broken.drl"), invalid.body());
        assertEquals(live, holder.current().version());
    }
}
