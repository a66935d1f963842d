package ru.edu.auditor.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** What a replay or an impact reads again: stored audits with their facts, report and the history they took. */
public final class ReplaySource {
    private final Database db;

    ReplaySource(Database db) { this.db = db; }

    /** What the audit took from the organization's history, as kept with it (JSON, null when nothing). */
    public Optional<String> historyAdded(String decisionId) {
        String[] out = new String[1];
        boolean[] found = new boolean[1];
        read(false, "SELECT history_added FROM audit WHERE decision_id = ?", rs -> {
            found[0] = true;
            out[0] = rs.getString(1);
        }, decisionId);
        if (!found[0]) throw new StoreException("no audit " + decisionId, null);
        return Optional.ofNullable(out[0]);
    }

    /** A stored audit with its facts and report and what it took from history ({@code historyAdded}, JSON or null). */
    public record Replayable(StoredAudit audit, String historyAdded) { }

    /** Handles each row of a streamed read. */
    @FunctionalInterface
    public interface RowSink<T> {
        void accept(T row) throws Exception;
    }

    /**
     * The latest audit on or before {@code asOf} of every organization (of {@code municipalityKeys} only, when not
     * null), with facts, report and history, handed to {@code each} one by one as they are read from the database
     * (in chunks, never all at once), ordered by organization name. Returns how many were read.
     */
    public long latestAudits(Collection<String> municipalityKeys, LocalDate asOf, RowSink<Replayable> each) {
        return latestAudits(municipalityKeys, asOf, ScopeFilter.ALL, each);
    }

    /** The same, of the organizations {@code scope} lets through only. */
    public long latestAudits(Collection<String> municipalityKeys, LocalDate asOf, ScopeFilter scope, RowSink<Replayable> each) {
        List<Object> args = new ArrayList<>();
        String where;
        if (municipalityKeys != null) {
            if (municipalityKeys.isEmpty()) return 0;
            AuditRows.Where l = AuditRows.latest(municipalityKeys, null, asOf, scope);
            where = l.sql();
            args.addAll(List.of(l.args()));
        } else {
            where = "a.as_of <= ?";
            args.add(asOf.toString());
            if (!scope.all()) {
                ScopeFilter.Condition c = scope.onAudit("a.");
                where += " AND " + c.sql();
                args.addAll(List.of(c.args()));
            }
            where += " AND NOT " + AuditRows.LATER_EXISTS;
            args.add(asOf.toString());
        }
        long[] n = new long[1];
        read(true, "SELECT " + AuditRows.columns("a.", true) + ", a.history_added FROM audit a WHERE " + where + " ORDER BY a.organization_name, a.organization_key",
                rs -> {
                    n[0]++;
                    Replayable r = new Replayable(AuditRows.row(rs, true), rs.getString("history_added"));
                    try {
                        each.accept(r);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, args.toArray());
        return n[0];
    }

    private void read(boolean streamed, String sql, Jdbc.RowReader each, Object... args) {
        Jdbc.withConnection(db, "cannot read audits", c -> {
            if (streamed) Jdbc.reading(c, x -> { Jdbc.each(x, true, sql, each, args); return null; });
            else Jdbc.each(c, false, sql, each, args);
            return null;
        });
    }
}
