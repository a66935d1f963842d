package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
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
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * The pages of issue 21 in a real browser (headless Chromium, as {@link WorkspaceBrowserTest}): exemptions, the paged
 * and filtered list of organizations, the audit form that keeps its place, verdict icons drawn without fonts, the
 * decree explorer by role. Each page visited is checked with axe-core (no serious or critical violation) and saved
 * under target/screenshots/ (the README's pictures in docs/ are copied from there).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspacePagesBrowserTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final String AUTHOR = "author-secret-0123456789";
    static final String ADMIN = "admin-secret-01234567890";
    static final String SERGOKALA = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";
    static final String PENDING = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-10-18-chats-pending.json";
    static final String KESOVA = "fixtures/kesova-gora-oo-178-2023/sosh-compliant-2023-12-20.json";
    static final String KESOVA_FAIL = "fixtures/kesova-gora-oo-178-2023/sosh-2023-11-22-overdue-fail.json";
    /** Three spellings of one municipality, as schools write it; the catalog's name is the first. */
    static final List<String> KESOVA_SPELLINGS = List.of("Кесовогорский муниципальный округ", "Кесовогорский округ", "Кесовогорский район");
    static final int SERGOKALA_SCHOOLS = 70;
    static final int KESOVA_SCHOOLS = 30;
    static final Path SHOTS = Path.of("target", "screenshots");

    static TestStores.Backend store;
    static Javalin app;
    static String base;
    static WebDriver driver;
    static WebDriverWait wait;
    static AuditService audits;
    static String pendingReport;
    static String pendingKey;
    static final List<String> axeProblems = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        store = TestStores.open("sqlite");
        AuditRepository repo = store.repository();
        audits = new AuditService(holder, repo);
        HistoryQueries history = new HistoryQueries(repo, holder);
        RuleReloader reloader = new RuleReloader(dir, holder);
        Tokens tokens = Tokens.parse("anna:auditor:" + AUDITOR + ",rita:rule-author:" + AUTHOR + ",olga:admin:" + ADMIN);
        app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history),
                Workspace.frontEnd(new Workspace.Services(audits, history, reloader, tokens, Path.of("fixtures")))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        seed();
        Files.createDirectories(SHOTS);
        driver = WorkspaceBrowserTest.browser();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Sergokala schools (compliant), Kesova Gora schools under three spellings of their municipality (half failing), one pending school. */
    static void seed() throws Exception {
        JsonNode sergokala = facts(SERGOKALA);
        for (int i = 0; i < SERGOKALA_SCHOOLS; i++) {
            ObjectNode doc = sergokala.deepCopy();
            ((ObjectNode) doc.path("organization")).put("name", String.format("Сергокалинская школа № %03d", i)).put("id", "sg-" + i);
            assertTrue(audits.audit(doc, Tokens.Principal.operator("seed")).ok());
        }
        for (int i = 0; i < KESOVA_SCHOOLS; i++) {
            ObjectNode doc = facts(i % 2 == 0 ? KESOVA : KESOVA_FAIL).deepCopy();
            ((ObjectNode) doc.path("organization")).put("name", String.format("Кесовогорская школа № %02d", i)).put("id", "kg-" + i)
                    .put("municipality", KESOVA_SPELLINGS.get(i % 3));
            assertTrue(audits.audit(doc, Tokens.Principal.operator("seed")).ok());
        }
        AuditService.Outcome pending = audits.audit(facts(PENDING), Tokens.Principal.operator("seed"));
        assertTrue(pending.ok(), String.valueOf(pending.problems()));
        pendingReport = pending.report().decisionId();
        pendingKey = pending.report().organizationKey();
    }

    static JsonNode facts(String fixture) throws Exception { return Json.mapper().readTree(Path.of(fixture).toFile()).path("facts"); }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (app != null) app.stop();
        if (store != null) store.close();
    }

    // ------------------------------------------------------------------------------------------- helpers

    static void open(String path) { driver.get(base + path); }

    static WebElement el(String css) { return driver.findElement(By.cssSelector(css)); }

    static List<WebElement> all(String css) { return driver.findElements(By.cssSelector(css)); }

    static Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    /** Saves the page as target/screenshots/{name}.png (whole page) and checks it with axe-core: no serious or critical violation. */
    static void page(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        Results r = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<String> bad = new ArrayList<>();
        for (Rule v : r.getViolations()) {
            if ("serious".equals(v.getImpact()) || "critical".equals(v.getImpact())) {
                bad.add(name + ": " + v.getId() + " (" + v.getImpact() + ") " + v.getHelp() + " — "
                        + v.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        axeProblems.addAll(bad);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    static void signIn(String token) {
        driver.manage().deleteAllCookies();
        open("/login");
        el("#token").sendKeys(token);
        el("form[action='/login'] button[type=submit]").click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    static void keys(CharSequence... keys) { new Actions(driver).sendKeys(keys).perform(); }

    /** Presses Tab until the element {@code css} has the focus (at most {@code max} times). */
    static void tabTo(String css, int max) {
        WebElement target = el(css);
        int n = 0;
        while (!target.equals(driver.switchTo().activeElement()) && n++ < max) keys(Keys.TAB);
        assertEquals(target, driver.switchTo().activeElement(), css + " reached by Tab alone");
    }

    // ------------------------------------------------------------------------------------------- organizations

    @Test @Order(1)
    void organizationsArePagedAndFilteredWithTheMunicipalityInTheCatalogsName() throws Exception {
        signIn(AUDITOR);
        open("/organizations");
        page("web-organizations");
        int total = SERGOKALA_SCHOOLS + KESOVA_SCHOOLS + 1;
        assertEquals(OrganizationPages.PAGE_SIZE, all("table.data tbody tr").size());
        assertTrue(el("#count").getText().contains("Проверено: " + total + " организац"), el("#count").getText());
        assertTrue(el("#count").getText().contains("Показаны 1–50 из " + total), el("#count").getText());
        assertEquals("1", el("nav.pager a[aria-current=page]").getText());
        // the municipality offered once, by the catalog's name, though schools spelled it three ways
        List<String> municipalities = new Select(el("#municipality")).getOptions().stream().map(WebElement::getText).toList();
        assertEquals(1, municipalities.stream().filter(m -> m.startsWith("Кесовогорск")).count(), municipalities.toString());
        assertTrue(municipalities.contains("Кесовогорский муниципальный округ"), municipalities.toString());
        // keyboard: Tab to the filters, choose with the keys, Tab on to «Показать», Enter
        tabTo("#municipality", 40);
        keys("К"); // the first municipality beginning with «К»: the one Kesova Gora spelling
        assertEquals("Кесовогорский муниципальный округ", new Select(el("#municipality")).getFirstSelectedOption().getText());
        keys(Keys.TAB, Keys.TAB, Keys.TAB); // kind, status, «Показать»
        assertEquals("Показать", driver.switchTo().activeElement().getText());
        keys(Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().contains("municipality="));
        List<WebElement> rows = all("table.data tbody tr");
        assertEquals(KESOVA_SCHOOLS, rows.size());
        for (WebElement r : rows) assertEquals("Кесовогорский муниципальный округ", r.findElements(By.tagName("td")).get(2).getText());
        assertTrue(all("nav.pager").isEmpty(), "one page: no pager");
        // any spelling in the address finds the same schools
        open("/organizations?municipality=" + Pages.enc("Кесовогорский район"));
        assertEquals(KESOVA_SCHOOLS, all("table.data tbody tr").size());
        // the last verdict, with the municipality kept
        new Select(el("#status")).selectByValue("non-compliant");
        el("form.filters-form button[type=submit]").click();
        wait.until(d -> d.getCurrentUrl().contains("status=non-compliant"));
        rows = all("table.data tbody tr");
        assertEquals(KESOVA_SCHOOLS / 2, rows.size());
        for (WebElement r : rows) assertTrue(r.getText().contains("не соответствует"), r.getText());
        // pages keep the filter: Sergokala schools by kind, two pages
        open("/organizations?kind=general&q=" + Pages.enc("сергокалинская школа"));
        assertEquals(OrganizationPages.PAGE_SIZE, all("table.data tbody tr").size());
        String next = el("nav.pager a[rel=next]").getAttribute("href");
        assertTrue(next.contains("kind=general") && next.contains("q=") && next.contains("page=2"), next);
        el("nav.pager a[rel=next]").click();
        wait.until(d -> d.getCurrentUrl().contains("page=2"));
        assertEquals(SERGOKALA_SCHOOLS - OrganizationPages.PAGE_SIZE, all("table.data tbody tr").size());
        assertEquals("Сергокалинская школа № 050", all("table.data tbody tr td a").get(0).getText());
        assertEquals("2", el("nav.pager a[aria-current=page]").getText());
        page("organizations-filtered");
        // a page past the end shows the last one; an unknown status is refused in words
        open("/organizations?q=" + Pages.enc("СЕРГОКАЛИНСКАЯ школа") + "&page=99");
        assertEquals("2", el("nav.pager a[aria-current=page]").getText());
        open("/organizations?status=PASS");
        assertEquals("Неверный отбор организаций", el("h1").getText());
    }

    // ------------------------------------------------------------------------------------------- icons

    @Test @Order(2)
    void verdictIconsAreDrawnWithoutFonts() throws Exception {
        open("/reports/" + pendingReport);
        List<WebElement> pending = all(".badge.v-pending");
        assertFalse(pending.isEmpty(), "the fixture has a clause not yet due");
        for (WebElement b : all(".badge")) {
            assertFalse(b.getText().matches(".*[⧗✓✗✎].*"), "a symbol left to the fonts: " + b.getText());
            WebElement svg = b.findElement(By.cssSelector("svg.sym"));
            assertTrue(svg.getSize().getWidth() >= 10 && svg.getSize().getHeight() >= 10, "icon drawn: " + svg.getSize());
            assertEquals("true", svg.getAttribute("aria-hidden"));
        }
        assertTrue(pending.get(0).findElement(By.cssSelector("svg.sym path")).getAttribute("d").startsWith("M4 2h8"), "the hourglass");
        page("web-report");
    }

    // ------------------------------------------------------------------------------------------- decree explorer

    @Test @Order(3)
    void decreeExplorerShowsTheLawToAuditorsAndRuleInternalsToAuthors() throws Exception {
        open("/decrees/sergokala-sosh1-8-2023");
        page("decree-auditor");
        String text = el("main").getText();
        assertTrue(all(".cover").isEmpty(), "no rules or fixtures for an auditor");
        assertTrue(all("main code").isEmpty(), "no parameter names for an auditor");
        for (String internal : new String[] {"anyForeignOwned", ".json", "true", "responsiblePersons", ".yaml"}) {
            assertFalse(text.contains(internal), "«" + internal + "» shown to an auditor");
        }
        assertFalse(all("blockquote.verbatim").isEmpty(), "the clauses' texts");
        assertTrue(text.contains("Значения, которые называет пункт"), "the values the clauses name, with the decree's words");
        assertTrue(text.contains("Срок"), "deadlines");
        signIn(AUTHOR);
        open("/decrees/sergokala-sosh1-8-2023");
        page("decree-author");
        assertFalse(all(".cover li").isEmpty(), "rules and fixtures for a rule author");
        assertTrue(el("main").getText().contains("anyForeignOwned"));
    }

    // ------------------------------------------------------------------------------------------- the form

    @Test @Order(4)
    void rowActionsKeepThePlaceAndCheckboxesReplaceTheMultiSelect() throws Exception {
        signIn(AUDITOR);
        open("/audits/new");
        page("form-empty");
        js("window.stillHere = true;");
        WebElement people = el("#f-responsiblePersons");
        assertEquals(0, people.findElements(By.cssSelector("tbody tr")).size());
        // keyboard: Tab to «Добавить строку», Enter
        WebElement add = people.findElement(By.cssSelector("button[value='add:responsiblePersons']"));
        js("arguments[0].scrollIntoView({block: 'center'});", add);
        long scrolled = ((Number) js("return window.scrollY;")).longValue();
        assertTrue(scrolled > 1000, "the table is far down the form: " + scrolled);
        js("arguments[0].focus();", people.findElement(By.cssSelector("input[name='responsiblePersons.present']")));
        tabTo("#f-responsiblePersons button[value='add:responsiblePersons']", 5);
        keys(Keys.ENTER);
        wait.until(ExpectedConditions.stalenessOf(people));
        people = el("#f-responsiblePersons");
        assertEquals(1, people.findElements(By.cssSelector("tbody tr")).size());
        assertEquals(Boolean.TRUE, js("return window.stillHere === true;"), "the page was not reloaded");
        long after = ((Number) js("return window.scrollY;")).longValue();
        assertTrue(Math.abs(after - scrolled) < 200, "the place is kept: " + scrolled + " → " + after);
        WebElement focused = driver.switchTo().activeElement();
        assertEquals("responsiblePersons[0].name", focused.getAttribute("name"), "the keyboard continues in the new row");
        assertFalse(people.findElement(By.name("responsiblePersons.present")).isSelected(), "an empty row gives nothing");
        // typing into the row ticks «сведения представлены»
        keys("Адзиева Х. З.");
        assertTrue(people.findElement(By.name("responsiblePersons.present")).isSelected(), "rows given are information given");
        // «За что отвечает»: a checkbox per option, with a label each
        List<WebElement> areas = people.findElements(By.cssSelector("input[type=checkbox][name='responsiblePersons[0].areas']"));
        assertEquals(3, areas.size());
        assertEquals(0, all("select[multiple]").size(), "no Ctrl-click lists left on the form");
        areas.get(0).click();
        areas.get(1).click();
        // a second row, then the first removed: what was typed moves up, still no reload
        people.findElement(By.cssSelector("button[value='add:responsiblePersons']")).click();
        wait.until(ExpectedConditions.stalenessOf(people));
        people = el("#f-responsiblePersons");
        assertTrue(people.findElement(By.name("responsiblePersons.present")).isSelected(), "the server ticks it too");
        assertEquals(2, people.findElements(By.cssSelector("tbody tr")).size());
        people.findElement(By.name("responsiblePersons[1].name")).sendKeys("Второй");
        people.findElement(By.cssSelector("button[value='remove:responsiblePersons:0']")).click();
        wait.until(ExpectedConditions.stalenessOf(people));
        people = el("#f-responsiblePersons");
        assertEquals(1, people.findElements(By.cssSelector("tbody tr")).size());
        assertEquals("Второй", people.findElement(By.name("responsiblePersons[0].name")).getAttribute("value"));
        assertEquals(Boolean.TRUE, js("return window.stillHere === true;"));
        // pasted rows from Excel, the checkboxes filled from the names in the cells
        people.findElement(By.cssSelector("details.paste summary")).click();
        WebElement box = people.findElement(By.name("responsiblePersons.paste"));
        js("arguments[0].value = arguments[1];", box, "Иванова И. И.\tучитель\tsferum, ict\n");
        people.findElement(By.cssSelector("button[value='paste:responsiblePersons']")).click();
        wait.until(ExpectedConditions.stalenessOf(people));
        people = el("#f-responsiblePersons");
        assertEquals(2, people.findElements(By.cssSelector("tbody tr")).size());
        assertEquals("Иванова И. И.", people.findElement(By.name("responsiblePersons[1].name")).getAttribute("value"));
        List<String> ticked = people.findElements(By.cssSelector("input[name='responsiblePersons[1].areas']:checked")).stream()
                .map(e -> e.getAttribute("value")).toList();
        assertEquals(List.of("sferum", "ict"), ticked);
        assertEquals(Boolean.TRUE, js("return window.stillHere === true;"));
        page("form-rows");
    }

    @Test @Order(5)
    void withoutScriptsRowActionsReturnToTheTablesAnchor() throws Exception {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(Path.of("/usr/bin/chromium").toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=ru",
                "--user-data-dir=" + Files.createTempDirectory("chromium-nojs-"));
        o.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        WebDriver plain = new ChromeDriver(service, o);
        try {
            plain.get(base + "/login");
            plain.findElement(By.id("token")).sendKeys(AUDITOR);
            plain.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
            new WebDriverWait(plain, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
            plain.get(base + "/audits/new");
            WebElement before = plain.findElement(By.cssSelector("html"));
            plain.findElement(By.cssSelector("button[value='add:responsiblePersons']")).click();
            new WebDriverWait(plain, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(before));
            assertTrue(plain.getCurrentUrl().endsWith("/audits/new#f-responsiblePersons"), plain.getCurrentUrl());
            assertEquals(1, plain.findElements(By.cssSelector("#f-responsiblePersons tbody tr")).size());
            int top = plain.findElement(By.id("f-responsiblePersons")).getRect().getY();
            assertTrue(top > 1000, "the table is far down the page: " + top);
            Files.write(SHOTS.resolve("form-without-scripts.png"), ((TakesScreenshot) plain).getScreenshotAs(OutputType.BYTES));
        } finally {
            plain.quit();
        }
    }

    // ------------------------------------------------------------------------------------------- exemptions

    @Test @Order(6)
    void exemptionsAreRefusedToAnAuditorAndNotInTheNavigation() throws Exception {
        open("/exemptions");
        assertEquals("Недостаточно прав", el("h1").getText());
        assertTrue(all("header nav a[href='/exemptions']").isEmpty());
    }

    @Test @Order(7)
    void adminRecordsFiltersAndRevokesExemptions() throws Exception {
        signIn(ADMIN);
        open("/organizations");
        driver.findElement(By.linkText("Освобождения")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/exemptions"));
        assertTrue(el("#count").getText().contains("Найдено 0 освобождений"), el("#count").getText());
        // nothing filled in: every problem at its field, in Russian, the summary linking to each
        el("form.exemption-form button[type=submit]").click();
        wait.until(d -> d.findElements(By.id("errors")).size() > 0);
        page("exemptions-errors");
        for (String f : new String[] {"organization", "clause", "justification", "documentNumber", "documentDate", "expiresOn"}) {
            assertFalse(el("#ex-" + f + "-err").getText().isBlank(), f);
            assertEquals("true", el("#ex-" + f).getAttribute("aria-invalid"), f);
        }
        assertEquals(6, all("#errors li").size(), el("#errors").getText());
        assertFalse(el("#errors").getText().matches("(?s).*(\\$\\.|[A-Za-z]{4,}).*"), "no field path or English: " + el("#errors").getText());
        // a date as a person types it wrong, kept in the field with the reason
        el("#ex-documentDate").sendKeys("31.02.2023");
        el("#ex-documentNumber").sendKeys("15-о");
        WebElement previous = el("#errors");
        el("form.exemption-form button[type=submit]").click();
        wait.until(ExpectedConditions.stalenessOf(previous)); // the answer is a new page: never read the old one's fields
        wait.until(d -> d.findElements(By.id("errors")).size() > 0);
        assertEquals("31.02.2023", el("#ex-documentDate").getAttribute("value"));
        assertEquals("15-о", el("#ex-documentNumber").getAttribute("value"));
        assertTrue(el("#ex-documentDate-err").getText().contains("ДД.ММ.ГГГГ"), el("#ex-documentDate-err").getText());
        // recorded by keyboard: the organization from the audited ones, the clause from the catalog, Enter in the last field submits
        new Select(el("#ex-organization")).selectByValue(pendingKey);
        new Select(el("#ex-clause")).selectByValue("sergokala-sosh1-8-2023|3");
        assertEquals("sergokala-sosh1-8-2023|3", new Select(el("#ex-clause")).getFirstSelectedOption().getAttribute("value"));
        el("#ex-documentDate").clear();
        js("arguments[0].focus();", el("#ex-clause"));
        tabTo("#ex-justification", 10);
        keys("Школа на капитальном ремонте до конца четверти, служебные чаты переносятся позже");
        tabTo("#ex-documentDate", 10);
        keys("01.10.2023");
        tabTo("#ex-expiresOn", 5);
        keys("31.12.2023", Keys.ENTER);
        wait.until(d -> d.findElements(By.id("notice")).size() > 0);
        assertTrue(el("#notice").getText().contains("записано"), el("#notice").getText());
        assertTrue(all(".notice.warning").stream().anyMatch(w -> w.getText().contains("уже прошёл")), "a period already over is said so");
        WebElement row = el("table.exemptions tbody tr");
        assertTrue(row.getText().contains("п. 3") && row.getText().contains("31.12.2023"), row.getText());
        assertTrue(row.getText().contains("срок истёк"), "judged by its own dates, today: " + row.getText());
        // one still in force, for another school
        new Select(el("#ex-organization")).selectByValue("sg-1");
        new Select(el("#ex-clause")).selectByValue("sergokala-sosh1-8-2023|2");
        el("#ex-justification").sendKeys("Решение управления образования");
        el("#ex-documentNumber").sendKeys("7");
        el("#ex-documentDate").sendKeys("01.09.2023");
        el("#ex-expiresOn").sendKeys("31.12.2099");
        el("form.exemption-form button[type=submit]").click();
        wait.until(d -> d.findElements(By.cssSelector("table.exemptions tbody tr")).size() == 2);
        assertTrue(el("table.exemptions tbody tr").getText().contains("действует"));
        page("web-exemptions");
        // the report of the exempted audit shows the clause as exempted
        AuditService.Outcome again = audits.audit(facts(PENDING), Tokens.Principal.operator("olga"));
        open("/reports/" + again.report().decisionId());
        assertFalse(all(".badge.v-exempt").isEmpty(), "the exempted clause in the report");
        // revoke: the reason is asked for at its field, then recorded
        open("/exemptions");
        WebElement revoke = el("table.exemptions tbody tr form.revoke");
        String id = revoke.getAttribute("action").replaceAll(".*/exemptions/(\\d+)/revoke", "$1");
        revoke.findElement(By.cssSelector("button")).click();
        wait.until(d -> d.findElements(By.id("reason-" + id + "-err")).size() > 0);
        assertTrue(el("#reason-" + id + "-err").getText().contains("укажите причину"));
        el("#reason-" + id).sendKeys("Ремонт закончен досрочно", Keys.ENTER);
        wait.until(d -> d.findElements(By.id("notice")).size() > 0);
        assertEquals("Освобождение № " + id + " отозвано.", el("#notice").getText());
        assertTrue(el("#x-row-" + id).getText().contains("отозвано") && el("#x-row-" + id).getText().contains("Ремонт закончен досрочно"));
        // filters: by state, by organization
        new Select(el("#flt-state")).selectByValue("REVOKED");
        el("form.search button[type=submit]").click();
        wait.until(d -> d.getCurrentUrl().contains("state=REVOKED"));
        assertEquals(1, all("table.exemptions tbody tr").size());
        assertNotNull(el("#x-row-" + id));
        open("/exemptions?state=IN_FORCE");
        assertTrue(el("#count").getText().contains("Найдено 0"), el("#count").getText());
        // by municipality in any spelling; offered once by the catalog's name
        open("/exemptions?municipality=" + Pages.enc("Сергокалинского района"));
        assertEquals(2, all("table.exemptions tbody tr").size());
        List<String> places = new Select(el("#flt-municipality")).getOptions().stream().map(WebElement::getText).toList();
        assertEquals(1, places.stream().filter(m -> m.contains("Сергокалинск")).count(), places.toString());
        assertEquals(1, places.stream().filter(m -> m.startsWith("Кесовогорск")).count(), places.toString());
        open("/exemptions?organization=" + Pages.enc(pendingKey));
        assertEquals(1, all("table.exemptions tbody tr").size());
        assertTrue(el("table.exemptions").getText().contains("срок истёк"));
        page("exemptions-filtered");
    }

    @Test @Order(8)
    void noSeriousAccessibilityViolationOnThesePages() {
        assertTrue(axeProblems.isEmpty(), String.join("\n", axeProblems));
    }
}
