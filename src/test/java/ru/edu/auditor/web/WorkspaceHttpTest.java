package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * The workspace over plain HTTP: sessions, CSRF, refusals in words, escaping, the .xlsx buttons (issue 11 item 5);
 * «Воспроизвести» on a stored report and «Оценить влияние» of a candidate folder on the rules page (issue 13 item 6).
 */
class WorkspaceHttpTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final String AUTHOR = "author-secret-0123456789";
    static final String FIXTURE = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";
    /** Sferum connection 31 of 34 teachers, 398 of 412 students: clause 3.2 fails at 100 %, passes at 90 %. */
    static final String SHORTFALL = "fixtures/kesova-gora-oo-178-2023/sosh-2023-11-22-overdue-fail.json";
    static TestStores.Backend store;
    static Javalin app;
    static String base;
    static RulesHolder holder;
    static RuleReloader reloader;
    static String seededDecision;

    @BeforeAll
    static void start() throws Exception {
        // a scratch copy: the impact's candidate folders are looked for beside the live rules directory
        Path dir = TestRules.copy();
        holder = new RulesHolder(RuleSet.load(dir));
        store = TestStores.open("sqlite");
        AuditRepository repo = store.repository();
        AuditService audits = new AuditService(holder, repo);
        audits.archiveQuietly(holder.current());
        HistoryQueries history = new HistoryQueries(repo, holder);
        reloader = new RuleReloader(dir, holder);
        Tokens tokens = Tokens.parse("anna:auditor:" + AUDITOR + ",rita:rule_author:" + AUTHOR);
        app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history),
                Workspace.frontEnd(new Workspace.Services(audits, history, reloader, tokens, null))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        JsonNode facts = Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) facts.path("organization")).put("name", "\"><img src=x onerror=alert(1)>").put("id", "hostile-2");
        AuditService.Outcome seeded = audits.audit(facts, ru.edu.auditor.service.access.Tokens.Principal.operator("seed"));
        assertTrue(seeded.ok());
        seededDecision = seeded.report().decisionId();
        assertTrue(audits.audit(Json.mapper().readTree(Path.of(SHORTFALL).toFile()).path("facts").deepCopy(), ru.edu.auditor.service.access.Tokens.Principal.operator("seed")).ok());
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        reloader.close();
        store.close();
    }

    static HttpClient client() { return WorkspaceRequests.client(); }

    static HttpResponse<String> get(HttpClient c, String path) throws Exception { return WorkspaceRequests.get(base, c, path); }

    static HttpResponse<String> post(HttpClient c, String path, String form) throws Exception { return WorkspaceRequests.post(base, c, path, form); }

    static String field(String html, String name) { return WorkspaceRequests.field(html, name); }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    /** Signs in and returns the session's CSRF token (read from a page, as the browser has it). */
    static String signIn(HttpClient c) throws Exception { return signIn(c, AUDITOR); }

    static String signIn(HttpClient c, String token) throws Exception {
        String login = get(c, "/login").body();
        HttpResponse<String> r = post(c, "/login", "loginToken=" + enc(field(login, "loginToken")) + "&token=" + enc(token) + "&next=%2Fdecrees");
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/decrees", r.headers().firstValue("Location").orElseThrow());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=28800"), cookie);
        assertFalse(cookie.contains(token));
        return field(get(c, "/batch").body(), "csrf");
    }

    @Test
    void pagesNeedASessionAndStateChangesNeedTheCsrfToken() throws Exception {
        HttpClient c = client();
        HttpResponse<String> anonymous = get(c, "/organizations");
        assertEquals(303, anonymous.statusCode());
        assertEquals("/login?next=%2Forganizations", anonymous.headers().firstValue("Location").orElseThrow());
        assertEquals(401, post(c, "/audits/new", "organization.name=x").statusCode());
        // a sign-in form posted from elsewhere (no matching pre-sign-in cookie) is refused
        assertEquals(403, post(client(), "/login", "loginToken=forged&token=" + enc(AUDITOR)).statusCode());
        String csrf = signIn(c);
        HttpResponse<String> forged = post(c, "/audits/new", "action=audit&organization.name=x");
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("Форма не принята"), forged.body());
        HttpResponse<String> wrong = post(c, "/audits/new", "csrf=" + UUID.randomUUID() + "&action=audit");
        assertEquals(403, wrong.statusCode());
        HttpResponse<String> ok = post(c, "/audits/new", "csrf=" + enc(csrf) + "&action=audit&organization.name=x");
        assertEquals(400, ok.statusCode()); // reached the form: its own errors, not the CSRF refusal
        assertTrue(ok.body().contains("Сведения не приняты"));
        HttpResponse<String> missing = get(c, "/reports/no-such-audit");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(missing.body().contains("Нет сохранённой проверки с таким номером"), missing.body());
        HttpResponse<String> rules = get(c, "/rules");
        assertEquals(403, rules.statusCode());
        assertTrue(rules.body().contains("Недостаточно прав") && rules.body().contains("rule-author"));
        assertFalse(rules.body().contains("Exception") || rules.body().contains("ru.edu"));
        // signing out ends the session on the server, not only in the browser
        assertEquals(303, post(c, "/logout", "csrf=" + enc(csrf)).statusCode());
        assertEquals(303, get(c, "/organizations").statusCode());
    }

    @Test
    void storedTextIsEscapedAndPagesForbidInlineScripts() throws Exception {
        HttpClient c = client();
        signIn(c);
        HttpResponse<String> list = get(c, "/organizations");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), list.body());
        assertFalse(list.body().contains("<img src=x"));
        String csp = list.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("no-store", list.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("/", SignInPages.safeNext("//evil.example/x"));
        assertEquals("/", SignInPages.safeNext("https://evil.example/"));
        assertEquals("/reports/1", SignInPages.safeNext("/reports/1"));
    }

    @Test
    void workbookButtonsDownloadTheFormsAndAFilledFormIsAudited() throws Exception {
        HttpClient c = client();
        String csrf = signIn(c);
        HttpResponse<byte[]> template = c.send(HttpRequest.newBuilder(URI.create(base + "/templates/organization.xlsx")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, template.statusCode());
        assertEquals(SheetIntake.XLSX, template.headers().firstValue("Content-Type").orElseThrow());
        assertEquals('P', template.body()[0]); // a zip: an .xlsx workbook
        JsonNode facts = Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
        ByteArrayOutputStream filled = new ByteArrayOutputStream();
        new FormWriter(FormLayout.current()).organization(facts, filled);
        String boundary = "----b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"форма.xlsx\"\r\nContent-Type: "
                + SheetIntake.XLSX + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(filled.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/audits/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode(), r.body());
        String report = r.headers().firstValue("Location").orElseThrow();
        assertTrue(report.startsWith("/reports/"));
        HttpResponse<String> page = get(c, report);
        assertTrue(page.body().contains("Сергокалинская СОШ № 1"));
        HttpResponse<byte[]> xlsx = c.send(HttpRequest.newBuilder(URI.create(base + report + "/report.xlsx")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        assertEquals(SheetIntake.XLSX, xlsx.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> csv = get(c, report + "/report.csv");
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        // the act: buttons for PDF and Word, the decree that applies first, the others as one list at the end
        assertTrue(page.body().contains("href=\"" + report + "/act.pdf\"") && page.body().contains("Акт (PDF)"), page.body());
        assertTrue(page.body().contains("href=\"" + report + "/act.docx\"") && page.body().contains("Акт (Word)"), page.body());
        int firstDecree = page.body().indexOf("<section class=\"decree\"");
        int notApplicable = page.body().indexOf("Решения, которые на организацию не распространяются");
        assertTrue(firstDecree >= 0 && notApplicable > firstDecree, page.body());
        // the facts a verdict rests on are named in Russian, never by the rules' keys («onSferum», «total»)
        assertTrue(page.body().contains("<dt>Всего</dt>"), page.body());
        assertFalse(java.util.regex.Pattern.compile("<dt>[a-z][A-Za-z]*</dt>").matcher(page.body()).find(), page.body());
        assertTrue(page.body().indexOf("Приказ № 8") > firstDecree && page.body().indexOf("Приказ № 8") < notApplicable, page.body());
        for (String ext : new String[] {"pdf", "docx"}) {
            HttpResponse<byte[]> act = c.send(HttpRequest.newBuilder(URI.create(base + report + "/act." + ext)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, act.statusCode());
            String disposition = act.headers().firstValue("Content-Disposition").orElseThrow();
            assertTrue(disposition.contains("filename*=UTF-8''%D0%90%D0%BA%D1%82_") && disposition.endsWith("." + ext), disposition);
            assertEquals(ext.equals("pdf") ? '%' : 'P', (char) act.body()[0]);
        }
    }

    @Test
    void replayOfAStoredAuditIsConfirmedIdenticalOnlyForAnAuditorWithTheFormsToken() throws Exception {
        HttpClient c = client();
        String csrf = signIn(c);
        String report = get(c, "/reports/" + seededDecision).body();
        assertTrue(report.contains("action=\"/reports/" + seededDecision + "/replay\"") && report.contains(">Воспроизвести</button>"), report);
        HttpResponse<String> forged = post(c, "/reports/" + seededDecision + "/replay", "csrf=" + UUID.randomUUID());
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("Форма не принята"), forged.body());
        assertEquals(401, post(client(), "/reports/" + seededDecision + "/replay", "csrf=x").statusCode());
        HttpResponse<String> r = post(c, "/reports/" + seededDecision + "/replay", "csrf=" + enc(csrf));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Повторная проверка на архивных правилах дала тот же результат"), r.body());
        assertTrue(r.body().contains(holder.current().version()));
        HttpResponse<String> missing = post(c, "/reports/no-such-audit/replay", "csrf=" + enc(csrf));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Нет сохранённой проверки"), missing.body());

        // the stored act altered in the store (one clause's verdict): the replay lists that difference, was → now
        Object original = sql("SELECT report_deflated FROM audit WHERE decision_id = ?", seededDecision);
        com.fasterxml.jackson.databind.node.ObjectNode altered = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper()
                .readTree(store.repository().find(seededDecision).orElseThrow().report());
        com.fasterxml.jackson.databind.node.ObjectNode clause = null;
        for (JsonNode d : altered.path("decrees")) {
            for (JsonNode x : d.path("clauses")) if (clause == null && "PASS".equals(x.path("status").asText())) clause = (com.fasterxml.jackson.databind.node.ObjectNode) x;
        }
        assertTrue(clause != null, "the compliant fixture has a met clause");
        clause.put("status", "FAIL");
        try {
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(deflated)) {
                z.write(altered.toString().getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(1, update("UPDATE audit SET report_deflated = ? WHERE decision_id = ?", deflated.toByteArray(), seededDecision));
            HttpResponse<String> differs = post(c, "/reports/" + seededDecision + "/replay", "csrf=" + enc(csrf));
            assertEquals(200, differs.statusCode(), differs.body());
            assertTrue(differs.body().contains("дала другой результат: 1 расхождение."), differs.body());
            assertTrue(differs.body().contains("<th scope=\"row\">" + clause.path("clause").asText() + "</th><td>вердикт</td><td>нарушение</td><td>выполнено</td>"),
                    differs.body());
        } finally {
            update("UPDATE audit SET report_deflated = ? WHERE decision_id = ?", original, seededDecision);
        }

        // the archived rules altered in the store: refused in words, never a stack
        String version = ru.edu.auditor.engine.Readings.filesPart(holder.current().version()); // the archive is keyed by the files part
        Object zip = sql("SELECT files_zip FROM rules_archive WHERE rules_version = ?", version);
        java.util.Map<String, byte[]> files = new java.util.HashMap<>(store.repository().rulesArchive().find(version).orElseThrow().files());
        files.put("decrees/extra.txt", "изменено".getBytes(StandardCharsets.UTF_8));
        try {
            assertEquals(1, update("UPDATE rules_archive SET files_zip = ? WHERE rules_version = ?",
                    java.util.Base64.getEncoder().encodeToString(ru.edu.auditor.engine.RulesFiles.of(files).zip()), version));
            HttpResponse<String> tampered = post(c, "/reports/" + seededDecision + "/replay", "csrf=" + enc(csrf));
            assertEquals(409, tampered.statusCode(), tampered.body());
            assertTrue(tampered.body().contains("Воспроизвести проверку нельзя") && tampered.body().contains("повреждена или изменена"), tampered.body());
            assertFalse(tampered.body().contains("Exception") || tampered.body().contains("ru.edu"), tampered.body());
        } finally {
            update("UPDATE rules_archive SET files_zip = ? WHERE rules_version = ?", zip, version);
        }
    }

    static Object sql(String query, String arg) throws Exception {
        try (java.sql.Connection c = store.db.connection(); java.sql.PreparedStatement st = c.prepareStatement(query)) {
            st.setString(1, arg);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), query);
                return rs.getObject(1);
            }
        }
    }

    static int update(String query, Object value, String key) throws Exception {
        try (java.sql.Connection c = store.db.connection(); java.sql.PreparedStatement st = c.prepareStatement(query)) {
            st.setObject(1, value);
            st.setString(2, key);
            return st.executeUpdate();
        }
    }

    @Test
    void impactOfACandidateFolderListsTheOrganizationWhoseVerdictChangesAndLeavesTheLiveRules() throws Exception {
        String live = holder.current().version();
        Path candidate = TestRules.copy();
        Path yaml = candidate.resolve("decrees/kesova-gora-oo-178-2023.yaml");
        String text = java.nio.file.Files.readString(yaml);
        // the value and the words quoting it change together, as an amendment would write them (the catalog checks they agree)
        String changed = text.replaceFirst("(requiredPercent:\\s*\\n\\s*value:) 100(\\s*\\n\\s*quote:) \"100 %\"", "$1 90$2 \"90 %\"")
                .replace("обеспечить подключение 100 % педагогических", "обеспечить подключение 90 % педагогических");
        assertFalse(text.equals(changed), "the threshold of clause 3.2 was not found");
        java.nio.file.Files.writeString(yaml, changed);
        Path original = candidate.resolve("decrees/kesova-gora-oo-178-2023.txt");
        java.nio.file.Files.writeString(original, java.nio.file.Files.readString(original).replaceFirst("обеспечить подключение(\\s+)100 %", "обеспечить подключение$190 %"));
        assertEquals(candidate.getParent().toRealPath(), Path.of(reloader.status().rulesDir()).toAbsolutePath().getParent().toRealPath());
        String folder = candidate.getFileName().toString();

        // an auditor neither sees the form nor may post it
        HttpClient auditor = client();
        String auditorCsrf = signIn(auditor);
        HttpResponse<String> refused = post(auditor, "/rules/impact", "csrf=" + enc(auditorCsrf) + "&folder=" + enc(folder));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Недостаточно прав"), refused.body());

        HttpClient c = client();
        String csrf = signIn(c, AUTHOR);
        String rules = get(c, "/rules").body();
        assertTrue(rules.contains("<label for=\"folder\">") && rules.contains("Оценить влияние"), rules);
        HttpResponse<String> forged = post(c, "/rules/impact", "folder=" + enc(folder));
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("Форма не принята"), forged.body());
        HttpResponse<String> outside = post(c, "/rules/impact", "csrf=" + enc(csrf) + "&folder=" + enc("../../etc"));
        assertEquals(400, outside.statusCode());
        assertTrue(outside.body().contains("Оценка не запущена") && outside.body().contains("папка должна лежать внутри"), outside.body());

        HttpResponse<String> started = post(c, "/rules/impact", "csrf=" + enc(csrf) + "&folder=" + enc(folder));
        assertEquals(303, started.statusCode(), started.body());
        String job = started.headers().firstValue("Location").orElseThrow();
        assertTrue(job.startsWith("/rules/impact/"), job);
        // one estimate at a time: compiling the candidate alone takes seconds, so this one finds the first running
        HttpResponse<String> second = post(c, "/rules/impact", "csrf=" + enc(csrf) + "&folder=" + enc(folder));
        assertEquals(409, second.statusCode(), second.body());
        assertTrue(second.body().contains("оценка влияния уже выполняется"), second.body());

        String page = get(c, job).body();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (page.contains("hx-get=\"" + job + "/progress\"")) {
            assertTrue(System.nanoTime() < deadline, "the impact did not finish within 60 s");
            Thread.sleep(300);
            page = get(c, job + "/progress").body();
        }
        assertTrue(page.contains("id=\"impact-result\""), page);
        assertTrue(page.contains("Вердикты меняются у 1 организации из 2."), page);
        assertTrue(page.contains("МБОУ «Кесовогорская СОШ»"), page);
        assertTrue(page.contains("п. 3.2") && page.contains("нарушение → выполнено: 1"), page);
        assertFalse(page.contains("Сергокалинская"), "an organization whose verdicts do not change is not listed");
        assertTrue(page.contains("<th scope=\"col\">Прежнее объяснение</th>"), page);
        assertEquals(live, holder.current().version(), "the live rules are never changed by an impact");
    }
}
