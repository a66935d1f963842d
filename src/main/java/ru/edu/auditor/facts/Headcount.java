package ru.edu.auditor.facts;

/**
 * How many people of one group there are and how many of them are registered (connected) in Sferum.
 * Groups: employees, teachers, students, parents, authorityStaff.
 */
public class Headcount {
    private String group;
    private Integer total;
    private Integer registered;

    public Headcount() { }
    public Headcount(String group, Integer total, Integer registered) {
        this.group = group; this.total = total; this.registered = registered;
    }

    public String getGroup() { return group; }
    public Integer getTotal() { return total; }
    public Integer getRegistered() { return registered; }
    public int getMissing() { return total == null || registered == null ? 0 : total - registered; }

    Headcount withGroup(String group) { return new Headcount(group, total, registered); }
}
