package ru.edu.auditor.service.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.report.Exemptions;
import ru.edu.auditor.text.LogText;
import ru.edu.auditor.text.Plural;
import ru.edu.auditor.engine.RulesFiles;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.OneAtATime;
import ru.edu.auditor.service.RulesHolder;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.ScopeFilter;

/**
 * The impact of candidate rules on the stored audits of a server (see {@link Impact}), as front ends ask for it — over
 * the organizations the caller sees only:
 * a candidate given as a zip or a folder, compiled and run in a child JVM of its own ({@link ChildRun}: its own heap,
 * killed when its time is up, so a candidate cannot take the server's memory or threads), one impact at a time per server
 * (the slot is the stored audits' own, {@link HistoryQueries#impactSlot()}, so the API and the workspace share it),
 * never on the live rules' holder.
 */
public final class ImpactService {
    /** Largest accepted zip of a candidate rules folder, in bytes. */
    public static final long MAX_ZIP_BYTES = RulesFiles.ZipLimits.DEFAULT.maxZipBytes();

    private final HistoryQueries history;

    public ImpactService(HistoryQueries history) { this.history = history; }

    /** A candidate rule set, compiled in the impact's child JVM when its impact runs: a zip's files or a folder on the server. */
    public static final class Candidate {
        private final RulesFiles files;
        private final Path dir;

        private Candidate(RulesFiles files, Path dir) {
            this.files = files;
            this.dir = dir;
        }
    }

    /** A zip that is not a rules folder (or too large unpacked); the message says why, in Russian. */
    public static final class ZipRejected extends Exception {
        private final boolean tooLarge;

        ZipRejected(RulesFiles.BadZip e) {
            super(e.getMessage(), e);
            this.tooLarge = e.tooLarge();
        }

        public boolean tooLarge() { return tooLarge; }
    }

    /** The candidate in a zip of the rules folder (at most {@link #MAX_ZIP_BYTES}). */
    public static Candidate zipped(byte[] zip) throws ZipRejected {
        try {
            return new Candidate(RulesFiles.unzip(zip, RulesFiles.ZipLimits.DEFAULT), null);
        } catch (RulesFiles.BadZip e) {
            throw new ZipRejected(e);
        }
    }

    /** The candidate in a folder on the server (the front end has checked where it may lie). */
    public static Candidate folder(Path dir) { return new Candidate(null, dir); }

    /**
     * Either the impact or, when the candidate does not load or its run was stopped, every problem of it (then
     * {@code result} is null); {@code stopped}: why the run was stopped (a limit exceeded), in Russian, else null.
     */
    public record Outcome(Impact.Result result, List<RuleProblem> problems, String stopped) {
        public boolean ok() { return result != null; }
    }

    /**
     * Starts the impact of {@code candidate} on a thread of its own; empty when another impact on this server runs.
     * {@code compiled} is called once the candidate has loaded. The slot is released before the future completes
     * (whoever sees the result may start the next one), however the run ends.
     */
    public Optional<CompletableFuture<Outcome>> start(Tokens.Principal who, Candidate candidate, Impact.Scope scope, Runnable compiled) {
        ScopeFilter visible = history.visibility().filter(who);
        OneAtATime.Held slot = history.impactSlot().tryTake().orElse(null);
        if (slot == null) return Optional.empty();
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            Outcome out = null;
            Throwable failed = null;
            try {
                out = run(candidate, scope, visible, compiled);
            } catch (Throwable e) {
                failed = e;
            } finally {
                slot.close();
            }
            if (failed != null) done.completeExceptionally(failed);
            else done.complete(out);
        }, "rules-impact");
        t.setDaemon(true);
        try {
            t.start();
        } catch (RuntimeException | Error e) {
            slot.close();
            throw e;
        }
        return Optional.of(done);
    }

    private Outcome run(Candidate candidate, Impact.Scope scope, ScopeFilter visible, Runnable compiled) throws IOException {
        Path work = Files.createTempDirectory("auditor-impact-");
        try {
            Path rules;
            if (candidate.dir != null) {
                rules = candidate.dir.toAbsolutePath().normalize();
            } else {
                rules = Files.createDirectory(work.resolve("rules"));
                candidate.files.writeTo(rules);
            }
            try (ChildRun child = ChildRun.start(rules, work, ChildLimits.current())) {
                return child.impact(history, scope, visible, compiled);
            }
        } finally {
            RulesFiles.deleteTree(work);
        }
    }

    /**
     * The limits of an impact's child JVM: its heap ({@code -Xmx}) and the wall time of the whole impact (compiling,
     * warming and judging every stored audit), after which the child is killed. Read from the system properties
     * {@code auditor.impact.heapMb} (default {@value #DEFAULT_HEAP_MB}) and {@code auditor.impact.timeoutSeconds}
     * (default {@value #DEFAULT_TIMEOUT_SECONDS}) when an impact starts.
     */
    record ChildLimits(int heapMb, long timeoutSeconds) {
        static final int DEFAULT_HEAP_MB = 512;
        static final long DEFAULT_TIMEOUT_SECONDS = 900;

        static ChildLimits current() {
            return new ChildLimits(Integer.getInteger("auditor.impact.heapMb", DEFAULT_HEAP_MB),
                    Long.getLong("auditor.impact.timeoutSeconds", DEFAULT_TIMEOUT_SECONDS));
        }
    }

    /**
     * One child JVM judging a candidate (see {@link ImpactChild}): the same jar and class path as this server, its own
     * heap, killed when the impact's time is up. A candidate rule that slipped past the allow-list can then exhaust only
     * the child's heap and threads, never the server's; it reaches no store (the audits come through its standard
     * input) and no secret of the server's environment (the child's environment is emptied); its working folder is an
     * empty temporary one, and Java's own HTTP and socket connections are pointed at a proxy that does not exist.
     */
    static final class ChildRun implements AutoCloseable {
        private static final Logger log = LoggerFactory.getLogger(ChildRun.class);
        /** ExitOnOutOfMemoryError ends the JVM with this code. */
        private static final int OUT_OF_MEMORY_EXIT = 3;
        /** Lines of the child's log kept to be logged when it ends unexpectedly. */
        private static final int LOG_TAIL = 30;

        private final Process process;
        private final ChildLimits limits;
        private final BufferedReader answers;
        private final Writer requests;
        private final Deque<String> logTail = new ArrayDeque<>();
        private volatile boolean timedOut;

        private ChildRun(Process process, ChildLimits limits) {
            this.process = process;
            this.limits = limits;
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        static ChildRun start(Path rules, Path work, ChildLimits limits) throws IOException {
            Path cwd = Files.createDirectory(work.resolve("cwd"));
            Path tmp = Files.createDirectory(work.resolve("tmp"));
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java,
                    "-Xmx" + limits.heapMb() + "m", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.awt.headless=true",
                    "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + tmp,
                    // no route out through Java's own connections: a SOCKS and HTTP proxy on a closed local port
                    "-DsocksProxyHost=127.0.0.1", "-DsocksProxyPort=9", "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
                    "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9", "-Dhttp.nonProxyHosts=",
                    "-cp", classPath(), ImpactChild.class.getName(), rules.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
            Map<String, String> env = pb.environment();
            Map<String, String> kept = new LinkedHashMap<>();
            for (String name : List.of("LANG", "LC_ALL", "TZ")) if (env.containsKey(name)) kept.put(name, env.get(name));
            env.clear();
            env.putAll(kept);
            ChildRun run = new ChildRun(pb.start(), limits);
            run.watch();
            return run;
        }

        /**
         * The server's class path with every entry made absolute: the child runs in another folder, and a server started
         * as {@code java -jar target/run/decree-auditor.jar} has a relative one.
         */
        private static String classPath() {
            List<String> entries = new ArrayList<>();
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (!e.isEmpty()) entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
            return String.join(java.io.File.pathSeparator, entries);
        }

        /** The child's log read (so it never blocks on a full pipe) and kept short; the child killed when its time is up. */
        private void watch() {
            Thread logReader = new Thread(() -> {
                try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = err.readLine()) != null; ) {
                        log.debug("impact child: {}", LogText.quote(line));
                        synchronized (logTail) {
                            logTail.addLast(line);
                            if (logTail.size() > LOG_TAIL) logTail.removeFirst();
                        }
                    }
                } catch (IOException e) {
                    log.debug("impact child's log ended: {}", e.toString());
                }
            }, "rules-impact-child-log");
            logReader.setDaemon(true);
            logReader.start();
            Thread timer = new Thread(() -> {
                try {
                    if (!process.waitFor(limits.timeoutSeconds(), TimeUnit.SECONDS)) {
                        timedOut = true;
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rules-impact-child-timer");
            timer.setDaemon(true);
            timer.start();
        }

        Outcome impact(HistoryQueries history, Impact.Scope scope, ScopeFilter visible, Runnable compiled) throws IOException {
            JsonNode first = answer();
            if (first == null) return stopped(why());
            if (first.has("problems")) {
                return new Outcome(null, Json.mapper().convertValue(first.get("problems"), new TypeReference<List<RuleProblem>>() { }), null);
            }
            String version = first.path("compiled").asText();
            compiled.run();
            try {
                Impact.Result result = Impact.runEach(history.store(), history.rules().current(), version, scope, visible,
                        (audit, facts, added, report, exemptions) -> judge(audit.decisionId(), facts, added, report, exemptions));
                return new Outcome(result, List.of(), null);
            } catch (Impact.Stopped e) {
                return stopped(e.getMessage());
            }
        }

        private JsonNode judge(String id, JsonNode facts, String added, JsonNode report, List<Exemptions.Exemption> exemptions) throws Impact.Stopped {
            ObjectNode req = Json.mapper().createObjectNode();
            req.put("id", id);
            req.set("facts", facts);
            req.put("added", added);
            req.set("report", report);
            req.set("exemptions", Json.mapper().valueToTree(exemptions));
            JsonNode answer;
            try {
                requests.write(Json.mapper().writeValueAsString(req));
                requests.write('\n');
                requests.flush();
                answer = answer();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null) throw new Impact.Stopped(why());
            if (answer.has("error")) throw new IllegalStateException("the candidate could not judge the audit: " + answer.get("error").asText());
            return answer.get("report");
        }

        /** The child's next answer, or null when it has ended. */
        private JsonNode answer() throws IOException {
            String line;
            try {
                line = answers.readLine();
            } catch (IOException e) {
                return null;
            }
            return line == null ? null : Json.mapper().readTree(line);
        }

        /** Why the child ended before its work did, in Russian for the rule author. */
        private String why() {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (timedOut) {
                return "оценка влияния прервана: правила-кандидат работали дольше отведённого времени — "
                        + Plural.count(limits.timeoutSeconds(), "секунда", "секунды", "секунд") + " (компиляция, пробные проверки и повторная проверка сохранённых проверок вместе); действующие правила не тронуты";
            }
            int code = process.isAlive() ? -1 : process.exitValue();
            if (code == OUT_OF_MEMORY_EXIT) {
                return "оценка влияния прервана: правилам-кандидату не хватило отведённой памяти (" + limits.heapMb()
                        + " МиБ) — вероятно, правило накапливает данные без конца; действующие правила не тронуты";
            }
            List<String> tail;
            synchronized (logTail) { tail = List.copyOf(logTail); }
            String ref = UUID.randomUUID().toString();
            log.warn("Impact child ended with code {} ({}); its last log lines: {}", code, ref, LogText.quote(String.join(" | ", tail)));
            return "оценка влияния прервана: процесс, в котором проверялись правила-кандидат, завершился раньше времени; номер для обращения: " + ref;
        }

        private static Outcome stopped(String why) {
            return new Outcome(null, List.of(RuleProblem.inFile("правила-кандидат", why)), why);
        }

        @Override public void close() {
            try {
                requests.close();
            } catch (IOException e) {
                // the child has ended already
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The impact of rules already loaded, on the caller's thread (a one-off command: no other impact shares its store). */
    public Impact.Result run(Tokens.Principal who, RulesHolder candidate, Impact.Scope scope) {
        return Impact.run(history.store(), history.rules().current(), candidate.current(), scope, history.visibility().filter(who));
    }
}
