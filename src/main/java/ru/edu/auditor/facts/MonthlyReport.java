package ru.edu.auditor.facts;

import java.time.LocalDate;
import java.time.YearMonth;

/** A monthly report sent to the education authority: which platform, for which month, when. */
public class MonthlyReport {
    /** sferum or mySchool. */
    private String platform;
    private YearMonth month;
    private LocalDate sentOn;

    public MonthlyReport() { }
    public MonthlyReport(String platform, YearMonth month, LocalDate sentOn) { this.platform = platform; this.month = month; this.sentOn = sentOn; }

    /** Platform, month and sending date: two reports with the same key are one report recorded twice. */
    public String key() { return platform + "|" + month + "|" + sentOn; }

    public String getPlatform() { return platform; }
    public YearMonth getMonth() { return month; }
    public LocalDate getSentOn() { return sentOn; }
}
