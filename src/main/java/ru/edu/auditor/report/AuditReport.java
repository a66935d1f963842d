package ru.edu.auditor.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.Organization;

/**
 * The answer to one audit. {@code status}: the status lattice of {@link ReportStatus} over the clauses of every
 * applicable decree — error, non-compliant, incomplete, pending (only duties not yet due are open), compliant
 * (something checked and nothing open), not-applicable (no decree applies). {@code organizationKey}:
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
