package ru.edu.auditor.service;

import java.time.LocalDate;

/** An organization's latest stored audit, as the list of audited organizations shows it. */
public record LatestAudit(String organizationKey, String organizationName, String organizationKind, String municipality, LocalDate asOf,
                          String decisionId, String status) { }
