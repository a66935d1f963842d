package ru.edu.auditor.facts;

import java.time.LocalDate;
import java.util.List;

/** Dates on which the responsible person analysed the weekly statistics. */
public class WeeklyAnalyses {
    private final List<LocalDate> dates;

    public WeeklyAnalyses(List<LocalDate> dates) { this.dates = List.copyOf(dates); }

    public List<LocalDate> getDates() { return dates; }
}
