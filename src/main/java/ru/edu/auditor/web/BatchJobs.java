package ru.edu.auditor.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.batch.BatchAudits;
import ru.edu.auditor.service.batch.BatchPipeline;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.WorkbookRejected;

/**
 * Batches uploaded in the workspace: the file runs through the same streaming batch as
 * {@code POST /api/v1/audits/batch} on a background thread, and its progress (lines done of the total, errors
 * so far, every bad line with its field errors) is read by the page while it runs.
 */
final class BatchJobs {
    private static final Logger log = LoggerFactory.getLogger(BatchJobs.class);
    /** Finished jobs kept for their pages; older ones are forgotten. */
    static final int KEPT = 50;
    /** Bad lines kept for the summary page (their count is always exact). */
    static final int BAD_LINES_SHOWN = 500;

    record BadLine(long line, List<FieldProblem> errors) { }

    static final class Job implements OwnedJobs.Job {
        final String id = UUID.randomUUID().toString();
        final String owner;
        final String fileName;
        volatile long total = -1;
        final AtomicLong done = new AtomicLong();
        final AtomicLong audited = new AtomicLong();
        final AtomicLong bad = new AtomicLong();
        final List<BadLine> badLines = new ArrayList<>();
        final Map<String, Integer> municipalities = new LinkedHashMap<>();
        volatile LocalDate latestAsOf;
        volatile boolean finished;
        volatile String failure;

        Job(String owner, String fileName) {
            this.owner = owner;
            this.fileName = fileName;
        }

        @Override public String id() { return id; }

        @Override public String owner() { return owner; }

        synchronized List<BadLine> badLines() { return List.copyOf(badLines); }

        /** The municipality most of the audited organizations belong to (for the link to the district view). */
        synchronized String municipality() {
            return municipalities.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }

        synchronized void audited(AuditReport r) {
            done.incrementAndGet();
            audited.incrementAndGet();
            String m = r.organization() == null ? null : r.organization().getMunicipality();
            if (m != null) municipalities.merge(m, 1, Integer::sum);
            if (r.asOf() != null && (latestAsOf == null || r.asOf().isAfter(latestAsOf))) latestAsOf = r.asOf();
        }

        synchronized void bad(long line, List<FieldProblem> errors) {
            done.incrementAndGet();
            bad.incrementAndGet();
            if (badLines.size() < BAD_LINES_SHOWN) badLines.add(new BadLine(line, errors));
        }

        int percent() {
            long t = total;
            if (finished) return 100;
            return t <= 0 ? 0 : (int) Math.min(100, done.get() * 100 / t);
        }
    }

    private final OwnedJobs<Job> jobs = new OwnedJobs<>(KEPT);
    private final ExecutorService runner = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "workspace-batch");
        t.setDaemon(true);
        return t;
    });

    OwnedJobs<Job> jobs() { return jobs; }

    /** Starts auditing {@code file} (deleted when done): NDJSON, or an .xlsx workbook when {@code workbook}. */
    Job start(Path file, boolean workbook, String fileName, AuditService service, Tokens.Principal who) {
        String by = who.name();
        Job job = new Job(by, fileName);
        jobs.add(job);
        runner.submit(() -> {
            try {
                run(job, file, workbook, service, who);
            } catch (WorkbookRejected e) {
                job.failure = e.title() + ": " + e.detail();
            } catch (Exception e) {
                String id = UUID.randomUUID().toString();
                log.error("Workspace batch {} failed ({})", job.id, id, e);
                job.failure = "Пакет не обработан до конца из-за сбоя на стороне сервера; номер для обращения: " + id + ".";
            } finally {
                job.finished = true;
                try { Files.deleteIfExists(file); } catch (IOException ignored) { /* a temporary file */ }
            }
        });
        return job;
    }

    private static void run(Job job, Path file, boolean workbook, AuditService service, Tokens.Principal who) throws Exception {
        String by = who.name();
        OutputStream sink = OutputStream.nullOutputStream();
        if (workbook) {
            SheetIntake intake = new SheetIntake();
            try (SheetIntake.Prepared prepared = intake.prepare(file)) {
                job.total = prepared.organizations();
                BatchPipeline.Summary s = intake.auditBatch(prepared, sink, service, who, format(job));
                log.info("Workspace workbook batch by {}: {} organizations, {} audited", by, s.lines(), s.audited());
            }
        } else {
            job.total = countLines(file);
            try (InputStream in = Files.newInputStream(file)) {
                BatchPipeline.Summary s = BatchAudits.run(in, sink, service, who, format(job));
                log.info("Workspace batch by {}: {} lines, {} audited, {} invalid", by, s.lines(), s.audited(), s.invalid());
                if (s.aborted() != null) job.failure = "Файл прочитан не до конца: " + s.aborted();
            }
        }
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) if (!line.isBlank()) n++;
        } catch (MalformedInputException e) {
            return -1; // the batch itself reports the bad lines
        }
        return n;
    }

    /** Records progress instead of writing records. */
    private static BatchAudits.Format format(Job job) {
        return new BatchAudits.Format() {
            @Override public byte[] header() { return new byte[0]; }

            @Override public byte[] audited(long lineNo, AuditService.Outcome o) {
                job.audited(o.report());
                return new byte[0];
            }

            @Override public byte[] invalid(long lineNo, List<FieldProblem> problems) {
                job.bad(lineNo, problems);
                return new byte[0];
            }

            @Override public byte[] failure(long lineNo, Throwable cause) {
                String id = UUID.randomUUID().toString();
                log.error("Workspace batch line {} failed ({})", lineNo, id, cause);
                job.bad(lineNo, List.of(new FieldProblem("$", "строка не проверена из-за сбоя на стороне сервера; номер для обращения: " + id, "internal")));
                return new byte[0];
            }

            @Override public byte[] summary(BatchPipeline.Summary s) { return new byte[0]; }
        };
    }
}
