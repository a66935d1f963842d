package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * (x) Spreadsheets: a district workbook of 10,000 organizations (2,000 with --quick) uploaded to the batch of a
 * server with the SQLite store, against the same rows as NDJSON; upload to last record and peak heap (see
 * {@link SheetBench}, which runs its own server process so that the heap it reports is this upload's alone).
 */
final class SheetSection implements BenchSection {
    @Override public String id() { return "sheets"; }

    @Override public void run(Bench bench) throws Exception {
        int rows = bench.options.quick ? 2000 : 10_000;
        Path work = bench.work.resolve("sheets");
        Files.createDirectories(work);
        SheetBench.Result r = SheetBench.run(bench.jar, bench.options.rules, work, rows, bench.options.serverHeap, bench.progress);
        double xlsxRate = r.xlsx().audited() / r.xlsx().seconds(), jsonRate = r.ndjson().audited() / r.ndjson().seconds();
        bench.ratio("(x) книга района " + Fmt.number(rows) + " строк / те же строки NDJSON (сервер -Xmx" + bench.options.serverHeap + ", SQLite)",
                Fmt.format("%.2f (%,.0f / %,.0f орг./с; до последней записи %.1f с и %.1f с); пик кучи %,d МиБ (NDJSON — %,d МиБ)",
                        xlsxRate / jsonRate, xlsxRate, jsonRate, r.xlsx().seconds(), r.ndjson().seconds(), r.xlsx().peakHeapBytes() >> 20,
                        r.ndjson().peakHeapBytes() >> 20));
        r.lines().forEach(bench::detail);
    }
}
