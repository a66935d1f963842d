package ru.edu.auditor.tools.bench;

import ru.edu.auditor.text.Fmt;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.edu.auditor.engine.RuleSet;

/**
 * The performance benchmark, on the configuration users run (with the store) beside the floors, ratios first:
 * in-process audits against the engine's floor, HTTP single audits and streamed batches with no store, with the
 * default SQLite store and with PostgreSQL against the no-op and parse-and-echo baselines, the cost of an
 * organization's 1st and 1,000th audit, two instances on one PostgreSQL against one, start-up and rules reload.
 *
 * <p>Run outside the tests: {@code ./auditor bench} ({@code --quick} for a run of a few minutes). Servers are child
 * processes of the packaged jar on 127.0.0.1; every load loop is bounded in time and count.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Замер производительности с хранилищем и без (в процессе, HTTP, пакеты, история, два экземпляра, запуск).",
                "Печатает сначала соотношения, затем подробности. Нагрузка — только на 127.0.0.1; серверы — дочерние процессы jar."})
public final class Benchmark implements Callable<Integer> {
    /**
     * The sections of a run, in order. To add a benchmark line, write a {@link BenchSection} and add it here; it
     * gets the shared servers, documents and load generator through {@link Bench}.
     */
    static final List<BenchSection> SECTIONS = List.of(
            new InProcessSection(),
            new HttpSection(),
            new BatchSection(),
            new HistoryDepthSection(),
            new RollupSection(),
            new ScaleOutSection(),
            new StartupSection(),
            new SheetSection(),
            new WebSection(),
            new ImpactSection());

    @Option(names = "--rules", paramLabel = "ПАПКА", defaultValue = "rules", description = "Папка правил (по умолчанию ./rules).")
    Path rules;
    @Option(names = "--jar", paramLabel = "ФАЙЛ", description = "Собранный jar для дочерних процессов (по умолчанию тот, из которого запущен bench, или target/decree-auditor.jar).")
    Path jar;
    @Option(names = "--quick", description = "Короткий прогон (несколько минут): меньше прогрева и замеров, пакет 2 000, без замера запуска.")
    boolean quick;
    @Option(names = "--sizes", paramLabel = "ЧИСЛА", split = ",", description = "Размеры пакетов (по умолчанию 1000,10000,100000; с --quick — 2000).")
    List<Integer> sizes;
    @Option(names = "--server-heap", paramLabel = "ОБЪЁМ", defaultValue = "256m", description = "-Xmx сервера (по умолчанию 256m).")
    String serverHeap;
    @Option(names = "--connections", paramLabel = "ЧИСЛО", defaultValue = "4", description = "Одновременных соединений генератора нагрузки HTTP (по умолчанию 4).")
    int connections;
    @Option(names = "--warmup-seconds", paramLabel = "СЕКУНДЫ", description = "Прогрев перед каждым замером, с (по умолчанию 8; с --quick — 3).")
    Integer warmupSeconds;
    @Option(names = "--seconds", paramLabel = "СЕКУНДЫ", description = "Длительность каждого замера, с (по умолчанию 10; с --quick — 6).")
    Integer seconds;
    @Option(names = "--server-warmup-seconds", paramLabel = "СЕКУНДЫ", description = "Прогрев сервера перед замерами, с (по умолчанию 45; с --quick — 20): "
            + "пока JIT не скомпилировал горячий код, его компиляция отнимает у запросов одно из двух ядер.")
    Integer serverWarmupSeconds;
    @Option(names = "--history-depth", paramLabel = "ЧИСЛО", defaultValue = "1000", description = "Номер проверки организации, сравниваемой с первой (по умолчанию 1000).")
    int historyDepth;
    @Option(names = "--teachers", paramLabel = "ЧИСЛО", defaultValue = "40", description = "Педагогов в поимённом списке школы одиночных аудитов (по умолчанию 40).")
    int teachers;
    @Option(names = "--seed", paramLabel = "ЧИСЛО", defaultValue = "42", description = "Зерно генератора (по умолчанию 42).")
    long seed;
    @Option(names = "--pg-url", paramLabel = "JDBC-АДРЕС", description = "JDBC-адрес PostgreSQL для замеров (по умолчанию AUDITOR_BENCH_PG_URL или 127.0.0.1:5432/test; none — без PostgreSQL). "
            + "Бенчмарк создаёт в нём свою схему и удаляет её в конце.")
    String pgUrl;
    @Option(names = "--server-jvm-option", paramLabel = "ПАРАМЕТР", description = "Дополнительный параметр JVM сервера бенчмарка (можно несколько), например -XX:StartFlightRecording=filename=server.jfr.")
    List<String> serverJvmOptions;
    @Option(names = "--only", paramLabel = "ЧАСТИ", split = ",", description = "Только эти части: inproc, http, batch, history, rollup, scaleout, startup, sheets, web, impact (по умолчанию все).")
    List<String> only;
    @Option(names = "--work", paramLabel = "ПАПКА", description = "Рабочая папка (сгенерированные файлы, хранилища, журналы серверов); по умолчанию временная.")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    List<Integer> sizes() { return sizes != null ? sizes : quick ? List.of(2000) : List.of(1000, 10000, 100000); }

    @Override public Integer call() throws Exception {
        // the per-audit decision log would flood the console; the HTTP servers (child processes) keep it at warn too
        System.setProperty("org.slf4j.simpleLogger.log.decisions", "warn");
        // the floor's audits all end in "rule set failed" errors (no verdicts): expected there, not worth logging
        System.setProperty("org.slf4j.simpleLogger.log." + ru.edu.auditor.report.Auditor.class.getName(), "off");
        if (warmupSeconds == null) warmupSeconds = quick ? 3 : 8;
        if (seconds == null) seconds = quick ? 6 : 10;
        if (serverWarmupSeconds == null) serverWarmupSeconds = quick ? 20 : 45;
        if (work == null) work = Files.createTempDirectory("auditor-bench-");
        Files.createDirectories(work);
        if (jar == null) jar = findJar();
        if (!Files.isRegularFile(jar)) {
            System.err.println("Нет собранного jar: " + jar + " (соберите: mvn -B -DskipTests package)");
            return 3;
        }
        String loadAtStart = Bench.machineLoad();
        long t0 = System.nanoTime();
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Bench bench = new Bench(this, RuleSet.load(rules), secret, work, jar);
        try {
            bench.detail(Fmt.format("Машина: %,d ядра, Java %s; сервер: java -Xmx%s (дочерний процесс %s); нагрузка на 127.0.0.1; PostgreSQL: %s.",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), serverHeap, jar.getFileName(),
                    bench.pgUrl != null ? "да (своя схема)" : "нет"));
            for (BenchSection s : SECTIONS) {
                boolean chosen = only == null || only.isEmpty() ? !quick || s.quick() : only.contains(s.id());
                if (!chosen) continue;
                int before = bench.ratios.size();
                try {
                    s.run(bench);
                    // each section's ratios as soon as it ends, so a long run that is cut short still tells something
                    bench.ratios.entrySet().stream().skip(before).forEach(e -> bench.progress.println("== " + e.getKey() + ": " + e.getValue()));
                } catch (Exception | Error e) { // the other sections still run and the figures so far are printed
                    bench.progress.println("Раздел " + s.id() + " прерван:");
                    e.printStackTrace(bench.progress);
                    bench.ratio("раздел " + s.id(), "НЕ измерен: " + e);
                }
            }
        } finally {
            bench.close();
        }
        bench.detail("Нагрузка машины: в начале — " + loadAtStart + "; в конце — " + Bench.machineLoad()
                + ". Машина общая (2 ядра; параллельно идут сборки других сессий): абсолютные числа занижены и гуляют, соотношения меряются в одних условиях.");
        bench.detail(Fmt.format("Прогон занял %.1f мин%s.", (System.nanoTime() - t0) / 60e9, quick ? " (--quick)" : ""));
        PrintStream out = System.out;
        out.println("== Соотношения ==");
        bench.ratios.forEach((k, v) -> out.println(k + ": " + v));
        out.println();
        out.println("== Подробности ==");
        bench.details.forEach(out::println);
        out.println();
        out.println("Журналы серверов и сгенерированные файлы: " + work.toAbsolutePath());
        return 0;
    }

    static String met(boolean ok) { return ok ? "выполнена" : "НЕ выполнена"; }

    private static Path findJar() {
        try {
            Path self = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (self.toString().endsWith(".jar")) return self;
        } catch (Exception ignored) {
            // fall back to the build output
        }
        return Path.of("target", "decree-auditor.jar");
    }
}
