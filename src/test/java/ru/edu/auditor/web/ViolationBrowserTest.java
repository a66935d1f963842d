package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.violations.RemedyOrderService;
import ru.edu.auditor.service.violations.Violation;
import ru.edu.auditor.service.violations.ViolationService;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Violations followed to the end as an auditor uses them, in headless Chromium: real audits of one school (failing in
 * October, compliant in November, failing again a week later), an old order past its date; the violations page
 * flags the overdue one, the organization page shows the timeline, the district page the flag, and a предписание is
 * issued from the form by keyboard — first with its mistakes listed, then accepted — and its page offers the PDF and
 * Word files. Every page checked with axe-core; the violations page saved as docs/violations.png.
 */
class ViolationBrowserTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final Path SHOTS = Path.of("target", "screenshots");
    static TestStores.Backend store;
    static Javalin app;
    static String base;
    static WebDriver driver;
    static WebDriverWait wait;
    static String schoolKey;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        store = TestStores.open("sqlite");
        AuditRepository repo = store.repository();
        AuditService audits = new AuditService(holder, repo);
        HistoryQueries history = new HistoryQueries(repo, holder);
        RuleReloader reloader = new RuleReloader(dir, holder);
        Tokens tokens = Tokens.parse("anna:auditor:" + AUDITOR);
        app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history),
                Workspace.frontEnd(new Workspace.Services(audits, history, reloader, tokens, null))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        seed(audits, history);
        Files.createDirectories(SHOTS);
        driver = WorkspaceBrowserTest.browser();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static void seed(AuditService audits, HistoryQueries history) throws Exception {
        Tokens.Principal seed = Tokens.Principal.operator("seed");
        JsonNode failing = Json.mapper().readTree(Path.of("fixtures/sergokala-sosh1-8-2023/sosh1-2023-10-23-telegram-after-deadline.json").toFile()).path("facts");
        ObjectNode compliant = (ObjectNode) Json.mapper().readTree(Path.of("fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json").toFile())
                .path("facts");
        compliant.set("organization", failing.path("organization").deepCopy());
        AuditService.Outcome first = audits.audit(failing, seed);
        assertTrue(first.ok(), String.valueOf(first.problems()));
        schoolKey = first.report().organizationKey();
        assertTrue(audits.audit(compliant, seed).ok());
        ObjectNode again = failing.deepCopy();
        again.put("asOf", "2023-11-27");
        assertTrue(audits.audit(again, seed).ok());
        ViolationService violations = ViolationService.over(history);
        List<Violation> open = violations.find(new ViolationService.Query(schoolKey, null, null, null, Violation.State.OPEN), seed);
        List<Violation> closed = violations.find(new ViolationService.Query(schoolKey, null, null, null, Violation.State.CLOSED), seed);
        assertFalse(open.isEmpty(), "the failing audit after the compliant one opens violations anew");
        assertFalse(closed.isEmpty(), "the compliant audit closed the October violations");
        // an order issued long ago, its date passed: that violation is overdue
        Violation v = open.get(0);
        RemedyOrderService.Outcome o = RemedyOrderService.over(history, violations).issue(new RemedyOrderService.Request(schoolKey,
                List.of(new RemedyOrderService.ClauseRef(v.decree(), v.clause())), "2023-12-15", "2023-11-28",
                "Управление образования МР «Сергокалинский район»", "Начальник управления", "М. М. Магомедов"), seed);
        assertTrue(o.issued(), String.valueOf(o.problems()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (app != null) app.stop();
        if (store != null) store.close();
    }

    static void open(String path) { driver.get(base + path); }

    static WebElement el(String css) { return driver.findElement(By.cssSelector(css)); }

    static void page(String name, Path also) throws Exception {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
        if (also != null) Files.write(also, png);
        Results r = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<String> bad = new ArrayList<>();
        for (Rule v : r.getViolations()) {
            if ("serious".equals(v.getImpact()) || "critical".equals(v.getImpact())) {
                bad.add(name + ": " + v.getId() + " (" + v.getImpact() + ") " + v.getHelp() + " — "
                        + v.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    static String text() { return el("main").getText(); }

    @Test
    void anAuditorFollowsViolationsIssuesAnOrderAndSeesWhatIsOverdue() throws Exception {
        open("/login");
        el("#token").sendKeys(AUDITOR);
        el("form[action='/login'] button[type=submit]").click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));

        // the violations page, by organization: the overdue one flagged, the closed ones with the audit that closed them
        open("/violations");
        String t = text();
        assertTrue(t.contains("просрочено"), t);
        assertTrue(t.contains("срок истёк: до 15.12.2023"), t);
        assertTrue(t.contains("устранено: пункт выполнен"), t);
        assertTrue(t.contains("№ 1 от 28.11.2023"), t);
        assertFalse(t.matches("(?s).*\\b(FAIL|PASS|OVERDUE|null)\\b.*"), t);
        page("violations", Path.of("docs", "violations.png"));
        // filters by keyboard: open only, grouped by clause
        new Select(el("#state")).selectByValue("overdue");
        el("input[name=by][value=clause]").sendKeys(Keys.SPACE);
        el("form.search button[type=submit]").sendKeys(Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().contains("state=overdue"));
        assertTrue(driver.getCurrentUrl().contains("by=clause"), driver.getCurrentUrl());
        assertEquals(1, driver.findElements(By.cssSelector("table.violations tbody tr")).size(), text());
        page("violations-overdue-by-clause", null);

        // the organization page: the timeline (found, ordered, due, fixed)
        open("/organizations/" + Pages.enc(schoolKey));
        t = text();
        assertTrue(t.contains("Нарушения") && t.contains("выявлено") && t.contains("выдано предписание № 1, срок — до 15.12.2023")
                && t.contains("срок устранения истёк, нарушение не устранено") && t.contains("20.11.2023: устранено: пункт выполнен"), t);
        page("organization-violations", null);

        // the district page: the flag beside the school and above the list
        open("/district?municipality=" + Pages.enc("Сергокалинский район") + "&asOf=30.11.2023");
        t = text();
        assertTrue(t.contains("Просрочено 1 нарушение в 1 организации"), t);
        assertTrue(t.contains("просрочено: 1"), t);
        page("district-overdue", null);

        // issuing: the form by keyboard, first with every mistake listed, then accepted
        open("/violations/order?org=" + Pages.enc(schoolKey));
        assertTrue(text().contains("Предписание об устранении нарушений"), text());
        el("button[type=submit].primary").click();
        wait.until(d -> !d.findElements(By.id("errors")).isEmpty());
        t = text();
        assertTrue(t.contains("Предписание не выдано: исправьте"), t);
        assertTrue(t.contains("выберите хотя бы одно открытое нарушение") && t.contains("обязательное поле: срок устранения"), t);
        page("remedy-order-form-errors", null);
        WebElement box = el("input[name=violation]");
        box.sendKeys(Keys.SPACE);
        el("#f-dueOn").sendKeys("01.12.2099");
        el("#f-authority").sendKeys("Управление образования МР «Сергокалинский район»");
        el("#f-signerPosition").sendKeys("Начальник управления");
        el("#f-signerName").sendKeys("М. М. Магомедов");
        el("#f-signerName").sendKeys(Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().contains("/remedy-orders/"));
        t = text();
        // numbered per year: the first of this year, whatever was issued in 2023
        assertTrue(t.contains("Предписание № 1 об устранении нарушений"), t);
        assertTrue(driver.getCurrentUrl().endsWith("/remedy-orders/" + java.time.LocalDate.now().getYear() + "-1"), driver.getCurrentUrl());
        assertTrue(t.contains("в срок до 01.12.2099"), t);
        assertTrue(el("a[href$='.pdf']").isDisplayed() && el("a[href$='.docx']").isDisplayed());
        page("remedy-order", null);

        open("/violations?org=" + Pages.enc(schoolKey));
        assertTrue(text().contains("до 01.12.2099"), text());
        page("violations-after-order", null);
    }
}
