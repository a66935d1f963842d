package ru.edu.auditor.service.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.service.Replays;
import ru.edu.auditor.store.ReplaySource;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.StoredAudit;

/**
 * The impact of a candidate rule set: the latest stored audit of every organization (or of one municipality) is
 * judged again by the candidate, on the same facts and the same history, and compared with what the live rules
 * answer for it (the stored report when it was made by the live version, else the live rules run again). Counts
 * per decree and clause every verdict transition (PASS→FAIL, …), and lists each organization whose verdicts
 * change with the old and new explanations. Audits are read from the store as a stream and judged on the batch
 * pipeline's shared workers, a bounded number in flight; the live rules are only read, never replaced.
 */
public final class Impact {
    private static final Logger log = LoggerFactory.getLogger(Impact.class);
    /** Organizations listed with their changes by default; the counts always cover all of them. */
    public static final int DEFAULT_LIST_LIMIT = 10_000;

    /** Audits in flight per worker. */
    private static final int IN_FLIGHT_PER_WORKER = 4;
    /** The verdict of a clause that is not judged (decree not applicable, clause absent). */
    public static final String NONE = "—";

    private Impact() { }

    /** Which stored audits: the latest on or before {@code asOf} of every organization, or of {@code municipality} only (may be null). */
    public record Scope(LocalDate asOf, String municipality, int listLimit) { }

    /** One clause of one organization that the candidate answers otherwise. */
    public record Change(String decree, String clause, String from, String to, String oldExplanation, String newExplanation) { }

    /** An organization whose verdicts change, with its old and new overall status. */
    public record Organization(String organizationKey, String name, String municipality, String decisionId, LocalDate asOf,
                               String oldStatus, String newStatus, List<Change> changes) { }

    /** Per clause: how many organizations went from one verdict to another ("PASS→FAIL" → n), and how many kept theirs. */
    public record ClauseImpact(String decree, String clause, Map<String, Long> transitions, long unchanged, long explanationOnly) { }

    /** The whole answer. */
    public record Result(String liveVersion, String candidateVersion, LocalDate asOf, String municipality, long organizations,
                         long changedOrganizations, long failed, long millis, List<ClauseImpact> clauses, List<Organization> changed,
                         boolean truncated, List<String> failures) { }

    /** Runs the candidate on the stored audits in {@code scope}; {@code live} is the rule set serving now. */
    public static Result run(AuditRepository store, RuleSet live, RuleSet candidate, Scope scope) {
        return run(store, live, candidate, scope, ru.edu.auditor.store.ScopeFilter.ALL);
    }

    /** The same over the organizations {@code visible} lets through only (a caller's scope, filtered in the store's read). */
    public static Result run(AuditRepository store, RuleSet live, RuleSet candidate, Scope scope, ru.edu.auditor.store.ScopeFilter visible) {
        long t0 = System.nanoTime();
        Set<String> keys = scope.municipality() == null ? null : OrganizationKey.municipalityKeys(scope.municipality(), live.catalog());
        ExecutorService workers = BatchPipeline.sharedWorkers();
        Semaphore inFlight = new Semaphore(IN_FLIGHT_PER_WORKER * BatchPipeline.workerCount());
        Tally tally = new Tally(scope.listLimit());
        // the exemptions each stored audit applied are applied again to both sides, so they show no change of their own
        ru.edu.auditor.store.ExemptionRepository exemptions = store.exemptions();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        long read = store.replaySource().latestAudits(keys, scope.asOf(), visible, row -> {
            inFlight.acquireUninterruptibly();
            CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
                try {
                    tally.add(judge(row, live, candidate, exemptions));
                } catch (RuntimeException e) {
                    tally.failed(row.audit(), e);
                } finally {
                    inFlight.release();
                }
            }, workers);
            synchronized (pending) {
                pending.removeIf(CompletableFuture::isDone);
                pending.add(f);
            }
        });
        CompletableFuture<?>[] rest;
        synchronized (pending) { rest = pending.toArray(CompletableFuture[]::new); }
        CompletableFuture.allOf(rest).join();
        return tally.result(live.version(), candidate.version(), scope, read, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * How a candidate judges one stored audit again, outside this JVM (see {@link ImpactService}): the candidate's
     * report as JSON; a {@link RuntimeException} counts the audit as failed; {@link Stopped} ends the whole impact.
     */
    @FunctionalInterface
    interface Candidate {
        JsonNode judge(StoredAudit audit, JsonNode facts, String historyAdded, JsonNode storedReport,
                       List<ru.edu.auditor.report.Exemptions.Exemption> exemptions) throws Stopped;
    }

    /** The candidate's run was ended (a limit exceeded, the child process gone); the message says why, in Russian. */
    static final class Stopped extends Exception {
        Stopped(String message) { super(message); }
    }

    /**
     * Runs a candidate that judges elsewhere ({@code candidate}, one audit at a time) on the stored audits in
     * {@code scope}; the live side is judged here, with {@code live}. Ends with {@link Stopped} as soon as the candidate
     * stops.
     */
    static Result runEach(AuditRepository store, RuleSet live, String candidateVersion, Scope scope, ru.edu.auditor.store.ScopeFilter visible,
                          Candidate candidate) throws Stopped {
        long t0 = System.nanoTime();
        Set<String> keys = scope.municipality() == null ? null : OrganizationKey.municipalityKeys(scope.municipality(), live.catalog());
        Tally tally = new Tally(scope.listLimit());
        ru.edu.auditor.store.ExemptionRepository exemptions = store.exemptions();
        long read;
        try {
            read = store.replaySource().latestAudits(keys, scope.asOf(), visible, row -> judgeEach(row, live, candidate, exemptions, tally));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof StopSignal signal) throw signal.stopped;
            throw e;
        }
        return tally.result(live.version(), candidateVersion, scope, read, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Carries {@link Stopped} out of the store's row stream, which ends the read. */
    private static final class StopSignal extends RuntimeException {
        final Stopped stopped;

        StopSignal(Stopped stopped) {
            super(stopped.getMessage(), null, false, false);
            this.stopped = stopped;
        }
    }

    private static void judgeEach(ReplaySource.Replayable row, RuleSet live, Candidate candidate, ru.edu.auditor.store.ExemptionRepository exemptions,
                                  Tally tally) {
            StoredAudit a = row.audit();
            try {
                JsonNode doc = Json.mapper().readTree(a.facts());
                JsonNode stored = Json.mapper().readTree(a.report());
                JsonNode after = candidate.judge(a, doc, row.historyAdded(), stored, Replays.exemptionsApplied(stored, exemptions));
                JsonNode before = a.rulesVersion().equals(live.version()) ? stored
                        : Json.mapper().valueToTree(Replays.audit(doc, row.historyAdded(), stored, live, a.decisionId(), exemptions));
                tally.add(new Judged(a, before, after));
            } catch (Stopped e) {
                throw new StopSignal(e);
            } catch (IOException e) {
                tally.failed(a, new IllegalStateException("stored documents unreadable", e));
            } catch (RuntimeException e) {
                tally.failed(a, e);
            }
    }

    /** The old and new verdicts of one stored audit. */
    private record Judged(StoredAudit audit, JsonNode before, JsonNode after) { }

    private static Judged judge(ReplaySource.Replayable row, RuleSet live, RuleSet candidate, ru.edu.auditor.store.ExemptionRepository exemptions) {
        StoredAudit a = row.audit();
        JsonNode doc;
        JsonNode stored;
        try {
            doc = Json.mapper().readTree(a.facts());
            stored = Json.mapper().readTree(a.report());
        } catch (IOException e) {
            throw new IllegalStateException("stored documents unreadable", e);
        }
        JsonNode before = a.rulesVersion().equals(live.version()) ? stored
                : Json.mapper().valueToTree(Replays.audit(doc, row.historyAdded(), stored, live, a.decisionId(), exemptions));
        JsonNode after = Json.mapper().valueToTree(Replays.audit(doc.deepCopy(), row.historyAdded(), stored, candidate, a.decisionId(), exemptions));
        return new Judged(a, before, after);
    }

    /** Verdict and explanation of each clause of a report: "decree|clause" → node. */
    private static Map<String, JsonNode> clauses(JsonNode report) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode d : report.path("decrees")) {
            for (JsonNode c : d.path("clauses")) out.put(d.path("id").asText() + "|" + c.path("clause").asText(), c);
        }
        return out;
    }

    /** The counts and the list, added to from every worker. */
    private static final class Tally {
        private final int limit;
        private final Map<String, Map<String, Long>> transitions = new TreeMap<>();
        private final Map<String, Long> unchanged = new TreeMap<>();
        private final Map<String, Long> explanationOnly = new TreeMap<>();
        private final List<Organization> changed = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private final AtomicLong failed = new AtomicLong();
        private long changedCount;

        Tally(int limit) { this.limit = limit; }

        synchronized void add(Judged j) {
            Map<String, JsonNode> before = clauses(j.before());
            Map<String, JsonNode> after = clauses(j.after());
            Map<String, JsonNode> all = new LinkedHashMap<>(before);
            after.forEach(all::putIfAbsent);
            List<Change> changes = new ArrayList<>();
            for (String key : all.keySet()) {
                JsonNode b = before.get(key);
                JsonNode a = after.get(key);
                String from = b == null ? NONE : b.path("status").asText();
                String to = a == null ? NONE : a.path("status").asText();
                unchanged.putIfAbsent(key, 0L);
                explanationOnly.putIfAbsent(key, 0L);
                if (from.equals(to)) {
                    unchanged.merge(key, 1L, Long::sum);
                    if (b != null && a != null && !b.path("explanation").equals(a.path("explanation"))) explanationOnly.merge(key, 1L, Long::sum);
                    continue;
                }
                transitions.computeIfAbsent(key, k -> new TreeMap<>()).merge(from + "→" + to, 1L, Long::sum);
                String[] dc = key.split("\\|", 2);
                changes.add(new Change(dc[0], dc[1], from, to, b == null ? null : b.path("explanation").asText(null),
                        a == null ? null : a.path("explanation").asText(null)));
            }
            if (changes.isEmpty()) return;
            changedCount++;
            if (changed.size() < limit) {
                StoredAudit s = j.audit();
                changed.add(new Organization(s.organizationKey(), s.organizationName(), s.municipality(), s.decisionId(), s.asOf(),
                        j.before().path("status").asText(), j.after().path("status").asText(), changes));
            }
        }

        synchronized void failed(StoredAudit a, RuntimeException e) {
            failed.incrementAndGet();
            String id = UUID.randomUUID().toString();
            log.error("Impact: audit {} could not be judged again ({})", a.decisionId(), id, e);
            if (failures.size() < 20) failures.add("проверка " + a.decisionId() + " (" + a.organizationName() + ") не проверена заново; номер для обращения: " + id);
        }

        synchronized Result result(String live, String candidate, Scope scope, long read, long millis) {
            List<ClauseImpact> clauses = new ArrayList<>();
            for (String key : unchanged.keySet()) {
                String[] dc = key.split("\\|", 2);
                clauses.add(new ClauseImpact(dc[0], dc[1], transitions.getOrDefault(key, Map.of()), unchanged.get(key), explanationOnly.get(key)));
            }
            changed.sort(Comparator.comparing(Organization::name, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Organization::organizationKey));
            return new Result(live, candidate, scope.asOf(), scope.municipality(), read, changedCount, failed.get(), millis, clauses,
                    List.copyOf(changed), changedCount > changed.size(), List.copyOf(failures));
        }
    }
}
