package ru.edu.auditor.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.Organization;

/**
 * The answer to one audit. {@code status}: non-compliant if any clause FAILs; incomplete if any is
 * NO_DATA or MANUAL; error if the rule set failed on a clause; compliant otherwise. {@code organizationKey}:
 * the key the organization's audits are kept under (GET /api/v1/organizations/{key}/audits); {@code history}:
 * what the audit took from the organization's stored audits (absent when nothing).
 */
public record AuditReport(
        String decisionId,
        String rulesVersion,
        Instant auditedAt,
        LocalDate asOf,
        Organization organization,
        String organizationKey,
        String status,
        Map<String, Integer> summary,
        List<DecreeReport> decrees,
        List<String> errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) HistoryUsed history) {

    public AuditReport withHistory(HistoryUsed used) {
        return new AuditReport(decisionId, rulesVersion, auditedAt, asOf, organization, organizationKey, status, summary, decrees, errors,
                used == null || used.isEmpty() ? null : used);
    }
}
