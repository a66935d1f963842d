package ru.edu.auditor.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import ru.edu.auditor.service.StoreServices;

/** The audit store of a command that reads it: the same as serve's (--db-url / AUDITOR_DB_URL, else SQLite in the data folder). */
final class StoreOptions {
    @Option(names = "--data", paramLabel = "ПАПКА", description = "Папка данных (переменная AUDITOR_DATA_DIR; по умолчанию ./data): файл SQLite хранилища.")
    Path data;
    @Option(names = "--db-url", paramLabel = "JDBC-АДРЕС", description = "JDBC-адрес PostgreSQL хранилища проверок (переменная AUDITOR_DB_URL).")
    String dbUrl;

    /** The open store; a misconfigured or unreachable one is an {@link IllegalArgumentException} with a Russian message. */
    StoreServices open() { return open(dbUrl, data); }

    /** The store at {@code dbUrl} or in the data folder {@code data} (each may be null: then the environment's, then ./data). */
    static StoreServices open(String dbUrl, Path data) {
        String dataDir = data != null ? data.toString() : System.getenv().getOrDefault("AUDITOR_DATA_DIR", "data");
        return StoreServices.open(dbUrl, Path.of(dataDir), System.getenv());
    }

    /** The open store, or null after printing why it cannot be opened (the command then exits with INVALID_INPUT). */
    StoreServices openOrReport() {
        try {
            return open();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    static void close(StoreServices opened) {
        try {
            opened.close();
        } catch (Exception e) {
            System.err.println("Хранилище закрылось с ошибкой: " + e.getMessage());
        }
    }
}
