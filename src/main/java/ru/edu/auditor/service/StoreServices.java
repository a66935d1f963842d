package ru.edu.auditor.service;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import ru.edu.auditor.engine.RulesFiles;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.service.access.Passwords;
import ru.edu.auditor.service.access.PersonalTokens;
import ru.edu.auditor.service.record.ChangeRecord;
import ru.edu.auditor.store.RulesArchive;
import ru.edu.auditor.store.StoreSetup;

/**
 * The audit store a one-off command opens (the same store serve uses) and the services over it. Closing it closes
 * the store. Front ends reach the store only through here and the services it gives.
 */
public final class StoreServices implements AutoCloseable {
    private final StoreSetup.Opened opened;

    private StoreServices(StoreSetup.Opened opened) { this.opened = opened; }

    /**
     * The store named by {@code dbUrl} (else {@code AUDITOR_DB_URL} in {@code env}), else the SQLite file in
     * {@code dataDir}; a misconfigured or unreachable one is an {@link IllegalArgumentException} with a Russian message.
     */
    public static StoreServices open(String dbUrl, Path dataDir, Map<String, String> env) {
        return new StoreServices(StoreSetup.open(dbUrl, dataDir, env, false));
    }

    /** Where the store is, for messages (a password is never shown). */
    public String where() { return opened.config().toString(); }

    /** Audits stored in this store, on {@code rules}. */
    public AuditService audits(RulesHolder rules) { return new AuditService(rules, opened.repository()); }

    /** The stored audits' history, roll-up and replays, on {@code rules}. */
    public HistoryQueries history(RulesHolder rules) { return new HistoryQueries(opened.repository(), rules); }

    /** Replays of the stored audits on their archived rules. */
    public Replays replays() { return new Replays(opened.repository()); }

    /** The archived files of rules version {@code version}; throws {@link Replays.Tampered} when the archive was changed. */
    Optional<RulesFiles> archivedRules(String version) {
        try {
            return opened.repository().rulesArchive().find(version);
        } catch (RulesArchive.Tampered e) {
            throw new Replays.Tampered(e);
        }
    }

    /** The accounts of this store. */
    public Accounts accounts() { return new Accounts(opened.repository(), new Passwords()); }

    /** The personal tokens of this store's accounts. */
    public PersonalTokens personalTokens() { return new PersonalTokens(opened.repository()); }

    /** The change record of this store. */
    public ChangeRecord record() { return ChangeRecord.of(opened.repository()); }

    @Override public void close() throws Exception { opened.database().close(); }
}
