package ru.edu.auditor.facts;

/**
 * How many people of one group there are and how many of them are registered (connected) in Sferum.
 * Groups: employees, teachers, students, parents, authorityStaff.
 */
public class Headcount {
    private String group;
    private Integer total;
    private Integer registered;
    /** Of them, used Sferum in the last 7 days (use, not registration); null when not reported. */
    private Integer activeLast7Days;
    /** Of them, used Sferum in the last 12 months (the measure of the preamble of decree 262); null when not reported. */
    private Integer activeLast12Months;

    public Headcount() { }
    public Headcount(String group, Integer total, Integer registered) {
        this.group = group; this.total = total; this.registered = registered;
    }

    public String getGroup() { return group; }
    public Integer getTotal() { return total; }
    public Integer getRegistered() { return registered; }
    public Integer getActiveLast7Days() { return activeLast7Days; }
    public Integer getActiveLast12Months() { return activeLast12Months; }
    public boolean hasUse() { return activeLast7Days != null || activeLast12Months != null; }
    public int getMissing() { return total == null || registered == null ? 0 : total - registered; }

    Headcount withGroup(String group) {
        Headcount h = new Headcount(group, total, registered);
        h.activeLast7Days = activeLast7Days;
        h.activeLast12Months = activeLast12Months;
        return h;
    }
}
