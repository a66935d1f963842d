package ru.edu.auditor.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.report.Auditor;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.tools.generate.FactsGenerator;
import ru.edu.auditor.service.AuditService;

/**
 * The performance benchmark: one run prints (a) in-process audits per second against the engine's floor
 * (a catalog with no rules), (b) HTTP audits against a parse-only no-op endpoint, (c) streamed batches of
 * 1k/10k/100k organizations against parse-and-echo, with the server held to -Xmx256m, and (d) time from
 * process start to the first audit answered and the time of a rules reload — ratios first.
 *
 * <p>Run outside the tests: {@code ./auditor bench} (or {@code java -jar target/decree-auditor.jar bench}).
 * Servers are child processes of the packaged jar on 127.0.0.1; every load loop is bounded in time and count.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Замер производительности (в процессе, HTTP, пакетная проверка, запуск и перезагрузка правил).",
                "Печатает сначала соотношения, затем подробности. Нагрузка — только на 127.0.0.1; серверы — дочерние процессы jar."})
public final class Benchmark implements Callable<Integer> {
    @Option(names = "--rules", defaultValue = "rules", description = "Папка правил (по умолчанию ./rules).")
    Path rules;
    @Option(names = "--jar", description = "Собранный jar для дочерних процессов (по умолчанию тот, из которого запущен bench, или target/decree-auditor.jar).")
    Path jar;
    @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000", description = "Размеры пакетов (по умолчанию 1000,10000,100000).")
    List<Integer> sizes;
    @Option(names = "--server-heap", defaultValue = "256m", description = "-Xmx сервера для HTTP и пакетов (по умолчанию 256m).")
    String serverHeap;
    @Option(names = "--connections", defaultValue = "4", description = "Одновременных соединений генератора нагрузки HTTP (по умолчанию 4).")
    int connections;
    @Option(names = "--warmup-seconds", defaultValue = "8", description = "Прогрев перед каждым замером, с (по умолчанию 8).")
    int warmupSeconds;
    @Option(names = "--seconds", defaultValue = "10", description = "Длительность каждого замера, с (по умолчанию 10).")
    int seconds;
    @Option(names = "--server-warmup-seconds", defaultValue = "45", description = "Прогрев сервера пакетами разных организаций перед (b) и (c), с (по умолчанию 45): "
            + "пока JIT не скомпилировал горячий код, его компиляция отнимает у запросов одно из двух ядер.")
    int serverWarmupSeconds;
    @Option(names = "--teachers", defaultValue = "40", description = "Педагогов в поимённом списке организации для (a) и (b) (по умолчанию 40).")
    int teachers;
    @Option(names = "--seed", defaultValue = "42", description = "Зерно генератора (по умолчанию 42).")
    long seed;
    @Option(names = "--server-jvm-option", description = "Дополнительный параметр JVM сервера бенчмарка (можно несколько), например -XX:StartFlightRecording=filename=server.jfr.")
    List<String> serverJvmOptions;
    @Option(names = "--only", split = ",", description = "Только части a, b, c, d (по умолчанию все).")
    List<String> only;
    @Option(names = "--work", description = "Рабочая папка (сгенерированные файлы, журналы серверов); по умолчанию временная.")
    Path work;

    private static final int MAX_REQUESTS_PER_RUN = 2_000_000;
    private final PrintStream progress = System.err;
    private final Map<String, String> ratios = new LinkedHashMap<>();
    private final List<String> details = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override public Integer call() throws Exception {
        // the per-audit decision log would flood the console; the HTTP servers (child processes) keep it on
        System.setProperty("org.slf4j.simpleLogger.log.decisions", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.ru.edu.auditor.report.Auditor", "off");
        if (work == null) work = Files.createTempDirectory("auditor-bench-");
        Files.createDirectories(work);
        if (jar == null) jar = findJar();
        if (!Files.isRegularFile(jar)) {
            System.err.println("Нет собранного jar: " + jar + " (соберите: mvn -B -DskipTests package)");
            return 3;
        }
        loadAtStart = machineLoad();
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        RuleSet full = RuleSet.load(rules);
        FactsGenerator gen = new FactsGenerator(seed, full.messengers());
        ObjectNode doc = gen.schoolWithRoster(teachers);
        byte[] body = Json.mapper().writeValueAsBytes(doc);

        details.add(String.format(Locale.ROOT, "Машина: %d ядра, Java %s; сервер: java -Xmx%s (дочерний процесс %s); нагрузка на 127.0.0.1.",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), serverHeap, jar.getFileName()));
        details.add(String.format(Locale.ROOT, "Документ для (a) и (b): %s, %d педагогов в списке, %d байт JSON.",
                doc.path("organization").path("name").asText(), teachers, body.length));

        if (part("a")) inProcess(full, doc);
        if (part("b") || part("c")) {
            generate(gen);
            Process server = startBenchServer(secret);
            try {
                serverWarmup(serverPort, secret);
                if (part("b")) http(serverPort, secret, body);
                if (part("c")) batches(serverPort, secret);
            } finally {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (part("d")) startupAndReload(secret, body);

        details.add("Нагрузка машины: в начале — " + loadAtStart + "; в конце — " + machineLoad()
                + " (другие процессы на тех же 2 ядрах искажают абсолютные числа; соотношения меряются в одних условиях).");
        PrintStream out = System.out;
        out.println("== Соотношения ==");
        ratios.forEach((k, v) -> out.println(k + ": " + v));
        out.println();
        out.println("== Подробности ==");
        details.forEach(out::println);
        out.println();
        out.println("Журналы серверов и сгенерированные файлы: " + work.toAbsolutePath());
        return 0;
    }

    private String loadAtStart;

    /** Load average and CPU pressure (the share of time tasks waited for a CPU) of the machine, where Linux tells them. */
    private static String machineLoad() {
        StringBuilder b = new StringBuilder();
        try {
            String[] la = Files.readString(Path.of("/proc/loadavg")).split(" ");
            b.append("load average ").append(la[0]).append(" / ").append(la[1]).append(" / ").append(la[2]);
        } catch (IOException | RuntimeException e) {
            b.append("load average неизвестен");
        }
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            String avg60 = some.replaceAll(".*avg60=([0-9.]+).*", "$1");
            b.append(", ожидание процессора (PSI cpu some, 60 с) ").append(avg60).append(" %");
        } catch (IOException | RuntimeException e) {
            // no pressure information on this system
        }
        return b.toString();
    }

    private boolean part(String p) { return only == null || only.isEmpty() || only.contains(p); }

    // ------------------------------------------------------------------------------------------- (a)

    private void inProcess(RuleSet full, ObjectNode doc) throws Exception {
        progress.println("(a) аудиты в процессе: полный набор правил и пустой ...");
        RuleSet empty = RuleSet.loadWithoutCoverageCheckForBenchmark(emptyRules());
        AuditService withRules = new AuditService(new RulesHolder(full));
        AuditService noRules = new AuditService(new RulesHolder(empty));
        if (!withRules.audit(doc).ok()) throw new IllegalStateException("the benchmark document does not validate");
        AuditFacts facts = Json.mapper().treeToValue(doc, AuditFacts.class);
        double svcFull = rate(() -> withRules.audit(doc));
        double svcEmpty = rate(() -> noRules.audit(doc));
        double engFull = rate(() -> Auditor.audit(facts, full));
        double engEmpty = rate(() -> Auditor.audit(facts, empty));
        ratios.put("(a) в процессе, правила / пустой набор правил", String.format(Locale.ROOT,
                "%.2f (%,.0f против %,.0f аудитов в секунду процессорного времени одного потока; только движок, без проверки и разбора сведений: %.2f — %,.0f против %,.0f)",
                svcFull / svcEmpty, svcFull, svcEmpty, engFull / engEmpty, engFull, engEmpty));
        details.add(String.format(Locale.ROOT, "(a) В процессе, один поток, %d с прогрева + %d с замера на каждый вариант; "
                + "скорость — на секунду процессорного времени потока (не зависит от чужой нагрузки на машину):", warmupSeconds, seconds));
        details.add(String.format(Locale.ROOT, "    AuditService.audit (проверка сведений, привязка, правила, отчёт): %,.0f аудитов/с (%.3f мс на аудит); с пустым набором правил: %,.0f/с (%.3f мс)",
                svcFull, 1000 / svcFull, svcEmpty, 1000 / svcEmpty));
        details.add(String.format(Locale.ROOT, "    Auditor.audit (сбор фактов, сессия Drools, отчёт): %,.0f аудитов/с (%.3f мс); с пустым набором правил: %,.0f/с (%.3f мс)",
                engFull, 1000 / engFull, engEmpty, 1000 / engEmpty));
    }

    /** A copy of the catalog and the messenger list with one DRL file that declares the global and has no rules. */
    private Path emptyRules() throws IOException {
        Path dir = work.resolve("empty-rules");
        Files.createDirectories(dir.resolve("decrees"));
        Files.createDirectories(dir.resolve("reference"));
        try (Stream<Path> s = Files.list(rules.resolve("decrees"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, dir.resolve("decrees").resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(rules.resolve("reference/messengers.yaml"), dir.resolve("reference/messengers.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("decrees/empty.drl"), "package decrees.empty;\n\nimport ru.edu.auditor.facts.*;\nimport ru.edu.auditor.engine.*;\n\nglobal Verdicts out;\n");
        return dir;
    }

    /**
     * Calls per second of {@code call} in this thread, after a warm-up; bounded by time. Counted per second of
     * this thread's CPU time, so other load on the machine does not distort the figure; the wall-clock rate is
     * kept in {@link #lastWallRate}.
     */
    private double rate(Supplier<?> call) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        while (System.nanoTime() < warmEnd) call.get();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        long n = 0;
        long now;
        do {
            call.get();
            n++;
            now = System.nanoTime();
        } while (now < end && n < MAX_REQUESTS_PER_RUN);
        long cpuNanos = cpu.getCurrentThreadCpuTime() - c0;
        lastWallRate = n / ((now - t0) / 1e9);
        return n / (cpuNanos / 1e9);
    }

    private double lastWallRate;

    // ------------------------------------------------------------------------------------------- (b)

    private int serverPort;

    private Process startBenchServer(String secret) throws IOException, InterruptedException {
        progress.println("Запуск сервера бенчмарка (-Xmx" + serverHeap + ") ...");
        Path log = work.resolve("bench-server.log");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + serverHeap));
        if (serverJvmOptions != null) cmd.addAll(serverJvmOptions);
        cmd.addAll(List.of("-cp", jar.toString(), "ru.edu.auditor.App", "bench-server", "--port", "0", "--rules", rules.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AUDITOR_TOKENS", "bench:auditor:" + secret);
        pb.redirectError(log.toFile());
        Process p = pb.start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while ((line = r.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("BENCH-SERVER-PORT ")) {
                serverPort = Integer.parseInt(line.substring("BENCH-SERVER-PORT ".length()).strip());
                Thread drain = new Thread(() -> {
                    try { r.transferTo(java.io.Writer.nullWriter()); } catch (IOException ignored) { /* server gone */ }
                }, "bench-server-stdout");
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        p.destroy();
        throw new IOException("the benchmark server did not start; see " + log);
    }

    /** Requests of one or more measuring windows: count, total seconds, sorted latencies (ns), failures. */
    private record Load(long requests, double seconds, long[] sortedNanos, long errors) {
        double perSecond() { return requests / seconds; }

        double p50ms() { return sortedNanos[(int) (sortedNanos.length * 0.50)] / 1e6; }

        double p99ms() { return sortedNanos[Math.min(sortedNanos.length - 1, (int) (sortedNanos.length * 0.99))] / 1e6; }

        static Load merge(List<Load> parts) {
            long[] all = parts.stream().flatMapToLong(p -> Arrays.stream(p.sortedNanos())).sorted().toArray();
            return new Load(all.length, parts.stream().mapToDouble(Load::seconds).sum(), all, parts.stream().mapToLong(Load::errors).sum());
        }
    }

    private void http(int port, String secret, byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        progress.println("(b) HTTP: прогрев no-op и аудита ...");
        load(client, port, "/bench/noop", secret, body, warmupSeconds);
        load(client, port, "/api/v1/audits", secret, body, warmupSeconds);
        // two alternating rounds, so a change of load on the machine during the run affects both endpoints alike
        List<Load> noops = new ArrayList<>();
        List<Load> audits = new ArrayList<>();
        long noopCpu = 0;
        long auditCpu = 0;
        for (int round = 1; round <= 2; round++) {
            progress.println("(b) HTTP: замер, круг " + round + " из 2: no-op, затем POST /api/v1/audits ...");
            long c0 = serverCpu(client, port, secret);
            noops.add(load(client, port, "/bench/noop", secret, body, seconds / 2.0));
            long c1 = serverCpu(client, port, secret);
            audits.add(load(client, port, "/api/v1/audits", secret, body, seconds / 2.0));
            long c2 = serverCpu(client, port, secret);
            noopCpu += c1 - c0;
            auditCpu += c2 - c1;
        }
        Load noop = Load.merge(noops);
        Load audit = Load.merge(audits);
        double ratio = audit.perSecond() / noop.perSecond();
        ratios.put("(b) HTTP, аудит / no-op", String.format(Locale.ROOT, "%.2f (цель ≥ 0.3 — %s; %,.0f против %,.0f запросов/с)", ratio,
                ratio >= 0.3 ? "выполнена" : "НЕ выполнена", audit.perSecond(), noop.perSecond()));
        details.add(String.format(Locale.ROOT, "(b) HTTP на 127.0.0.1, %d соединений (java.net.http, в процессе бенчмарка), %d с прогрева каждого маршрута, "
                + "затем два чередующихся круга по %.1f с:", connections, warmupSeconds, seconds / 2.0));
        details.add(describe("    POST /api/v1/audits (полный отчёт в ответе)", audit)
                + String.format(Locale.ROOT, "; процессор сервера %.2f мс на запрос", auditCpu / 1e6 / audit.requests()));
        details.add(describe("    POST /bench/noop (разбор того же тела, ответ — короткий JSON)", noop)
                + String.format(Locale.ROOT, "; процессор сервера %.2f мс на запрос", noopCpu / 1e6 / noop.requests()));
        details.add(String.format(Locale.ROOT, "    По процессорному времени сервера (все его потоки, включая GC и JIT) аудит / no-op: %.2f.",
                (noopCpu / (double) noop.requests()) / (auditCpu / (double) audit.requests())));
    }

    private static String describe(String what, Load l) {
        return String.format(Locale.ROOT, "%s: %,.0f запросов/с, p50 %.2f мс, p99 %.2f мс (%,d запросов%s)", what, l.perSecond(), l.p50ms(), l.p99ms(),
                l.requests(), l.errors() > 0 ? ", ошибок: " + l.errors() : "");
    }

    /** Keeps {@code connections} requests in flight for {@code measureSeconds}; latencies of every successful request. */
    private Load load(HttpClient client, int port, String path, String secret, byte[] body, double measureSeconds) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long measureFrom = System.nanoTime();
        long measureTo = measureFrom + (long) (measureSeconds * 1e9);
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long[] errors = new long[connections];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo || n >= MAX_REQUESTS_PER_RUN / connections) break;
                    int code;
                    try {
                        code = client.send(req, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                    } catch (Exception e) {
                        code = -1;
                    }
                    long t1 = System.nanoTime();
                    if (t0 < measureFrom || t1 > measureTo) continue;
                    if (code != 200) {
                        errors[id]++;
                        continue;
                    }
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = t1 - t0;
                }
                latencies[id] = lat;
                counts[id] = n;
            }, "bench-load-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        long errs = Arrays.stream(errors).sum();
        if (total == 0) throw new IllegalStateException(path + ": no request succeeded (errors: " + errs + ")");
        return new Load(total, measureSeconds, all, errs);
    }

    // ------------------------------------------------------------------------------------------- (c)

    private record BatchRun(long orgs, double seconds, long lines, long peakBytes, long maxAfterGcBytes, String summary, long cpuNanos) {
        double cpuMsPerOrg() { return cpuNanos / 1e6 / orgs; }

        double perSecond() { return orgs / seconds; }

        double msPerOrg() { return seconds * 1000 / orgs; }
    }

    private Path batchFile;
    private final Map<Integer, Long> offsets = new LinkedHashMap<>();
    private static final int WARMUP_BATCH = 2000;

    /** The NDJSON file of the largest batch, with the byte offset where each smaller batch (a prefix of it) ends. */
    private void generate(FactsGenerator gen) throws IOException {
        int max = Math.max(WARMUP_BATCH, sizes.stream().mapToInt(Integer::intValue).max().orElse(0));
        batchFile = work.resolve("orgs-seed" + seed + "-" + max + ".ndjson");
        progress.println("Генерация " + max + " организаций в " + batchFile + " ...");
        long t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(batchFile, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 20)) {
            long written = 0;
            for (int i = 1; i <= max; i++) {
                byte[] line = Json.mapper().writeValueAsBytes(gen.document(i));
                out.write(line);
                out.write('\n');
                written += line.length + 1;
                if (sizes.contains(i) || i == WARMUP_BATCH) offsets.put(i, written);
            }
        }
        details.add(String.format(Locale.ROOT, "Сгенерировано %,d организаций (%,d байт NDJSON, в среднем %,d байт на строку) за %.1f с; пакеты — начала этого файла.", max,
                Files.size(batchFile), Files.size(batchFile) / Math.max(1, max), (System.nanoTime() - t0) / 1e9));
    }

    /** Runs batches of different organizations (every decree's code paths) until the server's JIT has settled. */
    private void serverWarmup(int port, String secret) throws Exception {
        progress.println("Прогрев сервера пакетами по " + WARMUP_BATCH + " организаций, " + serverWarmupSeconds + " с ...");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(serverWarmupSeconds);
        int rounds = 0;
        do {
            LoopbackHttp.postFile(port, "/api/v1/audits/batch", secret, "application/x-ndjson", batchFile, offsets.get(WARMUP_BATCH));
            LoopbackHttp.postFile(port, "/bench/echo-batch", secret, "application/x-ndjson", batchFile, offsets.get(WARMUP_BATCH));
            rounds++;
        } while (System.nanoTime() < end);
        details.add(String.format(Locale.ROOT, "Прогрев сервера: %d раз по %,d организаций через пакетный аудит и разбор-и-эхо (%d с).", rounds, WARMUP_BATCH, serverWarmupSeconds));
    }

    private void batches(int port, String secret) throws Exception {
        Path file = batchFile;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        StringBuilder ratioLine = new StringBuilder();
        StringBuilder costLine = new StringBuilder();
        StringBuilder cpuLine = new StringBuilder();
        boolean allMet = true;
        double firstCost = 0;
        for (int n : sizes) {
            progress.println("(c) пакет " + n + ": разбор-и-эхо ...");
            BatchRun echo = runBatch(client, port, secret, "/bench/echo-batch", file, offsets.get(n), n);
            progress.println("(c) пакет " + n + ": аудит ...");
            BatchRun audit = runBatch(client, port, secret, "/api/v1/audits/batch", file, offsets.get(n), n);
            double ratio = audit.perSecond() / echo.perSecond();
            allMet &= ratio >= 0.3;
            if (firstCost == 0) firstCost = audit.msPerOrg();
            ratioLine.append(String.format(Locale.ROOT, "%s%,d: %.2f", ratioLine.length() == 0 ? "" : "; ", n, ratio));
            costLine.append(String.format(Locale.ROOT, "%s%,d: %.3f мс (×%.2f)", costLine.length() == 0 ? "" : "; ", n, audit.msPerOrg(), audit.msPerOrg() / firstCost));
            details.add(String.format(Locale.ROOT, "    %,d организаций: аудит %,.0f орг./с (%.1f с, %.3f мс на организацию; процессор сервера %.3f мс на организацию; "
                            + "пик кучи %s, после GC не больше %s); разбор-и-эхо %,.0f орг./с (%.1f с; процессор %.3f мс на организацию; пик кучи %s, "
                            + "после GC не больше %s); по процессорному времени сервера аудит / эхо: %.2f; сводка: %s",
                    n, audit.perSecond(), audit.seconds(), audit.msPerOrg(), audit.cpuMsPerOrg(), mib(audit.peakBytes()), mib(audit.maxAfterGcBytes()),
                    echo.perSecond(), echo.seconds(), echo.cpuMsPerOrg(), mib(echo.peakBytes()), mib(echo.maxAfterGcBytes()),
                    echo.cpuMsPerOrg() / audit.cpuMsPerOrg(), audit.summary()));
            cpuLine.append(String.format(Locale.ROOT, "%s%,d: %.3f мс", cpuLine.length() == 0 ? "" : "; ", n, audit.cpuMsPerOrg()));
        }
        ratios.put("(c) пакет, аудит / разбор-и-эхо", ratioLine + " (цель ≥ 0.3 — " + (allMet ? "выполнена" : "НЕ выполнена") + ")");
        ratios.put("(c) стоимость одной организации в пакете (линейность: ×1.00 — та же стоимость, что на первом размере)", costLine.toString());
        ratios.put("(c) процессорное время сервера на одну организацию", cpuLine.toString());
        details.add(details.size() - sizes.size(), String.format(Locale.ROOT, "(c) Пакеты через POST /api/v1/audits/batch (краткие записи) и POST /bench/echo-batch, сервер -Xmx%s, "
                + "клиент передаёт файл и одновременно читает ответ:", serverHeap));
    }

    private BatchRun runBatch(HttpClient client, int port, String secret, String path, Path file, long length, long orgs) throws Exception {
        long cpu0 = Json.mapper().readTree(postJson(client, port, "/bench/heap/reset", secret)).path("processCpuNanos").asLong();
        LoopbackHttp.Streamed s = LoopbackHttp.postFile(port, path, secret, "application/x-ndjson", file, length);
        JsonNode heap = Json.mapper().readTree(getJson(client, port, "/bench/heap", secret));
        if (s.status() != 200) throw new IllegalStateException(path + " answered " + s.status());
        if (s.lines() != orgs + 1) throw new IllegalStateException(path + ": " + s.lines() + " lines for " + orgs + " organizations");
        JsonNode summary = Json.mapper().readTree(s.lastLine()).path("summary");
        return new BatchRun(orgs, s.nanos() / 1e9, s.lines(), heap.path("peakUsedBytes").asLong(), heap.path("maxUsedAfterGcBytes").asLong(), summary.toString(),
                heap.path("processCpuNanos").asLong() - cpu0);
    }

    private static long serverCpu(HttpClient client, int port, String secret) throws Exception {
        return Json.mapper().readTree(getJson(client, port, "/bench/heap", secret)).path("processCpuNanos").asLong();
    }

    private static String postJson(HttpClient client, int port, String path, String secret) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String getJson(HttpClient client, int port, String path, String secret) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + secret)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String mib(long bytes) { return String.format(Locale.ROOT, "%.0f МиБ", bytes / 1048576.0); }

    // ------------------------------------------------------------------------------------------- (d)

    private void startupAndReload(String secret, byte[] body) throws Exception {
        progress.println("(d) запуск jar до первого ответа на аудит, перезагрузка правил ...");
        Path rulesCopy = work.resolve("rules-copy");
        copyTree(rules, rulesCopy);
        // the class-data-sharing archive that ./auditor records after a build, recorded here the same way
        Path doc = work.resolve("school.json");
        Files.write(doc, body);
        Path jsa = work.resolve("decree-auditor.jsa");
        Files.deleteIfExists(jsa);
        Process training = new ProcessBuilder(javaBin(), "-XX:ArchiveClassesAtExit=" + jsa, "-jar", jar.toString(), "audit", doc.toString(),
                "--rules", rules.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(work.resolve("cds-training.log").toFile()).start();
        training.waitFor(120, TimeUnit.SECONDS);
        double plain = firstAudit(secret, body, rulesCopy, List.of(), "serve-plain.log");
        double cds = Files.isRegularFile(jsa) ? firstAudit(secret, body, rulesCopy, List.of("-XX:SharedArchiveFile=" + jsa), "serve-cds.log") : -1;
        double best = cds > 0 ? Math.min(plain, cds) : plain;
        ratios.put("(d) от запуска процесса до первого ответа на аудит", String.format(Locale.ROOT,
                "java -jar: %.2f с; с архивом классов (как запускает ./auditor): %s (цель ≤ 5 с — %s)", plain,
                cds > 0 ? String.format(Locale.ROOT, "%.2f с", cds) : "архив не записан", best <= 5 ? "выполнена" : "НЕ выполнена"));
        details.add(String.format(Locale.ROOT, "(d) Запуск сервера (serve, правила из папки, --no-watch) до первого ответа 200 на POST /api/v1/audits: "
                + "java -jar %s — %.2f с; java -XX:SharedArchiveFile=… -jar — %s.", jar.getFileName(), plain,
                cds > 0 ? String.format(Locale.ROOT, "%.2f с", cds) : "архив не записан"));
        int port = freePort();
        Process p = startServe(secret, rulesCopy, port, List.of(), "serve-reload.log");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        try {
            awaitFirstAudit(client, secret, body, port, p, System.nanoTime(), "serve-reload.log");
            List<Long> server = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            Path drl;
            try (Stream<Path> s = Files.list(rulesCopy.resolve("decrees"))) {
                drl = s.filter(f -> f.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
            }
            for (int i = 1; i <= 5; i++) {
                Files.writeString(drl, "\n// bench reload " + i + "\n", StandardOpenOption.APPEND);
                long r0 = System.nanoTime();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/rules/reload"))
                        .header("Authorization", "Bearer " + secret).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                wall.add((System.nanoTime() - r0) / 1e6);
                JsonNode attempt = Json.mapper().readTree(r.body()).path("lastAttempt");
                if (r.statusCode() != 200 || !"loaded".equals(attempt.path("outcome").asText())) throw new IllegalStateException("reload failed: " + r.body());
                server.add(attempt.path("millis").asLong());
            }
            List<Double> sortedWall = new ArrayList<>(wall);
            sortedWall.sort(null);
            ratios.put("(d) перезагрузка правил (POST /api/v1/rules/reload)", String.format(Locale.ROOT, "первая %.0f мс, медиана из 5 — %.0f мс",
                    wall.get(0), sortedWall.get(2)));
            details.add(String.format(Locale.ROOT, "    Перезагрузка правил после правки .drl, 5 раз подряд: по часам клиента %s мс; по замеру сервера (компиляция и проверка) %s мс.",
                    wall.stream().map(w -> String.format(Locale.ROOT, "%.0f", w)).toList(), server));
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Seconds from starting a fresh {@code serve} process to its first answered audit. */
    private double firstAudit(String secret, byte[] body, Path rulesDir, List<String> jvmOptions, String log) throws Exception {
        int port = freePort();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        long t0 = System.nanoTime();
        Process p = startServe(secret, rulesDir, port, jvmOptions, log);
        try {
            return awaitFirstAudit(client, secret, body, port, p, t0, log);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startServe(String secret, Path rulesDir, int port, List<String> jvmOptions, String log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--rules", rulesDir.toAbsolutePath().toString(),
                "--data", work.resolve("data").toString(), "--no-watch"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AUDITOR_TOKENS", "bench:admin:" + secret);
        pb.redirectErrorStream(true).redirectOutput(work.resolve(log).toFile());
        return pb.start();
    }

    private double awaitFirstAudit(HttpClient client, String secret, byte[] body, int port, Process p, long t0, String log) throws Exception {
        HttpRequest audit = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/audits")).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpResponse<String> r = client.send(audit, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return (System.nanoTime() - t0) / 1e9;
            } catch (ConnectException notYet) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("the server answered no audit; see " + work.resolve(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) { return s.getLocalPort(); }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path findJar() {
        try {
            Path self = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (self.toString().endsWith(".jar")) return self;
        } catch (Exception ignored) {
            // fall back to the build output
        }
        return Path.of("target", "decree-auditor.jar");
    }
}
