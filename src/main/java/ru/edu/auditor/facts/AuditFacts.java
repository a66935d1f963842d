package ru.edu.auditor.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * The facts an auditor submits about one organization, as bound from the JSON document
 * described by {@code /api/v1/schema}. Every part except {@code organization} and {@code asOf}
 * is optional: an absent part means "not reported", never zero.
 */
public class AuditFacts {
    private Organization organization;
    private LocalDate asOf;
    private ReportingPeriod period;
    private Sferum sferum;
    private Headcounts headcount;
    private MySchool mySchool;
    private IndicatorSet indicators;
    private List<Teacher> teachers;
    private Leadership leadership;
    private Communication communication;
    private List<ResponsiblePerson> responsiblePersons;
    private LocalAct localAct;
    private List<LocalDate> weeklyAnalyses;
    private List<MonthlyReport> monthlyReports;
    private AuthorityFacts authority;

    public Organization getOrganization() { return organization; }
    public LocalDate getAsOf() { return asOf; }
    public ReportingPeriod getPeriod() { return period; }
    public Sferum getSferum() { return sferum; }
    public Headcounts getHeadcount() { return headcount; }
    public MySchool getMySchool() { return mySchool; }
    public IndicatorSet getIndicators() { return indicators; }
    public List<Teacher> getTeachers() { return teachers; }
    public Leadership getLeadership() { return leadership; }
    public Communication getCommunication() { return communication; }
    public List<ResponsiblePerson> getResponsiblePersons() { return responsiblePersons; }
    public LocalAct getLocalAct() { return localAct; }
    public List<LocalDate> getWeeklyAnalyses() { return weeklyAnalyses; }
    public List<MonthlyReport> getMonthlyReports() { return monthlyReports; }
    public AuthorityFacts getAuthority() { return authority; }

    /** Used when the service fills in derived parts (e.g. counts derived from the roster). */
    public void setHeadcount(Headcounts headcount) { this.headcount = headcount; }
    public void setMySchool(MySchool mySchool) { this.mySchool = mySchool; }
    public void setIndicators(IndicatorSet indicators) { this.indicators = indicators; }
    public void setAsOf(LocalDate asOf) { this.asOf = asOf; }
    /** Used when the service merges the analyses and reports recorded in the organization's earlier audits. */
    public void setWeeklyAnalyses(List<LocalDate> weeklyAnalyses) { this.weeklyAnalyses = weeklyAnalyses; }
    public void setMonthlyReports(List<MonthlyReport> monthlyReports) { this.monthlyReports = monthlyReports; }
}
