package ru.edu.auditor.facts;

import java.time.LocalDate;

/** The audit itself: the date the verdicts are given for and the audited period (null when not reported). */
public class Audit {
    private final LocalDate asOf;
    private final LocalDate periodFrom;
    private final LocalDate periodTo;

    public Audit(LocalDate asOf, LocalDate periodFrom, LocalDate periodTo) {
        this.asOf = asOf; this.periodFrom = periodFrom; this.periodTo = periodTo;
    }

    public LocalDate getAsOf() { return asOf; }
    public LocalDate getPeriodFrom() { return periodFrom; }
    public LocalDate getPeriodTo() { return periodTo; }
    public boolean hasPeriod() { return periodFrom != null && periodTo != null; }
}
