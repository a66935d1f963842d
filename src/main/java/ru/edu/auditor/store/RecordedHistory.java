package ru.edu.auditor.store;

import java.time.LocalDate;
import ru.edu.auditor.facts.MonthlyReport;

/** Compact history records of one organization, each with the earliest stored audit that recorded it. */
public final class RecordedHistory {
    private RecordedHistory() { }

    /** A weekly analysis date. */
    public record Analysis(LocalDate date, String decisionId) { }

    /** A monthly report sent. */
    public record Report(MonthlyReport report, String decisionId) { }
}
