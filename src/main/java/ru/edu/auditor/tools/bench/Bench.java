package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.tools.generate.FactsGenerator;

/**
 * What the sections of one benchmark run share: the options, the rules, the generated documents, the bench
 * server (one child process serving the API with no store, with the default SQLite store and with PostgreSQL,
 * plus the baselines — started and warmed up once), the PostgreSQL schema of the run, the load generator, and
 * the ratios and details printed at the end.
 */
public final class Bench {
    final Benchmark options;
    final PrintStream progress = System.err;
    final Map<String, String> ratios = new LinkedHashMap<>();
    final List<String> details = new ArrayList<>();
    final RuleSet rules;
    final FactsGenerator generator;
    final BenchDocs docs;
    final String secret;
    final Path work;
    final Path jar;
    final HttpLoad http;
    /** The PostgreSQL URL of this run (a schema of its own), or null when no PostgreSQL answers. */
    final String pgUrl;
    private final String pgSchema;
    private final String pgBase;
    private final List<Process> processes = new ArrayList<>();
    private Servers servers;
    private Path batchFile;
    private final Map<Integer, Long> offsets = new LinkedHashMap<>();

    Bench(Benchmark options, RuleSet rules, String secret, Path work, Path jar) {
        this.options = options;
        this.rules = rules;
        this.secret = secret;
        this.work = work;
        this.jar = jar;
        this.generator = new FactsGenerator(options.seed, rules);
        this.docs = new BenchDocs(generator, options.teachers);
        this.http = new HttpLoad(secret);
        this.pgBase = postgresUrl(options.pgUrl);
        String schema = null;
        String url = null;
        if (pgBase != null) {
            schema = "auditor_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection c = DriverManager.getConnection(pgBase); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
                url = withSchema(pgBase, schema);
            } catch (Exception e) {
                progress.println("PostgreSQL " + pgBase + " не отвечает (" + e.getMessage() + "): замеры с PostgreSQL пропущены");
                schema = null;
            }
        }
        this.pgSchema = schema;
        this.pgUrl = url;
    }

    /** AUDITOR_BENCH_PG_URL, the option, or the machine's PostgreSQL when it answers. */
    private String postgresUrl(String option) {
        String url = option != null ? option : System.getenv(BenchServer.PG_ENV);
        if (url == null) url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        if (url.isBlank() || url.equals("none")) return null;
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url)) {
            return url;
        } catch (Exception e) {
            progress.println("PostgreSQL " + url + " не отвечает (" + e.getMessage() + "): замеры с PostgreSQL пропущены");
            return null;
        }
    }

    /** The PostgreSQL URL of a fresh schema (for a measurement that needs an empty store), or null. */
    String freshPgSchema(String name) throws Exception {
        if (pgBase == null) return null;
        String schema = pgSchema + "_" + name;
        try (Connection c = DriverManager.getConnection(pgBase); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return withSchema(pgBase, schema);
    }

    static String withSchema(String url, String schema) { return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema; }

    /** The store configurations measured: none, sqlite and, when PostgreSQL answers, postgresql. */
    List<String> stores() { return pgUrl != null ? List.of("none", "sqlite", "postgresql") : List.of("none", "sqlite"); }

    static String storeLabel(String store) {
        return switch (store) {
            case "none" -> "без хранилища";
            case "sqlite" -> "SQLite (по умолчанию)";
            case "postgresql" -> "PostgreSQL";
            default -> store;
        };
    }

    void ratio(String what, String value) { ratios.put(what, value); }

    void detail(String line) { details.add(line); }

    // ------------------------------------------------------------------------------------------- servers

    /** The bench server's ports by name ("none", "sqlite", "postgresql", "baselines"). */
    record Servers(Map<String, Integer> ports) {
        int port(String name) { return ports.get(name); }
    }

    /** The bench server, started and warmed up on first use. */
    Servers servers() throws Exception {
        if (servers == null) {
            Map<String, Integer> ports = startServer("bench-server", stores(), true, pgUrl, options.serverJvmOptions);
            servers = new Servers(ports);
            warmUp();
        }
        return servers;
    }

    /** Starts a bench-server child process; its ports by name. */
    Map<String, Integer> startServer(String log, List<String> stores, boolean baselines, String pg, List<String> jvmOptions) throws Exception {
        progress.println("Запуск сервера бенчмарка (" + String.join(", ", stores) + ", -Xmx" + options.serverHeap + ") ...");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + options.serverHeap));
        if (jvmOptions != null) cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.log.decisions=warn", "-cp", jar.toString(), BenchServer.class.getName(),
                "--rules", options.rules.toAbsolutePath().toString(), "--stores", String.join(",", stores),
                "--data", work.resolve("data-" + log).toString()));
        if (!baselines) cmd.add("--no-baselines");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AUDITOR_TOKENS", "bench:admin:" + secret);
        if (pg != null) pb.environment().put(BenchServer.PG_ENV, pg);
        pb.redirectError(work.resolve(log + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Map<String, Integer> ports = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600); // compiling the rules on a loaded 2-core machine has taken minutes
        String line;
        while ((line = r.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("BENCH-SERVER-PORT ")) {
                String[] parts = line.split(" ");
                ports.put(parts[1], Integer.parseInt(parts[2].strip()));
            } else if (line.equals("BENCH-SERVER-READY")) {
                Thread drain = new Thread(() -> {
                    try { r.transferTo(java.io.Writer.nullWriter()); } catch (IOException ignored) { /* server gone */ }
                }, "bench-server-stdout");
                drain.setDaemon(true);
                drain.start();
                return ports;
            }
        }
        p.destroy();
        throw new IOException("the benchmark server did not start; see " + work.resolve(log + ".log"));
    }

    /** Batches of different organizations through every configuration until the server's JIT has settled. */
    private void warmUp() throws Exception {
        progress.println("Прогрев сервера пакетами по " + Fmt.number(WARMUP_BATCH) + " организаций и одиночными аудитами, " + options.serverWarmupSeconds + " с ...");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.serverWarmupSeconds);
        int rounds = 0;
        List<byte[]> bodies = weeklyBodies(200, 2);
        do {
            for (String store : stores()) {
                LoopbackHttp.postFile(servers.port(store), "/api/v1/audits/batch", secret, "application/x-ndjson", batchFile(), offset(WARMUP_BATCH));
                http.run(new int[] {servers.port(store)}, "/api/v1/audits", bodies, options.connections, 2);
            }
            LoopbackHttp.postFile(servers.port("baselines"), "/bench/echo-batch", secret, "application/x-ndjson", batchFile(), offset(WARMUP_BATCH));
            http.run(new int[] {servers.port("baselines")}, "/bench/noop", bodies, options.connections, 2);
            rounds++;
        } while (System.nanoTime() < end);
        detail(Fmt.format("Прогрев сервера: %,d раз по %,d организаций пакетом и 2 с одиночных аудитов на каждую конфигурацию и на эталоны (%,d с).",
                rounds, WARMUP_BATCH, options.serverWarmupSeconds));
    }

    /** CPU time of the bench server process so far (all threads, GC and JIT included). */
    long serverCpu() throws Exception {
        return Json.mapper().readTree(http.get(servers().port("baselines"), "/bench/heap").body()).path("processCpuNanos").asLong();
    }

    JsonNode heapReset() throws Exception { return Json.mapper().readTree(http.postEmpty(servers().port("baselines"), "/bench/heap/reset").body()); }

    JsonNode heap() throws Exception { return Json.mapper().readTree(http.get(servers().port("baselines"), "/bench/heap").body()); }

    /** Weekly documents of {@code orgs} organizations for {@code weeks} weeks, week by week: each audit has the one before as history. */
    List<byte[]> weeklyBodies(int orgs, int weeks) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            for (int o = 0; o < orgs; o++) out.add(Json.mapper().writeValueAsBytes(docs.week(String.format("BENCH-%05d", o), w)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- batches

    static final int WARMUP_BATCH = 1000;

    /** The NDJSON file of the largest batch (generated documents 1..N); smaller batches are its beginnings. */
    Path batchFile() throws IOException {
        if (batchFile != null) return batchFile;
        int max = Math.max(WARMUP_BATCH, options.sizes().stream().mapToInt(Integer::intValue).max().orElse(0));
        batchFile = work.resolve("orgs-seed" + options.seed + "-" + max + ".ndjson");
        progress.println("Генерация " + Fmt.number(max) + " организаций в " + batchFile + " ...");
        long t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(batchFile, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 20)) {
            long written = 0;
            for (int i = 1; i <= max; i++) {
                byte[] line = Json.mapper().writeValueAsBytes(generator.document(i));
                out.write(line);
                out.write('\n');
                written += line.length + 1;
                if (i == WARMUP_BATCH || options.sizes().contains(i)) offsets.put(i, written);
            }
        }
        detail(Fmt.format("Сгенерировано %,d организаций (%,d байт NDJSON, в среднем %,d байт на строку) за %.1f с; пакеты — начала этого файла.",
                max, Files.size(batchFile), Files.size(batchFile) / Math.max(1, max), (System.nanoTime() - t0) / 1e9));
        return batchFile;
    }

    /** The byte length of the first {@code lines} lines of the batch file. */
    long offset(int lines) { return offsets.get(lines); }

    // ------------------------------------------------------------------------------------------- in process

    /**
     * Calls per second of {@code call} in this thread, after a warm-up; bounded by time. Counted per second of
     * this thread's CPU time, so other load on the machine barely distorts it.
     */
    double cpuRate(Supplier<?> call, double warmupSeconds, double seconds) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) call.get();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        long end = t0 + (long) (seconds * 1e9);
        long n = 0;
        do {
            call.get();
            n++;
        } while (System.nanoTime() < end && n < HttpLoad.MAX_REQUESTS);
        return n / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
    }

    // ------------------------------------------------------------------------------------------- machine

    /** Load average and CPU pressure (the share of time tasks waited for a CPU) of the machine, where Linux tells them. */
    static String machineLoad() {
        StringBuilder b = new StringBuilder();
        try {
            String[] la = Files.readString(Path.of("/proc/loadavg")).split(" ");
            b.append("load average ").append(la[0]).append(" / ").append(la[1]).append(" / ").append(la[2]);
        } catch (IOException | RuntimeException e) {
            b.append("load average неизвестен");
        }
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            b.append(", ожидание процессора (PSI cpu some, 60 с) ").append(some.replaceAll(".*avg60=([0-9.]+).*", "$1")).append(" %");
        } catch (IOException | RuntimeException e) {
            // no pressure information on this system
        }
        return b.toString();
    }

    static String javaBin() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) { return s.getLocalPort(); }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static String mib(long bytes) { return Fmt.format("%,.0f МиБ", bytes / 1048576.0); }

    /** Stops the child processes and drops the run's PostgreSQL schemas. */
    void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroyForcibly();
        }
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(pgBase); Statement st = c.createStatement()) {
                List<String> schemas = new ArrayList<>();
                try (var rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + pgSchema + "%'")) {
                    while (rs.next()) schemas.add(rs.getString(1));
                }
                for (String s : schemas) st.execute("DROP SCHEMA " + s + " CASCADE");
            } catch (Exception e) {
                progress.println("Схемы PostgreSQL " + pgSchema + "* не удалены: " + e.getMessage());
            }
        }
    }
}
