package ru.edu.auditor.facts;

import java.time.LocalDate;
import java.time.YearMonth;

/** A monthly report sent to the education authority: which platform, for which month, when. */
public class MonthlyReport {
    /** sferum or mySchool. */
    private String platform;
    private YearMonth month;
    private LocalDate sentOn;

    public String getPlatform() { return platform; }
    public YearMonth getMonth() { return month; }
    public LocalDate getSentOn() { return sentOn; }
}
