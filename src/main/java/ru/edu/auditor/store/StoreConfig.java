package ru.edu.auditor.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the audit store lives. By default an SQLite file {@value #SQLITE_FILE} in the data directory, created on
 * first start; PostgreSQL when a JDBC URL is configured (--db-url or AUDITOR_DB_URL), with the user and password
 * in the URL or in AUDITOR_DB_USER / AUDITOR_DB_PASSWORD. {@link #toString()} never shows the password.
 */
public record StoreConfig(String jdbcUrl, String user, String password) {
    public static final String SQLITE_FILE = "auditor.db";

    public StoreConfig {
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:sqlite:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("адрес хранилища должен начинаться с jdbc:postgresql: или jdbc:sqlite:, получено: "
                    + (jdbcUrl == null ? "ничего" : redact(jdbcUrl)));
        }
    }

    public static StoreConfig sqlite(Path dataDir) {
        return new StoreConfig("jdbc:sqlite:" + dataDir.toAbsolutePath().normalize().resolve(SQLITE_FILE), null, null);
    }

    /** {@code option} (--db-url), else AUDITOR_DB_URL, else SQLite in {@code dataDir}. */
    public static StoreConfig resolve(String option, Path dataDir, Map<String, String> env) {
        String url = option != null && !option.isBlank() ? option : env.get("AUDITOR_DB_URL");
        if (url == null || url.isBlank()) return sqlite(dataDir);
        return new StoreConfig(url.strip(), blankToNull(env.get("AUDITOR_DB_USER")), blankToNull(env.get("AUDITOR_DB_PASSWORD")));
    }

    public boolean isSqlite() { return jdbcUrl.startsWith("jdbc:sqlite:"); }

    /** "sqlite" or "postgresql". */
    public String kind() { return isSqlite() ? "sqlite" : "postgresql"; }

    /** The SQLite file, for SQLite stores. */
    public Path sqliteFile() { return isSqlite() ? Path.of(jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "")) : null; }

    @Override public String toString() { return redact(jdbcUrl) + (user != null ? " (user " + user + ")" : ""); }

    /** The URL with any password parameter masked. */
    static String redact(String url) { return url.replaceAll("(?i)(password=)[^&;]*", "$1***"); }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
