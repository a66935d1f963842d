package ru.edu.auditor.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Map;
import ru.edu.auditor.law.Verdict;

/** The verdict on one printed clause, with what it rests on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClauseResult(
        String decree,
        String clause,
        String kind,
        Verdict status,
        String explanation,
        String citation,
        LocalDate deadline,
        String deadlineNote,
        Map<String, Object> evidence,
        String addressee,
        String text,
        String rule) { }
