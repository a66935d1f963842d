package ru.edu.auditor.facts;

/** The weekly indicators for the audited period and, optionally, for the previous period. */
public class IndicatorSet {
    private WeeklyIndicators current;
    private WeeklyIndicators previous;

    public IndicatorSet() { }
    public IndicatorSet(WeeklyIndicators current, WeeklyIndicators previous) { this.current = current; this.previous = previous; }

    public WeeklyIndicators getCurrent() { return current; }
    public WeeklyIndicators getPrevious() { return previous; }
}
