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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.ExpectedLog;
import ru.edu.auditor.WeeklySchool;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.Database;
import ru.edu.auditor.store.FlakyDataSource;
import ru.edu.auditor.store.StoreConfig;
import ru.edu.auditor.store.TcpProxy;
import ru.edu.auditor.store.TestStores;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;

/** A store that cannot be reached gives 503 problem+json, never 500, and the server recovers by itself when it is back. */
class StoreOutageTest {
    static TestStores.Tally tally;
    static final String TOKEN = "auditor-secret-0123456789";
    static final HttpClient http = ContractRecorder.client();
    static RulesHolder rules;

    @BeforeAll
    static void load() throws Exception {
        tally = TestStores.tally();
        rules = new RulesHolder(RuleSet.load(Path.of("rules"))); }

    @AfterAll
    static void summary() { System.out.println("[StoreOutageTest] " + tally.summary()); }

    /** A server over {@code db}; closed by the caller. */
    record Server(Javalin app, AuditRepository repo) implements AutoCloseable {
        static Server over(Database db) {
            AuditRepository repo = new AuditRepository(db);
            Javalin app = ApiServer.create(new ApiServer.Services(new AuditService(rules, repo), new RuleReloader(Path.of("rules"), rules),
                    Tokens.parse("anna:auditor:" + TOKEN), new HistoryQueries(repo, rules))).start("127.0.0.1", 0);
            return new Server(app, repo);
        }

        HttpResponse<String> post(int week) throws Exception {
            return http.send(HttpRequest.newBuilder(uri("/api/v1/audits")).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(WeeklySchool.week("outage", LocalDate.of(2023, 10, 23).plusWeeks(week), 300, 20).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        }

        URI uri(String path) { return URI.create("http://127.0.0.1:" + app.port() + path); }

        @Override public void close() { app.stop(); }
    }

    static void assertUnavailable(HttpResponse<String> r) throws Exception {
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
        JsonNode p = Json.mapper().readTree(r.body());
        assertEquals("Хранилище проверок недоступно", p.path("title").asText());
        assertFalse(r.body().contains("Exception") || r.body().contains("ru.edu.auditor") || r.body().contains("jdbc"), r.body());
    }

    static String decisionId(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body()).path("decisionId").asText();
    }

    static SQLiteDataSource sqlite() throws Exception {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + Files.createTempDirectory("auditor-outage-").resolve("auditor.db"));
        return ds;
    }

    @Test
    void storeLostMidwayAnswers503AndRecovers() throws Exception {
        FlakyDataSource ds = new FlakyDataSource(sqlite(), false);
        try (Server s = Server.over(new Database(ds, "sqlite")); ExpectedLog log = ExpectedLog.capture()) {
            String kept = decisionId(s.post(0));
            ds.down();
            assertUnavailable(s.post(1));
            assertUnavailable(s.get("/api/v1/audits/" + kept));
            assertUnavailable(s.get("/api/v1/organizations/outage/audits"));
            assertUnavailable(s.get("/api/v1/rollup?municipality=x&asOf=2023-12-01"));
            HttpResponse<String> health = s.get("/health");
            assertEquals(200, health.statusCode());
            assertEquals("unavailable", Json.mapper().readTree(health.body()).path("store").path("status").asText());
            assertTrue(log.text().contains("WARN ru.edu.auditor.api.ApiServer - Audit store unavailable on POST \"/api/v1/audits\""), log.text());
            ds.up();
            String next = decisionId(s.post(1));
            assertEquals(200, s.get("/api/v1/audits/" + kept).statusCode());
            assertEquals(2, s.repo().count(), "the refused audit was not stored, the others were");
            JsonNode trend = WeeklySchool.clause(Json.mapper().readTree(s.get("/api/v1/audits/" + next).body()), "sergokala-sosh1-8-2023", "8");
            assertEquals(kept, trend.path("evidence").path("previousFrom").asText());
        }
        TestStores.passed("sqlite");
    }

    @Test
    void storeDownAtStartIsMigratedOnceItAnswers() throws Exception {
        FlakyDataSource ds = new FlakyDataSource(sqlite(), true);
        try (ExpectedLog log = ExpectedLog.capture(); Server s = Server.over(new Database(ds, "sqlite"))) {
            assertUnavailable(s.post(0));
            assertTrue(log.text().contains("Audit store unavailable"), log.text());
            ds.up();
            decisionId(s.post(0));
            assertEquals(1, s.repo().count());
        }
        TestStores.passed("sqlite");
    }

    @Test
    void postgresqlGoingAwayAnswers503AndThePoolReconnects() throws Exception {
        String url = TestStores.requirePg();
        Matcher m = Pattern.compile("//([^/:?]+)(?::(\\d+))?/").matcher(url);
        assertTrue(m.find(), url);
        String schema = "auditor_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        try (TcpProxy proxy = new TcpProxy(m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))) {
            proxy.start();
            String viaProxy = TestStores.withSchema(url.substring(0, m.start()) + "//127.0.0.1:" + proxy.port() + "/" + url.substring(m.end()), schema);
            try (Database db = Database.open(new StoreConfig(viaProxy, null, null)); Server s = Server.over(db); ExpectedLog log = ExpectedLog.capture()) {
                String kept = decisionId(s.post(0));
                proxy.stop();
                assertUnavailable(s.post(1));
                assertTrue(log.text().contains("Audit store unavailable"), log.text());
                proxy.start();
                HttpResponse<String> r = s.post(1);
                for (int i = 0; i < 20 && r.statusCode() == 503; i++) {
                    Thread.sleep(500);
                    r = s.post(1);
                }
                decisionId(r);
                assertEquals(200, s.get("/api/v1/audits/" + kept).statusCode());
                assertEquals(2, s.repo().count());
            }
            TestStores.passed("postgresql");
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
