package ru.edu.auditor.service;

import ru.edu.auditor.text.Plural;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.service.record.Origin;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.engine.RuleSet;

/**
 * Keeps the served rule set in step with the rules directory. A change is compiled and checked off the
 * request path; only a rule set that loads cleanly replaces the running one, in one atomic step. A broken
 * change leaves the previous rules serving and is reported by {@link #status()}.
 */
public final class RuleReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RuleReloader.class);
    /** Editors write a file in several steps; wait for the directory to be quiet this long before compiling. */
    static final long DEBOUNCE_MS = 300;

    private final Path dir;
    private final RulesHolder holder;
    private final Object reloadLock = new Object();
    private final List<Version> versions = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rules-reload"));
    private volatile Attempt lastAttempt;
    private volatile WatchService watcher;
    private ScheduledFuture<?> pending;
    private volatile java.util.function.Consumer<RuleSet> onLoaded = rs -> { };
    private volatile ChangeRecord changeRecord = ChangeRecord.NONE;

    /** A rule version that served audits since start. */
    public record Version(String version, Instant loadedAt) { }

    /** One attempt to load the rules directory. {@code outcome}: loaded, unchanged or rejected. */
    public record Attempt(Instant at, String trigger, String version, String outcome, long millis, List<RuleProblem> problems) { }

    /** What GET /api/v1/rules/status shows. */
    public record Status(Version current, String rulesDir, boolean watching, Attempt lastAttempt, List<Version> versions) { }

    public RuleReloader(Path dir, RulesHolder holder) {
        this.dir = dir;
        this.holder = holder;
        versions.add(new Version(holder.current().version(), holder.current().loadedAt()));
    }

    /** Called with every rule set this reloader makes live (after it serves), e.g. to archive it. */
    public void onLoaded(java.util.function.Consumer<RuleSet> listener) { this.onLoaded = listener; }

    /** Every reload that loaded or rejected new rules is appended to {@code record} (the server's store). */
    public void recordTo(ChangeRecord record) { this.changeRecord = record; }

    /** Loads the directory now (serialised with every other reload) and swaps it in if it is clean. */
    public Attempt reloadNow(String trigger) { return reloadNow(trigger, null); }

    /** The same, asked for by {@code actor} (a login or token name; null: the watcher). */
    public Attempt reloadNow(String trigger, String actor) {
        Attempt a = reload(trigger);
        if (!"unchanged".equals(a.outcome())) {
            boolean loaded = "loaded".equals(a.outcome());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("trigger", trigger);
            detail.put("version", a.version());
            detail.put("outcome", a.outcome());
            detail.put("problems", a.problems().size());
            try {
                changeRecord.appendNow(actor, Origin.current(), loaded ? ChangeRecord.Action.RULES_RELOADED : ChangeRecord.Action.RULES_REJECTED,
                        loaded ? "Загружены правила " + a.version() + " (" + trigger + ")"
                                : "Изменение правил отклонено (" + trigger + "): " + Plural.count(a.problems().size(), "ошибка", "ошибки", "ошибок")
                                + ", работают прежние правила", detail);
            } catch (RuntimeException e) {
                log.warn("Reload not entered in the change record: {}", e.getMessage());
            }
        }
        return a;
    }

    private Attempt reload(String trigger) {
        synchronized (reloadLock) {
            long t0 = System.nanoTime();
            String version;
            try {
                version = RuleSet.versionOf(dir);
            } catch (IOException e) {
                return record(new Attempt(Instant.now(), trigger, null, "rejected", 0,
                        List.of(RuleProblem.inFile(dir.toString(), "не удалось прочитать: " + e.getMessage()))));
            }
            if (version.equals(holder.current().files().version())) {
                return record(new Attempt(Instant.now(), trigger, holder.current().version(), "unchanged", ms(t0), List.of()));
            }
            try {
                RuleSet next = RuleSet.load(dir);
                synchronized (versions) { versions.add(new Version(next.version(), next.loadedAt())); }
                // the status says «loaded» before the new rules serve, so whoever sees them serve reads the attempt that loaded them
                Attempt loaded = record(new Attempt(Instant.now(), trigger, next.version(), "loaded", ms(t0), List.of()));
                holder.replace(next);
                log.info("Загружены правила {} ({}), {} мс", next.version(), trigger, ms(t0));
                onLoaded.accept(next);
                return loaded;
            } catch (RuleSet.InvalidRules e) {
                log.warn("Изменение правил отклонено ({}), работают прежние {}: {}", trigger, holder.current().version(),
                        Plural.count(e.problems().size(), "ошибка", "ошибки", "ошибок"));
                return record(new Attempt(Instant.now(), trigger, version, "rejected", ms(t0), e.problems()));
            }
        }
    }

    /** Starts watching the rules directory (and its subdirectories) for changes. */
    public void watch() throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        registerTree(dir);
        Thread t = daemon(this::watchLoop, "rules-watch");
        t.start();
    }

    public Status status() {
        RuleSet cur = holder.current();
        List<Version> copy;
        synchronized (versions) { copy = List.copyOf(versions); }
        return new Status(new Version(cur.version(), cur.loadedAt()), dir.toAbsolutePath().toString(), watcher != null, lastAttempt, copy);
    }

    @Override public void close() throws IOException {
        scheduler.shutdownNow();
        if (watcher != null) watcher.close();
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (var event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && key.watchable() instanceof Path parent) {
                        Path created = parent.resolve((Path) event.context());
                        if (Files.isDirectory(created)) registerTree(created);
                    }
                }
                key.reset();
                schedule();
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // closing the reloader ends the watch
        } catch (IOException e) {
            log.error("Watching {} stopped: {}", dir, e.getMessage());
        }
    }

    private synchronized void schedule() {
        if (pending != null) pending.cancel(false);
        pending = scheduler.schedule(() -> reloadNow("изменение файлов"), DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                p.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private Attempt record(Attempt a) {
        lastAttempt = a;
        return a;
    }

    private static long ms(long t0) { return (System.nanoTime() - t0) / 1_000_000; }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
