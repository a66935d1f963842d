package ru.edu.auditor.facts;

/**
 * «Моя школа» usage. Active = signed in at least once in the last 365 days with a confirmed account
 * (definition of Постановление № 262 Администрации МР «Сергокалинский район», preamble).
 */
public class MySchool {
    private Integer activeTeachers;
    private Integer activeStudents;

    public MySchool() { }
    public MySchool(Integer activeTeachers, Integer activeStudents) {
        this.activeTeachers = activeTeachers; this.activeStudents = activeStudents;
    }

    public Integer getActiveTeachers() { return activeTeachers; }
    public Integer getActiveStudents() { return activeStudents; }
}
