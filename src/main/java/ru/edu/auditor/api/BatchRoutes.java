package ru.edu.auditor.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import ru.edu.auditor.report.JournaledBatch;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.batch.BatchResults;

/**
 * What became of a streamed batch, fetched afterwards by the batch id its first line gave (docs/batch.md): the
 * totals ({@code GET /api/v1/audits/batch/{id}}) and, streamed, every line's decision id or errors
 * ({@code GET /api/v1/audits/batch/{id}/lines}). For the auditor role, as the batch itself.
 */
final class BatchRoutes {
    private BatchRoutes() { }

    static void register(JavalinConfig config, Tokens tokens, BatchResults journal) {
        config.routes.get("/api/v1/audits/batch/{batchId}", ctx -> summary(ctx, journal), ApiGuard.AUDITOR);
        config.routes.get("/api/v1/audits/batch/{batchId}/lines", ctx -> lines(ctx, journal), ApiGuard.AUDITOR);
    }

    /** Default of {@link #stallSeconds()}. */
    static final long DEFAULT_STALL_SECONDS = 120;

    /**
     * How long a batch's connection may go without progress — not one byte of the answer accepted by the client, not
     * one byte of the input received — before the server closes it: {@code auditor.batch.stallSeconds} (default
     * {@value #DEFAULT_STALL_SECONDS}). Never a limit on the batch's wall time: a client that keeps reading, however
     * slowly, keeps its batch.
     */
    static long stallSeconds() { return Long.getLong("auditor.batch.stallSeconds", DEFAULT_STALL_SECONDS); }

    /**
     * Runs {@code batch} with the connection judged by progress for {@link #stallSeconds()}: Jetty's idle timeout of the
     * connection (reset whenever the client's system accepts a byte of the answer or sends one of the input) is set to
     * it for the batch and given back afterwards. The connection's usual idle timeout (30 s) is too short for a slow
     * reader: the server sees the client read only when its system reopens its receive window, which on a reader of a
     * few kilobytes a second can take longer than that.
     */
    static void judgedByProgress(Context ctx, IoAction batch) throws IOException {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        EndPoint endPoint = request == null ? null : request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint == null) {
            batch.run();
            return;
        }
        long usual = endPoint.getIdleTimeout();
        endPoint.setIdleTimeout(stallSeconds() * 1000);
        try {
            batch.run();
        } finally {
            endPoint.setIdleTimeout(usual);
        }
    }

    /** A step that may fail with {@link IOException}. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    /** The first line of a journaled batch's answer. */
    static Map<String, String> header(String batchId) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", batchId);
        m.put("summary", "/api/v1/audits/batch/" + batchId);
        m.put("lines", "/api/v1/audits/batch/" + batchId + "/lines");
        return m;
    }

    private static JournaledBatch find(Context ctx, BatchResults journal) {
        String id = ctx.pathParam("batchId");
        JournaledBatch b = journal.find(ApiServer.caller(ctx), id).orElse(null);
        if (b == null) {
            String detail = "Нет пакетной проверки с номером «" + id + "». Номер даёт первая строка ответа POST /api/v1/audits/batch.";
            ApiServer.problem(ctx, new Problem("about:blank", "Пакетная проверка не найдена", 404, detail,
                    List.of(new FieldProblem("batchId", detail, "not-found"))));
        }
        return b;
    }

    private static void summary(Context ctx, BatchResults journal) throws IOException {
        JournaledBatch b = find(ctx, journal);
        if (b == null) return;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.batchId());
        m.put("submittedBy", b.submittedBy());
        m.put("startedAt", b.startedAt());
        m.put("finished", b.finishedAt() != null);
        m.put("finishedAt", b.finishedAt());
        m.put("lines", b.lines());
        m.put("blank", b.blank());
        m.put("audited", b.audited());
        m.put("invalid", b.invalid());
        m.put("failed", b.failed());
        m.put("stored", b.stored());
        if (b.aborted() != null) m.put("aborted", b.aborted());
        m.put("linesUrl", "/api/v1/audits/batch/" + b.batchId() + "/lines");
        ApiServer.json(ctx, 200, m);
    }

    /** NDJSON, one record per journaled line in line order, written as read from the store. */
    private static void lines(Context ctx, BatchResults journal) throws IOException {
        JournaledBatch b = find(ctx, journal);
        if (b == null) return;
        OutputStream out = ApiServer.startNdjson(ctx);
        try {
            journal.lines(ApiServer.caller(ctx), b.batchId(), l -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", l.line());
                m.put("status", l.status());
                if (l.decisionId() != null) m.put("decisionId", l.decisionId());
                try {
                    if (l.errorsJson() != null) m.put("errors", Json.mapper().readTree(l.errorsJson()));
                    out.write(Json.mapper().writeValueAsBytes(m));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (UncheckedIOException e) {
            // the client has gone; nothing more can be sent
        }
    }
}
