package ru.edu.auditor.store;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ru.edu.auditor.engine.Readings;
import ru.edu.auditor.engine.RulesFiles;

/**
 * The archive of rules versions, in the audit store beside the audits (table {@code rules_archive}, migration V3):
 * each version once, named by the version hash the reports carry, its files as a zip. Every read checks that the
 * files still hash to their name and to the full SHA-256 kept with them; a copy altered in the store is refused
 * ({@link Tampered}), never run. There is no delete: a version an audit names stays as long as the audit.
 * An archived version is the files part of the version a report carries ({@link Readings}: the readings in Java are
 * the jar's, not files), so entries archived before readings were named are found and checked as before.
 */
public final class RulesArchive {

    private final Database db;
    /** Versions known to be archived, so that only the first audit under a version asks the store. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public RulesArchive(Database db) { this.db = db; }

    /** One archived version as listed (without its files). {@code audits}: how many stored audits name it. */
    public record Entry(String version, Instant archivedAt, int files, long audits) { }

    /** An archived version whose content no longer matches its name: it is not run. {@code reason} is Russian. */
    public static final class Tampered extends RuntimeException {
        private final String version;

        public Tampered(String version, String reason) {
            super("Архивная копия правил версии " + version + " повреждена или изменена в хранилище: " + reason
                    + ". Воспроизводить по ней проверку нельзя.");
            this.version = version;
        }

        public String version() { return version; }
    }

    /** Archives {@code files} unless their version is already archived; true when it was added now. */
    public boolean store(RulesFiles files) {
        if (known.contains(files.version())) return false;
        return Jdbc.withConnection(db, "cannot archive rules " + files.version(), c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO rules_archive (rules_version, content_sha256, file_count, archived_at, files_zip)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (rules_version) DO NOTHING")) {
                st.setString(1, files.version());
                st.setString(2, files.sha256());
                st.setInt(3, files.size());
                st.setString(4, Jdbc.INSTANT.format(Instant.now()));
                st.setString(5, Base64.getEncoder().encodeToString(files.zip()));
                boolean added = st.executeUpdate() > 0;
                known.add(files.version());
                return added;
            }
        });
    }

    /**
     * The files of an archived version (a reported version «files + readings» is looked up by its files part), checked
     * against its name and hash; empty when it was never archived.
     */
    public Optional<RulesFiles> find(String reported) {
        String version = Readings.filesPart(reported);
        List<String[]> rows = Jdbc.withConnection(db, "cannot read archived rules " + version, c -> Jdbc.list(c,
                "SELECT content_sha256, files_zip FROM rules_archive WHERE rules_version = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, version));
        if (rows.isEmpty()) return Optional.empty();
        String[] row = rows.get(0);
        RulesFiles files;
        try {
            files = RulesFiles.fromArchive(Base64.getMimeDecoder().decode(row[1]));
        } catch (IOException | IllegalArgumentException e) {
            throw new Tampered(version, "архив файлов не читается");
        }
        if (!files.version().equals(version)) {
            throw new Tampered(version, "содержимое даёт версию " + files.version() + ", а не " + version);
        }
        if (!files.sha256().equals(row[0])) {
            throw new Tampered(version, "контрольная сумма SHA-256 содержимого не совпадает с записанной при архивировании");
        }
        return Optional.of(files);
    }

    /** Every archived version, oldest first, with the number of stored audits that name it. */
    public List<Entry> list() {
        return Jdbc.withConnection(db, "cannot list archived rules", c -> Jdbc.list(c, "SELECT r.rules_version, r.archived_at, r.file_count,"
                + " (SELECT COUNT(*) FROM audit a WHERE a.rules_version = r.rules_version OR a.rules_version LIKE r.rules_version || '+r%') FROM rules_archive r ORDER BY r.archived_at, r.rules_version",
                rs -> new Entry(rs.getString(1), Instant.parse(rs.getString(2)), rs.getInt(3), rs.getLong(4))));
    }
}
