package ru.edu.auditor.engine;

/**
 * What a compiled rule says of itself through its metadata: the decree and clause it judges ({@code @decree},
 * {@code @clause}; null for a helper rule) and the shared reading it is ({@code @reading}; null for a decree's own rule).
 */
public record RuleInfo(String name, String decree, String clause, String reading) {
    /** True for a rule of {@code rules/common/} that judges every clause naming its reading in the catalog. */
    public boolean sharedReading() { return reading != null; }
}
