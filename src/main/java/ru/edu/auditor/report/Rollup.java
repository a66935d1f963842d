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
 * A PENDING whose deadline (the catalog's, moved off a day off as the decree reads it) has passed by {@code asOf} is
 * not «срок не наступил» on that date: it is counted apart, as {@link #DUE_SINCE_AUDIT} (clauses) and
 * {@link #DUE_SINCE_AUDIT_STATUS} (decree and organization statuses) — «срок истёк после проверки — нужна новая
 * проверка». {@code known}: the addressed organizations whose verdict is known (all but NO_DATA and ERROR); with none,
 * the share is null and reads «нет сведений».
 * {@code organizationList} may be read from the store as it is written out (a district's tens of thousands of
 * organizations are never held at once): iterate it once, last.
 */
public record Rollup(String municipality, String region, LocalDate asOf, List<String> municipalityKeys, int organizations,
                     PlatformShare platformUse, List<DecreeRollup> decrees,
                     @JsonSerialize(as = Iterable.class) Iterable<OrganizationLine> organizationList) {

    /** The roll-up's count of PENDING verdicts whose deadline passed after their audit, by the roll-up's date. */
    public static final String DUE_SINCE_AUDIT = "DUE_SINCE_AUDIT";
    /** A decree's or organization's status «pending» at its audit, with a deadline passed since, by the roll-up's date. */
    public static final String DUE_SINCE_AUDIT_STATUS = "due-since-audit";

    /**
     * An organization's latest audit on or before the date: {@code asOf} its judged date, {@code auditStatus} the status
     * it answered then, {@code status} what it counts as on the roll-up's date ({@link #DUE_SINCE_AUDIT_STATUS} for a
     * «pending» whose deadline has passed since).
     */
    public record OrganizationLine(String organizationKey, String name, String kind, String decisionId, LocalDate asOf, String status,
                                   Boolean usesPlatform, String auditStatus) { }

    /** «Показатель 10»: general-education organizations using the platform, among those audited. */
    public record PlatformShare(String indicator, String definition, int generalOrganizations, int using, int notUsing, int unknown,
                                Double share) { }

    public record DecreeRollup(String id, String document, String title, Map<String, Integer> statuses, List<ClauseRollup> clauses) { }

    /** {@code deadline}: the clause's deadline in the catalog (null: none); {@code counts} by verdict and {@link #DUE_SINCE_AUDIT}. */
    public record ClauseRollup(String clause, String kind, LocalDate deadline, Map<String, Integer> counts, int addressed, int known, int compliant,
                               Double shareCompliant) { }
}
