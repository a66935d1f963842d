package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 9, item 5: exemptions over the API on SQLite and PostgreSQL — recorded by an admin, applied to audits while
 * they hold (EXEMPT with the justification and the verdict it would have had, in the answer and the stored report),
 * gone after expiry and after revocation, listed with who revoked them and when, counted in the roll-up (an exempted
 * organization out of the clause's share denominator); refused for other roles and for bad bodies.
 */
class ExemptionApiTest {
    static final String ADMIN = "admin-secret-0123456789ab";
    static final String AUDITOR = "auditor-secret-0123456789";
    static final String DECREE = "khasavyurt-uo-47-2023";
    static final HttpClient http = ContractRecorder.client();
    /** A school of Khasavyurt district on 21.10.2023: 47 п. 3.2 FAIL (399 of 400 students registered). */
    static final String FIXTURE = "fixtures/khasavyurt-uo-47-2023/school-oct21-399-of-400-late.json";

    static List<String> backends() { return TestStores.backends(); }

    record Server(TestStores.Backend store, Javalin app, String base) implements AutoCloseable {
        @Override public void close() throws Exception {
            app.stop();
            store.close();
        }
    }

    static Server start(String backend) throws Exception {
        TestStores.Backend store = TestStores.open(backend);
        RulesHolder holder = new RulesHolder(RuleSet.load(Path.of("rules")));
        AuditRepository repo = store.repository();
        Javalin app = ApiServer.create(new ApiServer.Services(new AuditService(holder, repo), new RuleReloader(Path.of("rules"), holder),
                Tokens.parse("ivan:admin:" + ADMIN + ",anna:auditor:" + AUDITOR), new HistoryQueries(repo, holder))).start("127.0.0.1", 0);
        return new Server(store, app, "http://127.0.0.1:" + app.port());
    }

    static HttpResponse<String> send(Server s, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base() + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static ObjectNode facts(LocalDate asOf) throws Exception {
        ObjectNode f = (ObjectNode) Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
        f.put("asOf", asOf.toString());
        return f;
    }

    static JsonNode audit(Server s, JsonNode facts) throws Exception {
        HttpResponse<String> r = send(s, "POST", "/api/v1/audits", AUDITOR, facts.toString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    static JsonNode clause(JsonNode report, String id) {
        for (JsonNode d : report.path("decrees")) {
            if (!d.path("id").asText().equals(DECREE)) continue;
            for (JsonNode c : d.path("clauses")) if (c.path("clause").asText().equals(id)) return c;
        }
        throw new AssertionError("no clause " + id + " in " + report);
    }

    static ObjectNode exemption(String clause, String documentDate, String expiresOn) throws Exception {
        JsonNode org = Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts").path("organization");
        ObjectNode e = Json.mapper().createObjectNode();
        e.putObject("organization").put("name", org.path("name").asText()).put("municipality", org.path("municipality").asText());
        e.put("decree", DECREE);
        e.put("clause", clause);
        e.put("justification", "в школе идёт капитальный ремонт, обучение ведётся дистанционно на площадке другой организации");
        e.putObject("document").put("number", "12-од").put("date", documentDate);
        e.put("expiresOn", expiresOn);
        return e;
    }

    static Set<String> paths(HttpResponse<String> r) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode e : Json.mapper().readTree(r.body()).path("errors")) out.add(e.path("path").asText());
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anExemptionHoldsUntilItExpiresOrIsRevokedAndEveryChangeIsKept(String backend) throws Exception {
        try (Server s = start(backend)) {
            // without an exemption: FAIL
            String wouldBe = clause(audit(s, facts(LocalDate.of(2023, 10, 21))), "3.2").path("status").asText();
            assertEquals("FAIL", wouldBe);

            HttpResponse<String> created = send(s, "POST", "/api/v1/exemptions", ADMIN, exemption("3.2", "2023-10-19", "2023-10-31").toString());
            assertEquals(201, created.statusCode(), created.body());
            JsonNode first = Json.mapper().readTree(created.body());
            long id = first.path("id").asLong();
            assertEquals("/api/v1/exemptions/" + id, created.headers().firstValue("Location").orElse(""));
            assertEquals("ivan", first.path("recordedBy").asText());
            assertEquals("2023-10-31", first.path("expiresOn").asText());
            assertEquals("12-од", first.path("document").path("number").asText());
            String key = first.path("organization").path("key").asText();

            // while it holds: EXEMPT with the justification and the verdict it would have had, in the answer and in the stored report
            JsonNode exempted = audit(s, facts(LocalDate.of(2023, 10, 21)));
            JsonNode c = clause(exempted, "3.2");
            assertEquals("EXEMPT", c.path("status").asText(), c.toString());
            assertEquals("FAIL", c.path("evidence").path("wouldBe").asText());
            assertEquals(id, c.path("evidence").path("exemptionId").asLong());
            assertTrue(c.path("explanation").asText().contains("капитальный ремонт"), c.toString());
            assertTrue(c.path("explanation").asText().contains("№ 12-од от 19.10.2023"), c.toString());
            assertTrue(c.path("explanation").asText().contains("«не выполнено»") || c.path("explanation").asText().contains("Без освобождения"), c.toString());
            assertEquals(key, exempted.path("organizationKey").asText());
            HttpResponse<String> stored = send(s, "GET", "/api/v1/audits/" + exempted.path("decisionId").asText(), AUDITOR, null);
            assertEquals(200, stored.statusCode(), stored.body());
            assertEquals("EXEMPT", clause(Json.mapper().readTree(stored.body()), "3.2").path("status").asText());
            // a batch goes the same way: its line's report shows EXEMPT
            HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/v1/audits/batch?report=full"))
                    .header("Authorization", "Bearer " + AUDITOR).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(facts(LocalDate.of(2023, 10, 21)) + "\n")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, batch.statusCode(), batch.body());
            JsonNode line = null;
            for (String l : batch.body().split("\n")) if (l.contains("\"report\"")) line = Json.mapper().readTree(l);
            assertTrue(line != null, batch.body());
            assertEquals("EXEMPT", clause(line.path("report"), "3.2").path("status").asText(), batch.body());
            // the expiry day itself is covered
            assertEquals("EXEMPT", clause(audit(s, facts(LocalDate.of(2023, 10, 31))), "3.2").path("status").asText());

            // after expiry the verdict returns by itself
            JsonNode after = audit(s, facts(LocalDate.of(2023, 11, 1)));
            assertEquals(wouldBe, clause(after, "3.2").path("status").asText());

            // the roll-up on 21.10.2023 counts it as EXEMPT, out of the share's denominator: another school, all 400 registered
            ObjectNode other = facts(LocalDate.of(2023, 10, 21));
            ((ObjectNode) other.path("organization")).put("name", "МКОУ «Эндирейская СОШ №2»");
            ((ObjectNode) other.path("headcount").path("students")).put("registered", 400);
            String otherVerdict = clause(audit(s, other), "3.2").path("status").asText();
            HttpResponse<String> rollup = send(s, "GET", "/api/v1/rollup?asOf=2023-10-21&municipality="
                    + URLEncoder.encode("Хасавюртовский район", StandardCharsets.UTF_8), AUDITOR, null);
            assertEquals(200, rollup.statusCode(), rollup.body());
            JsonNode rc = null;
            for (JsonNode d : Json.mapper().readTree(rollup.body()).path("decrees")) {
                if (d.path("id").asText().equals(DECREE)) for (JsonNode x : d.path("clauses")) if (x.path("clause").asText().equals("3.2")) rc = x;
            }
            assertTrue(rc != null, rollup.body());
            assertEquals(1, rc.path("counts").path("EXEMPT").asInt(), rc.toString());
            assertEquals(1, rc.path("counts").path(otherVerdict).asInt(), rc.toString());
            assertEquals(1, rc.path("addressed").asInt(), rc.toString());
            assertEquals("PASS".equals(otherVerdict) ? 1.0 : 0.0, rc.path("shareCompliant").asDouble(), rc.toString());

            // an exemption in force today, revoked today: an audit as of today no longer shows it
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            HttpResponse<String> second = send(s, "POST", "/api/v1/exemptions", ADMIN, exemption("3.2", today.minusDays(3).toString(),
                    today.plusYears(1).toString()).toString());
            assertEquals(201, second.statusCode(), second.body());
            long id2 = Json.mapper().readTree(second.body()).path("id").asLong();
            assertEquals("in-force", Json.mapper().readTree(second.body()).path("state").asText());
            JsonNode exemptToday = audit(s, facts(today));
            assertEquals("EXEMPT", clause(exemptToday, "3.2").path("status").asText());
            HttpResponse<String> revoked = send(s, "DELETE", "/api/v1/exemptions/" + id2 + "?reason="
                    + URLEncoder.encode("ремонт окончен досрочно", StandardCharsets.UTF_8), ADMIN, null);
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertEquals("ivan", Json.mapper().readTree(revoked.body()).path("revocation").path("revokedBy").asText());
            assertNotEquals("EXEMPT", clause(audit(s, facts(today)), "3.2").path("status").asText());
            // a replay reproduces what each audit was: the exemption it applied, even when revoked since
            for (String decision : List.of(exempted.path("decisionId").asText(), exemptToday.path("decisionId").asText())) {
                HttpResponse<String> replay = send(s, "POST", "/api/v1/audits/" + decision + "/replay", AUDITOR, null);
                assertEquals(200, replay.statusCode(), replay.body());
                assertTrue(Json.mapper().readTree(replay.body()).path("identical").asBoolean(), replay.body());
            }

            // a second revocation is refused, an unknown id is not found — in Russian
            HttpResponse<String> again = send(s, "DELETE", "/api/v1/exemptions/" + id2, ADMIN, null);
            assertEquals(409, again.statusCode(), again.body());
            assertTrue(again.body().contains("уже отозвано"), again.body());
            for (String unknown : List.of("999999", "abc")) {
                HttpResponse<String> nf = send(s, "DELETE", "/api/v1/exemptions/" + unknown, ADMIN, null);
                assertEquals(404, nf.statusCode(), nf.body());
                assertTrue(nf.body().contains("Нет освобождения"), nf.body());
            }

            // listed per organization and per district, the revoked one with who, when and why; nothing deleted
            for (String query : List.of("organization=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                    "municipality=" + URLEncoder.encode("Хасавюртовский район", StandardCharsets.UTF_8), "")) {
                HttpResponse<String> list = send(s, "GET", "/api/v1/exemptions" + (query.isEmpty() ? "" : "?" + query), ADMIN, null);
                assertEquals(200, list.statusCode(), list.body());
                JsonNode items = Json.mapper().readTree(list.body()).path("exemptions");
                assertEquals(2, items.size(), list.body());
                assertEquals("expired", items.get(0).path("state").asText());
                assertTrue(items.get(0).path("revocation").isNull(), list.body());
                assertEquals("revoked", items.get(1).path("state").asText());
                JsonNode rev = items.get(1).path("revocation");
                assertEquals("ivan", rev.path("revokedBy").asText());
                assertEquals("ремонт окончен досрочно", rev.path("reason").asText());
                assertEquals(today, LocalDate.ofInstant(java.time.Instant.parse(rev.path("revokedAt").asText()), ZoneOffset.UTC));
            }
            HttpResponse<String> elsewhere = send(s, "GET", "/api/v1/exemptions?municipality=" + URLEncoder.encode("Сергокалинский район",
                    StandardCharsets.UTF_8), ADMIN, null);
            assertEquals(0, Json.mapper().readTree(elsewhere.body()).path("exemptions").size(), elsewhere.body());
            s.store().passed();
        }
    }

    @Test
    void onlyAnAdminManagesExemptionsAndBadBodiesAreRefusedByFieldPath() throws Exception {
        try (Server s = start("sqlite")) {
            String good = exemption("3.2", "2023-10-19", "2023-10-31").toString();
            for (String[] call : new String[][] {{"POST", "/api/v1/exemptions", good}, {"GET", "/api/v1/exemptions", null},
                    {"DELETE", "/api/v1/exemptions/1", null}}) {
                HttpResponse<String> r = send(s, call[0], call[1], AUDITOR, call[2]);
                assertEquals(403, r.statusCode(), call[0] + " " + r.body());
                assertTrue(r.body().contains("Недостаточно прав") && r.body().contains("admin"), r.body());
            }
            HttpResponse<String> none = send(s, "GET", "/api/v1/exemptions", ADMIN, null);
            assertEquals(0, Json.mapper().readTree(none.body()).path("exemptions").size(), "the refused POST recorded nothing");

            HttpResponse<String> empty = send(s, "POST", "/api/v1/exemptions", ADMIN, "{}");
            assertEquals(400, empty.statusCode(), empty.body());
            assertEquals(new TreeSet<>(List.of("$.organization", "$.decree", "$.clause", "$.justification", "$.document", "$.expiresOn")), paths(empty));
            assertTrue(empty.body().contains("обязательное поле"), empty.body());

            ObjectNode bad = exemption("3.2", "2023-10-19", "2023-10-18");
            bad.put("justification", "   ");
            ((ObjectNode) bad.path("document")).remove("number");
            ((ObjectNode) bad.path("organization")).remove("municipality");
            bad.put("extra", 1);
            HttpResponse<String> r = send(s, "POST", "/api/v1/exemptions", ADMIN, bad.toString());
            assertEquals(400, r.statusCode(), r.body());
            assertEquals(new TreeSet<>(List.of("$.expiresOn", "$.justification", "$.document.number", "$.organization.municipality", "$.extra")), paths(r));
            assertTrue(r.body().contains("раньше даты документа"), r.body());

            ObjectNode dates = exemption("3.2", "19.10.2023", "потом");
            assertEquals(new TreeSet<>(List.of("$.document.date", "$.expiresOn")), paths(send(s, "POST", "/api/v1/exemptions", ADMIN, dates.toString())));

            ObjectNode unknownDecree = exemption("3.2", "2023-10-19", "2023-10-31");
            unknownDecree.put("decree", "no-such-decree");
            HttpResponse<String> ud = send(s, "POST", "/api/v1/exemptions", ADMIN, unknownDecree.toString());
            assertEquals(400, ud.statusCode(), ud.body());
            assertEquals(Set.of("$.decree"), paths(ud));
            assertTrue(ud.body().contains("нет решения"), ud.body());

            HttpResponse<String> uc = send(s, "POST", "/api/v1/exemptions", ADMIN, exemption("99.9", "2023-10-19", "2023-10-31").toString());
            assertEquals(400, uc.statusCode(), uc.body());
            assertEquals(Set.of("$.clause"), paths(uc));
            assertTrue(uc.body().contains("нет пункта «99.9»"), uc.body());

            HttpResponse<String> notJson = send(s, "POST", "/api/v1/exemptions", ADMIN, "{");
            assertEquals(400, notJson.statusCode(), notJson.body());
            HttpResponse<String> both = send(s, "GET", "/api/v1/exemptions?organization=a&municipality=b", ADMIN, null);
            assertEquals(400, both.statusCode(), both.body());

            List<String> bodies = new ArrayList<>(List.of(empty.body(), r.body(), ud.body(), uc.body(), notJson.body(), both.body()));
            for (String b : bodies) assertTrue(!b.contains("Exception") && !b.contains("ru.edu."), b);
            assertEquals(0, Json.mapper().readTree(send(s, "GET", "/api/v1/exemptions", ADMIN, null).body()).path("exemptions").size());
        }
    }

    /** Issue 22, finding 8: the revocation's reason is checked like every other text (hidden and bidi characters refused). */
    @Test
    void aRevocationReasonWithHiddenOrReorderingCharactersIsRefused() throws Exception {
        try (Server s = start("sqlite")) {
            HttpResponse<String> created = send(s, "POST", "/api/v1/exemptions", ADMIN, exemption("3.2", "2023-10-19", "2023-10-31").toString());
            assertEquals(201, created.statusCode(), created.body());
            long id = Json.mapper().readTree(created.body()).path("id").asLong();
            for (String reason : List.of("ремонт\u2028окончен", "ремонт \u202Eокончен", "ремонт\u200Bокончен", "ремонт\u0007")) {
                String decoded = reason;
                HttpResponse<String> r = send(s, "DELETE", "/api/v1/exemptions/" + id + "?reason=" + URLEncoder.encode(decoded, StandardCharsets.UTF_8),
                        ADMIN, null);
                assertEquals(400, r.statusCode(), reason + ": " + r.body());
                assertEquals(Set.of("reason"), paths(r), r.body());
                assertTrue(r.body().contains("недопустимый") && !r.body().contains("Exception"), r.body());
            }
            HttpResponse<String> still = send(s, "GET", "/api/v1/exemptions/" + id, ADMIN, null);
            assertTrue(Json.mapper().readTree(still.body()).path("revocation").isNull(), "no refused revocation was recorded: " + still.body());
            HttpResponse<String> ok = send(s, "DELETE", "/api/v1/exemptions/" + id + "?reason=" + URLEncoder.encode("ремонт окончен", StandardCharsets.UTF_8),
                    ADMIN, null);
            assertEquals(200, ok.statusCode(), ok.body());
        }
    }
}
