package ru.edu.auditor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO batch (batch_id, submitted_by, started_at) VALUES (?, ?, ?)")) {
            st.setString(1, batchId);
            st.setString(2, submittedBy);
            st.setString(3, startedAt.toString());
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot start the journal of batch " + batchId, e);
        }
    }

    /** Appends lines in one transaction. */
    public void append(String batchId, List<Line> lines) {
        if (lines.isEmpty()) return;
        try (Connection c = db.connection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
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
                st.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot journal " + lines.size() + " line(s) of batch " + batchId, e);
        }
    }

    public void finish(String batchId, Instant finishedAt, long lines, long blank, long audited, long invalid, long failed, long stored,
                       String aborted) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "UPDATE batch SET finished_at = ?, lines = ?, blank = ?, audited = ?, invalid = ?, failed = ?, stored = ?, aborted = ? WHERE batch_id = ?")) {
            st.setString(1, finishedAt.toString());
            long[] v = {lines, blank, audited, invalid, failed, stored};
            for (int i = 0; i < v.length; i++) st.setLong(2 + i, v[i]);
            if (aborted == null) st.setNull(8, Types.VARCHAR); else st.setString(8, aborted);
            st.setString(9, batchId);
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot finish the journal of batch " + batchId, e);
        }
    }

    public Optional<JournaledBatch> batch(String batchId) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT batch_id, submitted_by, started_at, finished_at, lines, blank, audited, invalid, failed, stored, aborted FROM batch WHERE batch_id = ?")) {
            st.setString(1, batchId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new JournaledBatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), num(rs, 5), num(rs, 6),
                        num(rs, 7), num(rs, 8), num(rs, 9), num(rs, 10), rs.getString(11)));
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot read the journal of batch " + batchId, e);
        }
    }

    /** The batch's lines in line order, handed to {@code each} as they are read (never all in memory). */
    public void lines(String batchId, Consumer<Line> each) {
        try (Connection c = db.connection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT line_no, status, decision_id, errors FROM batch_line WHERE batch_id = ? ORDER BY line_no")) {
                st.setFetchSize(500);
                st.setString(1, batchId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) each.accept(new Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
                c.commit();
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot read the lines of batch " + batchId, e);
        }
    }

    private static Long num(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
