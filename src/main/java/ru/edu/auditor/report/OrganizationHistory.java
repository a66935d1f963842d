package ru.edu.auditor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An organization's audits over time, oldest first, each with every clause's verdict per decree, and the
 * changes of verdict from one audit to the next (a clause going from FAIL to PASS).
 */
public record OrganizationHistory(String organizationKey, String name, String municipality, List<Entry> audits, List<Change> changes) {

    /** One stored audit. */
    public record Entry(String decisionId, LocalDate asOf, LocalDate periodFrom, LocalDate periodTo, Instant submittedAt,
                        String submittedBy, String rulesVersion, String status, Map<String, ReportVerdicts.DecreeVerdicts> decrees) { }

    /** A clause whose verdict differs from the organization's audit before. */
    public record Change(String decree, String clause, String from, String to, String decisionId, LocalDate asOf) { }
}
