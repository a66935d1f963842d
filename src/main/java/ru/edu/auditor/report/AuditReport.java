package ru.edu.auditor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.Organization;

/**
 * The answer to one audit. {@code status}: non-compliant if any clause FAILs; incomplete if any is
 * NO_DATA or MANUAL; error if the rule set failed on a clause; compliant otherwise.
 */
public record AuditReport(
        String decisionId,
        String rulesVersion,
        Instant auditedAt,
        LocalDate asOf,
        Organization organization,
        String status,
        Map<String, Integer> summary,
        List<DecreeReport> decrees,
        List<String> errors) { }
