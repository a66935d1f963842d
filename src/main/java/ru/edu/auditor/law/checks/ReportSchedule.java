package ru.edu.auditor.law.checks;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import ru.edu.auditor.facts.MonthlyReport;

/**
 * Monthly reports "ежемесячно в срок до 30 числа месяца, следующего за отчетным".
 * Reading: the report for month M is due on day 30 of month M+1, that day included; where month M+1
 * has no such day (February), the due day is that month's last day (28 or 29 February) — the latest
 * day that still lies inside "the month following the reported one".
 */
public final class ReportSchedule {
    private ReportSchedule() { }

    public static LocalDate dueDate(YearMonth reported, int dueDay) {
        YearMonth next = reported.plusMonths(1);
        return next.atDay(Math.min(dueDay, next.lengthOfMonth()));
    }

    /**
     * The reported months to judge on {@code asOf}: months from {@code first} whose due date has passed
     * ({@code due < asOf}) and falls on or after {@code windowFrom}; when no due date falls in the window,
     * the latest month whose due date has passed. Empty when no report is overdue yet.
     */
    public static List<YearMonth> monthsToJudge(YearMonth first, int dueDay, LocalDate windowFrom, LocalDate asOf) {
        return monthsToJudge(first, m -> dueDate(m, dueDay), windowFrom, asOf);
    }

    /**
     * As above, with each month's due date given by {@code due} — a clause amended in between sets the due day of each
     * reported month by the wording in force for that month.
     */
    public static List<YearMonth> monthsToJudge(YearMonth first, Function<YearMonth, LocalDate> due, LocalDate windowFrom, LocalDate asOf) {
        List<YearMonth> months = new ArrayList<>();
        YearMonth latestOverdue = null;
        for (YearMonth m = first; due.apply(m).isBefore(asOf); m = m.plusMonths(1)) {
            latestOverdue = m;
            if (windowFrom == null || !due.apply(m).isBefore(windowFrom)) months.add(m);
        }
        if (months.isEmpty() && latestOverdue != null) months.add(latestOverdue);
        return months;
    }

    /** The first month after {@code asOf}'s overdue ones: the next report to come. */
    public static YearMonth nextDue(YearMonth first, int dueDay, LocalDate asOf) {
        return nextDue(first, m -> dueDate(m, dueDay), asOf);
    }

    /** As above, with each month's due date given by {@code due}. */
    public static YearMonth nextDue(YearMonth first, Function<YearMonth, LocalDate> due, LocalDate asOf) {
        YearMonth m = first;
        while (due.apply(m).isBefore(asOf)) m = m.plusMonths(1);
        return m;
    }

    /** The earliest report on {@code platform} for {@code month}, or null. */
    public static MonthlyReport find(Collection<MonthlyReport> reports, String platform, YearMonth month) {
        MonthlyReport best = null;
        for (MonthlyReport r : reports) {
            if (platform.equals(r.getPlatform()) && month.equals(r.getMonth())
                    && (best == null || r.getSentOn().isBefore(best.getSentOn()))) best = r;
        }
        return best;
    }
}
