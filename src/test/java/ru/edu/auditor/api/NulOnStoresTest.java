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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 14, finding 4 on each store: a NUL character (PostgreSQL text cannot hold it) in a submitted name, a looked-up
 * id or key, or a roll-up parameter is a 4xx problem naming the field, never a 500.
 */
class NulOnStoresTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final HttpClient http = HttpClient.newHttpClient();

    static List<String> backends() { return TestStores.backends(); }

    @ParameterizedTest
    @MethodSource("backends")
    void nulIsRefusedOrNotFoundNeverA500(String backend) throws Exception {
        try (TestStores.Backend store = TestStores.open(backend)) {
            AuditRepository repo = store.repository();
            Javalin app = TestApi.start(repo, "anna:auditor:" + AUDITOR);
            try {
                String base = "http://127.0.0.1:" + app.port();
                String body = "{\"organization\":{\"id\":\"a\\u0000b\",\"name\":\"Школа\\u0000\",\"kind\":\"general\",\"municipality\":\"Район\\u0000\"},"
                        + "\"asOf\":\"2023-11-01\"}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits")).header("Authorization", "Bearer " + AUDITOR)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(List.of("$.organization.id", "$.organization.municipality", "$.organization.name"), problemPaths(r, 400));
                assertTrue(r.body().contains("нулевой символ (NUL)"), r.body());

                // Jetty itself may refuse a NUL in the path (400), or the route finds nothing (404): a problem, never a 500
                assertTrue(List.of(400, 404).contains(get(base, "/api/v1/audits/a%00b").statusCode()));
                assertTrue(List.of(400, 404).contains(get(base, "/api/v1/organizations/a%00b/audits").statusCode()));
                assertEquals(List.of("municipality"), problemPaths(get(base, "/api/v1/rollup?municipality=%D0%A0%00&asOf=2023-11-01"), 400));
                assertEquals(List.of("region"), problemPaths(get(base, "/api/v1/rollup?municipality=x&region=%00"), 400));
                store.passed();
            } finally {
                app.stop();
            }
        }
    }

    /**
     * Issue 22, finding 6: the parameters that reached PostgreSQL or the file system with a NUL (the impact's
     * municipality, the workspace's organization, district and template parameters, the impact folder field) and
     * other control characters are refused with a Russian 400 naming the parameter before any route reads them.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void controlCharactersInEveryParameterAre400OnEveryRoute(String backend) throws Exception {
        java.nio.file.Path rules = ru.edu.auditor.TestRules.copy();
        try (TestStores.Backend store = TestStores.open(backend)) {
            AuditRepository repo = store.repository();
            ru.edu.auditor.service.RulesHolder holder = new ru.edu.auditor.service.RulesHolder(ru.edu.auditor.engine.RuleSet.load(rules));
            ru.edu.auditor.service.AuditService audits = new ru.edu.auditor.service.AuditService(holder, repo);
            ru.edu.auditor.service.HistoryQueries history = new ru.edu.auditor.service.HistoryQueries(repo, holder);
            ru.edu.auditor.service.access.Tokens tokens = ru.edu.auditor.service.access.Tokens.parse(
                    "anna:auditor:" + AUDITOR + ",rita:rule_author:" + AUTHOR);
            try (ru.edu.auditor.service.RuleReloader reloader = new ru.edu.auditor.service.RuleReloader(rules, holder)) {
                Javalin app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history),
                        ru.edu.auditor.web.Workspace.frontEnd(new ru.edu.auditor.web.Workspace.Services(audits, history, reloader, tokens, null)))
                        .start("127.0.0.1", 0);
                try {
                    String base = "http://127.0.0.1:" + app.port();
                    HttpResponse<String> impact = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rules/impact?municipality=a%00b"))
                            .header("Authorization", "Bearer " + AUTHOR).header("Content-Type", "application/zip")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(ru.edu.auditor.engine.RulesFiles.read(rules).zip())).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    assertRefusedParameter(impact, "municipality");
                    HttpResponse<String> named = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rules/impact"))
                            .header("Authorization", "Bearer " + AUTHOR).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"directory\":\"cand\\u0000idate\",\"municipality\":\"a\\u0000b\"}")).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    assertEquals(List.of("$.directory", "$.municipality"), problemPaths(named, 400), named.body());

                    java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                            .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
                    String csrf = signIn(browser, base, AUTHOR);
                    // the workspace's addresses get the workspace's Russian error page, not problem+json meant for programs
                    for (String[] q : new String[][] {{"/audits/new?org=%00", "нулевой символ NUL U+0000"},
                            {"/district?municipality=a%00b&asOf=2030-01-01", "нулевой символ NUL U+0000) в позиции 2"},
                            {"/templates/organization.xlsx?org=%00", "нулевой символ NUL"}, {"/organizations?q=a%01b", "U+0001"},
                            {"/district?municipality=a%1Bb", "символ ESC U+001B"}, {"/district/rollup.csv?municipality=a%7Fb", "U+007F"},
                            {"/audits/new?org=a%C2%85b", "U+0085"}}) {
                        assertRefusedPage(browser.send(HttpRequest.newBuilder(URI.create(base + q[0])).GET().build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)), q[1]);
                    }
                    HttpResponse<String> folder = browser.send(HttpRequest.newBuilder(URI.create(base + "/rules/impact"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8)
                                    + "&folder=cand%00idate&municipality=")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    assertRefusedPage(folder, "в отправленной форме — недопустимый управляющий символ (нулевой символ NUL U+0000) в позиции 5 значения");
                    // a form field may hold line breaks and tabs (a pasted table), never NUL or other control characters
                    HttpResponse<String> multiline = browser.send(HttpRequest.newBuilder(URI.create(base + "/rules/impact"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8)
                                    + "&folder=%0Anone%09here&municipality=")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    assertEquals(400, multiline.statusCode());
                    assertTrue(multiline.body().contains("нет папки правил"), multiline.body());
                    store.passed();
                } finally {
                    app.stop();
                }
            }
        } finally {
            try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(rules)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static final String AUTHOR = "author-secret-0123456789";

    static void assertRefusedParameter(HttpResponse<String> r, String parameter) throws Exception {
        String where = r.uri() + " → " + r.statusCode() + " " + r.body();
        assertEquals(400, r.statusCode(), where);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), where);
        assertEquals(List.of(parameter), problemPaths(r, 400), where);
        assertTrue(r.body().contains("управляющий символ") && !r.body().contains("Exception") && !r.body().contains("java."), where);
    }

    /** A workspace page refused: 400, the workspace's HTML error page in Russian naming the character, no program's answer. */
    static void assertRefusedPage(HttpResponse<String> r, String says) {
        String where = r.uri() + " → " + r.statusCode() + " " + r.body();
        assertEquals(400, r.statusCode(), where);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), where);
        assertTrue(r.body().contains("<h1>Неверный адрес или форма</h1>") && r.body().contains(says), where);
        assertTrue(r.body().contains("откройте страницу по ссылке рабочего места"), where);
        assertFalse(r.body().contains("problem") || r.body().contains("Exception") || r.body().contains("java."), where);
    }

    static String signIn(java.net.http.HttpClient c, String base, String token) throws Exception {
        String login = c.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"loginToken\" value=\"([^\"]*)\"").matcher(login);
        assertTrue(m.find(), login);
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("loginToken=" + java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)
                        + "&token=" + token + "&next=%2Frules")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode(), r.body());
        String page = c.send(HttpRequest.newBuilder(URI.create(base + "/rules")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    static HttpResponse<String> get(String base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + AUDITOR).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertTrue(r.statusCode() < 500, path + " → " + r.statusCode() + " " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), path + ": " + r.headers());
        assertFalse(r.body().contains("Exception") || r.body().contains("java."), r.body());
        return r;
    }

    static List<String> problemPaths(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode p = Json.mapper().readTree(r.body());
        List<String> paths = new ArrayList<>();
        p.path("errors").forEach(e -> paths.add(e.path("path").asText()));
        return paths;
    }
}
