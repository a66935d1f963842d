package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.flywaydb.core.Flyway;
import ru.edu.auditor.report.Exemptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exemption tables (V4): in force on a date, revocation once, and a store already at V5 taking V4 out of order. */
class ExemptionRepositoryTest {
    static List<String> backends() { return TestStores.backends(); }

    static ExemptionRepository.New exemption(String org, String clause, LocalDate expires) {
        return new ExemptionRepository.New(org, "Школа", "Хасавюртовский район", "хасавюртовск", "khasavyurt-uo-47-2023", clause,
                "ремонт", "12-од", LocalDate.of(2023, 10, 19), expires, "ivan");
    }

    /** In force as an audit reads them: in its snapshot of the store. */
    private static List<Exemptions.Recorded> inForce(TestStores.Backend b, String org, LocalDate asOf) {
        try (HistorySnapshot snapshot = b.repository().snapshot()) {
            return snapshot.exemptionsInForce(org, asOf);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void inForceOnADateAndRevokedOnce(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            ExemptionRepository repo = new ExemptionRepository(b.db);
            long a = repo.insert(exemption("org-1", "3.2", LocalDate.of(2023, 10, 31))).id();
            long other = repo.insert(exemption("org-2", "3.2", LocalDate.of(2023, 10, 31))).id();
            assertEquals(List.of(a), inForce(b, "org-1", LocalDate.of(2023, 10, 31)).stream().map(Exemptions.Recorded::id).toList());
            assertEquals(List.of(), inForce(b, "org-1", LocalDate.of(2023, 11, 1)));
            assertEquals(Exemptions.Revocation.REVOKED, repo.revoke(a, "olga", "ошибка"));
            assertEquals(Exemptions.Revocation.ALREADY, repo.revoke(a, "olga", null));
            assertEquals(Exemptions.Revocation.NOT_FOUND, repo.revoke(other + 100, "olga", null));
            Exemptions.Recorded r = repo.find(a).orElseThrow();
            assertEquals("olga", r.revokedBy());
            assertEquals("ошибка", r.revocationReason());
            // revoked today: still in force for an audit as of an earlier day, not for one as of today
            assertEquals(1, inForce(b, "org-1", LocalDate.of(2023, 10, 21)).size());
            assertEquals(List.of(), inForce(b, "org-1", LocalDate.now(java.time.ZoneOffset.UTC)));
            assertEquals(2, repo.all().size());
            assertEquals(2, repo.byMunicipality(List.of("хасавюртовск")).size());
            assertNull(repo.find(other).orElseThrow().revokedAt());
            b.passed();
        }
    }

    @Test
    void aStoreAtVersion5BeforeExemptionsTakesThemAsVersion6() throws Exception {
        Path dir = Files.createTempDirectory("auditor-v6-");
        StoreConfig config = StoreConfig.sqlite(dir);
        try (Database db = Database.open(config)) {
            // the schema as main had it before exemptions (V1–V5), then the server starts and migrates
            Flyway.configure().dataSource(config.jdbcUrl(), null, null).locations("classpath:db/migration")
                    .javaMigrations(new BoundedHistoryMigration()).target("5").load().migrate();
            db.migrate();
            assertEquals(1, new ExemptionRepository(db).insert(exemption("org-1", "3.2", LocalDate.of(2023, 10, 31))).id());
        }
    }
}
