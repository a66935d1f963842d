package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RuleReloader;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;

/**
 * Every answer that is not a handler's own: HEAD (never past authentication), unknown routes, wrong methods,
 * errors Jetty raises before any handler runs, and parser errors — all problem+json in Russian, in UTF-8.
 * Spoken over a raw socket, so that nothing in a client library tidies the request or the answer.
 */
class HttpErrorsTest {
    static Javalin app;
    static final String AUDITOR = "auditor-secret-0123456789";
    static final String AUTHOR = "author-secret-0123456789";
    /** A Java class or method name, or an English sentence from a library. */
    static final Pattern FOREIGN = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Za-z]+|Exception|\\(\\)|Endpoint|not found|Unexpected|expected|Bad Request");

    @BeforeAll
    static void start() throws Exception {
        RulesHolder holder = new RulesHolder(ru.edu.auditor.engine.RuleSet.load(Path.of("rules")));
        Tokens tokens = Tokens.parse("anna:auditor:" + AUDITOR + ",boris:rule-author:" + AUTHOR);
        app = ApiServer.create(new ApiServer.Services(new AuditService(holder), new RuleReloader(Path.of("rules"), holder), tokens)).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() { app.stop(); }

    record Answer(int status, String head, byte[] body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).strip();
            }
            return null;
        }

        String text() { return new String(body, StandardCharsets.UTF_8); }
    }

    /** Sends {@code request} as is (with Connection: close) and reads the whole answer. */
    static Answer raw(String requestLine, String headers, String body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(10_000);
            String req = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                    + (body == null ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n") + "\r\n" + (body == null ? "" : body);
            s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] bytes = all.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end);
            byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) rest = unchunk(rest);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, rest);
        }
    }

    static byte[] unchunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < b.length) {
            int nl = i;
            while (b[nl] != '\r') nl++;
            int size = Integer.parseInt(new String(b, i, nl - i, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            if (size == 0) break;
            out.write(b, nl + 2, size);
            i = nl + 2 + size + 2;
        }
        return out.toByteArray();
    }

    static String auth(String token) { return "Authorization: Bearer " + token + "\r\n"; }

    /** A problem+json answer in UTF-8 with a Russian title and detail, no Java or English internals. */
    static JsonNode assertRussianProblem(Answer a, int status, String what) throws Exception {
        assertEquals(status, a.status(), what + ": " + a.head() + "\n" + a.text());
        String type = a.header("Content-Type");
        assertTrue(type != null && type.startsWith("application/problem+json") && type.toLowerCase(Locale.ROOT).contains("charset=utf-8"),
                what + ": Content-Type " + type);
        JsonNode p = Json.mapper().readTree(a.body());
        assertEquals(status, p.path("status").asInt(), what);
        for (String field : List.of("title", "detail")) {
            String v = p.path(field).asText();
            assertTrue(v.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC), what + ": " + field + " not Russian: " + v);
            assertFalse(FOREIGN.matcher(v).find(), what + ": " + field + " names internals: " + v);
        }
        return p;
    }

    @Test
    void headNeverPassesAuthentication() throws Exception {
        for (String path : List.of("/api/v1/decrees", "/api/v1/schema", "/api/v1/rules/status", "/api/v1/decrees/sergokala-adm-262-2023")) {
            Answer none = raw("HEAD " + path + " HTTP/1.1", "", null);
            assertEquals(401, none.status(), "HEAD " + path + " without a token: " + none.head());
            assertEquals(0, none.body().length, "HEAD has no body");
            Answer bad = raw("HEAD " + path + " HTTP/1.1", auth("not-a-token-at-all-0000"), null);
            assertEquals(401, bad.status(), "HEAD " + path + " with a wrong token");
        }
        assertEquals(403, raw("HEAD /api/v1/rules/status HTTP/1.1", auth(AUDITOR), null).status(), "HEAD needs the GET route's role");
        Answer ok = raw("HEAD /api/v1/decrees HTTP/1.1", auth(AUDITOR), null);
        assertEquals(200, ok.status());
        assertEquals(0, ok.body().length);
        assertEquals(200, raw("HEAD /api/v1/rules/status HTTP/1.1", auth(AUTHOR), null).status());
        assertEquals(404, raw("HEAD /api/v1/decrees/no-such-decree HTTP/1.1", auth(AUDITOR), null).status(), "HEAD answers what GET answers");
        assertEquals(200, raw("HEAD /health HTTP/1.1", "", null).status(), "health stays open");
    }

    @Test
    void forbiddenNamesTheRoleAsDocumented() throws Exception {
        JsonNode p = assertRussianProblem(raw("GET /api/v1/rules/status HTTP/1.1", auth(AUDITOR), null), 403, "403");
        assertTrue(p.path("detail").asText().contains("«rule-author»"), p.toString());
        assertFalse(p.toString().contains("rule_author"), p.toString());
    }

    @Test
    void unknownRouteIsRussian404() throws Exception {
        JsonNode p = assertRussianProblem(raw("GET /api/v1/nothing-here HTTP/1.1", auth(AUDITOR), null), 404, "unknown route");
        assertTrue(p.path("detail").asText().contains("/api/v1/nothing-here"), p.toString());
        assertRussianProblem(raw("GET /no/such/page HTTP/1.1", "", null), 404, "unknown route without a token");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        Answer put = raw("PUT /api/v1/audits HTTP/1.1", auth(AUDITOR) + "Content-Type: application/json\r\n", "{}");
        assertRussianProblem(put, 405, "PUT /api/v1/audits");
        assertEquals("POST", put.header("Allow"));
        Answer delete = raw("DELETE /api/v1/decrees HTTP/1.1", auth(AUDITOR), null);
        assertRussianProblem(delete, 405, "DELETE /api/v1/decrees");
        assertEquals("GET, HEAD", delete.header("Allow"));
        Answer post = raw("POST /api/v1/rules/status HTTP/1.1", auth(AUTHOR) + "Content-Type: application/json\r\n", "{}");
        assertRussianProblem(post, 405, "POST /api/v1/rules/status");
        assertEquals("GET, HEAD", post.header("Allow"));
    }

    @Test
    void jettyLevelErrorsAreRussianProblems() throws Exception {
        assertRussianProblem(raw("GET /api/v1/decrees/%zz HTTP/1.1", auth(AUDITOR), null), 400, "bad percent-encoding");
        assertRussianProblem(raw("GET /api/v1/decrees/" + "a".repeat(9 * 1024) + " HTTP/1.1", auth(AUDITOR), null), 414, "9 KB URI");
        assertRussianProblem(raw("GET /api/v1/decrees HTTP/1.1", auth(AUDITOR) + "X-Filler: " + "b".repeat(10 * 1024) + "\r\n", null), 431, "10 KB header");
    }

    @Test
    void parserMessagesAreRussian() throws Exception {
        for (String body : List.of("{\"organization\":", "{\"a\" 1}", "{\"asOf\": NaN}", "[1, 2", "{\"x\": tru}", "{\"a\":1,}", "\"\\q\"", "{'a': 1}",
                "{\"a\": 01}", "[".repeat(1200) + "]".repeat(1200), "{\"a\": \"" + "\u0001" + "\"}")) {
            JsonNode p = assertRussianProblem(raw("POST /api/v1/audits HTTP/1.1", auth(AUDITOR) + "Content-Type: application/json\r\n", body), 400,
                    "body " + body.substring(0, Math.min(30, body.length())));
            assertEquals("https://auditor.local/problems/malformed-json", p.path("type").asText());
        }
    }
}
