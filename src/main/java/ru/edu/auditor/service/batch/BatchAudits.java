package ru.edu.auditor.service.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.JsonErrors;
import ru.edu.auditor.facts.JsonInput;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.report.AuditReport;
import ru.edu.auditor.report.ClauseResult;
import ru.edu.auditor.report.DecreeReport;
import ru.edu.auditor.report.Csv;
import ru.edu.auditor.report.Labels;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.store.StoreUnavailableException;

/**
 * Batch audits: every line of an NDJSON stream is one facts document, audited through {@link AuditService}
 * exactly like a single audit, and answered by one record in the chosen {@link Format}. Shared by
 * {@code POST /api/v1/audits/batch} and the {@code audit-batch} command.
 */
public final class BatchAudits {
    private static final Logger log = LoggerFactory.getLogger(BatchAudits.class);
    /** Strict about a line holding exactly one JSON value: "{} {}" is a malformed line, not the first object. */

    /** Lines in flight per worker when audits are stored: up to this many audits of a worker share a commit. */
    static final int STORED_LINES_PER_WORKER = 16;

    private BatchAudits() { }

    /** How much of each report an NDJSON record carries. */
    public enum Detail {
        /** Decision id, organization, overall status, verdict counts and every clause's verdict, per decree. */
        compact,
        /** The same header and the whole report, as POST /api/v1/audits answers it. */
        full
    }

    /** How records are written: the header of the stream, one record per line, the closing summary. */
    public interface Format extends BatchPipeline.Framing {
        byte[] header();

        byte[] audited(long lineNo, AuditService.Outcome outcome);

        byte[] invalid(long lineNo, List<FieldProblem> problems);
    }

    /** Audits {@code in} to {@code out} on the shared worker pool as {@code who} (a line outside its scope is refused). */
    public static BatchPipeline.Summary run(InputStream in, OutputStream out, AuditService service, Tokens.Principal who, Format format)
            throws IOException {
        return run(in, out, service, who, format, null);
    }

    /** The same, telling {@code listener} (may be null; the batch journal) what became of each line. */
    public static BatchPipeline.Summary run(InputStream in, OutputStream out, AuditService service, Tokens.Principal who, Format format,
                                            BatchPipeline.Listener listener) throws IOException {
        // with a store, a line's record waits for its audit's group commit: a wider window keeps the workers busy meanwhile
        BatchPipeline pipeline = BatchPipeline.onSharedWorkers(service.stores() ? STORED_LINES_PER_WORKER : 4);
        out.write(format.header());
        return pipeline.run(in, out, work(service, who, format, BatchPipeline.DEFAULT_MAX_LINE_BYTES), format, listener);
    }

    /** The work for one line: parse, audit through the service, format. Never throws for bad input. */
    public static BatchPipeline.LineWork work(AuditService service, Tokens.Principal who, Format format, int maxLineBytes) {
        return (lineNo, bytes, tooLong) -> {
            if (tooLong) {
                return invalid(format, lineNo, List.of(new FieldProblem("$", "строка длиннее " + maxLineBytes
                        + " байт: не прочитана (одна строка — сведения об одной организации, не больше 1 МиБ)", "line-too-long")));
            }
            JsonNode doc;
            try {
                doc = JsonInput.read(bytes);
            } catch (JsonInput.Refused e) {
                return invalid(format, lineNo, e.getLocation() == null
                        ? e.problems().stream().map(p -> new FieldProblem(p.path(), p.reason(), "malformed-json")).toList()
                        : List.of(new FieldProblem(e.problems().get(0).path(), "строка не разбирается как JSON: " + JsonErrors.describe(e, false),
                        "malformed-json")));
            } catch (JsonProcessingException e) {
                return invalid(format, lineNo, List.of(new FieldProblem("$", "строка не разбирается как JSON: " + JsonErrors.describe(e, false),
                        "malformed-json")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AuditService.Pending pending = service.auditAndStore(doc, who);
            AuditService.Outcome outcome = pending.outcome();
            if (!outcome.ok()) return invalid(format, lineNo, outcome.problems());
            // the record is written once the audit is committed (a group commit over the window's lines)
            return new BatchPipeline.Done(format.audited(lineNo, outcome), BatchPipeline.Kind.AUDITED, outcome.stored(), pending.committed());
        };
    }


    private static BatchPipeline.Done invalid(Format format, long lineNo, List<FieldProblem> problems) {
        return new BatchPipeline.Done(format.invalid(lineNo, problems), BatchPipeline.Kind.INVALID, false);
    }

    /** The record for a line the auditor itself failed on: logged with an id, no internals in the output. */
    static List<FieldProblem> failure(long lineNo, Throwable cause) {
        if (cause instanceof StoreUnavailableException) {
            return List.of(new FieldProblem("$", "хранилище проверок недоступно: строка не проверена и не сохранена, отправьте её ещё раз", "store-unavailable"));
        }
        String id = UUID.randomUUID().toString();
        log.error("Batch line {} failed ({})", lineNo, id, cause);
        return List.of(new FieldProblem("$", "внутренняя ошибка при проверке строки; номер для обращения: " + id, "internal"));
    }

    /** NDJSON: one JSON object per line, the summary object last. */
    public static Format ndjson(Detail detail) {
        return new Format() {
            @Override public byte[] header() { return new byte[0]; }

            @Override public byte[] audited(long lineNo, AuditService.Outcome o) {
                AuditReport r = o.report();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", lineNo);
                m.put("status", "audited");
                m.put("decisionId", r.decisionId());
                m.put("organization", r.organization());
                m.put("asOf", r.asOf());
                m.put("overallStatus", r.status());
                m.put("rulesVersion", r.rulesVersion());
                m.put("stored", o.stored());
                if (detail == Detail.full) {
                    m.put("report", r);
                } else {
                    m.put("summary", r.summary());
                    m.put("decrees", compactDecrees(r));
                    if (!r.errors().isEmpty()) m.put("errors", r.errors());
                }
                return line(m);
            }

            @Override public byte[] invalid(long lineNo, List<FieldProblem> problems) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", lineNo);
                m.put("status", "invalid");
                m.put("errors", problems);
                return line(m);
            }

            @Override public byte[] failure(long lineNo, Throwable cause) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", lineNo);
                m.put("status", "error");
                m.put("errors", BatchAudits.failure(lineNo, cause));
                return line(m);
            }

            @Override public byte[] summary(BatchPipeline.Summary s) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lines", s.lines());
                m.put("blank", s.blank());
                m.put("audited", s.audited());
                m.put("invalid", s.invalid());
                m.put("failed", s.failed());
                m.put("stored", s.stored());
                if (s.aborted() != null) m.put("aborted", "входной поток оборвался: " + s.aborted());
                return line(Map.of("summary", m));
            }
        };
    }

    /** Per decree: id, status, and (when it applies) every clause's verdict in printed order. */
    static List<Map<String, Object>> compactDecrees(AuditReport r) {
        List<Map<String, Object>> out = new ArrayList<>(r.decrees().size());
        for (DecreeReport d : r.decrees()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("status", d.status());
            if (d.clauses() != null) {
                Map<String, Verdict> clauses = new LinkedHashMap<>();
                for (ClauseResult c : d.clauses()) clauses.put(c.clause(), c.status());
                m.put("clauses", clauses);
            }
            out.add(m);
        }
        return out;
    }

    private static byte[] line(Object value) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(value);
            byte[] withNewline = Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a batch record", e);
        }
    }

    /**
     * CSV for a spreadsheet (Excel with Russian settings opens it as is), written by the product's one CSV writer
     * ({@link Csv}): UTF-8 with a byte-order mark, {@code ;} between fields, CRLF line ends, the date ДД.ММ.ГГГГ,
     * the organization id kept as text; one row per non-blank line, no summary row.
     */
    public static Format csv() {
        return new Format() {
            @Override public byte[] header() {
                List<Object> cols = new ArrayList<>(List.of("строка", "организация", "id", "муниципальное образование", "дата проверки", "итог"));
                for (Verdict v : Verdict.values()) cols.add(Labels.verdict(v.name())); // Russian headers, as in every CSV an auditor opens
                cols.add("ошибки в сведениях");
                byte[] bom = Csv.bom();
                byte[] row = Csv.line(cols);
                byte[] all = Arrays.copyOf(bom, bom.length + row.length);
                System.arraycopy(row, 0, all, bom.length, row.length);
                return all;
            }

            @Override public byte[] audited(long lineNo, AuditService.Outcome o) {
                AuditReport r = o.report();
                Organization org = r.organization();
                List<Object> cols = new ArrayList<>(List.of(lineNo, nz(org.getName()), Csv.text(nz(org.getId())),
                        nz(org.getMunicipality()), Csv.date(r.asOf()), Labels.status(r.status())));
                for (Verdict v : Verdict.values()) cols.add(r.summary().getOrDefault(v.name(), 0));
                cols.add(r.errors().isEmpty() ? "" : String.join(" | ", r.errors()));
                return Csv.line(cols);
            }

            @Override public byte[] invalid(long lineNo, List<FieldProblem> problems) {
                List<Object> cols = new ArrayList<>(List.of(lineNo, "", "", "", "", "сведения с ошибками"));
                for (int i = 0; i < Verdict.values().length; i++) cols.add("");
                cols.add(String.join(" | ", problems.stream().map(FieldProblem::toString).toList()));
                return Csv.line(cols);
            }

            @Override public byte[] failure(long lineNo, Throwable cause) {
                return invalid(lineNo, BatchAudits.failure(lineNo, cause));
            }

            @Override public byte[] summary(BatchPipeline.Summary s) { return new byte[0]; }
        };
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
