package ru.edu.auditor.facts;

/**
 * Marks a part of the submitted facts as reported (present, possibly empty), by its JSON path without
 * the leading "$.", e.g. "communication.messengersInUse". Rules use {@code not Reported(path == "...")}
 * to answer NO_DATA: an empty list is a report that there is nothing, an absent one is no report.
 */
public class Reported {
    private final String path;

    public Reported(String path) { this.path = path; }

    public String getPath() { return path; }

    @Override public String toString() { return "Reported(" + path + ")"; }
}
