package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ru.edu.auditor.facts.Json;

/**
 * (s) Two instances on one PostgreSQL: two server processes on the same database schema against one of them
 * alone, the same HTTP load (4 connections: all to one instance, or two to each), alternating rounds. Checks on
 * the way that an audit stored through one instance is the history of the next audit through the other. On a
 * 2-core machine two instances share the same two cores, so this shows the cost of coordination through the
 * database rather than a gain in capacity.
 */
final class ScaleOutSection implements BenchSection {
    @Override public String id() { return "scaleout"; }

    @Override public void run(Bench bench) throws Exception {
        String pg = bench.freshPgSchema("scaleout");
        if (pg == null) {
            bench.ratio("(s) два экземпляра на одном PostgreSQL / один", "не измерено: PostgreSQL недоступен");
            return;
        }
        int a = bench.startServer("instance-a", List.of("postgresql"), false, pg, null).get("postgresql");
        int b = bench.startServer("instance-b", List.of("postgresql"), false, pg, null).get("postgresql");
        List<byte[]> bodies = bench.weeklyBodies(HttpSection.SCHOOLS, HttpSection.WEEKS);
        bench.progress.println("(s) прогрев двух экземпляров, " + bench.options.serverWarmupSeconds + " с ...");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(bench.options.serverWarmupSeconds);
        while (System.nanoTime() < end) bench.http.run(new int[] {a, b}, "/api/v1/audits", bodies, bench.options.connections, 2);

        // an audit through A is the history of the next through B
        JsonNode first = Json.mapper().readTree(bench.http.post(a, "/api/v1/audits", Json.mapper().writeValueAsBytes(bench.docs.week("SCALE-X", 0))).body());
        JsonNode second = Json.mapper().readTree(bench.http.post(b, "/api/v1/audits", Json.mapper().writeValueAsBytes(bench.docs.week("SCALE-X", 1))).body());
        boolean shared = first.path("decisionId").asText().equals(second.path("history").path("previousIndicatorsFrom").asText());

        List<HttpLoad.Result> one = new ArrayList<>();
        List<HttpLoad.Result> two = new ArrayList<>();
        double half = bench.options.seconds / 2.0;
        for (int round = 1; round <= 2; round++) {
            bench.progress.println("(s) замер, круг " + round + " из 2: один экземпляр, затем два ...");
            one.add(bench.http.run(new int[] {a}, "/api/v1/audits", bodies, bench.options.connections, half));
            two.add(bench.http.run(new int[] {a, b}, "/api/v1/audits", bodies, bench.options.connections, half));
        }
        HttpLoad.Result r1 = HttpLoad.Result.merge(one).checked("one instance");
        HttpLoad.Result r2 = HttpLoad.Result.merge(two).checked("two instances");
        bench.ratio("(s) два экземпляра на одном PostgreSQL / один", Fmt.format(
                "%.2f (%,.0f против %,.0f запросов/с; на 2 ядрах оба экземпляра делят те же ядра); история через другой экземпляр: %s",
                r2.perSecond() / r1.perSecond(), r2.perSecond(), r1.perSecond(), shared ? "видна" : "НЕ видна"));
        bench.detail(Fmt.format("(s) Два процесса serve (-Xmx%s) на одной схеме PostgreSQL, %,d соединений, два чередующихся круга по %.1f с:",
                bench.options.serverHeap, bench.options.connections, half));
        bench.detail(r1.describe("    один экземпляр (все соединения к нему)"));
        bench.detail(r2.describe("    два экземпляра (соединения поровну)"));
        bench.detail(Fmt.format("    Проверка через экземпляр A (%s, правила %s), следующая неделя через B: показатели прошлой недели взяты из %s%s.",
                first.path("decisionId").asText(), first.path("rulesVersion").asText(), second.path("history").path("previousIndicatorsFrom").asText("—"),
                shared ? " — той самой проверки" : " — НЕ из неё"));
        if (!shared) throw new IllegalStateException("an audit through one instance is not the history of the next through the other: " + second);
    }

}
