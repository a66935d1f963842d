package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.engine.RulesFiles;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.batch.BatchAudits;
import ru.edu.auditor.service.batch.Impact;
import ru.edu.auditor.store.Database;
import ru.edu.auditor.store.StoreConfig;
import ru.edu.auditor.store.AuditRepository;

/**
 * (i) The impact of a candidate rule set over stored organizations, in process on an SQLite store of its own:
 * {@code n} generated organizations are audited and stored through the batch pipeline, then a candidate that lowers
 * one threshold (the required share of decree 178 cl. 3.2, 100 % → 90 %) is run over the latest audit of each, on the
 * batch workers ({@link Impact#run}). Sizes: 1,000 and 10,000 ({@code --quick}: 1,000 only). Target: thousands of
 * organizations in seconds, not minutes.
 */
final class ImpactSection implements BenchSection {
    static final List<Integer> SIZES = List.of(1_000, 10_000);

    @Override public String id() { return "impact"; }

    @Override public void run(Bench bench) throws Exception {
        RuleSet live = bench.rules;
        Map<String, byte[]> files = new HashMap<>(live.files().files());
        String yaml = "decrees/kesova-gora-oo-178-2023.yaml";
        String text = new String(files.get(yaml), StandardCharsets.UTF_8);
        String changed = text.replaceFirst("(requiredPercent:\\s*\\n\\s*value:) 100\\n\\s*quote: \"100 %\"", "$1 90");
        if (changed.equals(text)) throw new IllegalStateException("the threshold of decree 178 cl. 3.2 is not in " + yaml);
        files.put(yaml, changed.getBytes(StandardCharsets.UTF_8));
        long c0 = System.nanoTime();
        RuleSet candidate = RulesFiles.of(files).compile();
        double compile = (System.nanoTime() - c0) / 1e9;
        for (int n : SIZES) {
            if (bench.options.quick && n > 1_000) continue;
            Path dir = Files.createTempDirectory(bench.work, "impact-" + n + "-");
            try (Database db = Database.open(StoreConfig.sqlite(dir))) {
                AuditRepository store = new AuditRepository(db);
                Path docs = dir.resolve("organizations.ndjson");
                try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(docs), 1 << 20)) {
                    for (int i = 1; i <= n; i++) {
                        out.write(Json.mapper().writeValueAsBytes(bench.generator.document(2_000_000 + i)));
                        out.write('\n');
                    }
                }
                bench.progress.println("(i) " + Fmt.number(n) + " организаций в хранилище SQLite ...");
                long s0 = System.nanoTime();
                ru.edu.auditor.service.batch.BatchPipeline.Summary summary;
                try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(docs), 1 << 20)) {
                    summary = BatchAudits.run(in, OutputStream.nullOutputStream(), new AuditService(new RulesHolder(live), store), ru.edu.auditor.service.access.Tokens.Principal.operator("bench"),
                            BatchAudits.ndjson(BatchAudits.Detail.compact));
                }
                double fill = (System.nanoTime() - s0) / 1e9;
                Impact.Result r = Impact.run(store, live, candidate, new Impact.Scope(LocalDate.of(2100, 1, 1), null, Impact.DEFAULT_LIST_LIMIT));
                double seconds = r.millis() / 1000.0;
                bench.ratio(Fmt.format("(i) влияние правил-кандидата на %,d сохранённых организаций", n),
                        Fmt.format("%.1f с, %,.0f орг./с, вердикт меняется у %,d (цель — секунды, не минуты — %s)", seconds,
                                r.organizations() / Math.max(seconds, 1e-3), r.changedOrganizations(), Benchmark.met(seconds < 60 && r.failed() == 0)));
                bench.detail(Fmt.format("(i) %,d сгенерированных организаций сохранены пакетом за %.1f с (%,d проверено, %,d сохранено); "
                        + "правила-кандидат (п. 3.2 решения 178: 100 %% → 90 %%) скомпилированы за %.1f с; влияние: %,d последних проверок проверены заново "
                        + "за %.2f с на %,d рабочих потоках, вердикт меняется у %,d, сбоев %,d.", n, fill, summary.audited(), summary.stored(), compile,
                        r.organizations(), seconds, ru.edu.auditor.service.batch.BatchPipeline.workerCount(), r.changedOrganizations(), r.failed()));
            }
        }
    }
}
