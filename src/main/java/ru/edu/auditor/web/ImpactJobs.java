package ru.edu.auditor.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.batch.Impact;
import ru.edu.auditor.service.batch.ImpactService;

/**
 * Impact estimates started from the rules page: the candidate folder is compiled and its impact run by
 * {@link ImpactService} on a background thread of its own (never on the live rules' holder), one at a time; the page
 * polls the job until it is finished. The live rules are only read.
 */
final class ImpactJobs {
    private static final Logger log = LoggerFactory.getLogger(ImpactJobs.class);
    /** Finished estimates kept for their pages; older ones are forgotten. */
    static final int KEPT = 10;

    static final class Job implements OwnedJobs.Job {
        final String id = UUID.randomUUID().toString();
        final String owner;
        final String folder;
        final String municipality;
        final long startedAt = System.nanoTime();
        volatile String stage = "компилируются правила-кандидат";
        volatile boolean finished;
        volatile Impact.Result result;
        volatile List<RuleProblem> invalid;
        volatile String failure;

        Job(String owner, String folder, String municipality) {
            this.owner = owner;
            this.folder = folder;
            this.municipality = municipality;
        }

        @Override public String id() { return id; }

        @Override public String owner() { return owner; }

        long seconds() { return (System.nanoTime() - startedAt) / 1_000_000_000L; }
    }

    private final OwnedJobs<Job> jobs = new OwnedJobs<>(KEPT);
    OwnedJobs<Job> jobs() { return jobs; }

    /** Starts the impact of the candidate in {@code dir}; null when another estimate, here or through the API, is running (one at a time). */
    Job start(Path dir, String folder, String municipality, HistoryQueries history, Tokens.Principal who) {
        Job job = new Job(who.name(), folder, municipality);
        CompletableFuture<ImpactService.Outcome> run = new ImpactService(history).start(who, ImpactService.folder(dir),
                new Impact.Scope(LocalDate.now(), municipality, Impact.DEFAULT_LIST_LIMIT),
                () -> job.stage = "правила-кандидат проверяют сохранённые проверки").orElse(null);
        if (run == null) return null;
        jobs.add(job);
        // the service has given the slot back before this runs: whoever sees «finished» may start the next one
        run.whenComplete((out, e) -> {
            if (e != null) {
                String id = UUID.randomUUID().toString();
                log.error("Workspace impact {} failed ({})", job.id, id, e);
                job.failure = "Оценка не закончена из-за сбоя на стороне сервера; номер для обращения: " + id + ".";
            } else if (!out.ok()) {
                job.invalid = out.problems();
            } else {
                job.result = out.result();
                log.info("Workspace impact by {} of {}: {} organizations, {} change", who.name(), dir, job.result.organizations(),
                        job.result.changedOrganizations());
            }
            job.finished = true;
        });
        return job;
    }

    /**
     * The candidate folder named in the form, resolved as the API's named folder is: inside the folder that holds
     * the live rules directory, with a {@code decrees} subfolder, no link leading outside. Problems go to {@code errors}.
     */
    static Path candidateFolder(String liveRulesDir, String named, List<String> errors) throws IOException {
        Path root = Path.of(liveRulesDir).toAbsolutePath().normalize().getParent();
        if (named == null || named.isBlank()) {
            errors.add("укажите папку правил-кандидата на сервере");
            return null;
        }
        if (root == null) {
            errors.add("у папки действующих правил нет родительской папки, в которой искать кандидата");
            return null;
        }
        Path dir = root.resolve(named.strip()).toAbsolutePath().normalize();
        if (!dir.startsWith(root)) {
            errors.add("папка должна лежать внутри " + root + " (рядом с папкой действующих правил)");
            return null;
        }
        if (!Files.isDirectory(dir.resolve("decrees"))) {
            errors.add("нет папки правил «" + named.strip() + "» (с подпапкой decrees) внутри " + root);
            return null;
        }
        if (!dir.toRealPath().startsWith(root.toRealPath())) {
            errors.add("папка должна лежать внутри " + root + " (ссылки наружу не принимаются)");
            return null;
        }
        return dir;
    }

    /** The folder candidates are looked for in (shown on the form). */
    static String root(String liveRulesDir) {
        Path root = Path.of(liveRulesDir).toAbsolutePath().normalize().getParent();
        return root == null ? "—" : root.toString();
    }

    static List<String> problems(List<RuleProblem> problems) {
        List<String> out = new ArrayList<>();
        for (RuleProblem p : problems) out.add(p.file() + (p.line() > 0 ? ":" + p.line() : "") + " — " + p.message());
        return out;
    }
}
