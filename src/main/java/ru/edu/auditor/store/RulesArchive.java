package ru.edu.auditor.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ru.edu.auditor.engine.RulesFiles;

/**
 * The archive of rules versions, in the audit store beside the audits (table {@code rules_archive}, migration V3):
 * each version once, named by the version hash the reports carry, its files as a zip. Every read checks that the
 * files still hash to their name and to the full SHA-256 kept with them; a copy altered in the store is refused
 * ({@link Tampered}), never run. There is no delete: a version an audit names stays as long as the audit.
 */
public final class RulesArchive {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

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
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO rules_archive (rules_version, content_sha256, file_count, archived_at, files_zip)"
                     + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (rules_version) DO NOTHING")) {
            st.setString(1, files.version());
            st.setString(2, files.sha256());
            st.setInt(3, files.size());
            st.setString(4, INSTANT.format(Instant.now()));
            st.setString(5, Base64.getEncoder().encodeToString(files.zip()));
            boolean added = st.executeUpdate() > 0;
            known.add(files.version());
            return added;
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot archive rules " + files.version(), e);
        }
    }

    /** The files of an archived version, checked against its name and hash; empty when it was never archived. */
    public Optional<RulesFiles> find(String version) {
        String[] row = new String[2];
        boolean found;
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT content_sha256, files_zip FROM rules_archive WHERE rules_version = ?")) {
            st.setString(1, version);
            try (ResultSet rs = st.executeQuery()) {
                found = rs.next();
                if (found) {
                    row[0] = rs.getString(1);
                    row[1] = rs.getString(2);
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot read archived rules " + version, e);
        }
        if (!found) return Optional.empty();
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
        List<Entry> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT r.rules_version, r.archived_at, r.file_count,"
                     + " (SELECT COUNT(*) FROM audit a WHERE a.rules_version = r.rules_version) FROM rules_archive r ORDER BY r.archived_at, r.rules_version");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) out.add(new Entry(rs.getString(1), Instant.parse(rs.getString(2)), rs.getInt(3), rs.getLong(4)));
        } catch (SQLException e) {
            throw SqlFailures.translate("cannot list archived rules", e);
        }
        return out;
    }
}
