package ru.edu.auditor.store;

import ru.edu.auditor.text.Plural;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit store's connection pool (HikariCP) and schema (Flyway migrations in db/migration, one set for
 * SQLite and PostgreSQL). The schema is migrated on first use and again on every use until that succeeds, so a
 * server started while PostgreSQL is down starts storing as soon as it is up; the pool replaces broken
 * connections by itself.
 * <p>SQLite runs in WAL mode with synchronous=FULL (a commit is on disk before the audit is acknowledged, so
 * neither a killed process nor a power cut loses it) and waits up to {@value #SQLITE_BUSY_TIMEOUT_MS} ms for a
 * concurrent writer.
 */
public final class Database implements AutoCloseable {
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final DataSource dataSource;
    private final String kind;
    private final AutoCloseable pool;
    private volatile boolean migrated;

    /** A store over any data source (tests use one that fails on demand); {@code kind} is "sqlite" or "postgresql". */
    public Database(DataSource dataSource, String kind) {
        this(dataSource, kind, null);
    }

    private Database(DataSource dataSource, String kind, AutoCloseable pool) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.pool = pool;
    }

    /** Opens the pool; connects lazily, so an unreachable PostgreSQL does not stop the server from starting. */
    public static Database open(StoreConfig config) {
        HikariConfig h = new HikariConfig();
        h.setPoolName("audit-store");
        h.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) h.setUsername(config.user());
        if (config.password() != null) h.setPassword(config.password());
        h.setInitializationFailTimeout(-1);
        h.setConnectionTimeout(3_000);
        h.setValidationTimeout(1_000);
        if (config.isSqlite()) {
            try {
                Files.createDirectories(config.sqliteFile().toAbsolutePath().getParent());
                createPrivately(config.sqliteFile());
            } catch (IOException e) {
                throw new StoreException("cannot create the data directory for " + config.sqliteFile(), e);
            }
            h.setDriverClassName("org.sqlite.JDBC");
            h.addDataSourceProperty("journal_mode", "WAL");
            h.addDataSourceProperty("synchronous", "FULL");
            h.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
            h.addDataSourceProperty("foreign_keys", "true");
            h.setMaximumPoolSize(4);
        } else {
            h.setDriverClassName("org.postgresql.Driver");
            // a group commit's rows go as multi-row INSERTs: one round trip per table instead of one per row
            h.addDataSourceProperty("reWriteBatchedInserts", "true");
            h.setMaximumPoolSize(8);
        }
        HikariDataSource ds = new HikariDataSource(h);
        return new Database(ds, config.kind(), ds);
    }

    /** The audits hold names of people: the file is its owner's only (SQLite gives its -wal and -shm files the same mode). */
    private static void createPrivately(Path file) throws IOException {
        if (Files.exists(file)) return;
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    public String kind() { return kind; }

    /** A connection to a migrated store; throws {@link StoreUnavailableException} when it cannot be reached. */
    public Connection connection() {
        migrate();
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlFailures.translate("no connection to the audit store", e);
        }
    }

    /** Applies pending migrations (once per process, retried until it succeeds). */
    public void migrate() {
        if (migrated) return;
        synchronized (this) {
            if (migrated) return;
            try {
                var result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                        .javaMigrations(new BoundedHistoryMigration(), new ExemptionsMigration())
                        .failOnMissingLocations(true).load().migrate();
                log.info("Хранилище проверок ({}): схема версии {}, {}", kind.equals("sqlite") ? "SQLite" : "PostgreSQL",
                        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                        result.migrationsExecuted == 0 ? "обновлять не пришлось"
                                : Plural.form(result.migrationsExecuted, "применена", "применены", "применено") + " "
                                + Plural.count(result.migrationsExecuted, "миграция", "миграции", "миграций"));
                migrated = true;
            } catch (FlywayException e) {
                throw SqlFailures.translate("cannot migrate the audit store schema", e);
            }
        }
    }

    /** Whether the store answers now. */
    public boolean reachable() {
        try (Connection c = connection()) {
            return c.isValid(2);
        } catch (StoreException | SQLException e) {
            return false;
        }
    }

    @Override public void close() throws Exception {
        if (pool != null) pool.close();
    }
}
