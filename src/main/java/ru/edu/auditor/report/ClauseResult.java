package ru.edu.auditor.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Map;
import ru.edu.auditor.law.Verdict;

/**
 * The verdict on one printed clause, with what it rests on. {@code text} is the text in force on the day the clause
 * judges; {@code versionFrom} and {@code amendedBy} say which amended version that was (absent: the original text);
 * {@code judgedOn} — that day, when it is not the audit date (the last day of the reported week for a clause that
 * judges a period): its wording, parameters, repeal and exemptions are those of that day.
 */
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
        String rule,
        LocalDate versionFrom,
        String amendedBy,
        LocalDate judgedOn) {

    /** Judged by the law of the audit date. */
    public ClauseResult(String decree, String clause, String kind, Verdict status, String explanation, String citation, LocalDate deadline,
                        String deadlineNote, Map<String, Object> evidence, String addressee, String text, String rule,
                        LocalDate versionFrom, String amendedBy) {
        this(decree, clause, kind, status, explanation, citation, deadline, deadlineNote, evidence, addressee, text, rule, versionFrom, amendedBy, null);
    }

    /** Without a version: the clause's original text was in force. */
    public ClauseResult(String decree, String clause, String kind, Verdict status, String explanation, String citation, LocalDate deadline,
                        String deadlineNote, Map<String, Object> evidence, String addressee, String text, String rule) {
        this(decree, clause, kind, status, explanation, citation, deadline, deadlineNote, evidence, addressee, text, rule, null, null, null);
    }
}
