package ru.edu.auditor.law;

import java.util.List;

/** The verdict on one clause. */
public enum Verdict {
    /** The duty is met. */
    PASS,
    /** The duty is not met and its deadline (if any) has passed. */
    FAIL,
    /** A deadline not yet reached and the duty not yet met. */
    PENDING,
    /** Out of scope, wrong organization kind, or not yet in force. */
    NOT_APPLICABLE,
    /** The facts needed are missing. */
    NO_DATA,
    /** A person must judge. */
    MANUAL,
    /**
     * An authority exempted the organization from the clause (report.Exemptions): shown with the justification and
     * the verdict the clause would otherwise have had. Never from the rules themselves.
     */
    EXEMPT,
    /** The clause obliges no one (purpose, control reserved, heading). */
    INFO,
    /** Not a verdict: the rule set gave this obligation no verdict or conflicting ones (a defect of the rules). */
    ERROR;

    /**
     * Every verdict, worst first: the one order in which verdicts combine — a clause of several parts is as bad as
     * its worst part (law.checks.Checks.worst), a decree's and a report's status follow their worst clause
     * (report.ReportStatus, docs/status.md). MANUAL and NO_DATA both leave a report incomplete.
     */
    public static final List<Verdict> WORST_FIRST = List.of(ERROR, FAIL, MANUAL, NO_DATA, PENDING, PASS, EXEMPT, NOT_APPLICABLE, INFO);

    /** True when this verdict weighs more than {@code other} in {@link #WORST_FIRST}. */
    public boolean isWorseThan(Verdict other) { return WORST_FIRST.indexOf(this) < WORST_FIRST.indexOf(other); }
}
