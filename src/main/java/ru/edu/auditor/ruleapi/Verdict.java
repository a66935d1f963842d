package ru.edu.auditor.ruleapi;

/**
 * The verdicts a rule may state (rule-author interface). Kept compatible across releases: a value is never removed or
 * renamed. The report's own vocabulary ({@code law.Verdict}) has more (EXEMPT, INFO, ERROR), which no rule states.
 */
public enum Verdict {
    /** The duty is met. */
    PASS,
    /** The duty is not met (before the deadline the report shows PENDING). */
    FAIL,
    /** A deadline not yet reached and the duty not yet met. */
    PENDING,
    /** Not applicable to what the facts show. */
    NOT_APPLICABLE,
    /** The facts needed are missing. */
    NO_DATA,
    /** A person must judge. */
    MANUAL;

    ru.edu.auditor.law.Verdict toLaw() { return ru.edu.auditor.law.Verdict.valueOf(name()); }

    static Verdict of(ru.edu.auditor.law.Verdict v) { return valueOf(v.name()); }
}
