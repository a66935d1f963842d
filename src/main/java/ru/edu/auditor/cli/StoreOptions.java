package ru.edu.auditor.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import ru.edu.auditor.store.StoreSetup;

/** The audit store of a command that reads it: the same as serve's (--db-url / AUDITOR_DB_URL, else SQLite in the data folder). */
final class StoreOptions {
    @Option(names = "--data", paramLabel = "ПАПКА", description = "Папка данных (переменная AUDITOR_DATA_DIR; по умолчанию ./data): файл SQLite хранилища.")
    Path data;
    @Option(names = "--db-url", paramLabel = "JDBC-АДРЕС", description = "JDBC-адрес PostgreSQL хранилища проверок (переменная AUDITOR_DB_URL).")
    String dbUrl;

    /** The open store; a misconfigured or unreachable one is an {@link IllegalArgumentException} with a Russian message. */
    StoreSetup.Opened open() {
        String dataDir = data != null ? data.toString() : System.getenv().getOrDefault("AUDITOR_DATA_DIR", "data");
        return StoreSetup.open(dbUrl, Path.of(dataDir), System.getenv(), false);
    }

    /** The open store, or null after printing why it cannot be opened (the command then exits with INVALID_INPUT). */
    StoreSetup.Opened openOrReport() {
        try {
            return open();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    static void close(StoreSetup.Opened opened) {
        try {
            opened.database().close();
        } catch (Exception e) {
            System.err.println("Хранилище закрылось с ошибкой: " + e.getMessage());
        }
    }
}
