package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ru.edu.auditor.api.ApiGuard;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.assembly.ServerAssembly;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.formats.sheets.DistrictReader;
import ru.edu.auditor.formats.sheets.FormLayout;
import ru.edu.auditor.formats.sheets.FormWriter;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.XlsxReader;
import ru.edu.auditor.tools.generate.FactsGenerator;

/**
 * The spreadsheet line of the benchmark (issue 11): a district workbook of 10,000 generated organizations posted to
 * {@code POST /api/v1/audits/batch} of a server run as a user runs it (its own process, {@code -Xmx256m}, the
 * SQLite audit store), timed from the start of the upload to the last record, with the server's peak heap; beside it
 * the same organizations (read back from the workbook, so the same facts) as NDJSON, for the ratio.
 */
public final class SheetBench {
    /** The port of the child server's peak-heap routes (a server of their own beside the API). */
    private static int heapPort;
    private static final String SECRET = "sheet-bench-secret-0123456789";

    private SheetBench() { }

    /** One measured upload. */
    public record Run(String what, long organizations, long audited, long stored, double seconds, long peakHeapBytes) { }

    /** Both runs and the workbook's size. */
    public record Result(int rows, long workbookBytes, String heap, Run xlsx, Run ndjson) {
        /** Russian lines for the benchmark's output: the ratio first, then the details. */
        public List<String> lines() {
            return List.of(
                    Fmt.format("Книга района %,d строк (%.1f МиБ) → POST /api/v1/audits/batch, сервер -Xmx%s с хранилищем SQLite: "
                            + "до последней записи %.1f с (%,.0f орг./с), пик кучи %,d МиБ; то же NDJSON: %.1f с, пик %,d МиБ; соотношение NDJSON/xlsx %.2f",
                            rows, workbookBytes / 1048576.0, heap, xlsx.seconds(), xlsx.audited() / xlsx.seconds(), xlsx.peakHeapBytes() >> 20,
                            ndjson.seconds(), ndjson.peakHeapBytes() >> 20, ndjson.seconds() / xlsx.seconds()),
                    Fmt.format("  xlsx: организаций %,d, проверено %,d, сохранено %,d; NDJSON: организаций %,d, проверено %,d, сохранено %,d",
                            xlsx.organizations(), xlsx.audited(), xlsx.stored(), ndjson.organizations(), ndjson.audited(), ndjson.stored()));
        }
    }

    /** Standalone: {@code java -cp target/decree-auditor.jar ru.edu.auditor.tools.bench.SheetBench [rows] [heap]}. */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String heap = args.length > 1 ? args[1] : "256m";
        Path jar = Path.of(SheetBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path work = Files.createTempDirectory("sheet-bench-");
        Result r = run(jar, Path.of("rules"), work, rows, heap, System.err);
        r.lines().forEach(System.out::println);
    }

    /** Generates the workbook, starts the server, uploads (a warm-up of 500 rows first), and stops the server. */
    public static Result run(Path classpath, Path rules, Path work, int rows, String heap, PrintStream progress) throws Exception {
        RuleSet ruleSet = RuleSet.load(rules);
        FactsGenerator gen = new FactsGenerator(42, ruleSet);
        progress.println("Книга района: " + Fmt.number(rows) + " организаций ...");
        Path book = work.resolve("district-" + rows + ".xlsx");
        Path warm = work.resolve("district-warm.xlsx");
        writeDistrict(gen, rows, "", book);
        writeDistrict(gen, 500, "warm-", warm);
        Path ndjson = work.resolve("district-" + rows + ".ndjson");
        Path warmNdjson = work.resolve("district-warm.ndjson");
        toNdjson(book, "json-", ndjson);
        toNdjson(warm, "json-warm-", warmNdjson);
        Process server = start(classpath, rules, work, heap, progress);
        try {
            int[] ports = ports(server);
            int port = ports[0];
            heapPort = ports[1];
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            progress.println("Прогрев: 500 строк книгой и NDJSON ...");
            upload(client, port, warm, SheetIntake.XLSX, "xlsx");
            upload(client, port, warmNdjson, "application/x-ndjson", "ndjson");
            progress.println("Замер: NDJSON ...");
            Run json = upload(client, port, ndjson, "application/x-ndjson", "ndjson");
            progress.println("Замер: книга Excel ...");
            Run xlsx = upload(client, port, book, SheetIntake.XLSX, "xlsx");
            return new Result(rows, Files.size(book), heap, xlsx, json);
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    /** The district form with documents 1..rows of the generator; organization ids prefixed so that runs do not share history. */
    private static void writeDistrict(FactsGenerator gen, int rows, String prefix, Path file) throws IOException {
        Iterator<JsonNode> docs = new Iterator<>() {
            long i = 1;

            @Override public boolean hasNext() { return i <= rows; }

            @Override public JsonNode next() {
                ObjectNode d = gen.document(i++);
                ObjectNode org = (ObjectNode) d.path("organization");
                if (org.has("id")) org.put("id", prefix + org.get("id").asText());
                else org.put("name", prefix + org.path("name").asText());
                return d;
            }
        };
        try (OutputStream out = Files.newOutputStream(file)) {
            new FormWriter(FormLayout.current()).district(docs, out);
        }
    }

    /** The facts of each row of the workbook as NDJSON (the same facts the upload makes), ids prefixed. */
    private static void toNdjson(Path book, String prefix, Path out) throws Exception {
        try (XlsxReader r = XlsxReader.open(book); OutputStream w = new java.io.BufferedOutputStream(Files.newOutputStream(out))) {
            DistrictReader.read(r, FormLayout.current(), row -> {
                ObjectNode org = (ObjectNode) row.doc().path("organization");
                if (org.has("id")) org.put("id", prefix + org.get("id").asText());
                else org.put("name", prefix + org.path("name").asText());
                try {
                    w.write(Json.mapper().writeValueAsBytes(row.doc()));
                    w.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static Run upload(HttpClient client, int port, Path body, String type, String what) throws Exception {
        send(client, heapPort, "POST", "/sheet-bench/heap/reset", null);
        // full duplex: the JDK client sends the whole body before it reads the answer, which stalls a streamed batch
        // of 10,000 lines once the socket buffers fill (the server then ends the idle connection after 30 s)
        LoopbackHttp.Streamed r = LoopbackHttp.postFile(port, "/api/v1/audits/batch", SECRET, type, body, Files.size(body));
        double seconds = r.nanos() / 1e9;
        String last = r.lastLine();
        if (r.status() != 200 || last == null || last.isEmpty()) throw new IOException(what + ": HTTP " + r.status() + " " + last);
        JsonNode summary = Json.mapper().readTree(last).path("summary");
        JsonNode heap = Json.mapper().readTree(send(client, heapPort, "GET", "/sheet-bench/heap", null));
        return new Run(what, summary.path("lines").asLong(), summary.path("audited").asLong(), summary.path("stored").asLong(), seconds,
                heap.path("peakUsedBytes").asLong());
    }

    private static String send(HttpClient client, int port, String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + SECRET);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Process start(Path classpath, Path rules, Path work, String heap, PrintStream progress) throws IOException {
        progress.println("Сервер: -Xmx" + heap + ", хранилище SQLite в " + work.resolve("data") + " ...");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + heap, "-cp", classpath.toString(), Server.class.getName(),
                rules.toAbsolutePath().toString(), work.resolve("data").toString());
        pb.environment().put("AUDITOR_TOKENS", "bench:auditor:" + SECRET);
        pb.redirectError(work.resolve("sheet-bench-server.log").toFile());
        return pb.start();
    }

    private static int[] ports(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        for (String line; (line = r.readLine()) != null && System.nanoTime() < deadline; ) {
            if (line.startsWith("SHEET-BENCH-PORT ")) {
                String[] both = line.substring(17).strip().split(" ");
                return new int[] {Integer.parseInt(both[0]), Integer.parseInt(both[1])};
            }
        }
        throw new IOException("the sheet benchmark server did not start");
    }

    /** The child process: the server as {@code serve} builds it ({@link ServerAssembly}; SQLite store in a fresh data folder) plus the peak-heap routes. */
    public static final class Server {
        private Server() { }

        public static void main(String[] args) throws Exception {
            Path rules = Path.of(args[0]);
            Tokens tokens = Tokens.parse(System.getenv("AUDITOR_TOKENS"));
            Javalin app = ServerAssembly.build(new ServerAssembly.Options(rules, RuleSet.load(rules), tokens,
                    ServerAssembly.Storage.configured(null, Path.of(args[1]), System.getenv()), false)).start("127.0.0.1", 0);
            // the peak-heap routes on a port of their own: the product server carries no benchmark hooks
            Javalin heap = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                ApiGuard.install(config, tokens);
                config.routes.post("/sheet-bench/heap/reset", ctx -> {
                    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
                    ApiServer.json(ctx, 200, Map.of("reset", true));
                }, ApiGuard.AUDITOR);
                config.routes.get("/sheet-bench/heap", ctx -> {
                    long peak = 0;
                    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) peak += p.getPeakUsage().getUsed();
                    }
                    ApiServer.json(ctx, 200, Map.of("peakUsedBytes", peak, "maxBytes", Runtime.getRuntime().maxMemory()));
                }, ApiGuard.AUDITOR);
            }).start("127.0.0.1", 0);
            int heapPort = heap.port();
            System.out.println("SHEET-BENCH-PORT " + app.port() + " " + heapPort);
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
