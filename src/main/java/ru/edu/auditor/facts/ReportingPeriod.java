package ru.edu.auditor.facts;

import java.time.LocalDate;

/** The audited period (both days included); cadence clauses are judged over it. */
public class ReportingPeriod {
    private LocalDate from;
    private LocalDate to;

    public ReportingPeriod() { }
    public ReportingPeriod(LocalDate from, LocalDate to) { this.from = from; this.to = to; }

    public LocalDate getFrom() { return from; }
    public LocalDate getTo() { return to; }
}
