package ru.edu.auditor.facts;

/** A messenger or other communication/e-learning program the organization uses, as the auditor named it. */
public class SoftwareInUse {
    private String name;
    /** communication, education or both. */
    private String purpose;

    public String getName() { return name; }
    public String getPurpose() { return purpose; }
}
