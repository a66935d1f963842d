package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.Json;

/**
 * (c) Streamed batches of generated organizations (the beginnings of one file), the same bytes through
 * {@code POST /api/v1/audits/batch} (compact records) with no store, with SQLite and with PostgreSQL, and through
 * {@code POST /bench/echo-batch} (the same pipeline, each line only parsed and written back). The client sends
 * the file and reads the answer at once. Peak heap and live heap after GC of the server process.
 */
final class BatchSection implements BenchSection {
    @Override public String id() { return "batch"; }

    private record Run(long orgs, double seconds, long peakBytes, long afterGcBytes, String summary, long cpuNanos) {
        double perSecond() { return orgs / seconds; }

        double cpuMs() { return cpuNanos / 1e6 / orgs; }
    }

    @Override public void run(Bench bench) throws Exception {
        Bench.Servers servers = bench.servers();
        List<String> targets = new ArrayList<>(List.of("echo"));
        targets.addAll(bench.stores());
        StringBuilder stored = new StringBuilder();
        StringBuilder stretch = new StringBuilder();
        boolean storedMet = true;
        boolean stretchMet = true;
        bench.detail(Fmt.format("(c) Пакеты через POST /api/v1/audits/batch (краткие записи) и POST /bench/echo-batch, сервер -Xmx%s, "
                + "клиент передаёт файл и одновременно читает ответ:", bench.options.serverHeap));
        for (int n : bench.options.sizes()) {
            Map<String, Run> runs = new LinkedHashMap<>();
            for (String t : targets) {
                bench.progress.println("(c) пакет " + Fmt.number(n) + ": " + t + " ...");
                // a batch into a store answers its journal line ({"batch":{"id",…}}) before the records
                int header = t.equals("echo") || t.equals("none") ? 0 : 1;
                runs.put(t, run(bench, t.equals("echo") ? servers.port("baselines") : servers.port(t),
                        t.equals("echo") ? "/bench/echo-batch" : "/api/v1/audits/batch", n, header));
            }
            double none = runs.get("none").perSecond();
            for (String store : bench.stores()) {
                if (store.equals("none")) continue;
                double ratio = runs.get(store).perSecond() / none;
                storedMet &= ratio >= 0.8;
                stored.append(Fmt.format("%s%,d %s: %.2f", stored.length() == 0 ? "" : "; ", n, Bench.storeLabel(store), ratio));
            }
            double e = runs.get("echo").perSecond();
            double s = runs.get("sqlite").perSecond() / e;
            stretchMet &= s >= 0.5;
            stretch.append(Fmt.format("%s%,d: без хранилища %.2f, с SQLite %.2f", stretch.length() == 0 ? "" : "; ", n, none / e, s));
            for (String t : targets) {
                Run r = runs.get(t);
                bench.detail(Fmt.format("    %,d организаций, %s: %,.0f орг./с (%.1f с; процессор сервера %.3f мс на организацию; пик кучи %s, "
                        + "после GC не больше %s); сводка: %s", n, t.equals("echo") ? "разбор-и-эхо" : Bench.storeLabel(t), r.perSecond(), r.seconds(),
                        r.cpuMs(), Bench.mib(r.peakBytes()), Bench.mib(r.afterGcBytes()), r.summary()));
            }
        }
        bench.ratio("(c) пакет, с хранилищем / без хранилища", stored + " (цель ≥ 0,8 — " + Benchmark.met(storedMet) + ")");
        bench.ratio("(c) пакет, аудит / разбор-и-эхо", stretch + " (цель ≥ 0,5 — " + Benchmark.met(stretchMet) + ")");
    }

    private static Run run(Bench bench, int port, String path, int orgs, int headerLines) throws Exception {
        long cpu0 = bench.heapReset().path("processCpuNanos").asLong();
        LoopbackHttp.Streamed s = LoopbackHttp.postFile(port, path, bench.secret, "application/x-ndjson", bench.batchFile(), bench.offset(orgs));
        JsonNode heap = bench.heap();
        if (s.status() != 200) throw new IllegalStateException(path + " answered " + s.status());
        if (s.lines() != headerLines + orgs + 1) throw new IllegalStateException(path + ": " + s.lines() + " lines for " + orgs + " organizations");
        JsonNode summary = Json.mapper().readTree(s.lastLine()).path("summary");
        return new Run(orgs, s.nanos() / 1e9, heap.path("peakUsedBytes").asLong(), heap.path("maxUsedAfterGcBytes").asLong(), summary.toString(),
                heap.path("processCpuNanos").asLong() - cpu0);
    }
}
