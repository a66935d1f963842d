package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.App;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.access.PersonalTokens;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Accounts over the API on both stores (issue 23): an administrator creates an account, whose personal tokens are
 * created, used and revoked over HTTP; a disabled account's token is refused at once; bad bodies get every problem in
 * Russian by field path; the change record names every change, and an entry edited in the database is found by
 * {@code record verify} (exit code 1, the entry named).
 */
class AccountsApiTest {
    static final String ADMIN = "admin-secret-0123456789ab";
    static final String REGION_ADMIN = "region-admin-secret-0123456789";
    static final HttpClient http = HttpClient.newHttpClient();
    static final String FIXTURE = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";

    static List<String> backends() { return TestStores.backends(); }

    record Server(TestStores.Backend store, AuditRepository repo, Javalin app, String base) implements AutoCloseable {
        @Override public void close() throws Exception {
            app.stop();
            store.close();
        }
    }

    static Server start(String backend) throws Exception {
        TestStores.Backend store = TestStores.open(backend);
        AuditRepository repo = store.repository();
        Javalin app = TestApi.start(repo, "ops:admin:" + ADMIN + ",reg:admin[region=Республика Дагестан]:" + REGION_ADMIN);
        return new Server(store, repo, app, "http://127.0.0.1:" + app.port());
    }

    static HttpResponse<String> send(Server s, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception { return Json.mapper().readTree(r.body()); }

    static Set<String> paths(HttpResponse<String> r) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode e : json(r).path("errors")) out.add(e.path("path").asText());
        return out;
    }

    static void createAuditor(Server s, String login) throws Exception {
        HttpResponse<String> r = send(s, "POST", "/api/v1/users", ADMIN, "{\"login\":\"" + login + "\",\"displayName\":\"Петрова Анна\","
                + "\"email\":\"petrova@kesova.example\",\"role\":\"auditor\",\"scope\":{\"kind\":\"municipality\",\"value\":\"Сергокалинский район\"}}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode a = json(r);
        assertEquals(login, a.path("login").asText());
        assertEquals("[\"school\",\"auditor\"]", a.path("roles").toString());
        assertTrue(a.path("mustChangePassword").asBoolean());
        assertEquals(16, a.path("oneTimePassword").asText().length(), "a generated one-time password is shown once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void personalTokensAreCreatedUsedAndRevokedAndStopWithTheirAccount(String backend) throws Exception {
        try (Server s = start(backend)) {
            createAuditor(s, "petrova");
            // the configured admin token has no account: no personal tokens for it
            assertEquals(409, send(s, "GET", "/api/v1/tokens", ADMIN, null).statusCode());
            // the first token is made in the workspace («Мои токены»); here through the same service
            String first = new PersonalTokens(s.repo()).create("petrova", "первый", null).secret();
            assertTrue(first.startsWith(PersonalTokens.PREFIX));
            assertEquals(200, send(s, "GET", "/api/v1/decrees", first, null).statusCode(), "a personal token acts with its account's role");
            assertEquals(403, send(s, "GET", "/api/v1/users", first, null).statusCode(), "an auditor's token is not an admin's");

            HttpResponse<String> created = send(s, "POST", "/api/v1/tokens", first, "{\"name\":\"выгрузка в 1С\",\"expiresOn\":\"2099-12-31\"}");
            assertEquals(201, created.statusCode(), created.body());
            String second = json(created).path("secret").asText();
            String secondId = json(created).path("id").asText();
            assertEquals(200, send(s, "GET", "/api/v1/decrees", second, null).statusCode());
            JsonNode mine = json(send(s, "GET", "/api/v1/tokens", second, null));
            assertEquals(2, mine.path("tokens").size());
            assertFalse(mine.toString().contains(second), "a listed token never shows its secret");
            assertEquals(2, json(send(s, "GET", "/api/v1/users/petrova/tokens", ADMIN, null)).path("tokens").size());

            assertEquals(200, send(s, "DELETE", "/api/v1/tokens/" + secondId, first, null).statusCode());
            assertEquals(401, send(s, "GET", "/api/v1/decrees", second, null).statusCode(), "a revoked token is refused");
            assertEquals(409, send(s, "DELETE", "/api/v1/tokens/" + secondId, first, null).statusCode());

            HttpResponse<String> disabled = send(s, "PATCH", "/api/v1/users/petrova", ADMIN, "{\"disabled\":true}");
            assertEquals(200, disabled.statusCode(), disabled.body());
            assertTrue(json(disabled).path("disabled").asBoolean());
            assertEquals(401, send(s, "GET", "/api/v1/decrees", first, null).statusCode(), "a disabled account's tokens stop at once");
            assertEquals(200, send(s, "PATCH", "/api/v1/users/petrova", ADMIN, "{\"disabled\":false}").statusCode());
            assertEquals(200, send(s, "GET", "/api/v1/decrees", first, null).statusCode(), "re-enabled: its live tokens work again");
            s.store().passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void badAccountBodiesAreRefusedInRussianByField(String backend) throws Exception {
        try (Server s = start(backend)) {
            HttpResponse<String> r = send(s, "POST", "/api/v1/users", ADMIN,
                    "{\"login\":\"x\",\"displayName\":\"\",\"role\":\"boss\",\"scope\":{\"kind\":\"planet\"},\"password\":\"qwerty12345\",\"colour\":1}");
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(Set.of("$.login", "$.displayName", "$.role", "$.scope.kind", "$.password", "$.colour"), paths(r));
            for (JsonNode e : json(r).path("errors")) assertTrue(e.path("message").asText().matches(".*[а-яё].*"), "Russian: " + e);
            assertTrue(json(r).path("detail").asText().contains("6 ошибок"), r.body());

            HttpResponse<String> weak = send(s, "POST", "/api/v1/users", ADMIN,
                    "{\"login\":\"ivanov\",\"displayName\":\"Иванов\",\"role\":\"admin\",\"scope\":{\"kind\":\"municipality\"},\"password\":\"ivanov-2026-пароль\"}");
            assertEquals(Set.of("$.scope.value", "$.password"), paths(weak), weak.body());
            assertTrue(weak.body().contains("пароль содержит логин"), weak.body());

            createAuditor(s, "petrova");
            assertEquals(Set.of("$.login"), paths(send(s, "POST", "/api/v1/users", ADMIN, "{\"login\":\"Petrova\",\"displayName\":\"Другая\","
                    + "\"role\":\"auditor\",\"scope\":{\"kind\":\"everything\"}}")), "logins are one regardless of case");
            HttpResponse<String> patch = send(s, "PATCH", "/api/v1/users/petrova", ADMIN, "{\"disabled\":\"да\",\"role\":\"king\",\"email\":\"нет\"}");
            assertEquals(400, patch.statusCode());
            assertEquals(Set.of("$.disabled", "$.role", "$.email"), paths(patch), patch.body());
            assertEquals(404, send(s, "PATCH", "/api/v1/users/nobody", ADMIN, "{\"disabled\":true}").statusCode());
            // an admin of one region cannot grant themselves the installation nor read the whole record
            assertEquals(403, send(s, "POST", "/api/v1/users", REGION_ADMIN, "{\"login\":\"grab\",\"displayName\":\"Захват\",\"role\":\"admin\","
                    + "\"scope\":{\"kind\":\"everything\"}}").statusCode());
            // the record is read within one's scope: account changes belong to the whole installation
            HttpResponse<String> scoped = send(s, "GET", "/api/v1/record", REGION_ADMIN, null);
            assertEquals(200, scoped.statusCode(), scoped.body());
            assertTrue(send(s, "GET", "/api/v1/record", ADMIN, null).body().contains("petrova"));
            assertFalse(scoped.body().contains("petrova"), scoped.body());
            assertEquals(415, send(s, "POST", "/api/v1/users", ADMIN, null).statusCode());
            HttpResponse<String> page = send(s, "GET", "/api/v1/record?limit=0&before=x", ADMIN, null);
            assertEquals(400, page.statusCode());
            assertEquals(Set.of("limit", "before"), paths(page));
            s.store().passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theRecordNamesEveryChangeAndVerifyFindsAnEditedEntry(String backend) throws Exception {
        try (Server s = start(backend)) {
            createAuditor(s, "petrova");
            JsonNode facts = Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
            assertEquals(200, send(s, "POST", "/api/v1/audits", ADMIN, facts.toString()).statusCode());
            assertEquals(200, send(s, "POST", "/api/v1/users/petrova/password-reset", ADMIN, null).statusCode());
            JsonNode page = json(send(s, "GET", "/api/v1/record?limit=2", ADMIN, null));
            assertEquals(2, page.path("entries").size());
            assertEquals("/api/v1/record?before=2&limit=2", page.path("next").asText());
            List<String> actions = new ArrayList<>();
            for (JsonNode e : json(send(s, "GET", "/api/v1/record", ADMIN, null)).path("entries")) {
                actions.add(e.path("action").asText());
                assertEquals("ops", e.path("actor").asText());
                assertEquals("127.0.0.1", e.path("address").asText());
            }
            assertEquals(List.of("account.password", "audit.stored", "account.created"), actions);
            JsonNode audit = json(send(s, "GET", "/api/v1/record?before=3&limit=1", ADMIN, null)).path("entries").get(0);
            assertTrue(audit.path("summary").asText().startsWith("Сохранена проверка"), audit.toString());
            assertNotNull(audit.path("municipalityKey").textValue(), "an audit's entry names its municipality (for scoped readers)");

            String[] store = cli(s);
            assertEquals(0, App.commandLine().execute(withVerify(store)), "an untouched record verifies");
            try (Connection c = s.repo().database().connection(); Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("UPDATE change_record SET summary = 'Ничего не случилось' WHERE seq = 2"));
            }
            ChangeRecord.Verification v = ChangeRecord.of(s.repo()).verify();
            assertEquals(Long.valueOf(2), v.firstBad(), v.inWords());
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = App.commandLine().execute(withVerify(store));
            } finally {
                System.setErr(err);
            }
            assertEquals(1, exit);
            String said = captured.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("запись № 2") && said.contains("изменили"), said);
            s.store().passed();
        }
    }

    /** The store option of the CLI for this backend. */
    static String[] cli(Server s) {
        if (s.store().config.isSqlite()) return new String[] {"--data", s.store().config.sqliteFile().getParent().toString()};
        return new String[] {"--db-url", s.store().config.jdbcUrl()};
    }

    static String[] withVerify(String[] store) {
        String[] out = new String[store.length + 2];
        out[0] = "record";
        out[1] = "verify";
        System.arraycopy(store, 0, out, 2, store.length);
        return out;
    }
}
