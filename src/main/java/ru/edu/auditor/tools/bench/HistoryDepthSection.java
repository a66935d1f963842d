package ru.edu.auditor.tools.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.store.StoreSetup;

/**
 * (h) What an organization's history costs: in process, on the default SQLite store (and on PostgreSQL), the
 * weekly audit of a school with no history (its 1st audit) against the weekly audit of a school that already has
 * {@code --history-depth} − 1 stored audits (its 1,000th and on). Measured per audit as the CPU time of the
 * auditing thread — which reads the history (SQLite runs in that thread) — and as wall-clock time (with the
 * commit, a disk flush), in alternating rounds.
 */
final class HistoryDepthSection implements BenchSection {
    @Override public String id() { return "history"; }

    @Override public void run(Bench bench) throws Exception {
        List<String> stores = bench.pgUrl != null ? List.of("sqlite", "postgresql") : List.of("sqlite");
        for (String store : stores) measure(bench, store);
    }

    private void measure(Bench bench, String store) throws Exception {
        int depth = bench.options.historyDepth;
        String pg = store.equals("postgresql") ? bench.freshPgSchema("history") : null;
        StoreSetup.Opened opened = StoreSetup.open(pg, bench.work.resolve("history-" + store), Map.of(), false);
        try {
            AuditService service = new AuditService(new RulesHolder(bench.rules), opened.repository());
            bench.progress.println("(h) " + Bench.storeLabel(store) + ": " + (depth - 1) + " недельных проверок одной школы ...");
            long t0 = System.nanoTime();
            for (int w = 0; w < depth - 1; w++) {
                AuditService.Outcome o = service.audit(bench.docs.week("DEEP", w), "bench");
                if (!o.ok()) throw new IllegalStateException("history document invalid: " + o.problems());
            }
            double fill = (System.nanoTime() - t0) / 1e9;
            AuditService.Outcome probe = service.audit(bench.docs.week("DEEP", depth - 1), "bench");
            boolean usesHistory = probe.report().history() != null && probe.report().history().previousIndicatorsFrom() != null;
            int[] fresh = {0};
            int[] deep = {depth};
            Sample first = new Sample();
            Sample later = new Sample();
            double half = bench.options.seconds / 2.0;
            // warm both paths, then alternate
            run(service, () -> bench.docs.week(String.format("FRESH-%06d", fresh[0]++), 0), new Sample(), bench.options.warmupSeconds);
            run(service, () -> bench.docs.week("DEEP", deep[0]++), new Sample(), bench.options.warmupSeconds);
            for (int round = 0; round < 2; round++) {
                run(service, () -> bench.docs.week(String.format("FRESH-%06d", fresh[0]++), 0), first, half);
                run(service, () -> bench.docs.week("DEEP", deep[0]++), later, half);
            }
            double cpuRatio = later.cpuMs() / first.cpuMs();
            double wallRatio = later.wallMs() / first.wallMs();
            bench.ratio("(h) " + Bench.storeLabel(store) + ": проверка №" + String.format(Locale.ROOT, "%,d", depth) + " организации / проверка №1",
                    String.format(Locale.ROOT, "%.2f по процессорному времени (%.3f против %.3f мс), %.2f по времени с записью (%.2f против %.2f мс) "
                            + "(цель — не дороже чем на 10 %% — %s)", cpuRatio, later.cpuMs(), first.cpuMs(), wallRatio, later.wallMs(), first.wallMs(),
                            Benchmark.met(cpuRatio <= 1.10 && wallRatio <= 1.10)));
            bench.detail(String.format(Locale.ROOT, "(h) %s, в процессе, один поток: %,d недельных проверок одной школы записаны за %.1f с; "
                    + "проверка №%,d берёт показатели прошлой недели из истории: %s. Замер — два чередующихся круга по %.1f с: "
                    + "первая проверка новой школы — %d проверок, %.3f мс процессора потока и %.2f мс всего на проверку; "
                    + "проверки №%,d и дальше — %d проверок, %.3f мс и %.2f мс.", Bench.storeLabel(store), depth - 1, fill, depth, usesHistory ? "да" : "НЕТ",
                    half, first.n, first.cpuMs(), first.wallMs(), depth, later.n, later.cpuMs(), later.wallMs()));
        } finally {
            opened.database().close();
        }
    }

    /** Audits counted: CPU nanoseconds of the auditing thread and wall-clock nanoseconds. */
    private static final class Sample {
        long n;
        long cpu;
        long wall;

        double cpuMs() { return cpu / 1e6 / n; }

        double wallMs() { return wall / 1e6 / n; }
    }

    private static void run(AuditService service, java.util.function.Supplier<ObjectNode> next, Sample s, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<ObjectNode> batch = new ArrayList<>();
        while (System.nanoTime() < end) {
            batch.clear();
            for (int i = 0; i < 20; i++) batch.add(next.get());
            for (ObjectNode doc : batch) {
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                if (!service.audit(doc, "bench").ok()) throw new IllegalStateException("document invalid");
                s.wall += System.nanoTime() - w0;
                s.cpu += mx.getCurrentThreadCpuTime() - c0;
                s.n++;
            }
        }
    }
}
