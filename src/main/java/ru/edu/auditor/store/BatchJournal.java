package ru.edu.auditor.store;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import ru.edu.auditor.report.JournaledBatch;
import ru.edu.auditor.report.JournaledBatch.Line;

/**
 * The batch journal (tables {@code batch} and {@code batch_line}, migration V5): a batch's totals, and for each of
 * its lines the decision id of the stored audit or the line's errors (JSON), written as the lines are committed.
 */
public final class BatchJournal {
    private final Database db;

    public BatchJournal(Database db) { this.db = db; }

    public void start(String batchId, String submittedBy, Instant startedAt) {
        Jdbc.withConnection(db, "cannot start the journal of batch " + batchId, c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO batch (batch_id, submitted_by, started_at) VALUES (?, ?, ?)")) {
                Jdbc.bind(st, batchId, submittedBy, startedAt.toString());
                return st.executeUpdate();
            }
        });
    }

    /** Appends lines in one transaction. */
    public void append(String batchId, List<Line> lines) {
        if (lines.isEmpty()) return;
        Jdbc.inTransaction(db, "cannot journal " + lines.size() + " line(s) of batch " + batchId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO batch_line (batch_id, line_no, status, decision_id, errors) VALUES (?, ?, ?, ?, ?)")) {
                for (Line l : lines) {
                    st.setString(1, batchId);
                    st.setLong(2, l.line());
                    st.setString(3, l.status());
                    if (l.decisionId() == null) st.setNull(4, Types.VARCHAR); else st.setString(4, l.decisionId());
                    if (l.errorsJson() == null) st.setNull(5, Types.VARCHAR); else st.setString(5, l.errorsJson());
                    st.addBatch();
                }
                return st.executeBatch();
            }
        });
    }

    public void finish(String batchId, Instant finishedAt, long lines, long blank, long audited, long invalid, long failed, long stored,
                       String aborted) {
        Jdbc.withConnection(db, "cannot finish the journal of batch " + batchId, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE batch SET finished_at = ?, lines = ?, blank = ?, audited = ?, invalid = ?, failed = ?, stored = ?, aborted = ? WHERE batch_id = ?")) {
                st.setString(1, finishedAt.toString());
                long[] v = {lines, blank, audited, invalid, failed, stored};
                for (int i = 0; i < v.length; i++) st.setLong(2 + i, v[i]);
                if (aborted == null) st.setNull(8, Types.VARCHAR); else st.setString(8, aborted);
                st.setString(9, batchId);
                return st.executeUpdate();
            }
        });
    }

    public Optional<JournaledBatch> batch(String batchId) {
        return Jdbc.withConnection(db, "cannot read the journal of batch " + batchId, c -> Jdbc.list(c,
                "SELECT batch_id, submitted_by, started_at, finished_at, lines, blank, audited, invalid, failed, stored, aborted FROM batch WHERE batch_id = ?",
                rs -> new JournaledBatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Jdbc.num(rs, 5), Jdbc.num(rs, 6),
                        Jdbc.num(rs, 7), Jdbc.num(rs, 8), Jdbc.num(rs, 9), Jdbc.num(rs, 10), rs.getString(11)), batchId)).stream().findFirst();
    }

    /** The batch's lines in line order, handed to {@code each} as they are read (never all in memory). */
    public void lines(String batchId, Consumer<Line> each) {
        // PostgreSQL streams with a fetch size only inside a transaction
        Jdbc.withConnection(db, "cannot read the lines of batch " + batchId, c -> Jdbc.reading(c, x -> {
            Jdbc.each(x, true, "SELECT line_no, status, decision_id, errors FROM batch_line WHERE batch_id = ? ORDER BY line_no",
                    rs -> each.accept(new Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))), batchId);
            return null;
        }));
    }
}
