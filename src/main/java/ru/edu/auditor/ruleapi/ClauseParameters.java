package ru.edu.auditor.ruleapi;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One clause as the catalog states it, for the rules: its deadline (a subclause's is its heading's), the values it
 * names (parameters, each written once in the catalog) and the shared reading that judges it, if any. Inserted for
 * every clause of an applicable decree that has any of these.
 */
public class ClauseParameters {
    private final String decree;
    private final String clause;
    private final LocalDate deadline;
    private final String reading;
    private final Map<String, Object> values;
    private final LocalDate judgedOn;
    /** The values by the first day each wording applies (the original wording under {@link java.time.LocalDate#MIN}). */
    private final NavigableMap<LocalDate, Map<String, Object>> dated;
    /** The name of each wording by the first day it applies, for explanations (empty: the clause was never amended). */
    private final NavigableMap<LocalDate, String> wordingNames;

    public ClauseParameters(String decree, String clause, LocalDate deadline, String reading, Map<String, Object> values) {
        this(decree, clause, deadline, reading, null, new TreeMap<>(Map.of(LocalDate.MIN, values)));
    }

    /**
     * A clause whose wording may change over time: {@code dated} — the values of each wording by the day it applies
     * from; {@code judgedOn} — the day whose law judges the clause (the audit date, or the first day of the reported
     * period for a clause that judges a period); the plain accessors read the wording in force that day.
     */
    public ClauseParameters(String decree, String clause, LocalDate deadline, String reading, LocalDate judgedOn,
                            NavigableMap<LocalDate, Map<String, Object>> dated) {
        this(decree, clause, deadline, reading, judgedOn, dated, new TreeMap<>());
    }

    /**
     * As above, with {@code wordingNames}: how an explanation names each wording, by the first day it applies
     * («в первоначальной редакции» under {@link LocalDate#MIN}, «в редакции п. 1 Приказа … № 31 от 15.02.2024,
     * действует с 01.03.2024» under its day); empty for a clause never amended.
     */
    public ClauseParameters(String decree, String clause, LocalDate deadline, String reading, LocalDate judgedOn,
                            NavigableMap<LocalDate, Map<String, Object>> dated, NavigableMap<LocalDate, String> wordingNames) {
        this.decree = decree; this.clause = clause; this.deadline = deadline; this.reading = reading; this.judgedOn = judgedOn;
        this.dated = Collections.unmodifiableNavigableMap(new TreeMap<>(dated));
        this.wordingNames = Collections.unmodifiableNavigableMap(new TreeMap<>(wordingNames));
        this.values = Map.copyOf(judgedOn == null ? this.dated.firstEntry().getValue() : this.dated.floorEntry(judgedOn).getValue());
    }

    /** The day whose law judges the clause (null when the clause was never amended and it does not matter). */
    public LocalDate getJudgedOn() { return judgedOn; }

    /**
     * The clause's values in the wording in force on {@code day}: for a rule that judges several periods in one audit
     * (each month's report by the wording in force for that month), never the audit date's wording for all of them.
     */
    public ClauseParameters on(LocalDate day) {
        return new ClauseParameters(decree, clause, deadline, reading, day, dated, wordingNames);
    }

    /** Whether the clause has more than one wording (an amending act changed it), so that explanations name the one applied. */
    public boolean amended() { return dated.size() > 1; }

    /**
     * The name of the wording these values come from (the one in force on {@link #getJudgedOn()}), for an explanation:
     * «в первоначальной редакции» or «в редакции п. 1 Приказа …, действует с 01.07.2024»; null for a clause never amended.
     */
    public String wording() {
        if (wordingNames.isEmpty()) return null;
        var e = judgedOn == null ? wordingNames.firstEntry() : wordingNames.floorEntry(judgedOn);
        return e == null ? null : e.getValue();
    }

    /** The clause's deadline from the catalog (the named day included), or null. */
    public LocalDate getDeadline() { return deadline; }

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
