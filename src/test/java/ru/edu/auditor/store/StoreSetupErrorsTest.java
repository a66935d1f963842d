package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, start-up failures of the store: each is one Russian line (the server prints it after «Ошибка: » and
 * exits 3), never an English message, and a PostgreSQL that refuses the login is not mistaken for one that is down.
 */
class StoreSetupErrorsTest {
    static final Pattern ENGLISH = Pattern.compile("\\b(cannot|failed|Exception|java\\.)\\b");

    static String refused(String dbUrl, boolean waitForDatabase) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSetup.open(dbUrl, Files.createTempDirectory("setup-"), Map.of(), waitForDatabase));
        assertFalse(ENGLISH.matcher(e.getMessage()).find(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badAddressesAndUncreatableSqliteFilesAreToldInRussian() throws Exception {
        assertTrue(refused("garbage", true).contains("адрес хранилища должен начинаться"));
        assertTrue(refused("jdbc:sqlite:/proc/nope/auditor.db", true).contains("не удалось создать папку или файл"));
    }

    @Test
    void aPostgresqlThatRefusesTheLoginStopsTheServerInsteadOfWaiting() throws Exception {
        String url = TestStores.requirePg();
        String base = url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        assertTrue(refused(base + "?user=no_such_auditor_user", true).contains("отказал во входе"));
        assertTrue(refused(base.substring(0, base.lastIndexOf('/') + 1) + "no_such_auditor_db" + url.substring(base.length()), true)
                .contains("такой базы данных"));
    }
}
