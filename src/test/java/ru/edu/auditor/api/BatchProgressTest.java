package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.fixtures.Fixture;
import ru.edu.auditor.service.fixtures.FixtureRunner;
import ru.edu.auditor.store.TestStores;

/**
 * Issue 22, finding 8 (docs/batch.md, «Медленный клиент»): a {@code ?report=full} batch is cut off only when its client
 * stops reading, never for taking long. With the progress limit lowered to {@value #STALL_SECONDS} s, a client that reads
 * slowly but steadily for several times as long gets every line; a client that stops reading is cut off, and the batch's
 * journal says so.
 */
class BatchProgressTest {
    static final String AUDITOR = "t-auditor-progress";
    static final int STALL_SECONDS = 8; // well above a busy CI machine's pauses in producing lines, far below the reads' length
    /** Lines in each batch: with full reports (~40 KB each) far more than the sockets' buffers hold. */
    static final int LINES = 240;

    /** Lines for the reader that stops: enough that the answer cannot wait in the sockets' buffers (several MB on loopback). */
    static final int MANY_LINES = 1200;

    static TestStores.Backend store;
    static Javalin app;
    static List<Fixture> fixtures;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("auditor.batch.stallSeconds", String.valueOf(STALL_SECONDS));
        store = TestStores.open("sqlite");
        app = TestApi.start(store.repository(), "anna:auditor:" + AUDITOR);
        fixtures = FixtureRunner.load(Path.of("fixtures"));
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("auditor.batch.stallSeconds");
        app.stop();
        store.close();
    }

    /** A raw HTTP/1.1 batch request on a socket with a small receive window, so the client's reading is what paces the server. */
    private static Socket send(int lines) throws IOException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < lines; i++) in.append(fixtures.get(i % fixtures.size()).facts().toString()).append('\n');
        byte[] body = in.toString().getBytes(StandardCharsets.UTF_8);
        Socket s = new Socket();
        s.setReceiveBufferSize(16 * 1024);
        s.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/v1/audits/batch?report=full HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + AUDITOR
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return s;
    }

    /** Reads what the server sends, at most {@code chunk} bytes every {@code pauseMs}, until the connection ends. */
    private static byte[] read(Socket s, int chunk, long pauseMs, long stopAfterBytes, long stopForMs) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[chunk];
        boolean stopped = false;
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
                if (!stopped && all.size() >= stopAfterBytes) {
                    stopped = true;
                    Thread.sleep(stopForMs);
                }
                Thread.sleep(pauseMs);
            }
        } catch (IOException reset) {
            // the server closed a connection whose client stopped reading
        }
        return all.toByteArray();
    }

    private static long lines(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        return text.lines().filter(l -> l.startsWith("{\"line\"")).count();
    }

    private static String batchId(byte[] response) {
        Matcher m = Pattern.compile("\"batch\":\\{\"id\":\"([^\"]+)\"").matcher(new String(response, 0, Math.min(response.length, 4096), StandardCharsets.UTF_8));
        assertTrue(m.find(), new String(response, 0, Math.min(response.length, 600), StandardCharsets.UTF_8));
        return m.group(1);
    }

    private static JsonNode summary(String id) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/audits/batch/" + id))
                .header("Authorization", "Bearer " + AUDITOR).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    @Test
    void aSlowButSteadyReaderGetsEveryLineLongPastTheLimit() throws Exception {
        long t0 = System.nanoTime();
        byte[] got;
        try (Socket s = send(LINES)) {
            got = read(s, 16 * 1024, 40, Long.MAX_VALUE, 0); // ~400 KB/s: the whole answer takes many times the limit
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(seconds > 2 * STALL_SECONDS, "the reader must read for longer than the limit to prove anything: " + seconds + " s");
        assertEquals(LINES, lines(got), "every line reached the slow reader after " + seconds + " s");
        JsonNode summary = summary(batchId(got));
        assertTrue(summary.path("finished").asBoolean() && summary.path("aborted").isMissingNode() || summary.path("aborted").isNull(), summary.toString());
        assertEquals(LINES, summary.path("audited").asLong(), summary.toString());
    }

    @Test
    void aReaderThatStopsIsCutOff() throws Exception {
        byte[] got;
        try (Socket s = send(MANY_LINES)) {
            got = read(s, 16 * 1024, 0, 64 * 1024, 30_000L); // reads the first lines, then stops for almost four times the limit
        }
        assertTrue(lines(got) < MANY_LINES, "the stopped reader was not cut off: " + lines(got) + " lines, " + got.length + " bytes");
        String id = batchId(got);
        JsonNode summary = summary(id);
        for (int i = 0; i < 100 && !summary.path("finished").asBoolean(); i++) {
            Thread.sleep(200);
            summary = summary(id);
        }
        assertTrue(summary.path("aborted").asText("").contains("клиент перестал читать ответ"), summary.toString());
    }
}
