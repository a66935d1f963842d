package ru.edu.auditor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.SignInThrottle;
import ru.edu.auditor.service.access.Tokens;

/**
 * The workspace under abuse (issue 22, items 3 and 5): no redirect off the site after sign-in, sign-in guessing slowed
 * without shutting colleagues out, a new sign-in rotating the session id and able to end the others, table rows and
 * row numbers of the form bounded.
 */
class WorkspaceAbuseTest {
    static final String ANNA = "anna-secret-0123456789";
    static final String BORIS = "boris-secret-0123456789";
    static final String VERA = "vera-secret-0123456789";
    /** The largest form page: every table at {@link FormValues#MAX_ROWS} rows (measured 3.0 MB; a 433-byte post made 69 MB before the bound). */
    static final int MAX_FORM_PAGE = 4_000_000;
    static Javalin app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("rules");
        RulesHolder holder = new RulesHolder(RuleSet.load(dir));
        AuditService audits = new AuditService(holder);
        RuleReloader reloader = new RuleReloader(dir, holder);
        Tokens tokens = Tokens.parse("anna:auditor:" + ANNA + ",boris:auditor:" + BORIS + ",vera:auditor:" + VERA);
        app = ApiServer.create(new ApiServer.Services(audits, reloader, tokens),
                Workspace.frontEnd(new Workspace.Services(audits, null, reloader, tokens, null))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() { app.stop(); }

    static HttpClient client() { return WorkspaceRequests.client(); }

    static HttpResponse<String> get(HttpClient c, String path) throws Exception { return WorkspaceRequests.get(base, c, path); }

    static HttpResponse<String> post(HttpClient c, String path, String form) throws Exception { return WorkspaceRequests.post(base, c, path, form); }

    static String field(String html, String name) { return WorkspaceRequests.field(html, name); }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    /** Posts the sign-in form as the browser would, from the sign-in page at {@code loginPath}. */
    static HttpResponse<String> signIn(HttpClient c, String loginPath, String token, String extra) throws Exception {
        String page = get(c, loginPath).body();
        return post(c, "/login", "loginToken=" + enc(field(page, "loginToken")) + "&token=" + enc(token) + "&next="
                + enc(field(page, "next").replace("&amp;", "&")) + extra);
    }

    static String sessionCookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow()
                .split(";", 2)[0];
    }

    static int status(String cookie, String path) throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return plain.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void afterSignInTheBrowserStaysOnTheSite() throws Exception {
        for (String next : new String[] {"/%09/evil.example/", "/%0d%0a/evil.example/", "/%5Cevil.example/", "//evil.example/",
                "/%2F/evil.example/", "https://evil.example/", "/%E2%80%8B/evil.example/"}) {
            HttpClient c = client();
            HttpResponse<String> page = get(c, "/login?next=" + next);
            if (page.statusCode() == 400) continue; // a control character refused before any page reads it: never redirected either
            HttpResponse<String> r = signIn(c, "/login?next=" + next, VERA, "");
            assertEquals(303, r.statusCode(), next + ": " + r.body());
            assertEquals("/", r.headers().firstValue("Location").orElseThrow(), next);
        }
        HttpResponse<String> own = signIn(client(), "/login?next=%2Fdecrees%3Fq%3D%D0%BA%D0%BE%D0%BE%D1%80%D0%B4%D0%B8%D0%BD%D0%B0%D1%82%D0%BE%D1%80", VERA, "");
        assertEquals("/decrees?q=%D0%BA%D0%BE%D0%BE%D1%80%D0%B4%D0%B8%D0%BD%D0%B0%D1%82%D0%BE%D1%80", own.headers().firstValue("Location").orElseThrow(), "a path of the site is kept");
        assertEquals("/", SignInPages.safeNext("/\t/evil.example/"));
        assertEquals("/", SignInPages.safeNext("/%2F%2Fevil.example"));
    }

    @Test
    void wrongTokensAreSlowedWithout429ForAColleagueWhoWorksFromTheSameAddress() throws Exception {
        HttpClient anna = client();
        assertEquals(303, signIn(anna, "/login", ANNA, "").statusCode(), "anna signs in from this address before the attack");
        HttpClient attacker = client();
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            HttpResponse<String> r = signIn(attacker, "/login", "guess-" + i + "-0000000000000", "");
            assertEquals(401, r.statusCode(), "failure " + (i + 1) + " is only refused");
        }
        signIn(attacker, "/login", "guess-x-0000000000000", "");
        HttpResponse<String> slowed = signIn(attacker, "/login", "guess-y-0000000000000", "");
        assertEquals(429, slowed.statusCode(), slowed.body());
        long retry = Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= SignInThrottle.MAX_WAIT.toSeconds(), "Retry-After " + retry);
        assertTrue(slowed.body().contains("вход приостановлен") && slowed.body().contains("Повторите через"), slowed.body());
        assertFalse(slowed.body().contains("Exception"), slowed.body());
        // a valid token nobody used from here is refused just like a wrong one: the wait tells the guesser nothing
        assertEquals(429, signIn(client(), "/login", BORIS, "").statusCode());
        // the colleague who already works from this address is not shut out
        HttpResponse<String> again = signIn(client(), "/login", ANNA, "");
        assertEquals(303, again.statusCode(), again.body());
    }

    @Test
    void aNewSignInGetsANewSessionIdAndCanEndTheOthers() throws Exception {
        HttpClient office = client();
        HttpResponse<String> first = signIn(office, "/login", VERA, "");
        String firstCookie = sessionCookie(first);
        assertEquals(200, status(firstCookie, "/decrees"));
        // signing in again in the same browser: a new id, the old one is worth nothing
        HttpResponse<String> second = signIn(office, "/login", VERA, "");
        String secondCookie = sessionCookie(second);
        assertFalse(firstCookie.equals(secondCookie));
        assertEquals(303, status(firstCookie, "/decrees"), "the id from before the sign-in no longer opens pages");
        assertEquals(200, status(secondCookie, "/decrees"));

        // another browser: its pages offer to end the other session; the offer ends it
        HttpClient home = client();
        assertEquals(303, signIn(home, "/login", VERA, "").statusCode());
        String page = get(home, "/decrees").body();
        assertTrue(page.contains("Завершить другие сеансы (1)"), page);
        HttpResponse<String> ended = post(home, "/sessions/end-others", "csrf=" + enc(field(page, "csrf")) + "&next=%2Fdecrees");
        assertEquals(303, ended.statusCode(), ended.body());
        assertEquals("/decrees", ended.headers().firstValue("Location").orElseThrow());
        assertEquals(303, status(secondCookie, "/decrees"), "the other browser's session has ended");
        assertEquals(200, get(home, "/decrees").statusCode());
        assertFalse(get(home, "/decrees").body().contains("Завершить другие сеансы"));

        // or at sign-in: «завершить другие мои сеансы»
        HttpClient third = client();
        assertEquals(303, signIn(third, "/login", VERA, "&endOthers=1").statusCode());
        assertEquals(303, get(home, "/decrees").statusCode(), "ended by the sign-in elsewhere");
    }

    @Test
    void tableRowsAndRowNumbersOfTheFormAreBounded() throws Exception {
        HttpClient c = client();
        assertEquals(303, signIn(c, "/login", VERA, "").statusCode());
        String csrf = field(get(c, "/audits/new").body(), "csrf");
        String[] attacks = {"teachers.rows=9999", "teachers[10000].name=x", "teachers[99999999999].name=x", "teachers[-1].name=x",
                "teachers.rows=99999999999999999999"};
        for (String attack : attacks) {
            for (String action : new String[] {"audit", "add:teachers"}) {
                HttpResponse<String> r = post(c, "/audits/new", "csrf=" + enc(csrf) + "&action=" + enc(action) + "&" + attack);
                assertEquals(400, r.statusCode(), attack + ", " + action + ": " + r.statusCode());
                assertTrue(r.body().contains("Сведения не приняты") && r.body().contains("не больше " + FormValues.MAX_ROWS + " строк"), attack);
                assertTrue(r.body().contains("href=\"#f-teachers\""), "the summary links to the table: " + attack);
                assertTrue(r.body().length() < 2_000_000, attack + ": page of " + r.body().length() + " characters");
            }
        }
        // all five tables at once, each asking for 10 000 rows: one bounded page, every table named
        StringBuilder all = new StringBuilder("csrf=" + enc(csrf) + "&action=audit");
        for (String t : FormSchema.current().tables().keySet()) all.append('&').append(enc(t)).append(".rows=9999&").append(enc(t)).append("%5B10000%5D.name=x");
        HttpResponse<String> r = post(c, "/audits/new", all.toString());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().length() < 2_000_000, "page of " + r.body().length() + " characters");
        for (FormSchema.Table t : FormSchema.current().tables().values()) assertTrue(r.body().contains(t.legend()), t.name());
        // every table at its limit: the largest form page there is, still of bounded size
        StringBuilder limit = new StringBuilder("csrf=" + enc(csrf) + "&action=paste%3Ateachers");
        for (String t : FormSchema.current().tables().keySet()) limit.append('&').append(enc(t)).append(".rows=").append(FormValues.MAX_ROWS);
        HttpResponse<String> largest = post(c, "/audits/new", limit.toString());
        assertEquals(200, largest.statusCode());
        assertTrue(largest.body().length() < MAX_FORM_PAGE, "page of " + largest.body().length() + " characters");
        // the limit itself is accepted
        HttpResponse<String> full = post(c, "/audits/new", "csrf=" + enc(csrf) + "&action=add%3Ateachers&teachers.rows=" + (FormValues.MAX_ROWS - 1));
        assertEquals(200, full.statusCode());
    }
}
