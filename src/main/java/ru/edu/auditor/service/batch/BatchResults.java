package ru.edu.auditor.service.batch;

import java.util.Optional;
import java.util.function.Consumer;
import ru.edu.auditor.report.JournaledBatch;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Tokens;
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

    /**
     * The batch {@code batchId} for {@code who}; empty when none has that id (a NUL character is in no stored id) or it
     * is not {@code who}'s: a batch's results are for the caller that sent it, and for an admin.
     */
    public Optional<JournaledBatch> find(Tokens.Principal who, String batchId) {
        if (batchId.indexOf('\u0000') >= 0) return Optional.empty();
        return journal.batch(batchId).filter(b -> mayRead(who, b));
    }

    /** The batch's lines in line order, handed to {@code each} as they are read (never all in memory); nothing when {@link #find} finds nothing. */
    public boolean lines(Tokens.Principal who, String batchId, Consumer<JournaledBatch.Line> each) {
        if (find(who, batchId).isEmpty()) return false;
        journal.lines(batchId, each);
        return true;
    }

    private static boolean mayRead(Tokens.Principal who, JournaledBatch b) {
        if (who == null) return false;
        if (who.role() == Role.admin) return true;
        return who.name() != null && who.name().equals(b.submittedBy());
    }
}
