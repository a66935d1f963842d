package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.edu.auditor.WeeklySchool.clause;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.WeeklySchool;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.store.TestStores;

/** The history routes over HTTP on an SQLite store: trends from history, stored reports, organization history, roll-ups, CSV. */
class HistoryApiTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final HttpClient http = ContractRecorder.client();
    static TestStores.Backend store;
    static Javalin app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        store = TestStores.open("sqlite");
        app = TestApi.start(store.repository(), "anna:auditor:" + AUDITOR);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        store.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().header("Authorization", "Bearer " + AUDITOR);
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode post(JsonNode doc) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits")).header("Authorization", "Bearer " + AUDITOR)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(doc.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static void assertProblem(HttpResponse<String> r, int status, String field) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        JsonNode p = Json.mapper().readTree(r.body());
        Set<String> paths = new TreeSet<>();
        p.path("errors").forEach(e -> paths.add(e.path("path").asText()));
        assertTrue(paths.contains(field), field + " not among " + paths + " in " + r.body());
        assertFalse(r.body().contains("Exception"), r.body());
    }

    @Test
    void trendClausesComeFromHistoryAloneAndTheOrganizationSeesClausesChange() throws Exception {
        LocalDate mon = LocalDate.of(2023, 10, 23);
        String id = "api-trend-school";
        JsonNode first = post(WeeklySchool.employees(WeeklySchool.week(id, mon, 250, 17), 50));
        JsonNode second = post(WeeklySchool.week(id, mon.plusWeeks(1), 300, 20));
        JsonNode third = post(WeeklySchool.week(id, mon.plusWeeks(2), 280, 20));
        for (String[] c : List.of(new String[] {"sergokala-sosh1-8-2023", "4"}, new String[] {"sergokala-sosh1-8-2023", "8"},
                new String[] {"sergokala-adm-262-2023", "1.4"}, new String[] {"sergokala-adm-262-2023", "1.9"})) {
            assertEquals("NO_DATA", clause(first, c[0], c[1]).path("status").asText(), "first audit: " + c[0] + " " + c[1]);
            // partial-comparison reading: clauses that name «Моя школа» indicators the weekly document leaves out are
            // NO_DATA naming them, the others PASS
            JsonNode risen = clause(second, c[0], c[1]);
            assertEquals(risen.path("explanation").asText().contains("«Моей школы»") ? "NO_DATA" : "PASS",
                    risen.path("status").asText(), "risen: " + c[0] + " " + c[1] + ": " + risen);
            assertEquals("FAIL", clause(third, c[0], c[1]).path("status").asText(), "fallen: " + c[0] + " " + c[1]);
            assertEquals(second.path("decisionId").asText(), clause(third, c[0], c[1]).path("evidence").path("previousFrom").asText());
        }
        assertEquals(id, third.path("organizationKey").asText());

        HttpResponse<String> r = get("/api/v1/organizations/" + enc(id) + "/audits");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode h = Json.mapper().readTree(r.body());
        List<String> ids = new ArrayList<>();
        h.path("audits").forEach(a -> ids.add(a.path("decisionId").asText()));
        assertEquals(List.of(first.path("decisionId").asText(), second.path("decisionId").asText(), third.path("decisionId").asText()), ids);
        assertEquals("FAIL", h.path("audits").get(0).path("decrees").path("sergokala-adm-262-2023").path("clauses").path("1.2").asText());
        assertEquals("PASS", h.path("audits").get(1).path("decrees").path("sergokala-adm-262-2023").path("clauses").path("1.2").asText());
        assertEquals("anna", h.path("audits").get(0).path("submittedBy").asText());
        boolean sawRegistrationFixed = false;
        for (JsonNode c : h.path("changes")) {
            if (c.path("clause").asText().equals("1.2") && c.path("decree").asText().equals("sergokala-adm-262-2023")) {
                sawRegistrationFixed = c.path("from").asText().equals("FAIL") && c.path("to").asText().equals("PASS")
                        && c.path("decisionId").asText().equals(second.path("decisionId").asText());
            }
        }
        assertTrue(sawRegistrationFixed, h.path("changes").toString());
    }

    @Test
    void theStoredReportIsTheReportAnsweredAndDownloadsAsCsv() throws Exception {
        JsonNode answered = post(WeeklySchool.week(null, LocalDate.of(2023, 11, 20), 400, 30));
        String id = answered.path("decisionId").asText();
        HttpResponse<String> stored = get("/api/v1/audits/" + id);
        assertEquals(200, stored.statusCode());
        assertEquals(answered, Json.mapper().readTree(stored.body()));

        for (HttpResponse<String> csv : List.of(get("/api/v1/audits/" + id + "?format=csv"), get("/api/v1/audits/" + id, "Accept", "text/csv"))) {
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
            assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            List<List<String>> rows = CsvReader.parse(csv.body());
            assertTrue(rows.contains(List.of("Номер проверки", id)), rows.toString());
            assertTrue(rows.contains(List.of("Документ", "Распространяется", "Пункт", "Вердикт", "Срок", "Объяснение", "Адресат")));
            JsonNode c8 = clause(answered, "sergokala-sosh1-8-2023", "8");
            boolean found = rows.stream().anyMatch(row -> row.size() == 7 && row.get(0).contains("№ 8 от ") && !row.get(0).contains("sergokala") && row.get(2).equals("=\"8\"")
                    && row.get(5).equals(c8.path("explanation").asText()));
            assertTrue(found, "every explanation survives CSV quoting intact");
        }
        assertJsonFormatStillJson(id);
    }

    private static void assertJsonFormatStillJson(String id) throws Exception {
        HttpResponse<String> r = get("/api/v1/audits/" + id + "?format=json", "Accept", "text/csv");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void rollupAndCsvWorkForTheMunicipalityOfEveryFixture() throws Exception {
        Set<String> municipalities = new TreeSet<>();
        for (Fixture fx : FixtureRunner.load(Path.of("fixtures"))) {
            post(fx.facts());
            municipalities.add(fx.facts().path("organization").path("municipality").asText());
        }
        for (String m : municipalities) {
            HttpResponse<String> r = get("/api/v1/rollup?municipality=" + enc(m) + "&asOf=2030-01-01");
            assertEquals(200, r.statusCode(), m + ": " + r.body());
            JsonNode roll = Json.mapper().readTree(r.body());
            int orgs = roll.path("organizations").asInt();
            assertTrue(orgs >= 1, m + ": " + r.body());
            Set<String> keys = new HashSet<>();
            roll.path("organizationList").forEach(o -> keys.add(o.path("organizationKey").asText()));
            assertEquals(orgs, keys.size(), "one line per organization: " + m);
            for (JsonNode d : roll.path("decrees")) {
                int decreeTotal = 0;
                for (JsonNode n : d.path("statuses")) decreeTotal += n.asInt();
                assertEquals(orgs, decreeTotal, m + " " + d.path("id"));
                for (JsonNode c : d.path("clauses")) {
                    int sum = 0;
                    for (JsonNode n : c.path("counts")) sum += n.asInt();
                    assertEquals(orgs, sum, m + " " + d.path("id") + " п. " + c.path("clause"));
                }
            }
            JsonNode p = roll.path("platformUse");
            assertEquals(p.path("generalOrganizations").asInt(), p.path("using").asInt() + p.path("notUsing").asInt() + p.path("unknown").asInt());

            HttpResponse<String> csv = get("/api/v1/rollup?municipality=" + enc(m) + "&asOf=2030-01-01&format=csv");
            assertEquals(200, csv.statusCode());
            assertTrue(csv.body().startsWith("\uFEFF"), "UTF-8 BOM for Excel");
            assertTrue(csv.body().endsWith("\r\n") && !csv.body().replace("\r\n", "").contains("\n"), "CRLF rows only");
            List<List<String>> rows = CsvReader.parse(csv.body());
            assertEquals(List.of("Муниципальное образование", m), rows.get(0));
            assertTrue(rows.stream().anyMatch(row -> row.size() > 3 && row.get(0).equals("Документ") && row.get(3).equals("Выполнено")), rows.toString());
            assertTrue(rows.stream().filter(row -> row.size() > 3 && row.get(0).contains("№ ") && !row.get(0).equals("Документ"))
                    .noneMatch(row -> row.get(1).matches("[0-9][0-9.]*")), "clause numbers as Excel text (=\"1.2\"): " + rows);
            assertEquals(orgs, rows.size() - rows.indexOf(List.of("Организация", "Вид", "Дата последней проверки", "Итог на 01.01.2030",
                    "Использует платформу", "Номер проверки")) - 1, "every organization listed: " + m);
        }
        JsonNode sergokala = Json.mapper().readTree(get("/api/v1/rollup?municipality=" + enc("МР «Сергокалинский район»") + "&asOf=2023-11-30").body());
        assertTrue(sergokala.path("platformUse").path("using").asInt() >= 1, sergokala.path("platformUse").toString());
        Set<String> orenburg = names(get("/api/v1/rollup?municipality=" + enc("Александровский район") + "&asOf=2030-01-01&region=" + enc("Оренбургская область")));
        assertTrue(orenburg.containsAll(Set.of("МБОУ «Каликинская ООШ»", "МБОУ «Каликинская ООШ имени Синицина А.И.»")), orenburg.toString());
        Set<String> vladimir = names(get("/api/v1/rollup?municipality=" + enc("Александровский район") + "&asOf=2030-01-01&region=" + enc("Владимирская область")));
        assertFalse(vladimir.contains("МБОУ «Каликинская ООШ»"), "the namesake district of another region is left out: " + vladimir);
    }

    private static Set<String> names(HttpResponse<String> rollup) throws Exception {
        assertEquals(200, rollup.statusCode(), rollup.body());
        Set<String> names = new HashSet<>();
        Json.mapper().readTree(rollup.body()).path("organizationList").forEach(o -> names.add(o.path("name").asText()));
        return names;
    }

    @Test
    void badRequestsAreProblemsNamingTheParameter() throws Exception {
        assertProblem(get("/api/v1/rollup?asOf=2023-11-20"), 400, "municipality");
        assertProblem(get("/api/v1/rollup?municipality=" + enc("Сергокалинский район") + "&asOf=20.11.2023"), 400, "asOf");
        assertProblem(get("/api/v1/rollup?municipality=x&format=pdf"), 400, "format");
        assertProblem(get("/api/v1/audits/no-such-audit"), 404, "decisionId");
        assertProblem(get("/api/v1/organizations/" + enc("нет:такой") + "/audits"), 404, "key");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rollup?municipality=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    /** RFC 4180 with «;», for reading back what the server wrote. */
    static final class CsvReader {
        static List<List<String>> parse(String text) {
            String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') { cell.append('"'); i++; }
                    else if (ch == '"') quoted = false;
                    else cell.append(ch);
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ';') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    cell.append(ch);
                }
            }
            return rows;
        }
    }

}
