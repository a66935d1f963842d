package ru.edu.auditor.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One decree in a report: whether it applies and why, its status, and (when it applies) every clause. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecreeReport(
        String id,
        String kind,
        String number,
        LocalDate date,
        String issuer,
        String title,
        boolean applicable,
        String applicability,
        String status,
        Map<String, Integer> summary,
        List<ClauseResult> clauses) { }
