package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * The district view judged honestly at its date (issue 21 items 1, 2): two Sergokala schools audited on 18 and 20
 * October 2023, when clause 1.2's deadline (20.10.2023) had not passed, seen on 07.12.2026 — the PENDING is counted
 * apart as «срок истёк после проверки — нужна новая проверка» (API, page, CSV, .xlsx, PDF, Word), never as «срок не
 * наступил»; each school's own audit date is shown; the summary's PDF and Word carry the same words, all Russian.
 */
class DistrictAtDateTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final String MUNICIPALITY = "МР «Сергокалинский район»";
    static final Pattern LATIN = Pattern.compile("\\b(PASS|FAIL|PENDING|NO_DATA|NOT_APPLICABLE|MANUAL|INFO|EXEMPT|ERROR|DUE_SINCE_AUDIT|true|false|null)\\b"
            + "|\\b[a-z]{4,}\\b|\\b[a-z]+[A-Z][A-Za-z0-9]*\\b|\\b[a-z]+\\.[a-z]+\\b|\\$\\.|/api/|[a-z]+-[a-z]+-\\d+-\\d{4}|[a-z]+-[a-z]+-[a-z]+");
    static TestStores.Backend store;
    static Javalin app;
    static String base;
    static RuleReloader reloader;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        store = TestStores.open("sqlite");
        AuditRepository repo = store.repository();
        AuditService audits = new AuditService(holder, repo);
        HistoryQueries history = new HistoryQueries(repo, holder);
        reloader = new RuleReloader(dir, holder);
        Tokens tokens = Tokens.parse("anna:auditor:" + AUDITOR);
        app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history),
                Workspace.frontEnd(new Workspace.Services(audits, history, reloader, tokens, null))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        for (String fixture : List.of("murguk-oct20-deadline-day-pending", "sosh2-oct18-pending-and-violations")) {
            JsonNode facts = Json.mapper().readTree(Path.of("fixtures/sergokala-adm-262-2023/" + fixture + ".json").toFile()).path("facts");
            assertTrue(audits.audit(facts.deepCopy(), Tokens.Principal.operator("seed")).ok(), fixture);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        reloader.close();
        store.close();
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static HttpClient signedIn() throws Exception {
        HttpClient c = WorkspaceRequests.client();
        String login = WorkspaceRequests.get(base, c, "/login").body();
        assertEquals(303, WorkspaceRequests.post(base, c, "/login", "loginToken=" + enc(WorkspaceRequests.field(login, "loginToken")) + "&token="
                + enc(AUDITOR) + "&next=%2Fdistrict").statusCode());
        return c;
    }

    static HttpResponse<byte[]> api(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + AUDITOR).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode clause(JsonNode rollup, String clause) {
        for (JsonNode d : rollup.path("decrees")) {
            if (!d.path("id").asText().equals("sergokala-adm-262-2023")) continue;
            for (JsonNode c : d.path("clauses")) if (c.path("clause").asText().equals(clause)) return c;
        }
        throw new AssertionError("no clause " + clause + " in " + rollup);
    }

    @Test
    void aPendingWhoseDeadlinePassedSinceItsAuditIsCountedApartInTheApi() throws Exception {
        JsonNode then = Json.mapper().readTree(api("/api/v1/rollup?municipality=" + enc(MUNICIPALITY) + "&asOf=2023-10-20").body());
        assertEquals(2, clause(then, "1.2").path("counts").path("PENDING").asInt(), "on the deadline day itself both are in time");
        assertEquals(0, clause(then, "1.2").path("counts").path("DUE_SINCE_AUDIT").asInt());

        JsonNode later = Json.mapper().readTree(api("/api/v1/rollup?municipality=" + enc(MUNICIPALITY) + "&asOf=2026-12-07").body());
        JsonNode c12 = clause(later, "1.2");
        assertEquals(0, c12.path("counts").path("PENDING").asInt(), c12.toString());
        assertEquals(2, c12.path("counts").path("DUE_SINCE_AUDIT").asInt(), c12.toString());
        assertEquals("2023-10-20", c12.path("deadline").asText());
        List<String> dates = new ArrayList<>();
        later.path("organizationList").forEach(o -> dates.add(o.path("asOf").asText()));
        assertEquals(List.of("2023-10-20", "2023-10-18"), dates, "each organization with its own audit date (by name: Мургукская, Сергокалинская)");
        // a clause nobody's data answers is «нет сведений» (null), not 0 of 2
        JsonNode c14 = clause(later, "1.4");
        assertEquals(c14.path("addressed").asInt(), c14.path("counts").path("NO_DATA").asInt() + c14.path("counts").path("ERROR").asInt(),
                "fixture: 1.4 without data: " + c14);
        assertTrue(c14.path("shareCompliant").isNull(), c14.toString());
        assertEquals(0, c14.path("known").asInt());
    }

    @Test
    void thePageCsvAndWorkbookNeverSayNotYetDueForADeadlineBeforeTheirDate() throws Exception {
        HttpClient c = signedIn();
        String query = "municipality=" + enc(MUNICIPALITY) + "&asOf=07.12.2026";
        HttpResponse<String> page = WorkspaceRequests.get(base, c, "/district?" + query);
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertFalse(html.contains("п. 1.2: срок не наступил"), "the chart counts 1.2 as not yet due on 07.12.2026");
        assertTrue(html.contains("п. 1.2: срок истёк после проверки — нужна новая проверка — 2"), "the chart shows the due ones apart");
        assertFalse(html.contains("сроки не наступили"), "no organization reads as not yet due");
        assertTrue(html.contains("20.10.2023") && html.contains("18.10.2023"), "each audit's own date");
        assertTrue(Pattern.compile("<th scope=\"row\">п\\. 1\\.4</th>(<td>\\d+</td>)+<td>нет сведений</td>").matcher(html).find(),
                "a clause nobody's data answers reads «нет сведений», not «0 из 2 (0 %)»");
        assertFalse(html.contains("sergokala-adm-262-2023)"), "no catalog id beside a decree");
        assertFalse(html.contains("Пункты Постановление"), "case after «Пункты»");

        HttpResponse<String> csv = WorkspaceRequests.get(base, c, "/district/rollup.csv?" + query.replace("07.12.2026", "2026-12-07"));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("filename*=UTF-8''" + enc("Сводка_МР_Сергокалинский_район_2026-12-07.csv")),
                csv.headers().toString());
        String[] lines = csv.body().split("\r\n");
        List<String> head = Arrays.asList(Arrays.stream(lines).filter(l -> l.startsWith("Документ;")).findFirst().orElseThrow().split(";"));
        int pending = head.indexOf("Срок не наступил");
        int due = head.indexOf("Срок истёк после проверки — нужна новая проверка");
        assertTrue(pending > 0 && due == pending + 1, head.toString());
        String row12 = Arrays.stream(lines).filter(l -> l.contains("\"1.2\"") || l.contains(";=\"1.2\";")).findFirst().orElseThrow();
        List<String> cells = Arrays.asList(row12.split(";"));
        assertEquals("0", cells.get(pending), row12);
        assertEquals("2", cells.get(due), row12);
        assertFalse(csv.body().contains("Сроки не наступили"), csv.body());

        HttpResponse<byte[]> xlsx = c.send(HttpRequest.newBuilder(URI.create(base + "/district/rollup.xlsx?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheet("Пункты");
            List<String> cols = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> cols.add(cell.getStringCellValue()));
            int p = cols.indexOf("Срок не наступил");
            int d = cols.indexOf("Срок истёк после проверки — нужна новая проверка");
            Row r12 = null;
            for (Row r : sheet) if (r.getRowNum() > 0 && "1.2".equals(r.getCell(1).getStringCellValue())) r12 = r;
            assertEquals(0, (int) r12.getCell(p).getNumericCellValue());
            assertEquals(2, (int) r12.getCell(d).getNumericCellValue());
            for (Row r : book.getSheet("Организации")) {
                Cell status = r.getCell(3);
                assertFalse(status.getStringCellValue().contains("не наступил"), status.getStringCellValue());
            }
        }
    }

    @Test
    void theSummaryPdfAndWordCarryTheSameRussianWords() throws Exception {
        String query = "municipality=" + enc(MUNICIPALITY) + "&asOf=2026-12-07";
        HttpResponse<byte[]> pdf = api("/api/v1/rollup.pdf?" + query);
        HttpResponse<byte[]> docx = api("/api/v1/rollup.docx?" + query);
        assertEquals(200, pdf.statusCode(), new String(pdf.body(), StandardCharsets.UTF_8));
        assertEquals(200, docx.statusCode());
        assertEquals(ActDocuments.PDF, pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals(ActDocuments.DOCX, docx.headers().firstValue("Content-Type").orElse(""));
        assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").contains("filename*=UTF-8''" + enc("Сводка_МР_Сергокалинский_район_2026-12-07.pdf")));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/district-summary.pdf"), pdf.body());
        Files.write(Path.of("target/district-summary.docx"), docx.body());
        String pdfText;
        String docxText;
        try (PDDocument doc = Loader.loadPDF(pdf.body()); XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.body()));
             XWPFWordExtractor extractor = new XWPFWordExtractor(word)) {
            pdfText = new PDFTextStripper().getText(doc);
            docxText = extractor.getText();
            assertTrue(doc.getDocumentCatalog().getPages().get(0).getResources().getFontNames().iterator().hasNext());
        }
        assertEquals(words(pdfText), words(docxText), "the PDF and the Word file differ");
        for (String text : List.of(pdfText, docxText)) {
            Matcher m = LATIN.matcher(text);
            List<String> found = new ArrayList<>();
            while (m.find()) found.add(m.group());
            assertTrue(found.isEmpty(), "Latin names or codes in the summary: " + found);
        }
        String flat = pdfText.replaceAll("\\s+", " ");
        assertTrue(flat.contains("срок истёк после проверки — нужна новая проверка — 2"), flat);
        assertTrue(flat.contains("20.10.2023") && flat.contains("18.10.2023"), flat);
        assertFalse(flat.contains("срок не наступил —"), flat);
        assertFalse(flat.contains("сроки не наступили"), flat);
        // the workspace's buttons give the same documents
        HttpClient c = signedIn();
        String page = WorkspaceRequests.get(base, c, "/district?" + query).body();
        for (String ext : List.of("pdf", "docx")) {
            String href = "/district/rollup." + ext + "?municipality=" + enc(MUNICIPALITY) + "&amp;asOf=2026-12-07";
            assertTrue(page.contains(href), "a button for " + ext + ": " + href);
            HttpResponse<byte[]> button = c.send(HttpRequest.newBuilder(URI.create(base + href.replace("&amp;", "&"))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, button.statusCode());
            assertEquals(ext.equals("pdf") ? ActDocuments.PDF : ActDocuments.DOCX, button.headers().firstValue("Content-Type").orElse(""));
        }
    }

    /**
     * Issue 21 item 3: every text a person reads — the report page, the act, the templates' cells, the CLI table —
     * holds no field path, JSON key, status code, API path or English word (brand names such as WhatsApp, written
     * with a capital, and the audit's number and rules version, quoted as they are, excepted).
     */
    @Test
    void everyTextAPersonReadsHoldsNoFieldNameCodeOrApiPath() throws Exception {
        JsonNode rollup = Json.mapper().readTree(api("/api/v1/rollup?municipality=" + enc(MUNICIPALITY) + "&asOf=2026-12-07").body());
        List<String> problems = new ArrayList<>();
        HttpClient c = signedIn();
        for (JsonNode o : rollup.path("organizationList")) {
            String id = o.path("decisionId").asText();
            String html = WorkspaceRequests.get(base, c, "/reports/" + id).body();
            String main = html.substring(html.indexOf("<main"), html.indexOf("</main>"));
            String text = main.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ").replace("&laquo;", "«").replace("&raquo;", "»");
            scan("страница отчёта " + id, text.replace(id, "").replaceAll("sha256:[0-9a-f]+", "").replace(".xlsx", "").replace(".csv", ""), problems);
            for (String download : List.of("/reports/" + id + "/report.csv", "/reports/" + id + "/report.xlsx", "/api/v1/audits/" + id + "?format=csv")) {
                HttpResponse<byte[]> file = download.startsWith("/api/") ? api(download)
                        : c.send(HttpRequest.newBuilder(URI.create(base + download)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                String disposition = file.headers().firstValue("Content-Disposition").orElse("");
                // named from the organization and the date, «Проверка_…» (RFC 5987 filename*), never by the audit's id
                assertTrue(disposition.contains("filename*=UTF-8''" + enc("Проверка_МКОУ_")), download + ": " + disposition);
                assertFalse(disposition.contains(id) || disposition.contains("audit-"), download + ": " + disposition);
            }
            HttpResponse<byte[]> docx = api("/api/v1/audits/" + id + "/act.docx");
            try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.body())); XWPFWordExtractor ex = new XWPFWordExtractor(word)) {
                scan("акт " + id, ex.getText().replace(id, "").replaceAll("sha256:[0-9a-f]+", ""), problems);
            }
        }
        for (String template : List.of("/templates/organization.xlsx", "/templates/district.xlsx")) {
            HttpResponse<byte[]> book = c.send(HttpRequest.newBuilder(URI.create(base + template)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, book.statusCode(), template);
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(book.body()))) {
                StringBuilder cells = new StringBuilder();
                Sheet how = wb.getSheet("Как заполнять");
                for (Row r : how) for (Cell cell : r) cells.append(cell.toString()).append('\n');
                scan("лист «Как заполнять» " + template, cells.toString(), problems);
            }
        }
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            ru.edu.auditor.App.commandLine().execute("audit", "fixtures/sergokala-adm-262-2023/sosh2-oct18-pending-and-violations.json");
        } finally {
            System.setOut(saved);
        }
        String table = buf.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("Проверка №"), table);
        scan("таблица команды audit", table.replaceAll("Проверка № \\S+", "").replaceAll("sha256:[0-9a-f]+", ""), problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void scan(String where, String text, List<String> problems) {
        // a file's extension («.xlsx») and HTML's own escapes are not words of the text
        Matcher m = LATIN.matcher(text.replaceAll("\\.(xlsx|csv|pdf|docx)\\b", "").replaceAll("&[a-z]+;", " "));
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.group());
        if (!found.isEmpty()) problems.add(where + ": " + found.stream().distinct().limit(15).toList());
    }

    static List<String> words(String text) {
        String joined = text.replaceAll("([–\\-/])[ \\t]*\\r?\\n", "$1");
        List<String> w = new ArrayList<>(Arrays.asList(joined.replace('\u00a0', ' ').strip().split("\\s+")));
        w.removeIf(String::isEmpty);
        w.sort(null);
        return w;
    }
}
