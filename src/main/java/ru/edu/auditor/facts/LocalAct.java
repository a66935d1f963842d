package ru.edu.auditor.facts;

import java.time.LocalDate;

/** The local normative act on the procedure for using the interaction services. */
public class LocalAct {
    /** Whether the act has been approved at all; false reports that there is none. */
    private Boolean adopted;
    private String title;
    private String number;
    private LocalDate approvedOn;
    private String publishedUrl;

    public Boolean getAdopted() { return adopted; }
    public String getTitle() { return title; }
    public String getNumber() { return number; }
    public LocalDate getApprovedOn() { return approvedOn; }
    public String getPublishedUrl() { return publishedUrl; }
}
