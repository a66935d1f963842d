package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.engine.RulesFiles;

/** The rules archive on each backend: kept once under its version, read back checked, an altered copy refused. */
class RulesArchiveTest {
    static TestStores.Tally tally;

    @BeforeAll
    static void start() { tally = TestStores.tally(); }

    @AfterAll
    static void summary() { System.out.println("[RulesArchiveTest] " + tally.summary()); }

    static java.util.List<String> backends() { return TestStores.backends(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aVersionIsKeptOnceReadBackCheckedAndAnAlteredCopyRefused(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            RulesFiles files = RulesFiles.read(Path.of("rules"));
            RulesArchive archive = b.repository().rulesArchive();
            assertTrue(archive.store(files));
            assertFalse(new RulesArchive(b.db).store(files), "a version is archived once");
            assertEquals(1, archive.list().size());
            assertEquals(files.version(), archive.list().get(0).version());
            RulesFiles back = archive.find(files.version()).orElseThrow();
            assertEquals(files.sha256(), back.sha256());
            assertTrue(archive.find("sha256:0000000000000000").isEmpty());
            // a report names files + readings; the archived copy is found by its files part and is not «tampered»
            String reported = ru.edu.auditor.engine.Readings.version(files.version(), "0123456789ab");
            assertEquals(files.sha256(), new RulesArchive(b.db).find(reported).orElseThrow().sha256());

            Map<String, byte[]> altered = new HashMap<>(files.files());
            altered.put("decrees/extra.txt", "подмена".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (Connection c = b.db.connection(); PreparedStatement st = c.prepareStatement("UPDATE rules_archive SET files_zip = ? WHERE rules_version = ?")) {
                st.setString(1, Base64.getEncoder().encodeToString(RulesFiles.of(altered).zip()));
                st.setString(2, files.version());
                assertEquals(1, st.executeUpdate());
            }
            RulesArchive.Tampered t = assertThrows(RulesArchive.Tampered.class, () -> archive.find(files.version()));
            assertTrue(t.getMessage().contains(files.version()) && t.getMessage().contains("изменена"), t.getMessage());
            try (Connection c = b.db.connection(); PreparedStatement st = c.prepareStatement("UPDATE rules_archive SET files_zip = ? WHERE rules_version = ?")) {
                st.setString(1, "не base64 и не zip");
                st.setString(2, files.version());
                st.executeUpdate();
            }
            assertThrows(RulesArchive.Tampered.class, () -> archive.find(files.version()));
            b.passed();
        }
    }
}
