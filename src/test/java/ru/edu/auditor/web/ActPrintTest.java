package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import ru.edu.auditor.api.ApiServer;
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
 * The report page printed by the browser as the act (issue 21 item 5): Chromium's «Печать» to A4 (DevTools
 * Page.printToPDF through Selenium's {@link PrintsPage}, CSS page size and margins honoured), read back with PDFBox —
 * no character of any page runs past the right edge of the sheet, the decree applies first, its title carries no
 * catalog id. The PDF is kept as target/screenshots/act-print-a4.pdf to look at.
 */
class ActPrintTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final List<String> FIXTURES = List.of("sosh2-oct18-pending-and-violations", "nizhnemakhargi-nov13-one-indicator-of-eight-no-data");
    static TestStores.Backend store;
    static Javalin app;
    static RuleReloader reloader;
    static String base;
    static WebDriver driver;
    static final List<String> decisions = new ArrayList<>();

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
        for (String fixture : FIXTURES) {
            JsonNode facts = Json.mapper().readTree(Path.of("fixtures/sergokala-adm-262-2023/" + fixture + ".json").toFile()).path("facts");
            AuditService.Outcome o = audits.audit(facts.deepCopy(), Tokens.Principal.operator("seed"));
            assertTrue(o.ok(), fixture);
            decisions.add(o.report().decisionId());
        }
        driver = WorkspaceBrowserTest.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        app.stop();
        reloader.close();
        store.close();
    }

    @Test
    void theActPrintedToA4StaysInsideThePageAndOpensWithTheDecreeThatApplies() throws Exception {
        driver.get(base + "/login");
        driver.findElement(By.cssSelector("#token")).sendKeys(AUDITOR);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
        Files.createDirectories(WorkspaceBrowserTest.SHOTS);
        for (int i = 0; i < decisions.size(); i++) {
            driver.get(base + "/reports/" + decisions.get(i));
            PrintOptions a4 = new PrintOptions();
            a4.setPageSize(new PageSize(29.7, 21.0));
            a4.setBackground(true);
            byte[] pdf = Base64.getDecoder().decode(((PrintsPage) driver).print(a4).getContent());
            Path file = WorkspaceBrowserTest.SHOTS.resolve("act-print-a4-" + FIXTURES.get(i) + ".pdf");
            Files.write(file, pdf);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                List<String> outside = new ArrayList<>();
                for (int p = 0; p < doc.getNumberOfPages(); p++) {
                    PDRectangle box = doc.getPage(p).getMediaBox();
                    assertTrue(Math.abs(box.getWidth() - 595.3) < 2, "A4 portrait: 210 mm wide, got " + box.getWidth());
                    outside.addAll(beyondRightEdge(doc, p + 1, box.getWidth()));
                }
                assertTrue(outside.isEmpty(), FIXTURES.get(i) + ": text runs past the right edge of A4: " + outside.stream().limit(10).toList());
                PDFTextStripper first = new PDFTextStripper();
                first.setStartPage(1);
                first.setEndPage(1);
                String page1 = first.getText(doc).replaceAll("\\s+", " ");
                assertTrue(page1.contains("Акт проверки"), page1);
                int at = page1.indexOf("Постановление № 262");
                assertTrue(at >= 0, "the decree that applies is on page 1: " + page1);
                assertFalse(page1.contains("sergokala-adm-262-2023"), "no catalog id beside the decree's title: " + page1);
                String all = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
                assertTrue(all.lastIndexOf("Решения, которые на организацию не распространяются") > at, "the decrees that do not apply come last");
            }
        }
    }

    /** Every character of page {@code page} whose right end lies in the sheet's right margin or beyond, with its text. */
    static List<String> beyondRightEdge(PDDocument doc, int page, float width) throws IOException {
        List<String> out = new ArrayList<>();
        PDFTextStripper s = new PDFTextStripper() {
            @Override protected void writeString(String text, List<TextPosition> positions) {
                for (TextPosition t : positions) {
                    // the print CSS keeps 15 mm on the right: a character within 10 mm of the edge has overrun it
                    if (t.getXDirAdj() + t.getWidthDirAdj() > width - 28) out.add("page " + page + ": «" + text + "» at x=" + Math.round(t.getXDirAdj()));
                }
            }
        };
        s.setStartPage(page);
        s.setEndPage(page);
        s.getText(doc);
        return out;
    }
}
