package ru.edu.auditor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The list of audited organizations filtered, counted and paged by the store, on SQLite and (with AUDITOR_TEST_PG_URL) PostgreSQL. */
class OrganizationFilterTest {
    static List<String> backends() { return TestStores.backends(); }

    static StoredAudit audit(String id, String org, String name, String kind, String municipalityKey, String asOf, String status) {
        return new StoredAudit(id, org, name, kind, null, "Район " + municipalityKey, municipalityKey, LocalDate.parse(asOf), null, null, status,
                "sha256:test", Instant.parse(asOf + "T09:00:00Z"), "anna", null, null, null, null, "{}", "{}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void filtersCountAndPagesInTheStoreOnEachOrganizationsLatestAudit(String backend) throws Exception {
        try (TestStores.Backend b = TestStores.open(backend)) {
            AuditRepository repo = b.repository();
            for (int i = 0; i < 12; i++) {
                String org = String.format("o%02d", i);
                String name = (i % 2 == 0 ? "МКОУ «Сергокалинская СОШ № " : "Детский сад «Ёлочка» № ") + i + (i % 2 == 0 ? "»" : "");
                // an earlier audit with another status: only the latest counts
                repo.writer().save(audit(org + "-old", org, name, i % 2 == 0 ? "general" : "preschool", i < 8 ? "сергокалинск" : "кесовогорск",
                        "2023-10-01", "compliant"));
                repo.writer().save(audit(org + "-new", org, name, i % 2 == 0 ? "general" : "preschool", i < 8 ? "сергокалинск" : "кесовогорск",
                        "2023-11-01", i % 3 == 0 ? "non-compliant" : "compliant"));
            }
            AuditRepository.LatestPage all = repo.latestPerOrganization(OrganizationFilter.ALL, 0, 5);
            assertEquals(12, all.total());
            assertEquals(5, all.rows().size());
            assertTrue(all.rows().stream().allMatch(r -> r.decisionId().endsWith("-new")), "each organization by its latest audit");
            AuditRepository.LatestPage last = repo.latestPerOrganization(OrganizationFilter.ALL, 10, 5);
            assertEquals(2, last.rows().size(), "the last page holds the rest");
            assertEquals(4, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, Set.of("кесовогорск"), null, null, null), 0, 50).total());
            assertEquals(0, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, Set.of(), null, null, null), 0, 50).total(), "no key: nobody");
            assertEquals(6, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, null, "preschool", null, null), 0, 50).total());
            // non-compliant on the latest audit: 0, 3, 6, 9
            assertEquals(4, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, null, null, "non-compliant", null), 0, 50).total());
            assertEquals(2, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, Set.of("сергокалинск"), "general", "non-compliant", null), 0, 50).total());
            // the name in the spellings a person types (SQLite folds ASCII only), ё and е alike, LIKE's wildcards as text
            assertEquals(6, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, null, null, null, "сергокалинская"), 0, 50).total());
            assertEquals(6, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, null, null, null, "СЕРГОКАЛИНСКАЯ"), 0, 50).total());
            assertEquals(6, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, null, null, null, "елочка"), 0, 50).total());
            assertEquals(0, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, null, null, null, "%"), 0, 50).total());
            assertEquals(1, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.ALL, null, null, null, "o07"), 0, 50).total(), "by key too");
            // the caller's scope is one more condition of the same query
            assertEquals(1, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.organizations(List.of("o00", "o01")), null, "preschool", null, null),
                    0, 50).total());
            assertEquals(2, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.municipalities(List.of("кесовогорск")), null, null, null,
                    "СОШ"), 0, 50).total());
            assertEquals(0, repo.latestPerOrganization(new OrganizationFilter(ScopeFilter.NONE, null, null, null, null), 0, 50).total());
            b.passed();
        }
    }
}
