package ru.edu.auditor.report;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A municipality (in a region, when given) on a date: its organizations by their latest audit on or before that date, and for each decree
 * that applies to at least one of them, for each clause, how many are at each verdict. {@code addressed}: organizations the clause is checked for (any verdict
 * but NOT_APPLICABLE, INFO and EXEMPT — an organization exempted from the clause is out of its share); {@code shareCompliant}:
 * PASS among them (0–1, rounded down; null when none).
 * {@code organizationList} may be read from the store as it is written out (a district's tens of thousands of
 * organizations are never held at once): iterate it once, last.
 */
public record Rollup(String municipality, String region, LocalDate asOf, List<String> municipalityKeys, int organizations,
                     PlatformShare platformUse, List<DecreeRollup> decrees,
                     @JsonSerialize(as = Iterable.class) Iterable<OrganizationLine> organizationList) {

    public record OrganizationLine(String organizationKey, String name, String kind, String decisionId, LocalDate asOf, String status,
                                   Boolean usesPlatform) { }

    /** «Показатель 10»: general-education organizations using the platform, among those audited. */
    public record PlatformShare(String indicator, String definition, int generalOrganizations, int using, int notUsing, int unknown,
                                Double share) { }

    public record DecreeRollup(String id, String document, String title, Map<String, Integer> statuses, List<ClauseRollup> clauses) { }

    public record ClauseRollup(String clause, String kind, Map<String, Integer> counts, int addressed, int compliant, Double shareCompliant) { }
}
