package ru.edu.auditor.ruleapi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import ru.edu.auditor.facts.MonthlyReport;

/** Monthly report dates «до N числа месяца, следующего за отчётным» (rule-author interface; {@code law.checks.ReportSchedule}). */
public final class ReportSchedule {
    private ReportSchedule() { }

    public static LocalDate dueDate(YearMonth reported, int dueDay) { return ru.edu.auditor.law.checks.ReportSchedule.dueDate(reported, dueDay); }

    public static List<YearMonth> monthsToJudge(YearMonth first, int dueDay, LocalDate windowFrom, LocalDate asOf) {
        return ru.edu.auditor.law.checks.ReportSchedule.monthsToJudge(first, dueDay, windowFrom, asOf);
    }

    /** The months to judge when each month's due date is its own (a clause amended in between: each month by its wording). */
    public static List<YearMonth> monthsToJudge(YearMonth first, Function<YearMonth, LocalDate> due, LocalDate windowFrom, LocalDate asOf) {
        return ru.edu.auditor.law.checks.ReportSchedule.monthsToJudge(first, due, windowFrom, asOf);
    }

    public static YearMonth nextDue(YearMonth first, Function<YearMonth, LocalDate> due, LocalDate asOf) {
        return ru.edu.auditor.law.checks.ReportSchedule.nextDue(first, due, asOf);
    }

    public static YearMonth nextDue(YearMonth first, int dueDay, LocalDate asOf) { return ru.edu.auditor.law.checks.ReportSchedule.nextDue(first, dueDay, asOf); }

    public static MonthlyReport find(Collection<MonthlyReport> reports, String platform, YearMonth month) {
        return ru.edu.auditor.law.checks.ReportSchedule.find(reports, platform, month);
    }
}
