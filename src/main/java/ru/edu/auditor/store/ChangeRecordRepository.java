package ru.edu.auditor.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The change record (table {@code change_record}, migration V10): entries only ever appended, each chained to the one
 * before by SHA-256 ({@link #hash}), so that an entry edited, removed or slipped in afterwards is found by
 * {@link #verify}. Appends are grouped: entries queued while one transaction is being written go together in the
 * next, on one writer thread, so a burst of audits costs a few transactions, not one each. Several servers on one
 * PostgreSQL stay one chain: each writer takes the next number after the last entry it reads, and a clash with another
 * writer on that number is retried with the chain read again.
 */
public final class ChangeRecordRepository implements AutoCloseable {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final String SELECT = "SELECT seq, recorded_at, actor, address, action, summary, detail, organization_key, municipality_key,"
            + " previous_hash, entry_hash FROM change_record";
    private static final int MAX_GROUP = 500;
    private static final int RETRIES = 20;

    /** An entry to append (its number, time and hashes are given by the store). */
    public record New(String actor, String address, String action, String summary, String detail, String organizationKey, String municipalityKey) { }

    /** An entry as stored. */
    public record Entry(long seq, Instant recordedAt, String actor, String address, String action, String summary, String detail,
                        String organizationKey, String municipalityKey, String previousHash, String entryHash) { }

    private record Queued(New entry, CompletableFuture<Entry> done) { }

    private final Database db;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "change-record-writer");
        t.setDaemon(true);
        return t;
    });

    public ChangeRecordRepository(Database db) { this.db = db; }

    /** Appends {@code e}; the future completes with the entry as stored (or with the store's failure). */
    public CompletableFuture<Entry> append(New e) {
        CompletableFuture<Entry> done = new CompletableFuture<>();
        queue.add(new Queued(e, done));
        writer.execute(this::drain);
        return done;
    }

    private void drain() {
        List<Queued> group = new ArrayList<>();
        queue.drainTo(group, MAX_GROUP);
        if (group.isEmpty()) return;
        try {
            List<Entry> written = write(group.stream().map(Queued::entry).toList());
            for (int i = 0; i < group.size(); i++) group.get(i).done().complete(written.get(i));
        } catch (RuntimeException failed) {
            group.forEach(q -> q.done().completeExceptionally(failed));
        }
    }

    private List<Entry> write(List<New> entries) {
        for (int attempt = 1;; attempt++) {
            try {
                return Jdbc.inTransaction(db, "cannot append to the change record", c -> {
                    long seq = 0;
                    String previous = GENESIS;
                    try (PreparedStatement st = c.prepareStatement("SELECT seq, entry_hash FROM change_record ORDER BY seq DESC LIMIT 1");
                         ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            seq = rs.getLong(1);
                            previous = rs.getString(2);
                        }
                    }
                    Instant now = Instant.parse(Jdbc.INSTANT.format(Instant.now()));
                    List<Entry> out = new ArrayList<>();
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO change_record (seq, recorded_at, actor, address, action, summary, detail,"
                            + " organization_key, municipality_key, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        for (New e : entries) {
                            seq++;
                            Entry entry = new Entry(seq, now, e.actor(), e.address(), e.action(), e.summary(), e.detail(), e.organizationKey(),
                                    e.municipalityKey(), previous, null);
                            entry = withHash(entry, hash(entry));
                            Jdbc.bind(st, entry.seq(), Jdbc.INSTANT.format(now), entry.actor(), entry.address(), entry.action(), entry.summary(),
                                    entry.detail(), entry.organizationKey(), entry.municipalityKey(), entry.previousHash(), entry.entryHash());
                            st.executeUpdate();
                            out.add(entry);
                            previous = entry.entryHash();
                        }
                    }
                    return out;
                });
            } catch (StoreException e) {
                // another server appended the same numbers meanwhile: read the chain again and retry
                if (attempt >= RETRIES || !(e.getCause() instanceof SQLException s) || !(SqlFailures.duplicate(s) || SqlFailures.conflict(s))) throw e;
            }
        }
    }

    private static Entry withHash(Entry e, String hash) {
        return new Entry(e.seq(), e.recordedAt(), e.actor(), e.address(), e.action(), e.summary(), e.detail(), e.organizationKey(),
                e.municipalityKey(), e.previousHash(), hash);
    }

    /**
     * The SHA-256 (hex) of an entry's content and its previous hash: each field length-prefixed (so no two different
     * entries give the same text), a missing one written as «-».
     */
    public static String hash(Entry e) {
        StringBuilder s = new StringBuilder();
        for (Object f : new Object[] {e.seq(), Jdbc.INSTANT.format(e.recordedAt()), e.actor(), e.address(), e.action(), e.summary(), e.detail(),
                e.organizationKey(), e.municipalityKey(), e.previousHash()}) {
            if (f == null) s.append("-;");
            else {
                String v = f.toString();
                s.append(v.length()).append(':').append(v).append(';');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * One page of entries, newest first: those with a number below {@code before} (null: from the newest), at most
     * {@code limit}; {@code municipalityKeys}/{@code organizationKeys} (null: no filter) keep the entries of those places only.
     */
    public List<Entry> page(Long before, int limit, List<String> municipalityKeys, List<String> organizationKeys) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE seq < ?");
        List<Object> args = new ArrayList<>();
        args.add(before == null ? Long.MAX_VALUE : before);
        if (municipalityKeys != null || organizationKeys != null) {
            List<String> parts = new ArrayList<>();
            if (municipalityKeys != null && !municipalityKeys.isEmpty()) {
                parts.add("municipality_key IN (" + "?, ".repeat(municipalityKeys.size() - 1) + "?)");
                args.addAll(municipalityKeys);
            }
            if (organizationKeys != null && !organizationKeys.isEmpty()) {
                parts.add("organization_key IN (" + "?, ".repeat(organizationKeys.size() - 1) + "?)");
                args.addAll(organizationKeys);
            }
            sql.append(parts.isEmpty() ? " AND 1 = 0" : " AND (" + String.join(" OR ", parts) + ")");
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(Math.max(1, Math.min(limit, 1000)));
        return Jdbc.withConnection(db, "cannot read the change record", c -> Jdbc.list(c, sql.toString(), ChangeRecordRepository::entry, args.toArray()));
    }

    /** Every entry, oldest first, streamed to {@code each} (the verify command). */
    public void each(Consumer<Entry> each) {
        Jdbc.withConnection(db, "cannot read the change record", c -> Jdbc.reading(c, x -> {
            Jdbc.each(x, true, SELECT + " ORDER BY seq", rs -> each.accept(entry(rs)));
            return null;
        }));
    }

    /** How many entries there are. */
    public long count() {
        return Jdbc.withConnection(db, "cannot read the change record", c -> Jdbc.list(c, "SELECT COUNT(*) FROM change_record", rs -> rs.getLong(1)).get(0));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    /** Stops the writer after the entries queued so far. */
    @Override public void close() { writer.shutdown(); }
}
