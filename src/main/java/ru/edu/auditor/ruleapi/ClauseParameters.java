package ru.edu.auditor.ruleapi;

import java.util.List;
import java.util.Map;

/**
 * One clause as the catalog states it, for the rules: its deadline (a subclause's is its heading's), the values it
 * names (parameters, each written once in the catalog) and the shared reading that judges it, if any. Inserted for
 * every clause of an applicable decree that has any of these.
 */
public class ClauseParameters {
    private final String decree;
    private final String clause;
    private final java.time.LocalDate deadline;
    private final String reading;
    private final Map<String, Object> values;

    public ClauseParameters(String decree, String clause, java.time.LocalDate deadline, String reading, Map<String, Object> values) {
        this.decree = decree; this.clause = clause; this.deadline = deadline; this.reading = reading; this.values = Map.copyOf(values);
    }

    /** The clause's deadline from the catalog (the named day included), or null. */
    public java.time.LocalDate getDeadline() { return deadline; }

    public String getDecree() { return decree; }
    public String getClause() { return clause; }
    /** The shared reading ({@code @reading} rules) that judges this clause, or null when the decree's own rules do. */
    public String getReading() { return reading; }
    public Map<String, Object> getValues() { return values; }

    public boolean has(String key) { return values.get(key) != null; }
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
