package ru.edu.auditor.store;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the audit store the way every command does: the JDBC URL from the option or AUDITOR_DB_URL, else the
 * SQLite file of the data directory; the schema migrated. Misconfiguration is an {@link IllegalArgumentException}
 * with a Russian message for the person at the terminal.
 */
public final class StoreSetup {
    private static final Logger log = LoggerFactory.getLogger(StoreSetup.class);

    private StoreSetup() { }

    /** The open store. {@code migrated} is false when PostgreSQL did not answer yet (migration retried on use). */
    public record Opened(StoreConfig config, Database database, AuditRepository repository, boolean migrated) { }

    /**
     * @param waitForDatabase true (the server): a PostgreSQL that does not answer yet is not an error — audits get
     *                        503 until it does; false (a one-off command): it is an error
     */
    public static Opened open(String dbUrlOption, Path dataDir, Map<String, String> env, boolean waitForDatabase) {
        StoreConfig config;
        try {
            config = StoreConfig.resolve(dbUrlOption, dataDir, env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Хранилище задано неверно: " + e.getMessage());
        }
        Database database;
        try {
            database = Database.open(config);
        } catch (StoreException e) {
            throw new IllegalArgumentException("Хранилище проверок " + config + " не открывается: " + e.getMessage());
        }
        boolean migrated = true;
        try {
            database.migrate();
        } catch (StoreUnavailableException e) {
            if (!waitForDatabase) {
                close(database);
                throw new IllegalArgumentException("Хранилище проверок " + config + " недоступно: " + e.getMessage());
            }
            migrated = false;
            log.warn("Audit store {} is unavailable for now; audits will be refused with 503 until it answers", config);
        } catch (StoreException e) {
            close(database);
            throw new IllegalArgumentException("Схема хранилища проверок " + config + " не обновляется: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        log.info("Audit store: {}", config.isSqlite() ? "SQLite file " + config.sqliteFile() : "PostgreSQL " + config);
        return new Opened(config, database, new AuditRepository(database), migrated);
    }

    private static void close(Database database) {
        try {
            database.close();
        } catch (Exception ignored) { // already failing; the message above says why
        }
    }
}
