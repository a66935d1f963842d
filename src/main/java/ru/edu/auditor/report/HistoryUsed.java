package ru.edu.auditor.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * What an audit took from the organization's stored audits: the previous period's indicators (decision id
 * and date of the audit they come from) and the stored audits whose weekly analyses and monthly reports
 * were added to the submitted ones.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HistoryUsed(String previousIndicatorsFrom, LocalDate previousIndicatorsAsOf,
                          List<String> weeklyAnalysesFrom, List<String> monthlyReportsFrom) {
    public HistoryUsed {
        weeklyAnalysesFrom = List.copyOf(weeklyAnalysesFrom);
        monthlyReportsFrom = List.copyOf(monthlyReportsFrom);
    }

    public boolean isEmpty() {
        return previousIndicatorsFrom == null && weeklyAnalysesFrom.isEmpty() && monthlyReportsFrom.isEmpty();
    }
}
