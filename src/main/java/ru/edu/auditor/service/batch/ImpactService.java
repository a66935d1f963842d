package ru.edu.auditor.service.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import ru.edu.auditor.engine.RuleSet;
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
 * a candidate given as a zip or a folder, compiled and run on a thread of its own, one impact at a time per server
 * (the slot is the stored audits' own, {@link HistoryQueries#impactSlot()}, so the API and the workspace share it),
 * never on the live rules' holder.
 */
public final class ImpactService {
    /** Largest accepted zip of a candidate rules folder, in bytes. */
    public static final long MAX_ZIP_BYTES = RulesFiles.ZipLimits.DEFAULT.maxZipBytes();

    private final HistoryQueries history;

    public ImpactService(HistoryQueries history) { this.history = history; }

    /** A candidate rule set, compiled when its impact runs: a zip's files or a folder on the server. */
    public static final class Candidate {
        private final RulesFiles files;
        private final Path dir;

        private Candidate(RulesFiles files, Path dir) {
            this.files = files;
            this.dir = dir;
        }

        RuleSet compile() throws RuleSet.InvalidRules, IOException { return files != null ? files.compile() : RuleSet.load(dir); }
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

    /** Either the impact or, when the candidate does not load, every problem of it (then {@code result} is null). */
    public record Outcome(Impact.Result result, List<RuleProblem> problems) {
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
        RuleSet rules;
        try {
            rules = candidate.compile();
        } catch (RuleSet.InvalidRules e) {
            return new Outcome(null, e.problems());
        }
        compiled.run();
        return new Outcome(Impact.run(history.store(), history.rules().current(), rules, scope, visible), List.of());
    }

    /** The impact of rules already loaded, on the caller's thread (a one-off command: no other impact shares its store). */
    public Impact.Result run(Tokens.Principal who, RulesHolder candidate, Impact.Scope scope) {
        return Impact.run(history.store(), history.rules().current(), candidate.current(), scope, history.visibility().filter(who));
    }
}
