package ru.edu.auditor.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.formats.sheets.WorkbookRejected;

/** A batch uploaded in the workspace (NDJSON or a district workbook): the upload form and the job's progress and summary. */
final class BatchPages {
    /** Largest upload (a workbook or an NDJSON batch) the workspace takes: 64 MiB. */
    static final long MAX_UPLOAD_BYTES = 64L << 20;

    record UploadForm(String error) implements Pages.View { }

    record BadLine(long line, List<String> errors) { }

    record JobView(BatchJobs.Job job, String id, String fileName, boolean finished, long done, long total, int percent, long audited, long bad,
                   String progressText, String failure, List<BadLine> badLines, String districtLink, String municipality) implements Pages.View { }

    private final Pages pages;
    private final AuditService audits;
    private final BatchJobs batches = new BatchJobs();

    BatchPages(Pages pages, AuditService audits) {
        this.pages = pages;
        this.audits = audits;
    }

    void register(JavalinConfig config) {
        config.routes.get("/batch", pages.page((ctx, s) -> pages.render(ctx, s, 200, "batch", "batch", new UploadForm(null))), PageGuard.AUDITOR);
        config.routes.post("/batch", pages.page(this::start), PageGuard.AUDITOR);
        config.routes.get("/batch/{id}", pages.page((ctx, s) -> job(ctx, s, "batch-job")), PageGuard.AUDITOR);
        config.routes.get("/batch/{id}/progress", pages.page((ctx, s) -> job(ctx, s, "batch-progress")), PageGuard.AUDITOR);
    }

    private void start(Context ctx, Sessions.Session s) throws IOException {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            pages.render(ctx, s, 400, "batch", "batch",
                    new UploadForm("Выберите файл: NDJSON (одна строка — сведения об одной организации) или книгу Excel с формой района."));
            return;
        }
        String name = file.filename() == null ? "" : file.filename();
        boolean workbook = name.toLowerCase(Locale.ROOT).endsWith(".xlsx") || SheetIntake.isXlsx(file.contentType());
        Path tmp;
        try (InputStream in = file.content()) {
            if (workbook) {
                try {
                    tmp = SheetIntake.spool(in);
                } catch (WorkbookRejected e) {
                    pages.render(ctx, s, Views.status(e.reason()), "batch", "batch", new UploadForm(e.title() + ": " + e.detail()));
                    return;
                }
            } else {
                tmp = Files.createTempFile("workspace-batch-", ".ndjson");
                long n = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (n > MAX_UPLOAD_BYTES) {
                    Files.deleteIfExists(tmp);
                    pages.render(ctx, s, 413, "batch", "batch",
                            new UploadForm("Файл больше 64 МиБ. Разделите его на части или отправьте через API (POST /api/v1/audits/batch)."));
                    return;
                }
            }
        }
        BatchJobs.Job job = batches.start(tmp, workbook, name, audits, s.who());
        Pages.seeOther(ctx, "/batch/" + job.id);
    }

    private void job(Context ctx, Sessions.Session s, String template) throws IOException {
        BatchJobs.Job job = pages.ownedJob(ctx, s, batches.jobs(), "Нет такого пакета (или он загружен другим пользователем).");
        if (job == null) return;
        long total = job.total;
        boolean finished = job.finished;
        long done = job.done.get();
        String progress = (total < 0 ? Ru.lines(done) + " проверено" : "Проверено " + done + " из " + Ru.lines(total))
                + ", " + Ru.errors(job.bad.get()) + (finished ? "" : " на данный момент");
        List<BadLine> badLines = List.of();
        String districtLink = null;
        String municipality = null;
        if (finished) {
            badLines = job.badLines().stream().map(b -> new BadLine(b.line(), b.errors().stream()
                    .map(p -> (p.cell() != null ? p.cell() + " " : "") + (p.path() == null ? "" : p.path()) + ": " + p.message()).toList())).toList();
            municipality = job.municipality();
            if (municipality != null) {
                districtLink = "/district?municipality=" + URLEncoder.encode(municipality, StandardCharsets.UTF_8)
                        + "&asOf=" + (job.latestAsOf == null ? LocalDate.now() : job.latestAsOf);
            }
        }
        pages.render(ctx, s, 200, template, "batch", new JobView(job, job.id, job.fileName, finished, done, total < 0 ? (finished ? done : 0) : total,
                job.percent(), job.audited.get(), job.bad.get(), progress, job.failure, badLines, districtLink, municipality));
    }
}
