package ru.edu.auditor.service.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.service.record.Origin;
import ru.edu.auditor.text.Plural;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.report.JournaledBatch;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.store.BatchJournal;
import ru.edu.auditor.store.StoreException;

/**
 * Writes a streamed NDJSON batch to the batch journal as its lines become final: for each line the decision id of
 * its stored audit, or its errors; the totals when it ends, however it ends. Lines are written in groups of
 * {@link #GROUP} (one transaction each), so the journal adds one small write per group to the batch, and memory
 * holds at most one group. A journal that cannot be written is logged and does not stop the batch: the audits
 * themselves are stored, and each line's record still goes to the client.
 */
public final class BatchJournaling implements BatchPipeline.Listener {
    private static final Logger log = LoggerFactory.getLogger(BatchJournaling.class);
    /** Lines per journal transaction. */
    static final int GROUP = 256;

    private final BatchJournal journal;
    private final String batchId;
    private final List<JournaledBatch.Line> pending = new ArrayList<>(GROUP);
    private long audited, invalid, failed, stored, lastLine;
    private boolean broken;
    private final ChangeRecord record;
    private final String submittedBy;
    private final String from = Origin.current();

    private BatchJournaling(BatchJournal journal, String batchId, ChangeRecord record, String submittedBy) {
        this.journal = journal;
        this.batchId = batchId;
        this.record = record;
        this.submittedBy = submittedBy;
    }

    /** Starts the journal of a new batch of {@code audits}; null when they are not stored (nothing to journal). */
    public static BatchJournaling start(AuditService audits, String batchId, String submittedBy) {
        BatchJournal journal = audits.batchJournal();
        if (journal == null) return null;
        journal.start(batchId, submittedBy, Instant.now());
        return new BatchJournaling(journal, batchId, audits.record(), submittedBy);
    }

    /** Starts the journal of a new batch. */
    public static BatchJournaling start(BatchJournal journal, String batchId, String submittedBy) {
        journal.start(batchId, submittedBy, Instant.now());
        return new BatchJournaling(journal, batchId, ChangeRecord.NONE, submittedBy);
    }

    public String batchId() { return batchId; }

    /** Takes the line's NDJSON record apart: its decision id when its audit was stored, else its errors. */
    @Override public synchronized void done(long lineNo, BatchPipeline.Done d) {
        lastLine = Math.max(lastLine, lineNo);
        switch (d.kind()) {
            case AUDITED -> audited++;
            case INVALID -> invalid++;
            case FAILED -> failed++;
        }
        if (d.stored()) stored++;
        String decisionId = null, errors = null;
        try {
            JsonNode record = Json.mapper().readTree(d.output());
            if (d.kind() == BatchPipeline.Kind.AUDITED) decisionId = d.stored() ? record.path("decisionId").asText(null) : null;
            else errors = record.has("errors") ? record.get("errors").toString() : null;
        } catch (IOException e) {
            errors = "[]";
        }
        String status = switch (d.kind()) {
            case AUDITED -> "audited";
            case INVALID -> "invalid";
            case FAILED -> "error";
        };
        pending.add(new JournaledBatch.Line(lineNo, status, decisionId, errors));
        if (pending.size() >= GROUP) flush();
    }

    /** Writes the lines not yet written and the totals. {@code summary}: the pipeline's, or null when the stream broke off. */
    public synchronized void finish(BatchPipeline.Summary summary, String aborted) {
        flush();
        recordBatch(summary, aborted);
        if (broken) return;
        try {
            if (summary != null) {
                journal.finish(batchId, Instant.now(), summary.lines(), summary.blank(), summary.audited(), summary.invalid(), summary.failed(),
                        summary.stored(), summary.aborted() == null ? aborted : summary.aborted());
            } else {
                journal.finish(batchId, Instant.now(), lastLine, 0, audited, invalid, failed, stored, aborted);
            }
        } catch (StoreException e) {
            log.warn("Journal of batch {} not finished: {}", batchId, e.getMessage());
        }
    }

    /** One entry of the change record for the whole batch (its lines are in the batch journal, by the batch id). */
    private void recordBatch(BatchPipeline.Summary summary, String aborted) {
        long lines = summary != null ? summary.lines() : lastLine;
        long storedCount = summary != null ? summary.stored() : stored;
        String why = summary != null && summary.aborted() != null ? summary.aborted() : aborted;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("batchId", batchId);
        detail.put("lines", lines);
        detail.put("stored", storedCount);
        detail.put("invalid", summary != null ? summary.invalid() : invalid);
        detail.put("failed", summary != null ? summary.failed() : failed);
        detail.put("aborted", why);
        try {
            record.appendNow(submittedBy, from, ChangeRecord.Action.BATCH_FINISHED, "Пакет " + batchId + ": " + Plural.count(lines, "строка", "строки", "строк")
                    + ", сохранено " + Plural.count(storedCount, "проверка", "проверки", "проверок") + (why == null ? "" : "; прерван: " + why), detail);
        } catch (StoreException e) {
            log.warn("Batch {} not entered in the change record: {}", batchId, e.getMessage());
        }
    }

    private void flush() {
        if (broken || pending.isEmpty()) return;
        try {
            journal.append(batchId, pending);
        } catch (StoreException e) {
            broken = true;
            log.warn("Journal of batch {} stopped at {} line(s): {}", batchId, pending.size(), e.getMessage());
        }
        pending.clear();
    }
}
