package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.javalin.Javalin;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Scope;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Tokens.Principal;
import ru.edu.auditor.service.rounds.MailSettings;
import ru.edu.auditor.service.rounds.RoundService;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 24 in Chromium, as people use it: an auditor of Сергокалинский район opens a weekly round for the district's
 * general schools on the page; one school signs in, finds it in «Мои мониторинги» and answers with the prefilled
 * form; another uploads the organization workbook; the third does not answer. After the due date the board lists it
 * as late (screenshot saved to docs/round-board.png), the auditor sends reminders and the embedded SMTP server
 * (GreenMail) receives exactly one, for the late school. The board and the school's pages pass axe-core.
 */
class RoundBrowserTest {
    static final String AUDITOR = "auditor-round-secret-0123456789";
    static final String SCHOOL_ONE = "school-one-secret-0123456789";
    static final String SCHOOL_TWO = "school-two-secret-0123456789";
    static final String FIXTURE = "fixtures/sergokala-sosh1-8-2023/sosh1-2023-11-20-compliant.json";
    static final LocalDate MONDAY = LocalDate.of(2023, 11, 20);
    static final Path SHOTS = Path.of("target", "screenshots");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        volatile Instant now;

        MovingClock(LocalDate day) { set(day); }

        void set(LocalDate day) { now = day.atTime(12, 0).toInstant(ZoneOffset.ofHours(3)); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return Clock.fixed(now, zone); }

        @Override public Instant instant() { return now; }
    }

    WebDriver driver;
    WebDriverWait wait;
    String base;

    @Test
    @Timeout(300)
    void aWeeklyRoundFromOpeningToTheReminder() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        Javalin app = null;
        try (TestStores.Backend store = TestStores.open("sqlite")) {
            AuditRepository repo = store.repository();
            AuditService audits = new AuditService(holder, repo);
            HistoryQueries history = new HistoryQueries(repo, holder);
            Principal admin = new Principal("admin", Role.admin);
            Map<String, String> keys = new LinkedHashMap<>();
            for (String name : List.of("Сергокалинская СОШ № 1", "Сергокалинская СОШ № 2", "Мюрегинская СОШ")) {
                ObjectNode f = (ObjectNode) Json.mapper().readTree(Path.of(FIXTURE).toFile()).path("facts");
                ((ObjectNode) f.path("organization")).put("name", name);
                AuditService.Outcome o = audits.audit(f, admin);
                assertTrue(o.ok(), String.valueOf(o.problems()));
                keys.put(name, o.report().organizationKey());
            }
            String lateKey = keys.get("Мюрегинская СОШ");
            MovingClock clock = new MovingClock(MONDAY.plusDays(2));
            MailSettings mail = MailSettings.fromEnv(Map.of("AUDITOR_SMTP_HOST", "127.0.0.1", "AUDITOR_SMTP_PORT",
                    String.valueOf(smtp.getSmtp().getPort()), "AUDITOR_SMTP_FROM", "monitoring@sergokala.example.ru"));
            RoundService rounds = new RoundService(audits, history, mail, key -> key.equals(lateKey) ? List.of("director@muregi.example.ru") : List.of(), clock);
            Map<String, Principal> bySecret = new LinkedHashMap<>();
            bySecret.put(AUDITOR, new Principal("Иванова", Role.auditor, new Scope.Municipality("Сергокалинский район")));
            bySecret.put(SCHOOL_ONE, new Principal("СОШ № 1", Role.school, new Scope.Organization(keys.get("Сергокалинская СОШ № 1"))));
            bySecret.put(SCHOOL_TWO, new Principal("СОШ № 2", Role.school, new Scope.Organization(keys.get("Сергокалинская СОШ № 2"))));
            Tokens tokens = Tokens.of(bySecret);
            RuleReloader reloader = new RuleReloader(dir, holder);
            app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens, history, rounds),
                    Workspace.frontEnd(new Workspace.Services(audits, history, reloader, tokens, null, rounds))).start("127.0.0.1", 0);
            base = "http://127.0.0.1:" + app.port();
            Files.createDirectories(SHOTS);
            driver = WorkspaceBrowserTest.browser();
            wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            try {
                // the auditor opens the round on the page
                signIn(AUDITOR);
                open("/rounds");
                el("a[href='/rounds/new']").click();
                wait.until(d -> d.getCurrentUrl().endsWith("/rounds/new"));
                el("#r-name").sendKeys("Еженедельный мониторинг «Сферума»");
                setDate("#r-from", MONDAY.toString());
                setDate("#r-due", MONDAY.plusDays(7).toString());
                new Select(el("#r-muni")).selectByVisibleText("МР «Сергокалинский район»");
                check("round-open");
                el("form.round-form button[type=submit]").click();
                wait.until(d -> d.getCurrentUrl().matches(".*/rounds/[0-9a-f-]{36}$"));
                String boardUrl = driver.getCurrentUrl();
                String roundId = boardUrl.substring(boardUrl.lastIndexOf('/') + 1);
                assertTrue(text().contains("Ещё не ответили, срок не истёк: 3 из 3 организаций"), text());

                // school one: «Мои мониторинги» → the prefilled form → its report at once
                signOutAndIn(SCHOOL_ONE);
                open("/my/rounds");
                assertEquals("Мои мониторинги", el("h1").getText());
                check("round-mine");
                driver.findElement(By.linkText("Ответить")).click();
                wait.until(d -> d.getCurrentUrl().contains("/answer/"));
                assertTrue(text().contains("Мониторинг «Еженедельный мониторинг «Сферума»»: неделя 20.11.2023–26.11.2023"), text());
                assertEquals("26.11.2023", el("#f-asOf").getAttribute("value"));
                check("round-answer-form");
                el("form.audit-form button[value=audit]").click();
                wait.until(d -> d.getCurrentUrl().endsWith("/report"));
                assertTrue(text().contains("Сергокалинская СОШ № 1"), text());

                // school two: uploads the organization workbook prefilled for the round
                signOutAndIn(SCHOOL_TWO);
                String two = keys.get("Сергокалинская СОШ № 2");
                Path book = Files.createTempFile("round-", ".xlsx");
                try (OutputStream out = Files.newOutputStream(book)) {
                    new FormWriter(FormLayout.current()).organization(rounds.prefill(bySecret.get(SCHOOL_TWO), roundId, two), out);
                }
                open("/rounds/" + roundId + "/answer/" + java.net.URLEncoder.encode(two, StandardCharsets.UTF_8).replace("+", "%20"));
                el("#workbook").sendKeys(book.toAbsolutePath().toString());
                el("form.upload button[type=submit]").click();
                wait.until(d -> d.getCurrentUrl().endsWith("/report"));
                Files.deleteIfExists(book);
                // a school never sees the auditor's board
                open("/rounds/" + roundId);
                assertTrue(text().contains("Недостаточно прав") || text().contains("Не найдено"), text());

                // after the due date: the board shows the late school; reminders go to it only
                clock.set(MONDAY.plusDays(8));
                signOutAndIn(AUDITOR);
                open("/rounds/" + roundId);
                assertTrue(text().contains("Ответили 2 из 3 организаций (66,6 %)"), text());
                assertTrue(text().contains("Просрочили ответ: 1 из 3 организаций (33,3 %)"), text());
                WebElement lateRow = driver.findElements(By.cssSelector("table.board tbody tr")).stream()
                        .filter(r -> r.getText().contains("Мюрегинская СОШ")).findFirst().orElseThrow();
                assertTrue(lateRow.getText().contains("Не ответила, срок истёк"), lateRow.getText());
                assertEquals("director@muregi.example.ru", el("#copy-list").getAttribute("value"));
                check("round-board");
                Files.write(Path.of("docs", "round-board.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
                assertEquals(0, smtp.getReceivedMessages().length);
                driver.findElement(By.xpath("//button[normalize-space()='Отправить напоминания']")).click();
                wait.until(d -> d.getPageSource().contains("Напоминания отправлены"));
                smtp.waitForIncomingEmail(5_000, 1);
                MimeMessage[] received = smtp.getReceivedMessages();
                assertEquals(1, received.length);
                assertEquals("director@muregi.example.ru", received[0].getAllRecipients()[0].toString());
                // the exports download
                HttpClient http = HttpClient.newHttpClient();
                for (String fmt : List.of("xlsx", "pdf")) {
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rounds/" + roundId + "/board." + fmt))
                            .header("Authorization", "Bearer " + AUDITOR).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, r.statusCode(), fmt);
                    assertTrue(r.body().length > 1000, fmt);
                }
                // the API: the school's own rounds only; a school may not open the board
                HttpResponse<String> mine = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rounds/mine"))
                        .header("Authorization", "Bearer " + SCHOOL_ONE).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, mine.statusCode());
                // the round repeats weekly: the next week's round was opened when it began, and asks the same schools
                var mineRounds = Json.mapper().readTree(mine.body()).path("rounds");
                assertEquals(2, mineRounds.size(), mine.body());
                assertEquals(MONDAY.plusDays(7).toString(), mineRounds.get(0).path("periodFrom").asText());
                assertEquals(roundId, mineRounds.get(1).path("id").asText());
                assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rounds/" + roundId))
                        .header("Authorization", "Bearer " + SCHOOL_ONE).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            } finally {
                driver.quit();
                reloader.close();
            }
            store.passed();
        } finally {
            if (app != null) app.stop();
            smtp.stop();
        }
    }

    void open(String path) { driver.get(base + path); }

    WebElement el(String css) { return driver.findElement(By.cssSelector(css)); }

    String text() { return el("main").getText(); }

    void setDate(String css, String iso) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", el(css), iso);
    }

    void signIn(String token) {
        open("/login");
        el("#token").sendKeys(token);
        el("form[action='/login'] button[type=submit]").click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    void signOutAndIn(String token) {
        driver.manage().deleteAllCookies();
        signIn(token);
    }

    /** Saves a screenshot and checks the page with axe-core: no serious or critical violation. */
    void check(String name) throws Exception {
        shot(name);
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

    void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
