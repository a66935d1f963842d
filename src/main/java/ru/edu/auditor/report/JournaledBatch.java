package ru.edu.auditor.report;

/**
 * What the batch journal keeps of a streamed batch: who sent it, when, and the totals (null until it is finished);
 * each of its lines is a {@link Line}.
 */
public record JournaledBatch(String batchId, String submittedBy, String startedAt, String finishedAt, Long lines, Long blank,
                             Long audited, Long invalid, Long failed, Long stored, String aborted) {
    /** One line: {@code status} audited, invalid or error; {@code errorsJson} a JSON array, or null. */
    public record Line(long line, String status, String decisionId, String errorsJson) { }
}
