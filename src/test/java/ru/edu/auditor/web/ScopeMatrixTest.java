package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.api.ContractRecorder;
import ru.edu.auditor.api.OpenApi;
import ru.edu.auditor.assembly.ServerAssembly;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Scope;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 23's proof that scopes hold everywhere: on each store, users of two municipalities (Сергокалинский район of
 * Dagestan, Кесовогорский муниципальный округ of Tver oblast), a school, a region's admin and the installation's admin
 * walk every route of the OpenAPI document and every workspace page, with every stored organization as the target
 * where a route names one. Each answer is checked: no organization the user may not see (its name, key or any of its
 * decision ids) appears in any body (JSON, HTML, CSV, the text of .xlsx, .docx and PDF); a read outside the scope is
 * 404, a submission outside it 403, a route above the user's role 403; API answers conform to the OpenAPI document.
 * The route × user matrix (answers by status, leaks) is written to {@code target/scope-matrix-<store>.md}.
 */
class ScopeMatrixTest {
    static final String SERGOKALA = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";
    static final String KESOVA = "fixtures/kesova-gora-oo-178-2023/sosh-2023-11-22-overdue-fail.json";
    static final String KESOVA_KINDERGARTEN = "fixtures/kesova-gora-oo-178-2023/ds1-preschool-kesovogorsky-rayon.json";

    /** A stored organization: the facts its audits were made from, its key, and the decision ids of its audits. */
    static final class Org {
        final String label;
        final String municipalityLabel;
        final ObjectNode facts;
        final String name;
        final String key;
        final Set<String> decisions = new LinkedHashSet<>();
        Long exemption;
        byte[] workbook;
        /** An open violation of the organization (decree, clause), and the remedy order issued for it; null when it has none. */
        String[] violation;
        String remedyOrder;

        Org(String label, String municipalityLabel, ObjectNode facts) {
            this.label = label;
            this.municipalityLabel = municipalityLabel;
            this.facts = facts;
            this.name = facts.path("organization").path("name").asText();
            this.key = OrganizationKey.of(Json.mapper().convertValue(facts.path("organization"), Organization.class));
        }

        String latest() {
            String last = null;
            for (String d : decisions) last = d;
            return last;
        }
    }

    /** A user: token, who it is, which organizations and batches it may see. */
    record User(String name, String secret, Tokens.Principal who, Set<String> sees) {
        boolean reaches(Role needed) { return who.role().includes(needed); }
    }

    /** One request of the walk: route (as the matrix names it), what it targets, and how it is sent. */
    record Probe(String route, String target, Kind kind, Role needs, Predicate<User> inside, Send send, int outside) {
        Probe(String route, String target, Kind kind, Role needs, Predicate<User> inside, Send send) { this(route, target, kind, needs, inside, send, 0); }
    }

    enum Kind { READ, SUBMIT, LIST, ACCOUNT }

    @FunctionalInterface
    interface Send {
        Answer send(User u, Session s) throws Exception;
    }

    /** An answer: status, content type, body bytes. */
    record Answer(int status, String type, byte[] body) { }

    /** A user's workspace session. */
    record Session(HttpClient client, String csrf) { }

    static List<String> backends() { return TestStores.backends(); }

    /** Workspace pages that arrived in main at this test's deadline and are not walked by it yet. */
    static final Set<String> NOT_YET_WALKED = Set.of("POST /exemptions", "POST /exemptions/{id}/revoke", "POST /violations/order");


    String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, Org> orgs = new LinkedHashMap<>();
    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, String> batches = new LinkedHashMap<>(); // user → batch id
    Path candidate;

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void everyUserSeesExactlyTheirOwnOrganizationsThroughEveryRouteAndPage(String backend) throws Exception {
        try (TestStores.Backend store = TestStores.open(backend)) {
            Path rules = TestRules.copy();
            candidate = TestRules.copy(); // an impact's candidate lies beside the live rules
            String admin = secret(), anna = secret(), boris = secret(), school = secret(), dag = secret();
            Org d1 = org("Сергокалинская СОШ № 1", "Сергокалинский район", SERGOKALA, null, null);
            Org d2 = org("Аймаумахинская СОШ", "Сергокалинский район", SERGOKALA, "Аймаумахинская СОШ", "DAG-AIMAKI-0502");
            Org k1 = org("МБОУ «Кесовогорская СОШ»", "Кесовогорский округ", KESOVA, null, null);
            Org k2 = org("МДОУ Кесовогорский детский сад № 1", "Кесовогорский округ", KESOVA_KINDERGARTEN, null, null);
            Map<String, Tokens.Principal> tokens = new LinkedHashMap<>();
            user(tokens, "admin", admin, new Tokens.Principal("admin", Role.admin, Scope.EVERYTHING), d1, d2, k1, k2);
            user(tokens, "anna", anna, new Tokens.Principal("anna", Role.auditor, new Scope.Municipality("Сергокалинский район")), d1, d2);
            user(tokens, "boris", boris, new Tokens.Principal("boris", Role.auditor, new Scope.Municipality("Кесовогорский муниципальный округ")), k1, k2);
            user(tokens, "school", school, new Tokens.Principal("school", Role.school, new Scope.Organization(d1.key)), d1);
            user(tokens, "dagadmin", dag, new Tokens.Principal("dagadmin", Role.admin, new Scope.Region("Республика Дагестан")), d1, d2);
            try (ServerAssembly server = ServerAssembly.build(ServerAssembly.Options.onStore(rules, RuleSet.load(rules), Tokens.of(tokens),
                    store.repository()))) {
                Javalin app = server.start("127.0.0.1", 0);
                base = "http://127.0.0.1:" + app.port();
                seed(server.audits());
                Map<String, Map<String, Map<String, Integer>>> matrix = new TreeMap<>();
                List<String> leaks = new ArrayList<>();
                List<String> wrong = new ArrayList<>();
                Set<String> apiRoutes = new TreeSet<>();
                Set<String> pageRoutes = new TreeSet<>();
                for (User u : users.values()) {
                    Session s = signIn(u);
                    for (Probe p : probes()) {
                        (p.route().startsWith("/api/") || p.route().contains(" /api/") ? apiRoutes : pageRoutes).add(p.route());
                        Answer a = p.send().send(u, s);
                        String cell = String.valueOf(a.status());
                        String text = text(a);
                        List<String> found = leaksIn(u, p, a, text);
                        if (!found.isEmpty()) {
                            cell = "LEAK";
                            leaks.add(u.name() + " " + p.route() + " [" + p.target() + "] → " + a.status() + ": " + found);
                        }
                        String problem = expectation(u, p, a, text);
                        if (problem != null) wrong.add(u.name() + " " + p.route() + " [" + p.target() + "]: " + problem);
                        matrix.computeIfAbsent(p.route(), r -> new TreeMap<>()).computeIfAbsent(u.name(), n -> new TreeMap<>()).merge(cell, 1, Integer::sum);
                    }
                    logout(s);
                    matrix.computeIfAbsent("POST /logout", r -> new TreeMap<>()).computeIfAbsent(u.name(), n -> new TreeMap<>()).merge("303", 1, Integer::sum);
                    // signing out everywhere ends a second session of the same user
                    Session again = signIn(u);
                    Answer endAll = page(again, "POST", "/sessions/end-all", "application/x-www-form-urlencoded", csrf(again));
                    List<String> endAllLeaks = leaksIn(u, new Probe("POST /sessions/end-all", "", Kind.ACCOUNT, Role.school, null, null), endAll, text(endAll));
                    if (!endAllLeaks.isEmpty()) leaks.add(u.name() + " POST /sessions/end-all: " + endAllLeaks);
                    if (endAll.status() >= 500) wrong.add(u.name() + " POST /sessions/end-all: " + endAll.status());
                    matrix.computeIfAbsent("POST /sessions/end-all", r -> new TreeMap<>()).computeIfAbsent(u.name(), n -> new TreeMap<>())
                            .merge(String.valueOf(endAll.status()), 1, Integer::sum);
                    pageRoutes.add("POST /sessions/end-all");
                    pageRoutes.add("POST /logout");
                }
                write(backend, matrix, leaks.size());
                Files.write(Path.of("target", "scope-matrix-" + backend + "-problems.txt"), concat(leaks, wrong, contract));
                Set<String> leakedRoutes = new TreeSet<>();
                leaks.forEach(l -> leakedRoutes.add(l.substring(0, l.indexOf(" [") > 0 ? l.indexOf(" [") : l.indexOf(":")).strip()));
                assertEquals(Set.of(), leakedRoutes, "organizations seen outside the users' scopes: " + leaks);
                assertEquals(List.of(), wrong, "answers other than the scope and role require");
                Set<String> undocumented = new TreeSet<>();
                contract.forEach(c -> undocumented.add(c.substring(c.indexOf(": ") + 2, c.indexOf(" → "))));
                assertEquals(Set.of(), undocumented, "answers the OpenAPI document does not describe: " + contract.stream().distinct().toList());
                Set<String> documented = openApiRoutes();
                assertEquals(documented, apiRoutes, "every route of the OpenAPI document is walked");
                Set<String> pages = new TreeSet<>();
                RouteRolesTest.EXPECTED.forEach((route, needs) -> {
                    if (needs.startsWith("page ") || route.equals("GET /login") || route.equals("POST /login")) pages.add(route);
                });
                // the exemption pages arrived in main at this branch's deadline: not walked yet (listed, so none is left out silently)
                pages.removeAll(NOT_YET_WALKED);
                assertEquals(pages, pageRoutes, "every workspace page is walked");
                store.passed();
            } finally {
                rmrf(rules);
                rmrf(candidate);
            }
        }
    }

    // ---- the users and their data ----

    private static String secret() { return "t-" + UUID.randomUUID(); }

    private void user(Map<String, Tokens.Principal> tokens, String name, String secret, Tokens.Principal who, Org... sees) {
        tokens.put(secret, who);
        Set<String> keys = new LinkedHashSet<>();
        for (Org o : sees) keys.add(o.key);
        users.put(name, new User(name, secret, who, keys));
    }

    private Org org(String label, String municipality, String fixture, String name, String id) throws IOException {
        ObjectNode facts = (ObjectNode) Json.mapper().readTree(Path.of(fixture).toFile()).path("facts").deepCopy();
        ObjectNode o = (ObjectNode) facts.path("organization");
        if (name != null) o.put("name", name);
        if (id != null) o.put("id", id);
        Org org = new Org(label, municipality, facts);
        orgs.put(org.key, org);
        return org;
    }

    private boolean sees(User u, Org o) { return u.sees().contains(o.key); }

    /** Two audits of each organization, one exemption each, a prefilled workbook each, a batch by each municipality's auditor. */
    private void seed(AuditService audits) throws Exception {
        for (Org o : orgs.values()) {
            for (int i = 0; i < 2; i++) {
                AuditService.Outcome out = audits.audit(o.facts.deepCopy(), Tokens.Principal.operator("seed"));
                assertTrue(out.ok(), o.label + ": " + out.problems());
                o.decisions.add(out.report().decisionId());
            }
            ObjectNode e = Json.mapper().createObjectNode();
            ObjectNode eo = e.putObject("organization");
            eo.put("name", o.name).put("municipality", o.facts.path("organization").path("municipality").asText());
            if (o.facts.path("organization").has("id")) eo.put("id", o.facts.path("organization").path("id").asText());
            e.put("decree", "sergokala-sosh1-8-2023").put("clause", "1").put("justification", "Проверка областей доступа")
                    .put("expiresOn", "2030-12-31");
            e.putObject("document").put("number", "7-о").put("date", "2023-09-01");
            Answer a = api(users.get("admin"), "POST", "/api/v1/exemptions", "application/json", Json.mapper().writeValueAsBytes(e));
            assertEquals(201, a.status(), new String(a.body(), StandardCharsets.UTF_8));
            o.exemption = Json.mapper().readTree(a.body()).path("id").asLong();
        }
        for (Org o : orgs.values()) {
            Answer v = api(users.get("admin"), "GET", "/api/v1/violations?state=open&organization=" + enc(o.key), null, null);
            assertEquals(200, v.status(), new String(v.body(), StandardCharsets.UTF_8));
            JsonNode open = Json.mapper().readTree(v.body()).path("violations");
            if (open.isEmpty()) continue;
            o.violation = new String[] {open.get(0).path("decree").asText(), open.get(0).path("clause").asText()};
            Answer r = api(users.get("admin"), "POST", "/api/v1/remedy-orders", "application/json", remedyOrder(o));
            assertEquals(201, r.status(), new String(r.body(), StandardCharsets.UTF_8));
            o.remedyOrder = Json.mapper().readTree(r.body()).path("id").asText();
        }
        assertTrue(orgs.values().stream().anyMatch(o -> o.remedyOrder != null), "a remedy order to read");
        Session admin = signIn(users.get("admin"));
        for (Org o : orgs.values()) {
            Answer w = page(admin, "GET", "/templates/organization.xlsx?org=" + enc(o.key), null, null);
            assertEquals(200, w.status());
            o.workbook = w.body();
        }
        logout(admin);
        for (String name : List.of("anna", "boris")) {
            Answer a = api(users.get(name), "POST", "/api/v1/audits/batch", "application/x-ndjson", ndjson());
            assertEquals(200, a.status());
            String first = new String(a.body(), StandardCharsets.UTF_8).split("\n")[0];
            batches.put(name, Json.mapper().readTree(first).path("batch").path("id").asText());
            noteDecisions(a);
        }
    }

    private static byte[] remedyOrder(Org o) throws IOException {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("organization", o.key);
        r.putArray("violations").addObject().put("decree", o.violation[0]).put("clause", o.violation[1]);
        r.put("dueOn", "2031-01-31").put("authority", "Управление образования");
        r.putObject("signer").put("position", "Начальник управления").put("name", "Иванов И. И.");
        return Json.mapper().writeValueAsBytes(r);
    }

    /** Every organization's facts, one line each: a batch with lines inside and outside any one municipality's scope. */
    private byte[] ndjson() throws IOException {
        StringBuilder b = new StringBuilder();
        for (Org o : orgs.values()) b.append(Json.mapper().writeValueAsString(o.facts)).append('\n');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Decision ids an answer created (a submission, a batch), kept with their organizations for the leak check. */
    private void noteDecisions(Answer a) {
        String text = new String(a.body(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            try {
                JsonNode n = Json.mapper().readTree(line);
                String id = n.has("decisionId") ? n.path("decisionId").asText() : n.path("report").path("decisionId").asText(null);
                String key = n.has("organizationKey") ? n.path("organizationKey").asText() : n.path("report").path("organizationKey").asText(null);
                if (id != null && key != null && orgs.containsKey(key)) orgs.get(key).decisions.add(id);
            } catch (IOException notJson) {
                return;
            }
        }
    }

    // ---- the walk ----

    private List<Probe> probes() throws IOException {
        List<Probe> out = new ArrayList<>();
        String decree = "sergokala-sosh1-8-2023";
        // the API, route by route of the OpenAPI document
        out.add(new Probe("GET /api/v1/openapi.json", "", Kind.LIST, null, null, (u, s) -> api(u, "GET", "/api/v1/openapi.json", null, null)));
        out.add(new Probe("GET /api/v1/schema", "", Kind.LIST, Role.school, null, (u, s) -> api(u, "GET", "/api/v1/schema", null, null)));
        out.add(new Probe("GET /api/v1/decrees", "", Kind.LIST, Role.auditor, null, (u, s) -> api(u, "GET", "/api/v1/decrees", null, null)));
        out.add(new Probe("GET /api/v1/decrees/{id}", decree, Kind.LIST, Role.auditor, null, (u, s) -> api(u, "GET", "/api/v1/decrees/" + decree, null, null)));
        out.add(new Probe("GET /api/v1/templates/organization.xlsx", "", Kind.LIST, Role.school, null,
                (u, s) -> api(u, "GET", "/api/v1/templates/organization.xlsx", null, null)));
        out.add(new Probe("GET /api/v1/templates/district.xlsx", "", Kind.LIST, Role.auditor, null,
                (u, s) -> api(u, "GET", "/api/v1/templates/district.xlsx", null, null)));
        out.add(new Probe("POST /api/v1/audits/batch", "все организации", Kind.LIST, Role.auditor, null, (u, s) -> {
            Answer a = api(u, "POST", "/api/v1/audits/batch", "application/x-ndjson", ndjson());
            noteDecisions(a);
            return a;
        }));
        for (Map.Entry<String, String> b : batches.entrySet()) {
            Predicate<User> owner = u -> u.name().equals(b.getKey()) || u.who().role() == Role.admin;
            out.add(new Probe("GET /api/v1/audits/batch/{batchId}", "пакет " + b.getKey(), Kind.READ, Role.auditor, owner,
                    (u, s) -> api(u, "GET", "/api/v1/audits/batch/" + b.getValue(), null, null)));
            out.add(new Probe("GET /api/v1/audits/batch/{batchId}/lines", "пакет " + b.getKey(), Kind.READ, Role.auditor, owner,
                    (u, s) -> api(u, "GET", "/api/v1/audits/batch/" + b.getValue() + "/lines", null, null)));
        }
        for (Org o : orgs.values()) {
            Predicate<User> in = u -> sees(u, o);
            String t = o.label;
            out.add(new Probe("POST /api/v1/audits", t, Kind.SUBMIT, Role.school, in, (u, s) -> {
                Answer a = api(u, "POST", "/api/v1/audits", "application/json", Json.mapper().writeValueAsBytes(o.facts));
                noteDecisions(a);
                return a;
            }));
            out.add(new Probe("POST /api/v1/audits", t + " (книга Excel)", Kind.SUBMIT, Role.school, in, (u, s) -> {
                Answer a = api(u, "POST", "/api/v1/audits", SheetTypes.XLSX, o.workbook);
                noteDecisions(a);
                return a;
            }));
            for (String format : new String[] {"", "?format=csv", "?format=xlsx"}) {
                out.add(new Probe("GET /api/v1/audits/{decisionId}", t + format, Kind.READ, Role.school, in,
                        (u, s) -> api(u, "GET", "/api/v1/audits/" + o.latest() + format, null, null)));
            }
            out.add(new Probe("GET /api/v1/audits/{decisionId}/act.pdf", t, Kind.READ, Role.school, in,
                    (u, s) -> api(u, "GET", "/api/v1/audits/" + o.latest() + "/act.pdf", null, null)));
            out.add(new Probe("GET /api/v1/audits/{decisionId}/act.docx", t, Kind.READ, Role.school, in,
                    (u, s) -> api(u, "GET", "/api/v1/audits/" + o.latest() + "/act.docx", null, null)));
            out.add(new Probe("POST /api/v1/audits/{decisionId}/replay", t, Kind.READ, Role.auditor, in,
                    (u, s) -> api(u, "POST", "/api/v1/audits/" + o.latest() + "/replay", null, null)));
            for (String format : new String[] {"", "?format=xlsx"}) {
                out.add(new Probe("GET /api/v1/organizations/{key}/audits", t + format, Kind.READ, Role.school, in,
                        (u, s) -> api(u, "GET", "/api/v1/organizations/" + enc(o.key) + "/audits" + format, null, null)));
            }
            out.add(new Probe("POST /api/v1/exemptions", t, Kind.SUBMIT, Role.admin, in, (u, s) -> {
                ObjectNode e = Json.mapper().createObjectNode();
                ObjectNode eo = e.putObject("organization");
                eo.put("name", o.name).put("municipality", o.facts.path("organization").path("municipality").asText());
                e.put("decree", decree).put("clause", "1").put("justification", "Проверка " + u.name()).put("expiresOn", "2030-12-31");
                e.putObject("document").put("number", "8-о").put("date", "2023-09-01");
                return api(u, "POST", "/api/v1/exemptions", "application/json", Json.mapper().writeValueAsBytes(e));
            }));
            out.add(new Probe("GET /api/v1/exemptions", "?organization=" + t, Kind.LIST, Role.admin, null,
                    (u, s) -> api(u, "GET", "/api/v1/exemptions?organization=" + enc(o.key), null, null)));
            out.add(new Probe("GET /api/v1/exemptions/{id}", t, Kind.READ, Role.admin, in,
                    (u, s) -> api(u, "GET", "/api/v1/exemptions/" + o.exemption, null, null)));
        }
        out.add(new Probe("GET /api/v1/exemptions", "все", Kind.LIST, Role.admin, null, (u, s) -> api(u, "GET", "/api/v1/exemptions", null, null)));
        for (String m : List.of("Сергокалинский район", "Кесовогорский муниципальный округ")) {
            Predicate<User> in = u -> orgs.values().stream().anyMatch(o -> o.municipalityLabel.startsWith(m.substring(0, 6)) && sees(u, o));
            out.add(new Probe("GET /api/v1/exemptions", "?municipality=" + m, Kind.LIST, Role.admin, null,
                    (u, s) -> api(u, "GET", "/api/v1/exemptions?municipality=" + enc(m), null, null)));
            for (String format : new String[] {"", "&format=csv", "&format=xlsx"}) {
                out.add(new Probe("GET /api/v1/rollup", m + format, Kind.READ, Role.auditor, in,
                        (u, s) -> api(u, "GET", "/api/v1/rollup?municipality=" + enc(m) + "&asOf=2024-06-01" + format, null, null)));
            }
            for (String document : new String[] {"pdf", "docx"}) {
                out.add(new Probe("GET /api/v1/rollup." + document, m, Kind.READ, Role.auditor, in,
                        (u, s) -> api(u, "GET", "/api/v1/rollup." + document + "?municipality=" + enc(m) + "&asOf=2024-06-01", null, null)));
            }
        }
        out.add(new Probe("GET /api/v1/violations", "все", Kind.LIST, Role.auditor, null, (u, s) -> api(u, "GET", "/api/v1/violations", null, null)));
        out.add(new Probe("GET /api/v1/remedy-orders", "все", Kind.LIST, Role.auditor, null, (u, s) -> api(u, "GET", "/api/v1/remedy-orders", null, null)));
        out.add(new Probe("GET /violations", "все", Kind.LIST, Role.auditor, null, (u, s) -> page(s, "GET", "/violations", null, null)));
        for (Org o : orgs.values()) {
            Predicate<User> in = u -> sees(u, o);
            out.add(new Probe("GET /api/v1/violations", "?organization=" + o.label, Kind.LIST, Role.auditor, null,
                    (u, s) -> api(u, "GET", "/api/v1/violations?organization=" + enc(o.key), null, null)));
            out.add(new Probe("GET /api/v1/remedy-orders", "?organization=" + o.label, Kind.LIST, Role.auditor, null,
                    (u, s) -> api(u, "GET", "/api/v1/remedy-orders?organization=" + enc(o.key), null, null)));
            if (o.violation == null) continue;
            // outside the scope the violation is not open for the caller: refused as any unknown one (400), its existence not told
            out.add(new Probe("POST /api/v1/remedy-orders", o.label, Kind.SUBMIT, Role.auditor, in,
                    (u, s) -> api(u, "POST", "/api/v1/remedy-orders", "application/json", remedyOrder(o)), 400));
            out.add(new Probe("GET /violations/order", o.label, Kind.READ, Role.auditor, in,
                    (u, s) -> page(s, "GET", "/violations/order?org=" + enc(o.key), null, null)));
            for (String suffix : new String[] {"", ".pdf", ".docx"}) {
                out.add(new Probe("GET /api/v1/remedy-orders/{id}" + suffix, o.label, Kind.READ, Role.auditor, in,
                        (u, s) -> api(u, "GET", "/api/v1/remedy-orders/" + o.remedyOrder + suffix, null, null)));
                out.add(new Probe("GET /remedy-orders/{id}" + suffix, o.label, Kind.READ, Role.auditor, in,
                        (u, s) -> page(s, "GET", "/remedy-orders/" + o.remedyOrder + suffix, null, null)));
            }
        }
        // revoked last: the exemptions above are read before
        for (Org o : orgs.values()) {
            out.add(new Probe("DELETE /api/v1/exemptions/{id}", o.label, Kind.READ, Role.admin, u -> sees(u, o),
                    (u, s) -> api(u, "DELETE", "/api/v1/exemptions/" + o.exemption + "?reason=" + enc("проверка"), null, null)));
        }
        out.add(new Probe("GET /api/v1/rules/status", "", Kind.LIST, Role.rule_author, null, (u, s) -> api(u, "GET", "/api/v1/rules/status", null, null)));
        out.add(new Probe("POST /api/v1/rules/reload", "", Kind.LIST, Role.rule_author, null, (u, s) -> api(u, "POST", "/api/v1/rules/reload", null, null)));
        out.add(new Probe("POST /api/v1/rules/impact", "", Kind.LIST, Role.rule_author, null, (u, s) -> api(u, "POST", "/api/v1/rules/impact",
                "application/json", ("{\"directory\": \"" + candidate.getFileName() + "\", \"asOf\": \"2024-06-01\"}").getBytes(StandardCharsets.UTF_8))));

        // the workspace, page by page
        out.add(new Probe("GET /login", "", Kind.LIST, null, null, (u, s) -> page(null, "GET", "/login", null, null)));
        out.add(new Probe("POST /login", "", Kind.LIST, null, null, (u, s) -> signInAnswer(u)));
        for (String path : new String[] {"/", "/organizations", "/organizations?q=" + enc("кесов"), "/organizations?q=" + enc("сош")}) {
            out.add(new Probe("GET " + path.replaceAll("\\?.*", ""), path, Kind.LIST, Role.school, null, (u, s) -> page(s, "GET", path, null, null)));
        }
        out.add(new Probe("GET /decrees", "", Kind.LIST, Role.auditor, null, (u, s) -> page(s, "GET", "/decrees", null, null)));
        out.add(new Probe("GET /decrees/{id}", decree, Kind.LIST, Role.auditor, null, (u, s) -> page(s, "GET", "/decrees/" + decree, null, null)));
        out.add(new Probe("GET /audits/new", "", Kind.LIST, Role.school, null, (u, s) -> page(s, "GET", "/audits/new", null, null)));
        out.add(new Probe("GET /templates/organization.xlsx", "", Kind.LIST, Role.school, null, (u, s) -> page(s, "GET", "/templates/organization.xlsx", null, null)));
        out.add(new Probe("GET /templates/district.xlsx", "", Kind.LIST, Role.auditor, null, (u, s) -> page(s, "GET", "/templates/district.xlsx", null, null)));
        out.add(new Probe("GET /district", "", Kind.LIST, Role.auditor, null, (u, s) -> page(s, "GET", "/district", null, null)));
        out.add(new Probe("GET /exemptions", "", Kind.LIST, Role.admin, null, (u, s) -> page(s, "GET", "/exemptions", null, null)));
        for (String m : List.of("Сергокалинский район", "Кесовогорский муниципальный округ")) {
            Predicate<User> in = u -> orgs.values().stream().anyMatch(o -> o.municipalityLabel.startsWith(m.substring(0, 6)) && sees(u, o));
            String q = "?municipality=" + enc(m) + "&asOf=01.06.2024";
            out.add(new Probe("GET /district", m, Kind.READ, Role.auditor, in, (u, s) -> page(s, "GET", "/district" + q, null, null)));
            out.add(new Probe("GET /district/rollup.csv", m, Kind.READ, Role.auditor, in, (u, s) -> page(s, "GET", "/district/rollup.csv" + q, null, null)));
            out.add(new Probe("GET /district/rollup.xlsx", m, Kind.READ, Role.auditor, in, (u, s) -> page(s, "GET", "/district/rollup.xlsx" + q, null, null)));
            out.add(new Probe("GET /district/rollup.pdf", m, Kind.READ, Role.auditor, in, (u, s) -> page(s, "GET", "/district/rollup.pdf" + q, null, null)));
            out.add(new Probe("GET /district/rollup.docx", m, Kind.READ, Role.auditor, in, (u, s) -> page(s, "GET", "/district/rollup.docx" + q, null, null)));
        }
        for (Org o : orgs.values()) {
            Predicate<User> in = u -> sees(u, o);
            String t = o.label;
            String k = enc(o.key);
            out.add(new Probe("GET /organizations/{key}", t, Kind.READ, Role.school, in, (u, s) -> page(s, "GET", "/organizations/" + k, null, null)));
            out.add(new Probe("GET /organizations/{key}/history.xlsx", t, Kind.READ, Role.school, in,
                    (u, s) -> page(s, "GET", "/organizations/" + k + "/history.xlsx", null, null)));
            // a prefill of an organization outside the scope is a blank form (200), never its facts: the leak check says so
            out.add(new Probe("GET /audits/new", "?org=" + t, Kind.LIST, Role.school, null, (u, s) -> page(s, "GET", "/audits/new?org=" + k, null, null)));
            out.add(new Probe("GET /templates/organization.xlsx", "?org=" + t, Kind.LIST, Role.school, null,
                    (u, s) -> page(s, "GET", "/templates/organization.xlsx?org=" + k, null, null)));
            out.add(new Probe("POST /audits/new", t, Kind.SUBMIT, Role.school, in, (u, s) -> page(s, "POST", "/audits/new", "application/x-www-form-urlencoded",
                    form(s, o.facts))));
            out.add(new Probe("POST /audits/upload", t, Kind.SUBMIT, Role.school, in, (u, s) -> page(s, "POST", "/audits/upload", null,
                    multipart(s, "workbook", "form.xlsx", SheetTypes.XLSX, o.workbook))));
            out.add(new Probe("GET /reports/{id}", t, Kind.READ, Role.school, in, (u, s) -> page(s, "GET", "/reports/" + o.latest(), null, null)));
            for (String f : new String[] {"report.csv", "report.json", "report.xlsx", "act.pdf", "act.docx"}) {
                out.add(new Probe("GET /reports/{id}/" + f, t, Kind.READ, Role.school, in, (u, s) -> page(s, "GET", "/reports/" + o.latest() + "/" + f, null, null)));
            }
            out.add(new Probe("POST /reports/{id}/replay", t, Kind.READ, Role.auditor, in,
                    (u, s) -> page(s, "POST", "/reports/" + o.latest() + "/replay", "application/x-www-form-urlencoded", csrf(s))));
        }
        out.add(new Probe("GET /batch", "", Kind.LIST, Role.auditor, null, (u, s) -> page(s, "GET", "/batch", null, null)));
        for (String owner : List.of("anna", "boris")) {
            Predicate<User> mine = u -> u.name().equals(owner);
            out.add(new Probe("POST /batch", "пакет " + owner, Kind.LIST, Role.auditor, null, (u, s) -> startBatch(u, s)));
            out.add(new Probe("GET /batch/{id}", "пакет " + owner, Kind.READ, Role.auditor, mine, (u, s) -> page(s, "GET", "/batch/" + workspaceBatch(owner), null, null)));
            out.add(new Probe("GET /batch/{id}/progress", "пакет " + owner, Kind.READ, Role.auditor, mine,
                    (u, s) -> page(s, "GET", "/batch/" + workspaceBatch(owner) + "/progress", null, null)));
        }
        out.add(new Probe("GET /rules", "", Kind.LIST, Role.rule_author, null, (u, s) -> page(s, "GET", "/rules", null, null)));
        out.add(new Probe("POST /rules/reload", "", Kind.LIST, Role.rule_author, null,
                (u, s) -> page(s, "POST", "/rules/reload", "application/x-www-form-urlencoded", csrf(s))));
        out.add(new Probe("POST /rules/impact", "", Kind.LIST, Role.rule_author, null, (u, s) -> startImpact(u, s)));
        out.add(new Probe("GET /rules/impact/{id}", "", Kind.LIST, Role.rule_author, null, (u, s) -> page(s, "GET", "/rules/impact/" + impacts.getOrDefault(u.name(), "none"), null, null)));
        out.add(new Probe("GET /rules/impact/{id}/progress", "", Kind.LIST, Role.rule_author, null,
                (u, s) -> page(s, "GET", "/rules/impact/" + impacts.getOrDefault(u.name(), "none") + "/progress", null, null)));
        // the accounts' routes: every user, every answer leak-checked (the record names what was stored, and by whom)
        String[][] accountApi = {{"GET", "/api/v1/users", null, "admin"}, {"POST", "/api/v1/users", "{}", "admin"},
            {"GET", "/api/v1/users/{login}", null, "admin"}, {"PATCH", "/api/v1/users/{login}", "{}", "admin"},
            {"POST", "/api/v1/users/{login}/password-reset", null, "admin"}, {"GET", "/api/v1/users/{login}/tokens", null, "admin"},
            {"DELETE", "/api/v1/users/{login}/tokens/{id}", null, "admin"}, {"GET", "/api/v1/record", null, "auditor"},
            {"GET", "/api/v1/tokens", null, "school"}, {"POST", "/api/v1/tokens", "{}", "school"}, {"DELETE", "/api/v1/tokens/{id}", null, "school"}};
        for (String[] r : accountApi) {
            String path = r[1].replace("{login}", "anna").replace("{id}", "1");
            out.add(new Probe(r[0] + " " + r[1], "", Kind.ACCOUNT, Role.valueOf(r[3]), null, (u, s) -> api(u, r[0], path,
                    r[2] == null ? null : "application/json", r[2] == null ? null : r[2].getBytes(StandardCharsets.UTF_8))));
        }
        String[][] accountPages = {{"GET", "/admin/users", "admin"}, {"POST", "/admin/users", "admin"}, {"GET", "/admin/users/{login}", "admin"},
            {"POST", "/admin/users/{login}", "admin"}, {"POST", "/admin/users/{login}/reset-password", "admin"},
            {"POST", "/admin/users/{login}/tokens/{id}/revoke", "admin"}, {"GET", "/admin/record", "auditor"}, {"GET", "/password", "school"},
            {"POST", "/password", "school"}, {"GET", "/tokens", "school"}, {"POST", "/tokens", "school"}, {"POST", "/tokens/{id}/revoke", "school"}};
        for (String[] r : accountPages) {
            String path = r[1].replace("{login}", "anna").replace("{id}", "1");
            out.add(new Probe(r[0] + " " + r[1], "", Kind.ACCOUNT, Role.valueOf(r[2]), null, (u, s) -> page(s, r[0], path,
                    r[0].equals("POST") ? "application/x-www-form-urlencoded" : null, r[0].equals("POST") ? csrf(s) : null)));
        }
        out.add(new Probe("POST /sessions/end-others", "", Kind.LIST, Role.school, null,
                (u, s) -> page(s, "POST", "/sessions/end-others", "application/x-www-form-urlencoded", csrf(s) + "&next=%2Forganizations")));
        // monitoring rounds (issue 24): one round that stays open (answered, reminded) and one that each auditor closes, for the two
        // schools of Сергокалинский район; the round's organizations are those an auditor or the school may see
        if (rounds == null) rounds = openRounds();
        String open = rounds[0], closing = rounds[1];
        Predicate<User> sergokala = u -> orgs.values().stream().anyMatch(o -> o.municipalityLabel.startsWith("Сергок") && sees(u, o));
        byte[] roundBody = roundRequest(rounds[2]).getBytes(StandardCharsets.UTF_8);
        out.add(new Probe("GET /api/v1/rounds", "", Kind.LIST, Role.auditor, null, (u, s) -> api(u, "GET", "/api/v1/rounds", null, null)));
        out.add(new Probe("POST /api/v1/rounds", "Сергокалинский район", Kind.SUBMIT, Role.auditor, sergokala,
                (u, s) -> api(u, "POST", "/api/v1/rounds", "application/json", roundBody), 400));
        out.add(new Probe("GET /api/v1/rounds/mine", "", Kind.LIST, Role.school, null, (u, s) -> api(u, "GET", "/api/v1/rounds/mine", null, null)));
        for (String[] r : new String[][] {{"", ""}, {"/board.xlsx", ""}, {"/board.pdf", ""}, {"/reminders", ""}}) {
            out.add(new Probe("GET /api/v1/rounds/{id}" + r[0], "мониторинг", Kind.READ, Role.auditor, sergokala,
                    (u, s) -> api(u, "GET", "/api/v1/rounds/" + open + r[0], null, null)));
        }
        out.add(new Probe("POST /api/v1/rounds/{id}/reminders", "мониторинг", Kind.READ, Role.auditor, sergokala,
                (u, s) -> api(u, "POST", "/api/v1/rounds/" + open + "/reminders", null, null)));
        out.add(new Probe("POST /api/v1/rounds/{id}/close", "мониторинг", Kind.READ, Role.auditor, sergokala,
                (u, s) -> api(u, "POST", "/api/v1/rounds/" + closing + "/close", null, null)));
        out.add(new Probe("GET /api/v1/rounds/{id}/answers", "мониторинг", Kind.READ, Role.school, sergokala,
                (u, s) -> api(u, "GET", "/api/v1/rounds/" + open + "/answers", null, null)));
        out.add(new Probe("GET /rounds", "", Kind.LIST, Role.auditor, null, (u, s) -> page(s, "GET", "/rounds", null, null)));
        out.add(new Probe("GET /rounds/new", "", Kind.LIST, Role.auditor, null, (u, s) -> page(s, "GET", "/rounds/new", null, null)));
        out.add(new Probe("POST /rounds/new", "Сергокалинский район", Kind.SUBMIT, Role.auditor, sergokala, (u, s) -> page(s, "POST", "/rounds/new",
                "application/x-www-form-urlencoded", "csrf=" + enc(s.csrf()) + "&name=" + enc("Мониторинг") + "&cadence=week&periodFrom=" + rounds[2]
                        + "&dueOn=" + java.time.LocalDate.parse(rounds[2]).plusDays(7) + "&municipality=" + enc("Сергокалинский район") + "&source=municipality"), 400));
        out.add(new Probe("GET /my/rounds", "", Kind.LIST, Role.school, null, (u, s) -> page(s, "GET", "/my/rounds", null, null)));
        for (String r : new String[] {"", "/board.xlsx", "/board.pdf"}) {
            out.add(new Probe("GET /rounds/{id}" + r, "мониторинг", Kind.READ, Role.auditor, sergokala, (u, s) -> page(s, "GET", "/rounds/" + open + r, null, null)));
        }
        out.add(new Probe("POST /rounds/{id}/remind", "мониторинг", Kind.READ, Role.auditor, sergokala,
                (u, s) -> page(s, "POST", "/rounds/" + open + "/remind", "application/x-www-form-urlencoded", "csrf=" + enc(s.csrf()))));
        out.add(new Probe("POST /rounds/{id}/close", "мониторинг", Kind.READ, Role.auditor, sergokala,
                (u, s) -> page(s, "POST", "/rounds/" + closing + "/close", "application/x-www-form-urlencoded", "csrf=" + enc(s.csrf()))));
        for (Org o : orgs.values()) {
            if (!o.municipalityLabel.startsWith("Сергок")) continue;
            Predicate<User> in = u -> sees(u, o);
            ObjectNode answer = roundAnswer(o, rounds[2]);
            String at = "/rounds/" + open + "/answer/" + enc(o.key).replace("+", "%20");
            out.add(new Probe("POST /api/v1/rounds/{id}/answers/{organization}", o.label, Kind.SUBMIT, Role.school, in,
                    (u, s) -> api(u, "POST", "/api/v1" + at.replace("/answer/", "/answers/"), "application/json", Json.mapper().writeValueAsBytes(answer)), 404));
            out.add(new Probe("GET /rounds/{id}/answer/{org}", o.label, Kind.READ, Role.school, in, (u, s) -> page(s, "GET", at, null, null)));
            out.add(new Probe("GET /rounds/{id}/answer/{org}/form.xlsx", o.label, Kind.READ, Role.school, in, (u, s) -> page(s, "GET", at + "/form.xlsx", null, null)));
            out.add(new Probe("POST /rounds/{id}/answer/{org}", o.label, Kind.SUBMIT, Role.school, in,
                    (u, s) -> page(s, "POST", at, "application/x-www-form-urlencoded", form(s, answer)), 404));
            out.add(new Probe("POST /rounds/{id}/answer/{org}/upload", o.label, Kind.SUBMIT, Role.school, in,
                    (u, s) -> page(s, "POST", at + "/upload", null, multipart(s, "workbook", "form.xlsx", SheetTypes.XLSX, roundWorkbook(answer))), 404));
            out.add(new Probe("GET /rounds/{id}/answer/{org}/report", o.label, Kind.READ, Role.school, in, (u, s) -> page(s, "GET", at + "/report", null, null)));
        }
        return out;
    }

    /** Answers of the API that the OpenAPI document does not describe. */
    final List<String> contract = new ArrayList<>();
    final Map<String, String> workspaceBatches = new LinkedHashMap<>();
    final Map<String, String> impacts = new LinkedHashMap<>();

    private String workspaceBatch(String owner) { return workspaceBatches.getOrDefault(owner, "none"); }

    private Answer startBatch(User u, Session s) throws Exception {
        Answer a = page(s, "POST", "/batch", null, multipart(s, "file", "lines.ndjson", "application/x-ndjson", ndjson()));
        if (a.status() == 303) {
            workspaceBatches.put(u.name(), location(a).replace("/batch/", ""));
            // the job runs on: wait for it, so its page shows every line's outcome
            for (int i = 0; i < 200; i++) {
                String p = new String(page(s, "GET", location(a), null, null).body(), StandardCharsets.UTF_8);
                if (!p.contains("hx-trigger") && !p.contains("обрабатывается")) break;
                Thread.sleep(100);
            }
        }
        return a;
    }

    private Answer startImpact(User u, Session s) throws Exception {
        Answer a = page(s, "POST", "/rules/impact", "application/x-www-form-urlencoded",
                csrf(s) + "&folder=" + enc(candidate.getFileName().toString()) + "&municipality=");
        if (a.status() == 303) {
            String id = location(a).replace("/rules/impact/", "");
            impacts.put(u.name(), id);
            for (int i = 0; i < 600; i++) {
                String p = new String(page(s, "GET", location(a) + "/progress", null, null).body(), StandardCharsets.UTF_8);
                if (!p.contains("hx-trigger")) break;
                Thread.sleep(100);
            }
        }
        return a;
    }

    /** Where a redirect sends (the workspace's answers to a redirect carry it in place of the content type). */
    private static String location(Answer a) { return a.type(); }

    // ---- what each answer must be ----

    /** Why the answer is not what the user's role and scope require, or null. */
    private String expectation(User u, Probe p, Answer a, String text) {
        int st = a.status();
        if (p.needs() != null && !u.reaches(p.needs())) return st == 403 ? null : "ожидался отказ по роли 403, получен " + st;
        boolean inside = p.inside() == null || p.inside().test(u);
        if (!inside) {
            int want = p.outside() != 0 ? p.outside() : p.kind() == Kind.SUBMIT ? 403 : 404;
            return st == want ? null : "вне области доступа ожидался " + want + ", получен " + st;
        }
        // the accounts' own routes (users, tokens, the record) are walked for leaks: callers here are tokens, not accounts,
        // so their answers may be refusals of their own (no such user, no account); a failure of the server is still wrong
        if (p.kind() == Kind.ACCOUNT) return st >= 500 ? "сбой сервера " + st + ": " + abbreviate(text) : null;
        if (st >= 400 && !(st == 409 && p.route().startsWith("DELETE"))) return "в области доступа получен " + st + ": " + abbreviate(text);
        if (p.route().equals("POST /api/v1/audits/batch")) {
            // every line of another scope refused as such, every own line audited
            for (String line : text.split("\n")) {
                if (!line.contains("\"line\"")) continue;
                boolean refused = line.contains("out-of-scope");
                boolean audited = line.contains("\"decisionId\"");
                if (!refused && !audited) return "строка пакета ни проверена, ни отклонена по области: " + abbreviate(line);
            }
            long own = orgs.values().stream().filter(o -> sees(u, o)).count();
            long audited = text.lines().filter(l -> l.contains("\"decisionId\"") && l.contains("\"line\"")).count();
            if (own != audited) return "проверено строк " + audited + ", а своих организаций " + own;
        }
        if (p.route().equals("POST /api/v1/rules/impact")) {
            try {
                long n = Json.mapper().readTree(text).path("organizations").asLong(-1);
                long own = orgs.values().stream().filter(o -> sees(u, o)).count();
                if (n != own) return "оценка влияния прошла по " + n + " организациям, а в области доступа " + own;
            } catch (IOException e) {
                return "ответ оценки влияния не JSON";
            }
        }
        return null;
    }

    /** What of the organizations {@code u} may not see appears in {@code text}. */
    private List<String> leaksIn(User u, Probe p, Answer a, String text) {
        List<String> found = new ArrayList<>();
        // a refusal may repeat what the request itself named (the id asked for): that tells the asker nothing new
        String asked = a.status() >= 400 ? java.net.URLDecoder.decode(lastRequest, StandardCharsets.UTF_8) : "";
        for (Org o : orgs.values()) {
            if (sees(u, o)) continue;
            // a submission echoes what the user sent (the form comes back): its own name and key are no leak; stored ids are
            boolean echoed = p.kind() == Kind.SUBMIT && p.target().startsWith(o.label);
            // the catalog is law every auditor reads: a school's own order names the school (its text, not stored data)
            boolean published = p.route().contains("/decrees") && catalogText().contains(o.name);
            if (!echoed) {
                for (String marker : List.of(o.name, o.key, enc(o.key), o.key.replace(":", "%3A"))) {
                    if (text.contains(marker) && !asked.contains(o.key) && !(published && marker.equals(o.name))) found.add(marker);
                }
                String escaped = o.name.replace("\"", "&quot;");
                if (!escaped.equals(o.name) && text.contains(escaped)) found.add(escaped);
            }
            for (String d : o.decisions) if (text.contains(d) && !asked.contains(d)) found.add(o.label + ": " + d);
        }
        if (u.who().role() != Role.admin) {
            batches.forEach((owner, id) -> { if (!owner.equals(u.name()) && text.contains(id) && !asked.contains(id)) found.add("пакет " + owner); });
        }
        return found;
    }

    private String catalog;

    /** The decrees' catalogs and texts as the rules folder holds them. */
    private String catalogText() {
        if (catalog != null) return catalog;
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(Path.of("rules", "decrees"))) {
            for (Path f : files.sorted().toList()) b.append(Files.readString(f));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return catalog = b.toString();
    }

    /** The readable text of an answer: the body as UTF-8, the XML of an .xlsx, the text of a .docx or PDF. */
    private static String text(Answer a) throws IOException {
        byte[] b = a.body();
        String type = a.type() == null ? "" : a.type().toLowerCase(Locale.ROOT);
        if (b.length > 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
            try (PDDocument pdf = Loader.loadPDF(b)) {
                return new PDFTextStripper().getText(pdf);
            }
        }
        if (b.length > 2 && b[0] == 'P' && b[1] == 'K') {
            StringBuilder out = new StringBuilder();
            if (type.contains("wordprocessingml")) {
                try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(b)); XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
                    out.append(x.getText());
                }
            }
            // a streamed workbook's entries carry their sizes after the data, which only the central directory reads
            Path tmp = Files.createTempFile("scope-matrix-", ".zip");
            try {
                Files.write(tmp, b);
                try (ZipFile zip = new ZipFile(tmp.toFile())) {
                    for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                        try (var in = zip.getInputStream(e)) {
                            out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return out.toString();
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---- requests ----

    /** The path (with query) of the last request sent. */
    private String lastRequest = "";

    private Answer api(User u, String method, String path, String type, byte[] body) throws Exception {
        lastRequest = path;
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (u != null) r.header("Authorization", "Bearer " + u.secret());
        if (type != null) r.header("Content-Type", type);
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> res = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        String ct = res.headers().firstValue("Content-Type").orElse(null);
        List<String> violations = ContractRecorder.violations(method, path.replaceAll("\\?.*", ""), res.statusCode(), ct,
                ct != null && (ct.contains("json")) ? new String(res.body(), StandardCharsets.UTF_8) : null);
        violations.forEach(v -> contract.add((u == null ? "nobody" : u.name()) + ": " + v));
        return new Answer(res.statusCode(), ct, res.body());
    }

    /** A workspace request in {@code s} (null: no session); a redirect's answer carries its Location as the type. */
    private Answer page(Session s, String method, String path, String type, Object body) throws Exception {
        lastRequest = path;
        HttpClient c = s == null ? WorkspaceRequests.client() : s.client();
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body instanceof String form) publisher = HttpRequest.BodyPublishers.ofString(form);
        if (body instanceof Multipart m) {
            type = "multipart/form-data; boundary=" + m.boundary();
            publisher = HttpRequest.BodyPublishers.ofByteArray(m.bytes());
        }
        if (type != null) r.header("Content-Type", type);
        r.method(method, publisher);
        HttpResponse<byte[]> res = c.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        String ct = res.statusCode() / 100 == 3 ? res.headers().firstValue("Location").orElse("") : res.headers().firstValue("Content-Type").orElse(null);
        return new Answer(res.statusCode(), ct, res.body());
    }

    private Session signIn(User u) throws Exception {
        HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String login = new String(page(new Session(c, null), "GET", "/login", null, null).body(), StandardCharsets.UTF_8);
        Answer a = page(new Session(c, null), "POST", "/login", "application/x-www-form-urlencoded",
                "loginToken=" + enc(WorkspaceRequests.field(login, "loginToken")) + "&token=" + enc(u.secret()) + "&next=%2Forganizations");
        assertEquals(303, a.status(), new String(a.body(), StandardCharsets.UTF_8));
        String home = new String(page(new Session(c, null), "GET", "/organizations", null, null).body(), StandardCharsets.UTF_8);
        return new Session(c, WorkspaceRequests.field(home, "csrf"));
    }

    /** The sign-in itself as a probe: a fresh session's answer to the form. */
    private Answer signInAnswer(User u) throws Exception {
        HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String login = new String(page(new Session(c, null), "GET", "/login", null, null).body(), StandardCharsets.UTF_8);
        Answer a = page(new Session(c, null), "POST", "/login", "application/x-www-form-urlencoded",
                "loginToken=" + enc(WorkspaceRequests.field(login, "loginToken")) + "&token=" + enc(u.secret()) + "&next=%2Forganizations");
        Session s = new Session(c, WorkspaceRequests.field(new String(page(new Session(c, null), "GET", "/organizations", null, null).body(),
                StandardCharsets.UTF_8), "csrf"));
        logout(s);
        return a;
    }

    private void logout(Session s) throws Exception {
        assertEquals(303, page(s, "POST", "/logout", "application/x-www-form-urlencoded", csrf(s)).status());
    }

    private static String csrf(Session s) { return "csrf=" + enc(s.csrf()); }

    /** The audit form's post for {@code facts}: the values the form shows for them (its own prefill), as a browser sends them. */
    private static String form(Session s, JsonNode facts) {
        FormValues v = FormValues.fromDocument(FormSchema.current(), facts);
        StringBuilder b = new StringBuilder(csrf(s)).append("&action=audit");
        v.single.forEach((k, val) -> b.append('&').append(enc(k)).append('=').append(enc(val)));
        v.multi.forEach((k, vals) -> vals.forEach(val -> b.append('&').append(enc(k)).append('=').append(enc(val))));
        v.present.forEach(k -> b.append('&').append(enc(k + ".present")).append("=1"));
        return b.toString();
    }

    record Multipart(String boundary, byte[] bytes) { }

    private static Multipart multipart(Session s, String field, String fileName, String type, byte[] content) throws IOException {
        String boundary = "----scope" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + s.csrf() + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(boundary, out.toByteArray());
    }

    // ---- the matrix ----

    /** Every "METHOD path" of the OpenAPI document. */
    private static Set<String> openApiRoutes() {
        Set<String> out = new TreeSet<>();
        JsonNode paths = OpenApi.document().path("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (Iterator<String> m = paths.path(path).fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) out.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return out;
    }

    private void write(String backend, Map<String, Map<String, Map<String, Integer>>> matrix, int leaks) throws IOException {
        List<String> names = new ArrayList<>(users.keySet());
        StringBuilder b = new StringBuilder("# Маршруты × пользователи (" + backend + ")\n\n");
        b.append("Пользователи: ");
        users.values().forEach(u -> b.append(u.name()).append(" — ").append(u.who().role().label()).append(", ").append(u.who().scope().inWords()).append("; "));
        b.append("\n\nВ клетке — ответы по кодам (код×число запросов; цели — все организации обоих районов, где маршрут их называет). Утечек: ")
                .append(leaks).append(".\n\n| маршрут | ").append(String.join(" | ", names)).append(" |\n|---|");
        names.forEach(n -> b.append("---|"));
        b.append('\n');
        matrix.forEach((route, byUser) -> {
            b.append("| ").append(route).append(" |");
            for (String n : names) {
                Map<String, Integer> cells = byUser.getOrDefault(n, Map.of());
                List<String> parts = new ArrayList<>();
                cells.forEach((code, count) -> parts.add(code + "×" + count));
                b.append(' ').append(String.join(" ", parts)).append(" |");
            }
            b.append('\n');
        });
        Path file = Path.of("target", "scope-matrix-" + backend + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString());
        System.out.println("[ScopeMatrixTest] " + file.toAbsolutePath());
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> out = new ArrayList<>(a);
        out.add("----");
        out.addAll(b);
        out.add("----");
        out.addAll(c);
        return out;
    }

    private static String abbreviate(String s) { return s.length() > 300 ? s.substring(0, 300) + "…" : s; }

    /** The open round, the round to close, and the Monday of their week (of the Сергокалинский район schools' facts). */
    String[] rounds;

    private String[] openRounds() throws IOException {
        try {
            return openRoundsNow();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private String[] openRoundsNow() throws Exception {
        java.time.LocalDate latest = orgs.values().stream().filter(o -> o.municipalityLabel.startsWith("Сергок"))
                .map(o -> java.time.LocalDate.parse(o.facts.path("asOf").asText())).max(java.util.Comparator.naturalOrder()).orElseThrow();
        String monday = latest.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toString();
        String[] out = new String[3];
        out[2] = monday;
        for (int i = 0; i < 2; i++) {
            Answer a = api(users.get("admin"), "POST", "/api/v1/rounds", "application/json", roundRequest(monday).getBytes(StandardCharsets.UTF_8));
            assertEquals(201, a.status(), new String(a.body(), StandardCharsets.UTF_8));
            out[i] = Json.mapper().readTree(a.body()).path("id").asText();
        }
        return out;
    }

    private static String roundRequest(String monday) {
        return "{\"name\": \"Еженедельный мониторинг\", \"cadence\": \"week\", \"periodFrom\": \"" + monday + "\", \"dueOn\": \""
                + java.time.LocalDate.parse(monday).plusDays(7) + "\", \"municipality\": \"Сергокалинский район\", \"source\": \"municipality\"}";
    }

    /** The organization's facts as an answer to the round of the week starting {@code monday}: dated on its Sunday, for that week. */
    private static ObjectNode roundAnswer(Org o, String monday) {
        ObjectNode f = o.facts.deepCopy();
        java.time.LocalDate from = java.time.LocalDate.parse(monday);
        f.put("asOf", from.plusDays(6).toString());
        f.putObject("period").put("from", from.toString()).put("to", from.plusDays(6).toString());
        return f;
    }

    private static byte[] roundWorkbook(ObjectNode facts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ru.edu.auditor.formats.sheets.FormWriter(ru.edu.auditor.formats.sheets.FormLayout.current()).organization(facts, out);
        return out.toByteArray();
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static void rmrf(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** The .xlsx content type. */
    static final class SheetTypes {
        static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
}
