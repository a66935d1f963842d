package ru.edu.auditor.engine;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.ruleapi.Verdicts;
import ru.edu.auditor.text.Plural;

/**
 * Runs one audit's rules within limits (issue 22, finding 1), so a rule that re-fires itself for ever, never returns
 * from one consequence or function, allocates without end or throws cannot hang a request, take the server's memory or
 * answer 500.
 *
 * <p>How: the session runs on a thread of its own, with a firing limit ({@code fireAllRules(filter, max)}: stops a
 * rule that keeps re-activating itself between firings). One watchdog thread looks at every running session each few
 * milliseconds: past its wall-clock budget or past its allocation budget (bytes the thread allocated, from
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) it halts the session and interrupts the thread, and
 * if the thread has not returned shortly after, stops it ({@link Thread#stop}, still working on Java 17: it raises
 * {@code ThreadDeath} inside the rule's code wherever it loops). Stopping is safe here because everything the thread
 * holds belongs to this one session, which is thrown away; the shared knowledge base had all its classes defined at
 * load ({@link WarmUp}), so no class-loading lock is held by rule code.
 *
 * <p>The rule that ran away (the one firing when the budget ran out, the one fired most when the firing limit was
 * reached, the one whose consequence threw) is named in a {@link RuleFailure}, left out, and the session run again
 * without it, so every other clause still gets its verdict; the report marks the clauses of that rule «ошибка
 * правил» with the Russian reason.
 */
public final class GuardedSession {
    private static final Logger log = LoggerFactory.getLogger(GuardedSession.class);

    /** A session's budget: rule firings, wall-clock time, bytes its thread may allocate. */
    public record Limits(int firings, Duration time, long allocatedBytes) {
        /**
         * What one audit may take. An audit of the shipped rules fires a few hundred rules, takes milliseconds and
         * allocates a few megabytes (see docs/performance.md); the budget leaves two orders of magnitude above that.
         */
        public static final Limits DEFAULT = new Limits(
                Integer.getInteger("auditor.rules.maxFirings", 100_000),
                Duration.ofMillis(Long.getLong("auditor.rules.maxMillis", 5_000)),
                Long.getLong("auditor.rules.maxAllocatedMiB", 256) << 20);
    }

    /**
     * A rule that failed: its decree and clause (from {@code @decree}/{@code @clause}), or its reading
     * ({@code @reading}), or neither for a helper rule (then every clause of {@code decree} if its file speaks for one
     * decree, else every clause). {@code reason} is Russian and names the rule.
     */
    public record RuleFailure(String rule, String file, String decree, String clause, String reading, String reason) { }

    /** The verdicts of the last (clean) run and the rules left out on the way. */
    public record Outcome(Verdicts verdicts, List<RuleFailure> failures) { }

    /** Runs at most this many times: each run leaves out the rules that failed in the one before. */
    private static final int RUNS = 4;
    /** After halting and interrupting, how long a thread has to return before it is stopped. */
    private static final long GRACE_MS = 200;
    /** How often the watchdog looks. */
    private static final long TICK_MS = 5;

    private static final Set<Run> running = ConcurrentHashMap.newKeySet();
    private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final AtomicInteger sessionThreads = new AtomicInteger();

    static {
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) threads.setThreadAllocatedMemoryEnabled(true);
        Thread watchdog = new Thread(GuardedSession::watch, "rules-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private GuardedSession() { }

    /**
     * Inserts the facts and fires the rules {@code fires} accepts, within {@code limits}. {@code facts} is asked once per
     * run: a run after a failure starts from facts no rule has touched.
     */
    public static Outcome fire(RuleSet rules, Supplier<List<Object>> facts, Predicate<Rule> fires, Limits limits) {
        Set<Rule> leftOut = new HashSet<>();
        List<RuleFailure> failures = new java.util.ArrayList<>();
        Verdicts out = null;
        for (int i = 0; i < RUNS; i++) {
            out = new Verdicts();
            Run run = new Run(rules, facts.get(), r -> !leftOut.contains(r) && fires.test(r), limits, out);
            Failed failed = run.go();
            if (failed == null) return new Outcome(out, List.copyOf(failures));
            failures.addAll(failuresOf(rules, failed));
            if (failed.rules().isEmpty() || !leftOut.addAll(failed.rules())) break; // no rule to leave out: the whole run failed
        }
        return new Outcome(new Verdicts(), List.copyOf(failures.isEmpty() ? List.of(new RuleFailure(null, null, null, null, null,
                "Правила не удалось выполнить в пределах ограничений.")) : failures));
    }

    /** Why a run failed and which rules it blames (empty: none could be named). */
    private record Failed(Set<Rule> rules, String reason) { }

    private static List<RuleFailure> failuresOf(RuleSet rules, Failed failed) {
        if (failed.rules().isEmpty()) return List.of(new RuleFailure(null, null, null, null, null, failed.reason().replace("Правило %s", "Одно из правил")));
        List<RuleFailure> out = new java.util.ArrayList<>();
        for (Rule r : failed.rules()) {
            String reason = failed.reason().replace("%s", "«" + r.getName() + "»");
            Object reading = r.getMetaData().get("reading");
            Object clause = r.getMetaData().get("clause");
            String decree = rules.decreeOf(r);
            if (decree == null && reading == null) decree = rules.decreeOfPackage(r.getPackageName());
            out.add(new RuleFailure(r.getName(), RuleSet.ruleFile(r), decree, clause == null ? null : Verdicts.unquote(clause),
                    reading == null ? null : Verdicts.unquote(reading), reason));
        }
        return out;
    }

    /** One session on its own thread, watched. */
    private static final class Run {
        private final RuleSet rules;
        private final List<Object> facts;
        private final Predicate<Rule> fires;
        private final Limits limits;
        private final Verdicts out;
        private final CountDownLatch done = new CountDownLatch(1);
        private final Map<Rule, Integer> firings = new HashMap<>(); // written by the session thread only, read after it ends
        private volatile Rule firing;
        private volatile KieSession session;
        private volatile Thread thread;
        private volatile long startNanos;
        private volatile long allocatedAtStart;
        /** Set by the watchdog: why the run was cut short (Russian, "%s" for the rule). */
        private volatile String cut;
        private volatile long cutAtNanos;
        private volatile boolean stopped;
        private volatile int fired;
        private volatile Throwable thrown;
        /** Set by the session thread as it ends (under this run's lock): from then on the watchdog leaves it alone. */
        private boolean finished;
        /** Whether the thread may run another session: its run was never cut, so it was neither interrupted nor stopped. */
        private volatile boolean reusable;

        Run(RuleSet rules, List<Object> facts, Predicate<Rule> fires, Limits limits, Verdicts out) {
            this.rules = rules; this.facts = facts; this.fires = fires; this.limits = limits; this.out = out;
        }

        Failed go() {
            Worker w = Worker.take();
            Thread t = w.thread;
            thread = t;
            startNanos = System.nanoTime();
            // before the watchdog sees this run: a kept thread's count already holds every earlier audit's allocations
            allocatedAtStart = threads.getThreadAllocatedBytes(t.getId());
            running.add(this);
            w.hand(this);
            try {
                // the watchdog ends the session well before this; past it the thread is given up (and logged)
                if (!done.await(limits.time().toMillis() + 10 * GRACE_MS, TimeUnit.MILLISECONDS)) {
                    log.error("Rules session thread {} did not end after it was stopped; given up", t.getName());
                    if (cut == null) cut = timeReason(limits);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cut = "Проверка прервана.";
            } finally {
                running.remove(this);
                // a cut run's session is its thread's no more (that thread ends): thrown away here; any other the worker keeps or disposes
                KieSession s = session;
                if (s != null && done.getCount() == 0 && !reusable) {
                    try { s.dispose(); } catch (RuntimeException ignored) { /* a stopped session may be half-way through anything */ }
                }
            }
            if (cut != null) {
                Rule r = firing;
                log.warn("Rules {}: {} ({} firings)", rules.version(), cut.replace("%s", r == null ? "?" : r.getName()), fired);
                return new Failed(r == null ? Set.of() : Set.of(r), cut);
            }
            if (thrown != null) return thrownFailure(thrown);
            if (fired >= limits.firings()) {
                Rule most = firings.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
                return new Failed(most == null ? Set.of() : Set.of(most), "Правило %s сработало " + Plural.count(limits.firings(), "раз", "раза", "раз") + " и не остановилось: правила зациклились "
                        + "(правило снова и снова меняет факты, на которые само откликается).");
            }
            return null;
        }

        private void session(Worker worker) {
            try {
                allocatedAtStart = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                KieSession s = worker.sessionFor(rules);
                session = s;
                s.setGlobal("out", out);
                for (Object f : facts) s.insert(f);
                fired = s.fireAllRules(match -> {
                    Rule r = match.getRule();
                    if (!fires.test(r)) return false;
                    firing = r;
                    firings.merge(r, 1, Integer::sum);
                    return true;
                }, limits.firings());
            } catch (Throwable e) { // ThreadDeath from the watchdog, an error of a rule's code, OutOfMemoryError alike
                if (cut == null) thrown = e;
            } finally {
                synchronized (this) { // the watchdog cuts only a run not finished yet, under the same lock
                    finished = true;
                    reusable = cut == null;
                }
            }
        }

        private Failed thrownFailure(Throwable e) {
            Set<Rule> blamed = new HashSet<>();
            if (e instanceof ConsequenceException ce && ce.getRule() != null) blamed.add(ce.getRule());
            else blamed.addAll(rulesNamedIn(e));
            if (blamed.isEmpty() && firing != null && !(e instanceof RuntimeException)) blamed.add(firing);
            Throwable cause = e instanceof ConsequenceException && e.getCause() != null ? e.getCause() : e;
            String id = java.util.UUID.randomUUID().toString();
            log.error("Rules {}: rule {} failed ({})", rules.version(), blamed.stream().map(Rule::getName).toList(), id, e);
            return new Failed(blamed, "Правило %s не выполнено: " + describe(cause) + " (номер для обращения: " + id + ").");
        }

        /** Rules whose names a Drools message quotes (an error in a constraint names the rules that hold it). */
        private Set<Rule> rulesNamedIn(Throwable e) {
            Set<Rule> named = new HashSet<>();
            StringBuilder text = new StringBuilder();
            for (Throwable t = e; t != null && text.length() < 10_000; t = t.getCause()) text.append(t.getMessage()).append('\n');
            for (var pkg : rules.kieBase().getKiePackages()) {
                for (Rule r : pkg.getRules()) if (text.indexOf("\"" + r.getName() + "\"") >= 0) named.add(r);
            }
            return named;
        }

        /** Called by the watchdog every tick. */
        synchronized void check(long now) {
            Thread t = thread;
            if (t == null || finished) return;
            if (cut == null) {
                String why = null;
                if (now - startNanos > limits.time().toNanos()) why = timeReason(limits);
                else if (threads.getThreadAllocatedBytes(t.getId()) - allocatedAtStart > limits.allocatedBytes()) {
                    why = "Правило %s заняло больше " + (limits.allocatedBytes() >> 20) + " МБ памяти и было остановлено.";
                }
                if (why == null) return;
                cut = why;
                cutAtNanos = now;
                KieSession s = session;
                if (s != null) s.halt();
                t.interrupt();
            } else if (!stopped && now - cutAtNanos > TimeUnit.MILLISECONDS.toNanos(GRACE_MS)) {
                stopped = true;
                stop(t);
            }
        }
    }

    /**
     * A session thread kept between audits: starting a thread per audit cost more CPU than the session itself (see
     * docs/performance.md). A worker takes one run at a time; after a run the watchdog cut (halted, interrupted, perhaps
     * stopped) it ends, so a thread a rule may have left in any state never runs another session — the next audit gets
     * a fresh one. At most {@link #MAX_IDLE} idle workers are kept, each for {@link #IDLE_SECONDS} at most; an audit
     * that finds none idle starts one, so audits never wait for each other here.
     */
    private static final class Worker {
        private static final int MAX_IDLE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private static final long IDLE_SECONDS = 60;
        private static final java.util.concurrent.ConcurrentLinkedDeque<Worker> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private static final AtomicInteger idleCount = new AtomicInteger();

        final Thread thread;
        /** The session this thread keeps between runs, and the knowledge base it is of (only this thread touches them). */
        private KieSession kept;
        private org.kie.api.KieBase keptFor;
        private final java.util.concurrent.BlockingQueue<Run> task = new java.util.concurrent.ArrayBlockingQueue<>(1);

        private Worker() {
            thread = new Thread(this::loop, "rules-session-" + sessionThreads.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }

        /** An idle worker (the one idle last: its caches are warmest), or a new one. */
        static Worker take() {
            Worker w = idle.pollFirst();
            if (w == null) return new Worker();
            idleCount.decrementAndGet();
            return w;
        }

        /**
         * This thread's session of {@code rules}: the one kept from its last run, emptied, or a new one. Reusing a session
         * (Drools' own session pools do the same: {@code reset}) keeps the node and segment memories it built; it cost a
         * sixth less CPU and allocation per audit than a new session each time (docs/performance.md).
         */
        KieSession sessionFor(RuleSet rules) {
            if (keptFor != rules.kieBase()) {
                drop();
                kept = rules.kieBase().newKieSession();
                keptFor = rules.kieBase();
            }
            return kept;
        }

        private void clear() {
            try {
                ((org.drools.kiesession.session.StatefulKnowledgeSessionImpl) kept).reset();
            } catch (RuntimeException e) {
                log.warn("Rules session could not be emptied for reuse ({}); a new one is started", e.toString());
                drop();
            }
        }

        private void drop() {
            KieSession s = kept;
            kept = null;
            keptFor = null;
            if (s != null) {
                try { s.dispose(); } catch (RuntimeException ignored) { /* failed in a run already: nothing more to free */ }
            }
        }

        void hand(Run run) {
            if (!task.offer(run)) throw new IllegalStateException("a rules session worker was handed two runs");
        }

        private void loop() {
            try {
                while (true) {
                    Run run = task.poll(IDLE_SECONDS, TimeUnit.SECONDS);
                    if (run == null) {
                        if (idle.remove(this)) { // idle too long; not removed means an audit has just taken it and hands it a run
                            idleCount.decrementAndGet();
                            drop();
                            return;
                        }
                        continue;
                    }
                    Thread.interrupted(); // nothing of an earlier run reaches this one
                    boolean keep = false;
                    try {
                        run.session(this);
                        keep = run.reusable && idleCount.incrementAndGet() <= MAX_IDLE;
                        if (run.reusable && !keep) idleCount.decrementAndGet();
                        // idle again before the audit goes on, so its next session finds this thread rather than starting one
                        if (keep) idle.addFirst(this);
                    } finally {
                        run.done.countDown();
                    }
                    if (!keep) return;
                    // after the audit has its verdicts: a session that ran to its end is emptied for the next one, any other dropped
                    if (run.thrown == null && run.fired < run.limits.firings()) clear();
                    else drop();
                }
            } catch (InterruptedException e) {
                // only a cut run's thread is interrupted, and that thread ends anyway
            }
        }
    }

    private static String timeReason(Limits limits) {
        long s = Math.max(1, limits.time().toSeconds());
        return "Правило %s не завершилось за " + Plural.count(s, "секунду", "секунды", "секунд")
                + " и было остановлено (вероятно, бесконечный цикл).";
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        try {
            t.stop(); // the one way to end code that never returns and ignores interrupts (Java 17; refused from Java 20)
        } catch (UnsupportedOperationException e) {
            log.error("Rules session thread {} cannot be stopped on this Java; it is left running", t.getName());
        }
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(TICK_MS);
                long now = System.nanoTime();
                for (Run r : running) r.check(now);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Rules watchdog: {}", e.toString());
            }
        }
    }

    /** A Russian description of what went wrong in a rule's code, without Java's names. */
    static String describe(Throwable e) {
        if (e instanceof NullPointerException) return "обращение к отсутствующему значению";
        if (e instanceof ArithmeticException) return "арифметическая ошибка (например, деление на ноль)";
        if (e instanceof NumberFormatException) return "неверная запись числа";
        if (e instanceof IndexOutOfBoundsException) return "обращение за пределы списка или строки";
        if (e instanceof ClassCastException) return "значение не того типа";
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) return "недопустимое значение";
        if (e instanceof StackOverflowError) return "слишком глубокая рекурсия";
        if (e instanceof OutOfMemoryError) return "не хватило памяти";
        if (e.getCause() != null && e.getCause() != e) return describe(e.getCause());
        return "ошибка выполнения";
    }
}
