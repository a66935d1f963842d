package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.text.Plural;

/**
 * (b) HTTP single audits, the same route and documents on every configuration: {@code POST /api/v1/audits} with no
 * store, with the default SQLite store and with PostgreSQL, against {@code POST /bench/noop} (reads and parses the
 * same body, answers a small JSON). The documents are weekly audits of 400 schools, week after week, so every
 * stored audit after the first week of a school reads its history. {@value #ROUNDS} short alternating rounds, so a
 * change of load on the machine (or the JIT still compiling) affects every configuration alike.
 */
final class HttpSection implements BenchSection {
    static final int ROUNDS = 4;
    static final int SCHOOLS = 400;
    static final int WEEKS = 5;

    @Override public String id() { return "http"; }

    @Override public void run(Bench bench) throws Exception {
        Bench.Servers servers = bench.servers();
        List<byte[]> bodies = bench.weeklyBodies(SCHOOLS, WEEKS);
        List<String> targets = new ArrayList<>(List.of("noop"));
        targets.addAll(bench.stores());
        Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
        Map<String, Long> cpu = new LinkedHashMap<>();
        int connections = bench.options.connections;
        double part = bench.options.seconds / (double) ROUNDS;
        bench.progress.println("(b) HTTP: прогрев маршрутов ...");
        for (String t : targets) bench.http.run(new int[] {port(servers, t)}, path(t), bodies, connections, bench.options.warmupSeconds);
        for (int round = 1; round <= ROUNDS; round++) {
            bench.progress.println("(b) HTTP: замер, круг " + round + " из " + ROUNDS + ": " + String.join(", ", targets) + " ...");
            for (String t : targets) {
                long c0 = bench.serverCpu();
                results.computeIfAbsent(t, k -> new ArrayList<>()).add(bench.http.run(new int[] {port(servers, t)}, path(t), bodies, connections, part));
                cpu.merge(t, bench.serverCpu() - c0, Long::sum);
            }
        }
        Map<String, HttpLoad.Result> r = new LinkedHashMap<>();
        results.forEach((t, parts) -> r.put(t, HttpLoad.Result.merge(parts).checked(label(t))));
        double none = r.get("none").perSecond();
        double noop = r.get("noop").perSecond();
        for (String store : bench.stores()) {
            if (store.equals("none")) continue;
            double ratio = r.get(store).perSecond() / none;
            bench.ratio("(b) HTTP, аудит с хранилищем " + Bench.storeLabel(store) + " / без хранилища", Fmt.format(
                    "%.2f (цель ≥ 0,8 — %s; %,.0f против %,.0f запросов/с)", ratio, Benchmark.met(ratio >= 0.8), r.get(store).perSecond(), none));
        }
        double stretch = none / noop;
        double stretchStored = r.get("sqlite").perSecond() / noop;
        bench.ratio("(b) HTTP, аудит / no-op", Fmt.format("без хранилища %.2f, с SQLite %.2f (цель ≥ 0,5 — %s; no-op %,.0f запросов/с)",
                stretch, stretchStored, Benchmark.met(stretchStored >= 0.5), noop));
        bench.detail(Fmt.format("(b) HTTP на 127.0.0.1, %,d соединений (java.net.http, в процессе бенчмарка), недельные проверки %,d школ × %,d недель "
                + "по очереди, %,d с прогрева каждого маршрута, затем %,d %s по %.1f с:", connections, SCHOOLS, WEEKS, bench.options.warmupSeconds,
                ROUNDS, Plural.form(ROUNDS, "чередующийся круг", "чередующихся круга", "чередующихся кругов"), part));
        for (String t : targets) {
            HttpLoad.Result x = r.get(t);
            bench.detail(x.describe("    " + label(t)) + Fmt.format("; процессор сервера %.2f мс на запрос", cpu.get(t) / 1e6 / x.requests()));
        }
    }

    static int port(Bench.Servers s, String target) { return target.equals("noop") ? s.port("baselines") : s.port(target); }

    static String path(String target) { return target.equals("noop") ? "/bench/noop" : "/api/v1/audits"; }

    static String label(String target) {
        return target.equals("noop") ? "POST /bench/noop (разбор того же тела, короткий ответ)"
                : "POST /api/v1/audits, " + Bench.storeLabel(target) + " (полный отчёт в ответе)";
    }
}
