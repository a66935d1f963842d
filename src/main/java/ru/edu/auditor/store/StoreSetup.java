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
            throw new IllegalArgumentException("Хранилище проверок " + config + " не открывается: "
                    + (config.isSqlite() ? "не удалось создать папку или файл " + config.sqliteFile() + " (нет доступа или путь недопустим)" : "адрес не подходит"));
        }
        boolean migrated = true;
        try {
            database.migrate();
        } catch (StoreUnavailableException e) {
            String refused = refusedLogin(e);
            if (refused != null) { // not "unavailable for now": waiting would not help
                close(database);
                throw new IllegalArgumentException("Хранилище проверок " + config + ": " + refused);
            }
            if (!waitForDatabase) {
                close(database);
                throw new IllegalArgumentException("Хранилище проверок " + config + " недоступно: " + e.getMessage());
            }
            migrated = false;
            log.warn("Хранилище проверок {} пока недоступно: проверки получают ответ 503, пока оно не ответит", config);
        } catch (StoreException e) {
            close(database);
            throw new IllegalArgumentException("Схема хранилища проверок " + config + " не обновляется: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        log.info("Данные: хранилище проверок — {}", config.isSqlite() ? "файл SQLite " + config.sqliteFile() : "PostgreSQL " + config);
        return new Opened(config, database, new AuditRepository(database), migrated);
    }

    /**
     * Why PostgreSQL refused the connection for good — a wrong user or password (SQLSTATE class 28), a database
     * that does not exist (3D000) — in Russian, or null when it may answer later (down, restarting, unreachable).
     */
    static String refusedLogin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
                if (s.getSQLState().startsWith("28")) {
                    return "PostgreSQL отказал во входе — неверный пользователь или пароль (в адресе или в AUDITOR_DB_USER / AUDITOR_DB_PASSWORD)";
                }
                if (s.getSQLState().equals("3D000")) return "такой базы данных в PostgreSQL нет — создайте её или исправьте адрес";
            }
        }
        return null;
    }

    private static void close(Database database) {
        try {
            database.close();
        } catch (Exception ignored) { // already failing; the message above says why
        }
    }
}
