package ru.edu.auditor.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One stored audit. {@code facts} is the document as submitted and {@code report} the report as answered
 * (JSON text); {@code currentIndicators} the audited period's indicators as the rules saw them,
 * {@code weeklyAnalyses} and {@code monthlyReports} the submitted lists (JSON, null when not reported);
 * {@code usesPlatform} whether the organization uses the platform (null: unknown). In listings
 * that do not need them, {@code facts} and {@code report} are null.
 */
public record StoredAudit(
        String decisionId,
        String organizationKey,
        String organizationName,
        String organizationKind,
        String region,
        String municipality,
        String municipalityKey,
        LocalDate asOf,
        LocalDate periodFrom,
        LocalDate periodTo,
        String status,
        String rulesVersion,
        Instant submittedAt,
        String submittedBy,
        Boolean usesPlatform,
        String currentIndicators,
        String weeklyAnalyses,
        String monthlyReports,
        String facts,
        String report) { }
