package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
 * The workspace in a real browser: Debian's headless Chromium driven by Selenium through chromedriver, one browser
 * for the class. Fails (never skips) when the browser cannot start. Every page visited is checked with axe-core
 * (no serious or critical violation) and saved as a screenshot under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspaceBrowserTest {
    static final String AUDITOR = "auditor-secret-0123456789";
    static final String AUTHOR = "author-secret-0123456789";
    static final String HOSTILE = "<script>alert(1)</script>";
    static final String FIXTURE = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";
    /** Audits seeded for the history chart (kept small: the page is the same for 5 or 50). */
    static final int HISTORY_AUDITS = 6;
    static final Path SHOTS = Path.of("target", "screenshots");

    static TestStores.Backend store;
    static Javalin app;
    static String base;
    static WebDriver driver;
    static WebDriverWait wait;
    static String schoolKey;
    static LocalDate lastSeedAsOf;
    static final List<String> axeProblems = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        store = TestStores.open("sqlite");
        AuditRepository repo = store.repository();
        AuditService audits = new AuditService(holder, repo);
        audits.archiveQuietly(holder.current()); // the rules version is archived as the server does: «Воспроизвести» needs it
        HistoryQueries history = new HistoryQueries(repo, holder);
        RuleReloader reloader = new RuleReloader(dir, holder);
        Tokens tokens = Tokens.parse("anna:auditor:" + AUDITOR + ",rita:rule-author:" + AUTHOR);
        app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history),
                Workspace.frontEnd(new Workspace.Services(audits, history, reloader, tokens, Path.of("fixtures")))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        seed(audits);
        Files.createDirectories(SHOTS);
        driver = browser();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** A school audited week after week (for the chart and the matrix), and an organization with a hostile name. */
    static void seed(AuditService audits) throws Exception {
        JsonNode facts = Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
        LocalDate asOf = LocalDate.parse(facts.path("asOf").asText());
        for (int i = 0; i < HISTORY_AUDITS; i++) {
            ObjectNode doc = facts.deepCopy();
            doc.put("asOf", asOf.plusWeeks(i).toString());
            if (i < 3) doc.remove("communication"); // the first audits lacked the programs: the matrix shows the change
            AuditService.Outcome o = audits.audit(doc, ru.edu.auditor.service.access.Tokens.Principal.operator("seed"));
            assertTrue(o.ok(), String.valueOf(o.problems()));
            schoolKey = o.report().organizationKey();
            lastSeedAsOf = o.report().asOf();
        }
        ObjectNode hostile = facts.deepCopy();
        ((ObjectNode) hostile.path("organization")).put("name", HOSTILE).put("id", "hostile-1");
        assertTrue(audits.audit(hostile, ru.edu.auditor.service.access.Tokens.Principal.operator("seed")).ok());
    }

    static WebDriver browser() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(Path.of("/usr/bin/chromium").toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1400", "--lang=ru",
                "--user-data-dir=" + tempDir());
        try {
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                    .usingAnyFreePort().withEnvironment(Map.of("LANGUAGE", "ru", "LANG", "ru_RU.UTF-8")).build();
            return new ChromeDriver(service, o);
        } catch (RuntimeException e) {
            // no skip: CI installs chromium and chromium-driver (.ci/run); a browser that cannot start is a failure
            fail("Chromium could not be started (apt-get install chromium chromium-driver): " + e.getMessage());
            return null;
        }
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("chromium-profile-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (app != null) app.stop();
        if (store != null) store.close();
    }

    // ------------------------------------------------------------------------------------------- helpers

    static void open(String path) { driver.get(base + path); }

    static WebElement el(String css) { return driver.findElement(By.cssSelector(css)); }

    /** Saves the page as target/screenshots/{name}.png and checks it with axe-core: no serious or critical violation. */
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
        open("/login");
        el("#token").sendKeys(token);
        el("form[action='/login'] button[type=submit]").click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    static String source() { return driver.getPageSource(); }

    // ------------------------------------------------------------------------------------------- tests

    @Test @Order(1)
    void signInWithTheApiToken() throws Exception {
        open("/organizations");
        wait.until(d -> d.getCurrentUrl().contains("/login"));
        page("01-sign-in");
        el("#token").sendKeys("wrong-token-0123456789");
        el("form[action='/login'] button[type=submit]").click();
        assertTrue(el("[role=alert]").getText().contains("Токен не распознан"));
        el("#token").sendKeys(AUDITOR);
        el("form[action='/login'] button[type=submit]").click();
        wait.until(d -> d.getCurrentUrl().endsWith("/organizations"));
        assertEquals("Организации", el("h1").getText());
        assertFalse(driver.getCurrentUrl().contains(AUDITOR));
        assertFalse(source().contains(AUDITOR), "the token is not in the page");
        // the session cookie is HttpOnly: page scripts cannot read it
        Object cookies = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return document.cookie");
        assertFalse(String.valueOf(cookies).contains("auditor_session"));
        org.openqa.selenium.Cookie c = driver.manage().getCookieNamed(Sessions.COOKIE);
        assertTrue(c.isHttpOnly());
        assertEquals("Strict", c.getSameSite());
        assertNotNull(c.getExpiry());
        page("02-organizations");
    }

    @Test @Order(2)
    void hostileNamesAreShownAsText() throws Exception {
        open("/organizations?q=script");
        WebElement link = driver.findElement(By.linkText(HOSTILE));
        assertEquals(HOSTILE, link.getText());
        assertNoAlert();
        link.click();
        wait.until(d -> d.findElement(By.tagName("h1")).getText().equals(HOSTILE));
        assertNoAlert();
        assertEquals(0, driver.findElements(By.xpath("//script[contains(., 'alert(1)')]")).size());
    }

    static void assertNoAlert() {
        try {
            driver.switchTo().alert();
            fail("a script from stored data ran");
        } catch (NoAlertPresentException expected) {
            // escaped
        }
    }

    @Test @Order(3)
    void decreeExplorerFindsAClauseByItsText() throws Exception {
        open("/decrees");
        page("03-decrees");
        assertTrue(driver.findElements(By.cssSelector("table.data tbody tr")).size() >= 5);
        el("#q").sendKeys("еженедельный анализ");
        el("form.search button").click();
        wait.until(d -> d.findElements(By.cssSelector(".hits li")).size() > 0);
        WebElement first = el(".hits li a");
        String hit = el(".hits li mark").getText();
        assertEquals("еженедельный анализ", hit.toLowerCase());
        page("04-decree-search");
        first.click();
        wait.until(d -> d.getCurrentUrl().contains("/decrees/"));
        String anchor = driver.getCurrentUrl().substring(driver.getCurrentUrl().indexOf('#') + 1);
        WebElement clause = el("#" + anchor);
        assertTrue(clause.findElement(By.cssSelector("blockquote.verbatim")).getText().toLowerCase().contains("еженедельный анализ"));
        assertTrue(clause.findElements(By.cssSelector(".cover")).isEmpty(), "rules and fixtures are the rule author's, not the auditor's (WorkspacePagesBrowserTest)");
        page("05-decree");
    }

    /** Fills every input for the fixture's facts as a person would: typed fields, chosen options, table rows pasted from Excel. */
    static void fill(JsonNode facts) {
        FormSchema form = FormSchema.current();
        FormValues v = FormValues.fromDocument(form, facts);
        for (FormSchema.Table t : form.tables().values()) {
            if (v.rows(t.name()) == 0 && !v.present.contains(t.name())) continue;
            StringBuilder tsv = new StringBuilder();
            for (int r = 0; r < v.rows(t.name()); r++) {
                List<String> cells = new ArrayList<>();
                for (FormSchema.Field c : t.columns()) {
                    String n = t.name() + "[" + r + "]." + c.name();
                    String s = c.type().equals("enumList") ? String.join(", ", v.multi.getOrDefault(n, List.of())) : v.single.getOrDefault(n, "");
                    cells.add(c.type().equals("boolean") ? ("true".equals(s) ? "да" : "false".equals(s) ? "нет" : "") : s);
                }
                tsv.append(String.join("\t", cells)).append('\n');
            }
            WebElement box = el("#" + t.name().replace(".", "\\.") + "-paste");
            if (!box.isDisplayed()) box.findElement(By.xpath("./ancestor::details/summary")).click();
            if (tsv.length() > 0) {
                ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", box, tsv.toString());
                WebElement before = el("#f-" + t.name().replace('.', '-')); // the table is swapped in place (app.js), the page stays
                driver.findElement(By.cssSelector("button[value='paste:" + t.name() + "']")).click();
                wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
                wait.until(d -> d.findElements(By.cssSelector("button[value='paste:" + t.name() + "']")).size() > 0);
            }
            if (v.present.contains(t.name())) {
                WebElement present = driver.findElement(By.name(t.name() + ".present"));
                if (!present.isSelected()) present.click();
            }
        }
        // the typed fields in one script (a person types them; the server sees the same form post)
        Map<String, Object> typed = new java.util.HashMap<>();
        for (FormSchema.Field f : form.fields().values()) {
            if (v.single.containsKey(f.name())) typed.put(f.name(), v.single.get(f.name()));
            if (v.multi.containsKey(f.name())) typed.put(f.name(), v.multi.get(f.name()));
            if (v.present.contains(f.name())) typed.put(f.name() + ".present", true);
        }
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const v = arguments[0];"
                + "for (const [name, value] of Object.entries(v)) {"
                + "  const all = document.getElementsByName(name); const e = all[0];"
                + "  if (!e) throw new Error('no input ' + name);"
                + "  if (Array.isArray(value)) { for (const box of all) box.checked = value.includes(box.value); }"
                + "  else if (e.type === 'checkbox') e.checked = true;"
                + "  else e.value = value;"
                + "}", typed);
    }

    @Test @Order(4)
    void auditFormForAFixtureSchoolGivesTheExpectedVerdicts() throws Exception {
        JsonNode fixture = Json.mapper().readTree(Path.of(FIXTURE).toFile());
        open("/audits/new");
        page("06-new-audit");
        fill(fixture.path("facts"));
        el(".toolbar button[value=audit]").click();
        wait.until(d -> d.getCurrentUrl().contains("/reports/"));
        page("07-report");
        assertTrue(el(".status .badge").getText().contains("соответствует") || el(".status .badge").getText().length() > 0);
        Iterator<Map.Entry<String, JsonNode>> decrees = fixture.path("expect").fields();
        int checked = 0;
        while (decrees.hasNext()) {
            Map.Entry<String, JsonNode> d = decrees.next();
            if (!d.getValue().isObject()) {
                assertTrue(source().contains("Решения, которые на организацию не распространяются"), d.getKey()); // one list at the end of the report
                continue;
            }
            WebElement section = driver.findElement(By.xpath("//section[contains(@class,'decree')][@data-decree='" + d.getKey() + "']"));
            Iterator<Map.Entry<String, JsonNode>> clauses = d.getValue().fields();
            while (clauses.hasNext()) {
                Map.Entry<String, JsonNode> c = clauses.next();
                String status = c.getValue().isTextual() ? c.getValue().asText() : c.getValue().path("status").asText();
                WebElement row = section.findElement(By.xpath(".//tr[th[normalize-space(text())='п. " + c.getKey() + "']]"));
                assertTrue(row.getText().contains(ru.edu.auditor.report.Labels.verdict(status)), d.getKey() + " п. " + c.getKey() + ": " + row.getText());
                for (JsonNode phrase : c.getValue().path("contains")) {
                    assertTrue(row.getText().contains(phrase.asText()), d.getKey() + " п. " + c.getKey() + " lacks «" + phrase.asText() + "»");
                }
                checked++;
            }
        }
        assertTrue(checked >= 8, "expectations checked: " + checked);
        // the act in print: navigation and buttons gone, the title and signature lines there, on A4
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertFalse(el("header.top").isDisplayed());
            assertFalse(el(".actions").isDisplayed());
            assertTrue(el("h1 .print-only").getText().contains("Акт проверки"));
            assertTrue(el(".signatures").isDisplayed());
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        org.openqa.selenium.print.PrintOptions a4 = new org.openqa.selenium.print.PrintOptions();
        a4.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
        byte[] pdf = java.util.Base64.getDecoder().decode(((org.openqa.selenium.PrintsPage) driver).print(a4).getContent());
        Files.write(SHOTS.resolve("07-report-act-a4.pdf"), pdf);
        assertTrue(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF"));
        // filter by verdict, downloads offered
        el("nav.filters a[href*='verdict=PASS']").click();
        wait.until(d -> d.getCurrentUrl().contains("verdict=PASS"));
        assertTrue(driver.findElements(By.cssSelector("table.clauses .badge")).stream().allMatch(b -> b.getText().contains("выполнено")));
        assertEquals(5, driver.findElements(By.cssSelector(".actions a[download]")).size());
        assertEquals("Акт (PDF)", el(".actions a[href$='/act.pdf']").getText());
        assertEquals("Акт (Word)", el(".actions a[href$='/act.docx']").getText());
        // «Воспроизвести»: the archived rules of this decision, run again on its stored facts, give the same act
        el("form.replay button").click();
        wait.until(d -> d.getCurrentUrl().endsWith("/replay"));
        assertTrue(el("#replay-result").getText().contains("Повторная проверка на архивных правилах дала тот же результат"), source());
        page("07-report-replay");
    }

    @Test @Order(5)
    void invalidFormShowsEveryErrorByItsFieldWithTheInputKept() throws Exception {
        open("/audits/new");
        new Select(el("[name='organization.kind']")).selectByValue("general");
        el("[name='organization.municipality']").sendKeys("Сергокалинский район");
        el("[name='asOf']").sendKeys("31.02.2024");
        el("[name='headcount.teachers.total']").sendKeys("десять");
        el("[name='sferum.classCount']").sendKeys("12");
        el(".toolbar button[value=audit]").click();
        wait.until(d -> d.findElements(By.id("errors")).size() > 0);
        page("08-form-errors");
        assertEquals("десять", el("[name='headcount.teachers.total']").getAttribute("value"));
        assertEquals("31.02.2024", el("[name='asOf']").getAttribute("value"));
        assertEquals("12", el("[name='sferum.classCount']").getAttribute("value"));
        assertEquals("general", el("[name='organization.kind']").getAttribute("value"));
        assertTrue(el("#f-headcount-teachers-total-err").getText().contains("ожидается целое число, получено «десять»"));
        assertTrue(el("#f-asOf-err").getText().contains("ДД.ММ.ГГГГ"));
        assertFalse(el("#f-organization-name-err").getText().isBlank(), "the missing name is named by its field");
        assertEquals("true", el("[name='headcount.teachers.total']").getAttribute("aria-invalid"));
        assertEquals(3, driver.findElements(By.cssSelector("#errors li")).size(), el("#errors").getText());
    }

    @Test @Order(6)
    void organizationHistoryChartHasData() throws Exception {
        open("/organizations/" + Pages.enc(schoolKey));
        page("09-organization");
        List<WebElement> bars = driver.findElements(By.cssSelector("svg.chart-svg rect.bar"));
        assertTrue(bars.size() >= HISTORY_AUDITS, "bars: " + bars.size());
        assertTrue(Double.parseDouble(bars.get(0).getAttribute("height")) > 0);
        assertFalse(driver.findElements(By.cssSelector("table.matrix td.changed")).isEmpty(), "a verdict change is marked in the matrix");
        // «Проверить снова»: the form comes prefilled from the latest stored audit
        driver.findElement(By.linkText("Проверить снова")).click();
        wait.until(d -> d.getCurrentUrl().contains("/audits/new?org="));
        assertEquals("Сергокалинская СОШ № 1", el("[name='organization.name']").getAttribute("value"));
        assertEquals(FormSchema.RU_DATE.format(lastSeedAsOf), el("[name='asOf']").getAttribute("value"));
        assertTrue(el("a[href^='/templates/organization.xlsx?org=']").isDisplayed(), "the .xlsx form with the latest data is offered");
    }

    @Test @Order(7)
    void districtViewHasBarsAndAnIndicator() throws Exception {
        open("/district");
        el("#municipality").sendKeys("Сергокалинский район");
        el("#asOf").clear();
        el("#asOf").sendKeys("30.11.2023");
        el("form.search button").click();
        wait.until(d -> d.findElements(By.cssSelector("svg.chart-svg rect.bar")).size() > 0);
        page("10-district");
        assertTrue(el(".indicator").getText().contains("Показатель 10"));
        assertTrue(driver.findElements(By.cssSelector("table.data tbody tr")).size() > 2);
        assertTrue(driver.findElement(By.linkText("Скачать CSV (Excel)")).getAttribute("href").contains("rollup.csv"));
    }

    @Test @Order(8)
    void batchUploadProgressReachesTheEnd() throws Exception {
        JsonNode facts = Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            ObjectNode doc = facts.deepCopy();
            ((ObjectNode) doc.path("organization")).put("name", "Школа пакета № " + i).put("id", "batch-" + i);
            ndjson.append(doc).append('\n');
        }
        ndjson.append("{\"organization\": {\"name\": \"Без даты\", \"kind\": \"general\", \"municipality\": \"Сергокалинский район\"}, \"headcount\": {\"teachers\": {\"total\": \"десять\"}}}\n");
        Path file = Files.createTempFile("batch-", ".ndjson");
        Files.writeString(file, ndjson, StandardCharsets.UTF_8);
        open("/batch");
        page("11-batch");
        el("#file").sendKeys(file.toAbsolutePath().toString());
        el("form[action='/batch'] button[type=submit]").click();
        wait.until(d -> d.getCurrentUrl().matches(".*/batch/[0-9a-f-]+$"));
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> d.findElements(By.id("batch-summary")).size() > 0);
        page("12-batch-done");
        WebElement bar = el("progress");
        assertEquals(bar.getAttribute("max"), bar.getAttribute("value"));
        assertEquals("25", bar.getAttribute("max"));
        assertTrue(el("#batch-summary").getText().contains("Проверено и сохранено организаций: 24"));
        String bad = el("#batch-summary table").getText();
        assertTrue(bad.contains("$.asOf") && bad.contains("$.headcount.teachers.total"), bad);
        driver.findElement(By.partialLinkText("Сводка района")).click();
        wait.until(d -> d.findElements(By.cssSelector("svg.chart-svg rect.bar")).size() > 0);
        Files.deleteIfExists(file);
    }

    @Test @Order(9)
    void keyboardOnlyFillAndSubmit() throws Exception {
        open("/audits/new");
        tabTo("organization.name", 60);
        keys("Школа с клавиатуры");
        tabTo("organization.kind", 10);
        keys("о"); // the first option starting with «о»: общеобразовательная
        tabTo("organization.municipality", 10);
        keys("Сергокалинский район");
        tabTo("asOf", 10);
        keys("20.11.2023", Keys.ENTER); // Enter submits with the form's first button: «Проверить»
        wait.until(d -> d.getCurrentUrl().contains("/reports/"));
        assertTrue(el("h1").getText().contains("Школа с клавиатуры"));
    }

    static void keys(CharSequence... keys) { new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform(); }

    /** Presses Tab until the input {@code name} has the focus (at most {@code max} times). */
    static void tabTo(String name, int max) {
        int n = 0;
        while (!name.equals(driver.switchTo().activeElement().getAttribute("name")) && n++ < max) keys(Keys.TAB);
        assertEquals(name, driver.switchTo().activeElement().getAttribute("name"), "reached by Tab alone");
    }

    @Test @Order(10)
    void rulesPageIsRefusedToAnAuditorInWords() throws Exception {
        open("/rules");
        assertEquals("Недостаточно прав", el("h1").getText());
        assertTrue(el(".message").getText().contains("rule-author"));
        page("13-forbidden");
    }

    @Test @Order(11)
    void signOutThenRefused() throws Exception {
        el("form.logout button").click();
        wait.until(d -> d.getCurrentUrl().contains("/login"));
        assertTrue(source().contains("Вы вышли"));
        open("/organizations");
        wait.until(d -> d.getCurrentUrl().contains("/login"));
        assertEquals("Вход в аудитор", el("h1").getText());
    }

    @Test @Order(12)
    void ruleAuthorReloadsRules() throws Exception {
        signIn(AUTHOR);
        open("/rules");
        el("form[action='/rules/reload'] button").click();
        wait.until(d -> d.findElements(By.xpath("//p[contains(., 'без изменений') or contains(., 'загружены')]")).size() > 0);
        page("14-rules");
        assertTrue(source().contains("Действующая версия"));
        el("form.logout button").click();
    }

    @Test @Order(13)
    void noSeriousAccessibilityViolationAnywhere() {
        assertTrue(axeProblems.isEmpty(), String.join("\n", axeProblems));
    }
}
