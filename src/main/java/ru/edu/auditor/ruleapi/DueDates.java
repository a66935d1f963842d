package ru.edu.auditor.ruleapi;

import java.time.LocalDate;

/**
 * A fact inserted for every applicable decree: how that decree reads a deadline falling on a non-working day
 * (catalog {@code deadlineOnDayOff}, production calendar of rules/reference/). A rule that computes deadlines itself
 * (monthly reports «до 30 числа») asks {@code $due.due(date)}: {@code DueDates(decree == $c.decree)}.
 */
public final class DueDates {
    private final ru.edu.auditor.law.deadlines.DueDates law;

    public DueDates(ru.edu.auditor.law.deadlines.DueDates law) { this.law = law; }

    /** A deadline as stated, the day it is read to fall on, and the Russian note that says why (null when not moved). */
    public record Due(LocalDate stated, LocalDate effective, String note) {
        public boolean moved() { return !stated.equals(effective); }
    }

    public String getDecree() { return law.getDecree(); }

    public Due due(LocalDate stated) {
        ru.edu.auditor.law.deadlines.DueDates.Due d = law.due(stated);
        return new Due(d.stated(), d.effective(), d.note());
    }

    public LocalDate effective(LocalDate stated) { return law.effective(stated); }
}
