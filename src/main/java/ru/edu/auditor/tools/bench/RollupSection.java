package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import ru.edu.auditor.facts.Json;

/**
 * (r) The district roll-up over many stored organizations, on the SQLite server held to {@code --server-heap}:
 * {@value #ORGANIZATIONS} generated organizations of one municipality are audited and stored in one batch, then
 * {@code GET /api/v1/rollup} (JSON, then CSV) is timed with the server's peak heap. The counts are aggregated in
 * the database and the organization list is streamed, so memory does not grow with the district.
 */
final class RollupSection implements BenchSection {
    static final int ORGANIZATIONS = 12_600;
    static final String MUNICIPALITY = "Бенчевский район";

    @Override public String id() { return "rollup"; }

    @Override public void run(Bench bench) throws Exception {
        Bench.Servers servers = bench.servers();
        int port = servers.port("sqlite");
        Path file = bench.work.resolve("district-" + ORGANIZATIONS + ".ndjson");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 20)) {
            for (int i = 1; i <= ORGANIZATIONS; i++) {
                ObjectNode doc = bench.generator.document(1_000_000 + i);
                ObjectNode org = (ObjectNode) doc.path("organization");
                org.put("id", String.format("DISTRICT-%06d", i)).put("municipality", MUNICIPALITY).remove("region");
                out.write(Json.mapper().writeValueAsBytes(doc));
                out.write('\n');
            }
        }
        bench.progress.println("(r) " + ORGANIZATIONS + " организаций одного района в хранилище SQLite ...");
        long t0 = System.nanoTime();
        LoopbackHttp.Streamed stored = LoopbackHttp.postFile(port, "/api/v1/audits/batch", bench.secret, "application/x-ndjson", file, Files.size(file));
        double fill = (System.nanoTime() - t0) / 1e9;
        JsonNode summary = Json.mapper().readTree(stored.lastLine()).path("summary");
        String query = "/api/v1/rollup?asOf=2030-01-01&municipality=" + URLEncoder.encode(MUNICIPALITY, StandardCharsets.UTF_8);
        bench.heapReset();
        long r0 = System.nanoTime();
        var json = bench.http.get(port, query);
        double jsonSeconds = (System.nanoTime() - r0) / 1e9;
        JsonNode heapJson = bench.heap();
        if (json.statusCode() != 200) throw new IllegalStateException("roll-up answered " + json.statusCode() + ": " + json.body());
        int organizations = Json.mapper().readTree(json.body()).path("organizations").asInt();
        bench.heapReset();
        long c0 = System.nanoTime();
        var csv = bench.http.get(port, query + "&format=csv");
        double csvSeconds = (System.nanoTime() - c0) / 1e9;
        JsonNode heapCsv = bench.heap();
        if (csv.statusCode() != 200) throw new IllegalStateException("CSV roll-up answered " + csv.statusCode());
        long peak = Math.max(heapJson.path("peakUsedBytes").asLong(), heapCsv.path("peakUsedBytes").asLong());
        bench.ratio("(r) сводка по району из " + Fmt.format("%,d", ORGANIZATIONS) + " организаций, сервер -Xmx" + bench.options.serverHeap,
                Fmt.format("JSON %.2f с, CSV %.2f с, пик кучи %s (цель — без OutOfMemoryError при -Xmx256m — %s)", jsonSeconds, csvSeconds,
                        Bench.mib(peak), Benchmark.met(organizations == ORGANIZATIONS)));
        bench.detail(Fmt.format("(r) %,d сгенерированных организаций района «%s» проверены и сохранены одним пакетом за %.1f с (%s); "
                + "GET /api/v1/rollup: %,d организаций в сводке, JSON %,d байт за %.2f с, CSV %,d байт за %.2f с; пик кучи сервера %s, после GC не больше %s.",
                ORGANIZATIONS, MUNICIPALITY, fill, summary, organizations, json.body().length(), jsonSeconds, csv.body().length(), csvSeconds,
                Bench.mib(peak), Bench.mib(Math.max(heapJson.path("maxUsedAfterGcBytes").asLong(), heapCsv.path("maxUsedAfterGcBytes").asLong()))));
    }
}
