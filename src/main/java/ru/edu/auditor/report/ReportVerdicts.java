package ru.edu.auditor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The verdicts of a report (as stored JSON): per decree its status and each clause's verdict, in report order. */
public final class ReportVerdicts {
    /** A decree's status ("not-applicable" when it does not apply) and its clauses' verdicts (none when it does not apply). */
    public record DecreeVerdicts(String status, Map<String, String> clauses) { }

    private ReportVerdicts() { }

    public static Map<String, DecreeVerdicts> of(JsonNode report) {
        Map<String, DecreeVerdicts> out = new LinkedHashMap<>();
        for (JsonNode d : report.path("decrees")) {
            Map<String, String> clauses = new LinkedHashMap<>();
            for (JsonNode c : d.path("clauses")) clauses.put(c.path("clause").asText(), c.path("status").asText());
            out.put(d.path("id").asText(), new DecreeVerdicts(d.path("status").asText(), clauses));
        }
        return out;
    }
}
