package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The repository on SQLite and (with AUDITOR_TEST_PG_URL) PostgreSQL: the same code, the same answers. */
class AuditRepositoryTest {
    static TestStores.Tally tally;
    static List<String> backends() { return TestStores.backends(); }

    @BeforeAll
    static void start() { tally = TestStores.tally(); }

    @AfterAll
    static void summary() { System.out.println("[AuditRepositoryTest] " + tally.summary()); }

    static StoredAudit audit(String id, String org, String municipalityKey, String asOf, String submittedAt) {
        return new StoredAudit(id, org, "Школа " + org, "general", "Республика Дагестан", "Сергокалинский район", municipalityKey,
                LocalDate.parse(asOf), LocalDate.parse(asOf).minusDays(6), LocalDate.parse(asOf), "compliant", "sha256:test",
                Instant.parse(submittedAt), "anna", Boolean.TRUE, "{\"teachersInSferum\":1}", "[\"" + asOf + "\"]", null,
                "{\"facts\":\"" + id + "\"}", "{\"decisionId\":\"" + id + "\"}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void savedAuditReadsBackIntact(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            StoredAudit a = new StoredAudit("d-1", "k", "МКОУ «Школа; №1» \"тест\"", "general", null, "Сергокалинский район", "сергокалинск",
                    LocalDate.of(2023, 11, 20), null, null, "non-compliant", "sha256:x", Instant.parse("2023-11-20T10:15:30.123456Z"), null,
                    null, null, null, "[{\"platform\":\"sferum\",\"month\":\"2023-10\",\"sentOn\":\"2023-11-02\"}]",
                    "{\"a\":\"Ё — «кавычки»\"}", "{\"b\":[1,2,3]}");
            repo.save(a);
            assertEquals(a, repo.find("d-1").orElseThrow());
            assertTrue(repo.find("d-2").isEmpty());
            assertEquals(1, repo.count());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void organizationAuditsComeOldestFirstAndUpToLeavesLaterOnesOut(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            repo.save(audit("c", "org", "m", "2023-11-20", "2023-11-20T09:00:00Z"));
            repo.save(audit("a", "org", "m", "2023-11-06", "2023-11-06T09:00:00Z"));
            repo.save(audit("b2", "org", "m", "2023-11-13", "2023-11-13T12:00:00Z"));
            repo.save(audit("b1", "org", "m", "2023-11-13", "2023-11-13T09:00:00Z"));
            repo.save(audit("x", "other", "m", "2023-11-10", "2023-11-10T09:00:00Z"));
            assertEquals(List.of("a", "b1", "b2", "c"), repo.audits("org").stream().map(StoredAudit::decisionId).toList());
            List<StoredAudit> upTo = repo.upTo("org", LocalDate.of(2023, 11, 13));
            assertEquals(List.of("b2", "b1", "a"), upTo.stream().map(StoredAudit::decisionId).toList());
            assertNull(upTo.get(0).facts(), "listings leave the bodies out");
            assertEquals("{\"teachersInSferum\":1}", upTo.get(0).currentIndicators());
            assertTrue(repo.audits("nobody").isEmpty());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void latestInTakesEachOrganizationsLatestAuditOnOrBeforeTheDate(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            repo.save(audit("s1-old", "s1", "сергокалинск", "2023-10-25", "2023-10-25T09:00:00Z"));
            repo.save(audit("s1-new", "s1", "сергокалинск", "2023-11-13", "2023-11-13T09:00:00Z"));
            repo.save(audit("s1-future", "s1", "сергокалинск", "2023-12-01", "2023-12-01T09:00:00Z"));
            repo.save(audit("s2-a", "s2", "сергокалинск", "2023-11-01", "2023-11-01T09:00:00Z"));
            repo.save(audit("s2-b", "s2", "сергокалинск", "2023-11-01", "2023-11-01T10:00:00Z"));
            repo.save(audit("s3", "s3", "сергокалинск", "2023-12-05", "2023-12-05T09:00:00Z"));
            repo.save(audit("h1", "h1", "хасавюртовск", "2023-11-01", "2023-11-01T09:00:00Z"));
            List<StoredAudit> latest = repo.latestIn(Set.of("сергокалинск", "сергокалинск муниципальн"), LocalDate.of(2023, 11, 20));
            assertEquals(Set.of("s1-new", "s2-b"), Set.copyOf(latest.stream().map(StoredAudit::decisionId).toList()));
            assertFalse(latest.get(0).report().isEmpty());
            assertTrue(repo.latestIn(Set.of(), LocalDate.of(2023, 11, 20)).isEmpty());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aDuplicateDecisionIsRefusedAndLeavesNothingBehind(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            repo.save(audit("same", "org", "m", "2023-11-06", "2023-11-06T09:00:00Z"));
            StoreException e = assertThrows(StoreException.class, () -> repo.save(audit("same", "org2", "m", "2023-11-07", "2023-11-07T09:00:00Z")));
            assertFalse(e instanceof StoreUnavailableException, "a constraint violation is not an outage");
            assertEquals(1, repo.count());
            assertEquals("org", repo.find("same").orElseThrow().organizationKey());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concurrentSavesAreAllCommitted(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            repo.save(audit("t" + thread + "-" + i, "org" + thread, "m", "2023-11-06", Instant.now().toString()));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, repo.count());
            assertEquals(25, repo.audits("org3").size());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void reopeningMigratesNothingTwice(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            b.repository().save(audit("kept", "org", "m", "2023-11-06", "2023-11-06T09:00:00Z"));
            try (Database again = Database.open(b.config)) {
                AuditRepository repo = new AuditRepository(again);
                assertEquals(1, repo.count());
                try (Connection c = again.connection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = " + (backend.equals("sqlite") ? "1" : "true"))) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "one migration, applied once");
                }
            }
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sqliteCommitsDurablyInWalMode(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            if (!backend.equals("sqlite")) {
                assertTrue(b.db.reachable());
                b.passed();
                return;
            }
            try (Connection c = b.db.connection(); Statement st = c.createStatement()) {
                assertEquals("wal", pragma(st, "journal_mode").toLowerCase());
                assertEquals("2", pragma(st, "synchronous"), "synchronous=FULL");
                assertEquals(String.valueOf(Database.SQLITE_BUSY_TIMEOUT_MS), pragma(st, "busy_timeout"));
            }
            assertTrue(java.nio.file.Files.exists(b.config.sqliteFile()));
            b.passed();
        }
    }

    private static String pragma(Statement st, String name) throws Exception {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
