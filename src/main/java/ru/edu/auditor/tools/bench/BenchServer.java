package ru.edu.auditor.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.api.ApiGuard;
import ru.edu.auditor.api.ApiServer;
import ru.edu.auditor.assembly.ServerAssembly;
import ru.edu.auditor.cli.CliErrors;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.api.Problem;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.batch.BatchPipeline;
import ru.edu.auditor.engine.RuleSet;

/**
 * The servers the benchmark measures, in one child process (so they share one warmed-up JVM, one compiled rule set
 * and the same code): the server users run ({@link ServerAssembly}, exactly as {@code serve} builds it: API and
 * workspace) once per store configuration asked for — {@code none} (no store: the floor under the stored
 * configurations), {@code sqlite} (the default store: an SQLite file in a data directory), {@code postgresql}
 * (AUDITOR_BENCH_PG_URL) — and, on a port of its own, the baselines that exist only here: {@code POST /bench/noop}
 * (parses the body like an audit and answers a small JSON), {@code POST /bench/echo-batch} (the batch pipeline with
 * the audit replaced by parse-and-write-back) and {@code /bench/heap} (peak heap and process CPU since the last
 * reset). Prints one line {@code BENCH-SERVER-PORT <name> <port>} per server. Started by {@link Bench} as
 * {@code java -cp <jar> ru.edu.auditor.tools.bench.BenchServer}.
 */
@Command(name = "bench-server", description = "Серверы для бенчмарка (с эталонными маршрутами); запускаются командой bench.")
public final class BenchServer implements Callable<Integer> {
    @Option(names = "--rules", defaultValue = "rules")
    Path rules;
    @Option(names = "--stores", split = ",", defaultValue = "none", description = "none, sqlite, postgresql")
    List<String> stores;
    @Option(names = "--data", description = "Data directory of the SQLite store.")
    Path data;
    @Option(names = "--no-baselines", description = "Without the baseline server (a second instance).")
    boolean noBaselines;

    /** The URL of the PostgreSQL store the benchmark uses. */
    static final String PG_ENV = "AUDITOR_BENCH_PG_URL";

    private static final AtomicLong maxAfterGc = new AtomicLong();

    /** The benchmark's child process (not a command of the product or of the tools). */
    public static void main(String[] args) {
        System.exit(CliErrors.install(new CommandLine(new BenchServer())).execute(args));
    }

    @Override public Integer call() throws Exception {
        watchGc();
        RuleSet ruleSet = RuleSet.load(rules);
        Tokens tokens = Tokens.parse(System.getenv("AUDITOR_TOKENS"));
        for (String store : stores) {
            ServerAssembly.Options options = switch (store) {
                case "none" -> ServerAssembly.Options.withoutStore(rules, ruleSet, tokens);
                case "sqlite", "postgresql" -> new ServerAssembly.Options(rules, ruleSet, tokens, ServerAssembly.Storage.configured(
                        store.equals("postgresql") ? System.getenv(PG_ENV) : null, data.resolve(store), Map.of()), false);
                default -> throw new IllegalArgumentException("unknown store " + store);
            };
            Javalin app = ServerAssembly.build(options).start("127.0.0.1", 0);
            System.out.println("BENCH-SERVER-PORT " + store + " " + app.port());
        }
        if (!noBaselines) {
            Javalin app = Javalin.create(config -> {
                config.http.maxRequestSize = ApiServer.MAX_BODY_BYTES;
                config.startup.showJavalinBanner = false;
                baselines(config, tokens);
            }).start("127.0.0.1", 0);
            System.out.println("BENCH-SERVER-PORT baselines " + app.port());
        }
        System.out.println("BENCH-SERVER-READY");
        System.out.flush();
        Thread.currentThread().join();
        return 0;
    }

    static void baselines(JavalinConfig config, Tokens tokens) {
        ApiGuard.install(config, tokens);
        config.routes.post("/bench/noop", BenchServer::noop, ApiGuard.AUDITOR);
        config.routes.post("/bench/echo-batch", BenchServer::echoBatch, ApiGuard.AUDITOR);
        config.routes.get("/bench/heap", ctx -> ApiServer.json(ctx, 200, heap()), ApiGuard.AUDITOR);
        config.routes.post("/bench/heap/reset", ctx -> {
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
            maxAfterGc.set(heapUsed());
            ApiServer.json(ctx, 200, heap());
        }, ApiGuard.AUDITOR);
    }

    /** The same body handling as POST /api/v1/audits up to the audit: read, parse, answer a small JSON. */
    private static void noop(Context ctx) throws IOException {
        byte[] body = ctx.bodyAsBytes();
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            ApiServer.problem(ctx, Problem.of(400, "Некорректный JSON", e.getOriginalMessage()));
            return;
        }
        ApiServer.json(ctx, 200, Map.of("ok", true, "fields", doc.size()));
    }

    /** The batch pipeline (same reader, window, workers and writer) with the audit replaced by parse-and-echo. */
    private static void echoBatch(Context ctx) throws IOException {
        if (!ApiServer.requireNdjson(ctx)) return;
        OutputStream out = ApiServer.startNdjson(ctx);
        BatchPipeline.Framing framing = new BatchPipeline.Framing() {
            @Override public byte[] failure(long lineNo, Throwable cause) { return line(Map.of("line", lineNo, "status", "error")); }

            @Override public byte[] summary(BatchPipeline.Summary s) {
                return line(Map.of("summary", Map.of("lines", s.lines(), "echoed", s.audited(), "invalid", s.invalid())));
            }
        };
        BatchPipeline.LineWork echo = (lineNo, bytes, tooLong) -> {
            if (tooLong) return new BatchPipeline.Done(line(Map.of("line", lineNo, "status", "invalid")), BatchPipeline.Kind.INVALID, false);
            try {
                JsonNode doc = Json.mapper().readTree(bytes);
                return new BatchPipeline.Done(line(doc), BatchPipeline.Kind.AUDITED, false);
            } catch (IOException e) {
                return new BatchPipeline.Done(line(Map.of("line", lineNo, "status", "invalid",
                        "errors", List.of(new FieldProblem("$", String.valueOf(e.getMessage()), "malformed-json")))), BatchPipeline.Kind.INVALID, false);
            }
        };
        try {
            BatchPipeline.onSharedWorkers().run(ctx.bodyInputStream(), out, echo, framing);
        } catch (IOException clientGone) {
            // nothing more can be sent
        }
    }

    private static byte[] line(Object value) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(value);
            byte[] b = Arrays.copyOf(json, json.length + 1);
            b[json.length] = '\n';
            return b;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Peak heap since the last reset: the sum of the heap pools' peaks, and the most heap still in use after a GC. */
    static Map<String, Object> heap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) peak += p.getPeakUsage().getUsed();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peakUsedBytes", peak);
        m.put("maxUsedAfterGcBytes", maxAfterGc.get());
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        m.put("usedNowBytes", heapUsed());
        m.put("processCpuNanos", processCpuNanos());
        return m;
    }

    /** CPU time of the whole server process (every thread, GC and JIT included). */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) return os.getProcessCpuTime();
        return -1;
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) used += p.getUsage().getUsed();
        }
        return used;
    }

    /** Records the heap in use right after every collection; its maximum is the live-data peak. */
    private static void watchGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener((n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeapPool(e.getKey())) after += e.getValue().getUsed();
                }
                long a = after;
                maxAfterGc.accumulateAndGet(a, Math::max);
            }, null, null);
        }
    }

    private static boolean isHeapPool(String name) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(name)) return p.getType() == MemoryType.HEAP;
        }
        return false;
    }
}
