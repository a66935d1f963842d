package ru.edu.auditor.store;

import java.time.LocalDate;

/** A stored audit's current indicators (JSON), with what dates them: the audit's id, date and audited period. */
public record StoredIndicators(String decisionId, LocalDate asOf, LocalDate periodFrom, LocalDate periodTo, String currentIndicators) { }
