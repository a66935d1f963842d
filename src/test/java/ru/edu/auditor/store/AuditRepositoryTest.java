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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.report.ReportVerdicts;

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
            repo.writer().save(a);
            assertEquals(a, repo.find("d-1").orElseThrow());
            assertTrue(repo.find("d-2").isEmpty());
            assertEquals(1, repo.count());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void organizationAuditsComeOldestFirstWithoutTheirDocuments(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            repo.writer().save(audit("c", "org", "m", "2023-11-20", "2023-11-20T09:00:00Z"));
            repo.writer().save(audit("a", "org", "m", "2023-11-06", "2023-11-06T09:00:00Z"));
            repo.writer().save(audit("b2", "org", "m", "2023-11-13", "2023-11-13T12:00:00Z"));
            repo.writer().save(audit("b1", "org", "m", "2023-11-13", "2023-11-13T09:00:00Z"));
            repo.writer().save(audit("x", "other", "m", "2023-11-10", "2023-11-10T09:00:00Z"));
            List<StoredAudit> audits = repo.audits("org");
            assertEquals(List.of("a", "b1", "b2", "c"), audits.stream().map(StoredAudit::decisionId).toList());
            assertNull(audits.get(0).facts(), "listings leave the bodies out");
            assertEquals("{\"teachersInSferum\":1}", audits.get(0).currentIndicators());
            assertTrue(repo.audits("nobody").isEmpty());
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void previousIndicatorsAreTheLatestEarlierOnesFoundThroughTheIndex(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            repo.writer().save(audit("w1", "org", "m", "2023-11-05", "2023-11-06T09:00:00Z"), index(LocalDate.of(2023, 11, 5)));
            repo.writer().save(audit("w2-early", "org", "m", "2023-11-12", "2023-11-13T09:00:00Z"), index(LocalDate.of(2023, 11, 12)));
            repo.writer().save(audit("w2-late", "org", "m", "2023-11-12", "2023-11-13T12:00:00Z"), index(LocalDate.of(2023, 11, 12)));
            repo.writer().save(audit("w3", "org", "m", "2023-11-19", "2023-11-20T09:00:00Z"), index(LocalDate.of(2023, 11, 19)));
            repo.writer().save(audit("other", "org2", "m", "2023-11-12", "2023-11-13T09:00:00Z"), index(LocalDate.of(2023, 11, 12)));
            try (HistorySnapshot history = repo.snapshot()) {
                // audited week 13.11–19.11 (stated period): the latest indicators ending before 13.11, the later submission of that week
                assertEquals("w2-late", history.previousIndicators("org", LocalDate.of(2023, 11, 19), LocalDate.of(2023, 11, 13)).orElseThrow().decisionId());
                // no stated period: the latest audit dated before asOf
                assertEquals("w2-late", history.previousIndicators("org", LocalDate.of(2023, 11, 19), null).orElseThrow().decisionId());
                StoredIndicators w1 = history.previousIndicators("org", LocalDate.of(2023, 11, 12), LocalDate.of(2023, 11, 6)).orElseThrow();
                assertEquals(new StoredIndicators("w1", LocalDate.of(2023, 11, 5), LocalDate.of(2023, 10, 30), LocalDate.of(2023, 11, 5),
                        "{\"teachersInSferum\":1}"), w1);
                assertTrue(history.previousIndicators("org", LocalDate.of(2023, 11, 5), LocalDate.of(2023, 10, 30)).isEmpty(), "nothing before the first week");
            }
            if (backend.equals("sqlite")) {
                // a long history makes SQLite's planner prefer the (organization_key, as_of) index and a sort, unless the query steers it
                for (int w = 0; w < 300; w++) {
                    LocalDate d = LocalDate.of(2020, 1, 5).plusWeeks(w);
                    repo.writer().save(audit("long-" + w, "org", "m", d.toString(), d + "T09:00:00Z"), index(d));
                }
                for (boolean withFrom : List.of(true, false)) {
                    String plan = plan(b, HistorySnapshot.previousIndicatorsSql(withFrom), withFrom
                            ? List.of("org", "2023-11-19", "2023-11-13", "2023-11-19") : List.of("org", "2023-11-19", "2023-11-19"));
                    assertTrue(plan.contains("audit_previous_indicators") && !plan.contains("TEMP B-TREE"),
                            "one walk down the index, no sort of the organization's audits: " + plan);
                }
            }
            b.passed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void analysesAndReportsAreKeptOncePerOrganizationWithTheEarliestAuditThatRecordedThem(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            MonthlyReport oct = new MonthlyReport("sferum", YearMonth.of(2023, 10), LocalDate.of(2023, 11, 2));
            MonthlyReport nov = new MonthlyReport("sferum", YearMonth.of(2023, 11), LocalDate.of(2023, 12, 1));
            repo.writer().save(audit("late", "org", "m", "2023-12-04", "2023-12-04T09:00:00Z"), new AuditIndex(null,
                    List.of(LocalDate.of(2023, 11, 6), LocalDate.of(2023, 11, 14), LocalDate.of(2023, 12, 1)), List.of(oct, nov), Map.of(), null));
            repo.writer().save(audit("early", "org", "m", "2023-11-15", "2023-11-15T09:00:00Z"), new AuditIndex(null,
                    List.of(LocalDate.of(2023, 11, 6), LocalDate.of(2023, 11, 14), LocalDate.of(2023, 11, 14)), List.of(oct), Map.of(), null));
            repo.writer().save(audit("else", "org2", "m", "2023-11-15", "2023-11-15T09:00:00Z"), new AuditIndex(null,
                    List.of(LocalDate.of(2023, 11, 7)), List.of(oct), Map.of(), null));
            try (HistorySnapshot history = repo.snapshot()) {
                assertEquals(List.of(new RecordedHistory.Analysis(LocalDate.of(2023, 11, 6), "early"), new RecordedHistory.Analysis(LocalDate.of(2023, 11, 14), "early"),
                        new RecordedHistory.Analysis(LocalDate.of(2023, 12, 1), "late")),
                        history.weeklyAnalyses("org", LocalDate.of(2023, 12, 10), LocalDate.of(2023, 11, 1), LocalDate.of(2023, 12, 10)));
                assertEquals(List.of(new RecordedHistory.Analysis(LocalDate.of(2023, 11, 14), "early")),
                        history.weeklyAnalyses("org", LocalDate.of(2023, 11, 30), LocalDate.of(2023, 11, 13), LocalDate.of(2023, 11, 19)), "only the period asked for");
                assertEquals(List.of(), history.weeklyAnalyses("org", LocalDate.of(2023, 11, 10), LocalDate.of(2023, 11, 1), LocalDate.of(2023, 11, 10)),
                        "recorded by audits dated after asOf only");
                List<RecordedHistory.Report> reports = history.monthlyReports("org", LocalDate.of(2023, 12, 10), null);
                assertEquals(List.of("early", "late"), reports.stream().map(RecordedHistory.Report::decisionId).toList());
                assertEquals(List.of(oct.key(), nov.key()), reports.stream().map(r -> r.report().key()).toList());
                assertEquals(List.of(nov.key()), history.monthlyReports("org", LocalDate.of(2023, 12, 10), YearMonth.of(2023, 11)).stream()
                        .map(r -> r.report().key()).toList());
            }
            b.passed();
        }
    }

    static AuditIndex index(LocalDate indicatorsTo) { return new AuditIndex(indicatorsTo, null, null, Map.of(), null); }

    private static String plan(TestStores.Backend b, String sql, List<String> args) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = b.db.connection(); java.sql.PreparedStatement st = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < args.size(); i++) st.setString(i + 1, args.get(i));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) out.append(rs.getString("detail")).append("; ");
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void rollupCountsEachOrganizationsLatestAuditOnOrBeforeTheDateInTheDatabase(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            repo.writer().save(audit("s1-old", "s1", "сергокалинск", "2023-10-25", "2023-10-25T09:00:00Z"), verdicts("FAIL"));
            repo.writer().save(audit("s1-new", "s1", "сергокалинск", "2023-11-13", "2023-11-13T09:00:00Z"), verdicts("PASS"));
            repo.writer().save(audit("s1-future", "s1", "сергокалинск", "2023-12-01", "2023-12-01T09:00:00Z"), verdicts("FAIL"));
            repo.writer().save(audit("s2-a", "s2", "сергокалинск", "2023-11-01", "2023-11-01T09:00:00Z"), verdicts("PASS"));
            repo.writer().save(audit("s2-b", "s2", "сергокалинск", "2023-11-01", "2023-11-01T10:00:00Z"), verdicts("FAIL"));
            repo.writer().save(audit("s3", "s3", "сергокалинск", "2023-12-05", "2023-12-05T09:00:00Z"), verdicts("FAIL"));
            repo.writer().save(audit("h1", "h1", "хасавюртовск", "2023-11-01", "2023-11-01T09:00:00Z"), verdicts("FAIL"));
            List<String> listed = new ArrayList<>();
            RollupQueries.RollupCounts counts = repo.rollups().rollup(Set.of("сергокалинск", "сергокалинск муниципальн"), null, LocalDate.of(2023, 11, 20),
                    (c, orgs) -> {
                        orgs.forEachRemaining(a -> listed.add(a.audit().decisionId()));
                        return c;
                    });
            assertEquals(List.of("s1-new", "s2-b"), listed, "by organization name");
            assertEquals(2, counts.organizations());
            assertEquals(2, counts.general());
            assertEquals(2, counts.using());
            assertEquals(Map.of("d", Map.of("compliant", 2)), counts.decreeStatuses());
            assertEquals(Map.of("d", Map.of("1", Map.of("PASS", 1, "FAIL", 1))), counts.clauseVerdicts());
            assertEquals(0, repo.rollups().rollup(Set.of(), null, LocalDate.of(2023, 11, 20), (c, orgs) -> c).organizations());
            assertEquals(0, repo.rollups().rollup(Set.of("сергокалинск"), RollupQueries.regionKey("Оренбургская область"), LocalDate.of(2023, 11, 20),
                    (c, orgs) -> c).organizations(), "a namesake district of another region is left out");
            assertEquals(2, repo.rollups().rollup(Set.of("сергокалинск"), RollupQueries.regionKey("Республики Дагестан"), LocalDate.of(2023, 11, 20),
                    (c, orgs) -> c).organizations());
            b.passed();
        }
    }

    static AuditIndex verdicts(String verdict) {
        return new AuditIndex(null, null, null, Map.of("d", new ReportVerdicts.DecreeVerdicts("compliant", Map.of("1", verdict))), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aDuplicateDecisionIsRefusedAndLeavesNothingBehind(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            repo.writer().save(audit("same", "org", "m", "2023-11-06", "2023-11-06T09:00:00Z"));
            StoreException e = assertThrows(StoreException.class, () -> repo.writer().save(audit("same", "org2", "m", "2023-11-07", "2023-11-07T09:00:00Z")));
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
                            repo.writer().save(audit("t" + thread + "-" + i, "org" + thread, "m", "2023-11-06", Instant.now().toString()));
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
            b.repository().writer().save(audit("kept", "org", "m", "2023-11-06", "2023-11-06T09:00:00Z"));
            try (Database again = Database.open(b.config)) {
                AuditRepository repo = new AuditRepository(again);
                assertEquals(1, repo.count());
                try (Connection c = again.connection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version) FROM flyway_schema_history WHERE success = "
                             + (backend.equals("sqlite") ? "1" : "true"))) {
                    rs.next();
                    assertTrue(rs.getInt(2) >= 3, "V1, V2 and V3 (rules archive) at least, got " + rs.getInt(2));
                    assertEquals(rs.getInt(2), rs.getInt(1), "every migration applied once");
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
