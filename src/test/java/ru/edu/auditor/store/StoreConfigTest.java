package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the store is: SQLite in the data directory unless a PostgreSQL URL is given. */
class StoreConfigTest {
    @Test
    void sqliteInTheDataDirectoryByDefault() {
        StoreConfig c = StoreConfig.resolve(null, Path.of("data"), Map.of());
        assertTrue(c.isSqlite());
        assertEquals(Path.of("data", "auditor.db").toAbsolutePath(), c.sqliteFile());
    }

    @Test
    void optionBeatsEnvironmentAndPasswordsStayHidden() {
        Map<String, String> env = Map.of("AUDITOR_DB_URL", "jdbc:postgresql://db:5432/env", "AUDITOR_DB_USER", "auditor", "AUDITOR_DB_PASSWORD", "s3cret");
        StoreConfig fromEnv = StoreConfig.resolve(null, Path.of("data"), env);
        assertEquals("jdbc:postgresql://db:5432/env", fromEnv.jdbcUrl());
        assertEquals("auditor", fromEnv.user());
        assertFalse(fromEnv.toString().contains("s3cret"));
        StoreConfig fromOption = StoreConfig.resolve("jdbc:postgresql://db/opt?user=a&password=hunter2", Path.of("data"), env);
        assertEquals("postgresql", fromOption.kind());
        assertFalse(fromOption.toString().contains("hunter2"), fromOption.toString());
        assertThrows(IllegalArgumentException.class, () -> StoreConfig.resolve("jdbc:mysql://db/x", Path.of("data"), Map.of()));
    }
}
