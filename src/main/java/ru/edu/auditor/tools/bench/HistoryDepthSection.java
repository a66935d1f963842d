package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.store.StoreSetup;
import ru.edu.auditor.text.Plural;

/**
 * (h) What an organization's history costs: in process, on the default SQLite store (and on PostgreSQL), the
 * weekly audit of a school that already has {@code --history-depth} − 1 stored audits (its 1,000th and on) against
 * its 2nd weekly audit (a history of one: the same clauses judged, the same reads) and its 1st (no history).
 * Measured per audit as the CPU time of the auditing thread — which reads the history (SQLite runs in that thread)
 * and compresses the documents — and as wall-clock time (with the commit, a disk flush), in alternating rounds.
 */
final class HistoryDepthSection implements BenchSection {
    /** Alternating rounds per measurement: short ones, so the three kinds of audit share the machine's moments alike. */
    private static final int ROUNDS = 6;

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
                AuditService.Outcome o = service.audit(bench.docs.week("DEEP", w), ru.edu.auditor.service.access.Tokens.Principal.operator("bench"));
                if (!o.ok()) throw new IllegalStateException("history document invalid: " + o.problems());
            }
            double fill = (System.nanoTime() - t0) / 1e9;
            AuditService.Outcome probe = service.audit(bench.docs.week("DEEP", depth - 1), ru.edu.auditor.service.access.Tokens.Principal.operator("bench"));
            boolean usesHistory = probe.report().history() != null && probe.report().history().previousIndicatorsFrom() != null;
            int[] fresh = {0};
            int[] second = {0};
            int[] deep = {depth};
            Supplier<ObjectNode> firstDoc = () -> bench.docs.week(String.format("FRESH-%06d", fresh[0]++), 0);
            // the 2nd audit of a school: its 1st is stored first, unmeasured (run() prepares documents before it measures)
            Supplier<ObjectNode> secondDoc = () -> {
                String org = String.format("SECOND-%06d", second[0]++);
                if (!service.audit(bench.docs.week(org, 0), ru.edu.auditor.service.access.Tokens.Principal.operator("bench")).ok()) throw new IllegalStateException("document invalid");
                return bench.docs.week(org, 1);
            };
            Supplier<ObjectNode> deepDoc = () -> bench.docs.week("DEEP", deep[0]++);
            Sample first = new Sample();
            Sample next = new Sample();
            Sample later = new Sample();
            double part = bench.options.seconds / ROUNDS;
            // warm every path, then alternate in short rounds, so a change of load on the machine affects all three alike
            for (var doc : List.of(firstDoc, secondDoc, deepDoc)) run(service, doc, new Sample(), bench.options.warmupSeconds / 2.0);
            for (int round = 0; round < ROUNDS; round++) {
                run(service, firstDoc, first, part);
                run(service, secondDoc, next, part);
                run(service, deepDoc, later, part);
            }
            // the 1st audit finds no history, so fewer clauses can be judged (no previous period to compare with): the 2nd
            // is the audit that does the same work as the 1,000th with a history of one, and the target is judged on it
            double cpuRatio = later.cpuMs() / next.cpuMs();
            double wallRatio = later.wallMs() / next.wallMs();
            bench.ratio("(h) " + Bench.storeLabel(store) + ": проверка №" + Fmt.format("%,d", depth) + " организации / проверка №2",
                    Fmt.format("%.2f по процессорному времени (%.3f против %.3f мс), %.2f по времени с записью (%.2f против %.2f мс) "
                            + "(цель — не дороже чем на 10 %% — %s); / проверка №1 (без истории, меньше пунктов можно оценить): %.2f и %.2f",
                            cpuRatio, later.cpuMs(), next.cpuMs(), wallRatio, later.wallMs(), next.wallMs(),
                            Benchmark.met(cpuRatio <= 1.10 && wallRatio <= 1.10), later.cpuMs() / first.cpuMs(), later.wallMs() / first.wallMs()));
            bench.detail(Fmt.format("(h) %s, в процессе, один поток: %,d недельных проверок одной школы записаны за %.1f с; "
                    + "проверка №%,d берёт показатели прошлой недели из истории: %s. Замер — %,d %s по %.1f с на каждый вид: "
                    + "первая проверка новой школы — %,d проверок, %.3f мс процессора потока и %.2f мс всего на проверку; "
                    + "вторая проверка школы — %,d проверок, %.3f мс и %.2f мс; проверки №%,d и дальше — %,d проверок, %.3f мс и %.2f мс.",
                    Bench.storeLabel(store), depth - 1, fill, depth, usesHistory ? "да" : "НЕТ", ROUNDS,
                    Plural.form(ROUNDS, "чередующийся круг", "чередующихся круга", "чередующихся кругов"), part,
                    first.n, first.cpuMs(), first.wallMs(), next.n, next.cpuMs(), next.wallMs(), depth, later.n, later.cpuMs(), later.wallMs()));
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

    private static void run(AuditService service, Supplier<ObjectNode> next, Sample s, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<ObjectNode> batch = new ArrayList<>();
        while (System.nanoTime() < end) {
            batch.clear();
            for (int i = 0; i < 20; i++) batch.add(next.get());
            for (ObjectNode doc : batch) {
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                if (!service.audit(doc, ru.edu.auditor.service.access.Tokens.Principal.operator("bench")).ok()) throw new IllegalStateException("document invalid");
                s.wall += System.nanoTime() - w0;
                s.cpu += mx.getCurrentThreadCpuTime() - c0;
                s.n++;
            }
        }
    }
}
