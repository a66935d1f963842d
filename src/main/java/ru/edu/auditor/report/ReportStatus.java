package ru.edu.auditor.report;

import java.util.List;
import java.util.Map;
import ru.edu.auditor.law.Verdict;

/**
 * The status lattice, the one place where a decree's status and a report's status are derived from clause verdicts
 * (docs/status.md). The first line that holds decides:
 * <ol>
 * <li>{@code error} — a clause got ERROR: the rule set failed, nothing else can be trusted;</li>
 * <li>{@code non-compliant} — a clause FAILs (a duty due and not met);</li>
 * <li>{@code incomplete} — a clause is NO_DATA or MANUAL: facts are missing or a person must judge;</li>
 * <li>{@code pending} — the only open duties are PENDING, their deadlines not yet reached (nothing failed, is missing
 *     or needs a person);</li>
 * <li>{@code compliant} — at least one duty was checked and met (PASS), and nothing above;</li>
 * <li>{@code exempt} — every duty that would have been checked is EXEMPT (an authority exempted the organization
 *     from it), none PASSes; EXEMPT next to PASS leaves {@code compliant}: an exempted duty neither fails nor counts
 *     as checked;</li>
 * <li>{@code not-applicable} — nothing was checked: no decree applies (a report), or every clause is
 *     NOT_APPLICABLE or INFO (a decree). «Nothing checked» is never «compliant».</li>
 * </ol>
 * A decree that does not apply at all is {@code not-applicable} and contributes no verdicts to its report.
 */
public final class ReportStatus {
    public static final String ERROR = "error";
    public static final String NON_COMPLIANT = "non-compliant";
    public static final String INCOMPLETE = "incomplete";
    public static final String PENDING = "pending";
    public static final String COMPLIANT = "compliant";
    public static final String EXEMPT = "exempt";
    public static final String NOT_APPLICABLE = "not-applicable";

    /** Every status, worst first (the order of the lattice). */
    public static final List<String> ALL = List.of(ERROR, NON_COMPLIANT, INCOMPLETE, PENDING, COMPLIANT, EXEMPT, NOT_APPLICABLE);

    private ReportStatus() { }

    /** The status of a set of clause verdicts with their counts (one decree, or every applicable decree of a report). */
    public static String of(Map<Verdict, Integer> counts) {
        // the worst verdict present decides (Verdict.WORST_FIRST, the one order of severity)
        Verdict worst = Verdict.WORST_FIRST.stream().filter(v -> counts.getOrDefault(v, 0) > 0).findFirst().orElse(Verdict.INFO);
        return switch (worst) {
            case ERROR -> ERROR;
            case FAIL -> NON_COMPLIANT;
            case MANUAL, NO_DATA -> INCOMPLETE;
            case PENDING -> PENDING;
            case PASS -> COMPLIANT;
            case EXEMPT -> EXEMPT;
            case NOT_APPLICABLE, INFO -> NOT_APPLICABLE;
        };
    }
}
