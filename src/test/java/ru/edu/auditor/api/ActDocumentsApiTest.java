package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.awt.Font;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
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
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.documents.ActDocuments;
import ru.edu.auditor.store.TestStores;

/**
 * The act an auditor signs, from the server: PDF and Word of a stored Sergokala audit carry the same words, open with
 * the decree that applies, hold no field name or status code, fit on three A4 pages and print every character in
 * the embedded font.
 */
class ActDocumentsApiTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final HttpClient http = ContractRecorder.client();
    static final List<String> FIXTURES = List.of("nizhnemakhargi-nov13-full-compliance", "sosh2-oct18-pending-and-violations",
            "nizhnemakhargi-nov13-one-indicator-of-eight-no-data", "murguk-oct21-deadline-passed-fail");
    /** What must never reach a document a person reads: codes, JSON keys and paths, API paths. */
    static final Pattern LATIN = Pattern.compile("\\b(PASS|FAIL|PENDING|NO_DATA|NOT_APPLICABLE|MANUAL|INFO|EXEMPT|ERROR|true|false|null)\\b"
            + "|\\b[a-z]{4,}\\b|\\b[a-z]+[A-Z][A-Za-z0-9]*\\b|\\b[a-z]+\\.[a-z]+\\b|\\$\\.|/api/|[a-z]+-[a-z]+-\\d+-\\d{4}");
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

    static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Authorization", "Bearer " + AUDITOR).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode audit(String fixture) throws Exception {
        JsonNode facts = Json.mapper().readTree(Path.of("fixtures/sergokala-adm-262-2023/" + fixture + ".json").toFile()).path("facts");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audits")).header("Authorization", "Bearer " + AUDITOR)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(facts.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    record Act(JsonNode report, byte[] pdf, byte[] docx, String pdfText, String firstPage, int pages, String docxText) { }

    static Act act(String fixture) throws Exception {
        JsonNode report = audit(fixture);
        String id = report.path("decisionId").asText();
        HttpResponse<byte[]> pdf = get("/api/v1/audits/" + id + "/act.pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals(ActDocuments.PDF, pdf.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> docx = get("/api/v1/audits/" + id + "/act.docx");
        assertEquals(200, docx.statusCode());
        assertEquals(ActDocuments.DOCX, docx.headers().firstValue("Content-Type").orElse(""));
        for (HttpResponse<byte[]> r : List.of(pdf, docx)) {
            String disposition = r.headers().firstValue("Content-Disposition").orElse("");
            // «Акт_…» in RFC 5987 form, never the audit's id
            assertTrue(disposition.contains("filename*=UTF-8''%D0%90%D0%BA%D1%82_"), disposition);
            assertFalse(disposition.contains(id) || disposition.contains("audit-"), disposition);
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/act-" + fixture + ".pdf"), pdf.body());
        Files.write(Path.of("target/act-" + fixture + ".docx"), docx.body());
        try (PDDocument doc = Loader.loadPDF(pdf.body()); XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.body()));
             XWPFWordExtractor extractor = new XWPFWordExtractor(word)) {
            PDFTextStripper all = new PDFTextStripper();
            PDFTextStripper first = new PDFTextStripper();
            first.setStartPage(1);
            first.setEndPage(1);
            return new Act(report, pdf.body(), docx.body(), all.getText(doc), first.getText(doc), doc.getNumberOfPages(), extractor.getText());
        }
    }

    static List<String> words(String text) {
        // a line of the PDF may end after a dash or hyphen inside one word («06.11.2023–» / «12.11.2023»)
        String joined = text.replaceAll("([–\\-/])[ \\t]*\\r?\\n", "$1");
        List<String> w = new ArrayList<>(Arrays.asList(joined.replace('\u00a0', ' ').replace("•", " ").strip().split("\\s+")));
        w.removeIf(String::isEmpty);
        w.sort(null);
        return w;
    }

    @Test
    void pdfAndWordCarryTheSameWordsWithNoFieldNameOrCode() throws Exception {
        for (String fixture : FIXTURES) {
            Act act = act(fixture);
            assertEquals(words(act.pdfText()), words(act.docxText()), fixture + ": the PDF and the Word file differ");
            for (String text : List.of(act.pdfText(), act.docxText())) {
                // the audit's number and the rules' version are identifiers an auditor quotes as they are
                Matcher m = LATIN.matcher(text.replace(act.report().path("decisionId").asText(), "")
                        .replace(act.report().path("rulesVersion").asText(), ""));
                List<String> found = new ArrayList<>();
                while (m.find()) found.add(m.group());
                assertTrue(found.isEmpty(), fixture + ": Latin names or codes in the act: " + found);
            }
            assertTrue(act.pdfText().contains("Проверка №") && act.pdfText().contains("Подпись".toLowerCase()), fixture);
        }
    }

    @Test
    void theFirstPageOpensWithTheDecreeThatAppliesAndItFitsOnThreePages() throws Exception {
        Act act = act("nizhnemakhargi-nov13-full-compliance");
        JsonNode applicable = null;
        List<String> notApplicable = new ArrayList<>();
        for (JsonNode d : act.report().path("decrees")) {
            if (d.path("applicable").asBoolean()) applicable = d;
            else notApplicable.add("№ " + d.path("number").asText() + " от");
        }
        assertEquals("262", applicable.path("number").asText());
        assertFalse(notApplicable.isEmpty(), "the fixture has decrees that do not apply");
        String page1 = act.firstPage().replaceAll("\\s+", " ");
        int at = page1.indexOf("Постановление № 262");
        assertTrue(at >= 0, page1);
        assertTrue(page1.indexOf("п. 1 ") > at, page1);
        for (String other : notApplicable) {
            int o = page1.indexOf(other);
            assertTrue(o < 0 || o > at, "a decree that does not apply comes before № 262: " + other);
        }
        int clauses = applicable.path("clauses").size();
        assertTrue(clauses >= 12, "clauses of № 262: " + clauses);
        assertTrue(act.pages() <= 3, "an act of " + clauses + " clauses runs to " + act.pages() + " pages");
        // the non-applicable decrees are one list at the end, each with its reason
        String text = act.pdfText().replaceAll("\\s+", " ");
        int list = text.indexOf("Решения, которые на организацию не распространяются");
        assertTrue(list > text.lastIndexOf("п. " + applicable.path("clauses").get(clauses - 1).path("clause").asText()), text);
    }

    @Test
    void everyCharacterOfTheActIsInTheEmbeddedFont() throws Exception {
        Act act = act("sosh2-oct18-pending-and-violations");
        for (String resource : List.of(ActDocuments.FONT, ActDocuments.FONT_BOLD)) {
            try (InputStream in = ActDocuments.class.getResourceAsStream(resource)) {
                Font font = Font.createFont(Font.TRUETYPE_FONT, in);
                String text = act.docxText().replaceAll("\\s", "");
                int missing = font.canDisplayUpTo(text);
                assertEquals(-1, missing, "no glyph for «" + (missing < 0 ? "" : text.substring(missing, missing + 1)) + "» in " + resource);
            }
        }
        assertTrue(act.docxText().contains("◷") || act.docxText().contains("✗"), "the verdict symbols are printed");
    }

    @Test
    void anUnknownAuditIsA404InRussian() throws Exception {
        for (String ext : List.of("pdf", "docx")) {
            HttpResponse<byte[]> r = get("/api/v1/audits/no-such-audit/act." + ext);
            assertEquals(404, r.statusCode());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("Нет сохранённой проверки"), body);
        }
    }
}
