package ru.edu.auditor.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.MonthlyReport;
import ru.edu.auditor.report.ReportVerdicts;

/**
 * The small, indexed records kept beside one stored audit, so that the next audit's history and the roll-up
 * are bounded queries that never read an earlier document:
 * <ul>
 * <li>{@code indicatorsTo}: the end of the period the audit's current indicators state themselves (null: none
 *     stated) — with the audit's period and date it dates the indicators for the "previous period" query;</li>
 * <li>{@code weeklyAnalyses} and {@code monthlyReports}: what the audit's document reported (null: not
 *     reported), kept once per organization and date (report) with the earliest audit that recorded it;</li>
 * <li>{@code verdicts}: each decree's status and each clause's verdict, in report order (the roll-up counts
 *     them in the database; the organization's history reads them without its reports);</li>
 * <li>{@code historyAdded}: JSON of what the organization's earlier audits added to the submitted facts (the
 *     previous indicators, analysis dates, monthly reports), so the facts the rules saw are the submitted
 *     document plus this; null when nothing was added.</li>
 * </ul>
 */
public record AuditIndex(LocalDate indicatorsTo, List<LocalDate> weeklyAnalyses, List<MonthlyReport> monthlyReports,
                         Map<String, ReportVerdicts.DecreeVerdicts> verdicts, String historyAdded) {
    public AuditIndex {
        weeklyAnalyses = weeklyAnalyses == null ? null : List.copyOf(weeklyAnalyses);
        monthlyReports = monthlyReports == null ? null : List.copyOf(monthlyReports);
        verdicts = verdicts == null ? Map.of() : verdicts;
    }

    /** No records beyond the audit row (tests, and audits whose report has no decrees). */
    public static AuditIndex none() { return new AuditIndex(null, null, null, Map.of(), null); }
}
