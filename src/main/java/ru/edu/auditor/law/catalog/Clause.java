package ru.edu.auditor.law.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One printed clause of a decree. */
public record Clause(
        String id,
        ClauseKind kind,
        String addressee,
        List<String> orgKinds,
        LocalDate deadline,
        String deadlineNote,
        String text,
        Map<String, Object> parameters,
        String interpretation) {

    public List<String> orgKinds() { return orgKinds == null ? List.of() : orgKinds; }
    public Map<String, Object> parameters() { return parameters == null ? Map.of() : parameters; }

    public boolean addresses(String orgKind) { return orgKinds().contains(orgKind); }
    public boolean isObligation() { return kind == ClauseKind.obligation; }
}
