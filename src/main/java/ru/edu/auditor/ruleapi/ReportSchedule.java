package ru.edu.auditor.ruleapi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import ru.edu.auditor.facts.MonthlyReport;

/** Monthly report dates «до N числа месяца, следующего за отчётным» (rule-author interface; {@code law.checks.ReportSchedule}). */
public final class ReportSchedule {
    private ReportSchedule() { }

    public static LocalDate dueDate(YearMonth reported, int dueDay) { return ru.edu.auditor.law.checks.ReportSchedule.dueDate(reported, dueDay); }

    public static List<YearMonth> monthsToJudge(YearMonth first, int dueDay, LocalDate windowFrom, LocalDate asOf) {
        return ru.edu.auditor.law.checks.ReportSchedule.monthsToJudge(first, dueDay, windowFrom, asOf);
    }

    public static YearMonth nextDue(YearMonth first, int dueDay, LocalDate asOf) { return ru.edu.auditor.law.checks.ReportSchedule.nextDue(first, dueDay, asOf); }

    public static MonthlyReport find(Collection<MonthlyReport> reports, String platform, YearMonth month) {
        return ru.edu.auditor.law.checks.ReportSchedule.find(reports, platform, month);
    }
}
