package ru.edu.auditor.law.catalog;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One printed clause of a decree. A subclause without a deadline of its own takes its heading's deadline and
 * note (see {@link Catalog}); {@code deadlineAppliesTo} on a heading limits that to the subclauses it names;
 * {@code deadlineFrom} takes the deadline another clause states (its own {@code deadlineNote} says why).
 * {@code reading}: the shared reading (rule with {@code @reading}) that judges this clause, when no rule of the
 * decree does.
 */
public record Clause(
        String id,
        ClauseKind kind,
        String addressee,
        List<String> orgKinds,
        LocalDate deadline,
        String deadlineNote,
        DeadlineRef deadlineFrom,
        List<String> deadlineAppliesTo,
        String text,
        String reading,
        Map<String, Parameter> parameters) {

    public List<String> orgKinds() { return orgKinds == null ? List.of() : orgKinds; }
    public List<String> deadlineAppliesTo() { return deadlineAppliesTo == null ? List.of() : deadlineAppliesTo; }
    public Map<String, Parameter> parameters() { return parameters == null ? Map.of() : parameters; }

    /** The parameters' values by name (after {@code from} is resolved), for the rules. */
    public Map<String, Object> parameterValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        parameters().forEach((k, p) -> { if (p.value() != null) m.put(k, p.value()); });
        return m;
    }

    public boolean addresses(String orgKind) { return orgKinds().contains(orgKind); }
    public boolean isObligation() { return kind == ClauseKind.obligation; }

    /** The id of the clause this one is printed under («3» for «3.2»), or null. */
    public String parentId() {
        int dot = id == null ? -1 : id.lastIndexOf('.');
        return dot < 0 ? null : id.substring(0, dot);
    }

    /**
     * A deadline the clause takes from another clause, of this decree or of another one ({@code decree} set): the
     * reading of «в кратчайшие сроки» as the shortest deadline the same authority set for the same move.
     */
    public record DeadlineRef(String decree, String clause) {
        @Override public String toString() { return (decree != null ? decree + " " : "") + "п. " + clause; }
    }

    Clause withDeadline(LocalDate d, String note) {
        return new Clause(id, kind, addressee, orgKinds, d, note, deadlineFrom, deadlineAppliesTo, text, reading, parameters);
    }

    Clause withParameters(Map<String, Parameter> p) {
        return new Clause(id, kind, addressee, orgKinds, deadline, deadlineNote, deadlineFrom, deadlineAppliesTo, text, reading, p);
    }
}
