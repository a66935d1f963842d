package ru.edu.auditor.service.access;

/** What a token may do; each role includes the ones before it. */
public enum Role {
    /** A school's own staff: submits and reads its own organization's audits (its scope is that organization). */
    school,
    /** Audits and the catalog. */
    auditor,
    /** Also rule reload and rule status. */
    rule_author,
    /** Everything. */
    admin;

    public boolean includes(Role needed) { return ordinal() >= needed.ordinal(); }

    /** The name as documented and as token entries spell it: {@code rule-author}. */
    public String label() { return name().replace('_', '-'); }
}
