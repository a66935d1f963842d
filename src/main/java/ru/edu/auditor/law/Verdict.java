package ru.edu.auditor.law;

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
    ERROR
}
