package ru.edu.auditor.service.batch;

import java.util.Optional;
import java.util.function.Consumer;
import ru.edu.auditor.report.JournaledBatch;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.store.BatchJournal;

/** What became of a journaled batch, read afterwards by its id: the totals and every line's decision id or errors. */
public final class BatchResults {
    private final BatchJournal journal;

    private BatchResults(BatchJournal journal) { this.journal = journal; }

    /** The results of the batches {@code audits} journals; empty without a store (nothing is journaled). */
    public static Optional<BatchResults> of(AuditService audits) {
        BatchJournal journal = audits.batchJournal();
        return journal == null ? Optional.empty() : Optional.of(new BatchResults(journal));
    }

    /** The batch {@code batchId}; empty when none has that id (a NUL character is in no stored id). */
    public Optional<JournaledBatch> find(String batchId) {
        return batchId.indexOf('\u0000') >= 0 ? Optional.empty() : journal.batch(batchId);
    }

    /** The batch's lines in line order, handed to {@code each} as they are read (never all in memory). */
    public void lines(String batchId, Consumer<JournaledBatch.Line> each) { journal.lines(batchId, each); }
}
