package ru.edu.auditor.facts;

import java.util.List;
import java.util.Map;

/** The values a clause states (deadline, thresholds, lists), from the decree's catalog entry; inserted for every clause that has any. */
public class ClauseParameters {
    private final String decree;
    private final String clause;
    private final java.time.LocalDate deadline;
    private final Map<String, Object> values;

    public ClauseParameters(String decree, String clause, java.time.LocalDate deadline, Map<String, Object> values) {
        this.decree = decree; this.clause = clause; this.deadline = deadline; this.values = Map.copyOf(values);
    }

    /** The clause's deadline from the catalog (the named day included), or null. */
    public java.time.LocalDate getDeadline() { return deadline; }

    public String getDecree() { return decree; }
    public String getClause() { return clause; }
    public Map<String, Object> getValues() { return values; }

    public int integer(String key) { return ((Number) require(key)).intValue(); }
    public boolean flag(String key) { return Boolean.TRUE.equals(require(key)); }
    public String text(String key) { return String.valueOf(require(key)); }

    @SuppressWarnings("unchecked")
    public List<String> list(String key) { return ((List<Object>) require(key)).stream().map(String::valueOf).toList(); }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) throw new IllegalStateException("В каталоге нет параметра «" + key + "» для п. " + clause + " " + decree);
        return v;
    }
}
