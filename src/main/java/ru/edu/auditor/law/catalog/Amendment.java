package ru.edu.auditor.law.catalog;

import java.time.LocalDate;
import java.util.Map;

/**
 * A change one act makes to another, written in the catalog of the act that makes it (its {@code amends:} list), so
 * that the amended act's files stay exactly as signed: adding the amending act's files is the whole change, removing
 * them undoes it. {@code by}: the clause of the amending act that makes the change; {@code decree}, {@code clause}:
 * the act and clause changed (no {@code clause}: the whole act is repealed); {@code from}: the first day the change
 * applies. Either {@code repeal: true} (the clause or act loses force from {@code from}) or {@code text}: the new
 * wording, with the {@code parameters} it changes (each with its quote from the new wording); {@code note}: how
 * the auditor reads the change.
 */
public record Amendment(String by, String decree, String clause, LocalDate from, Boolean repeal, String text,
                        Map<String, Parameter> parameters, String note) {
    public Map<String, Parameter> parameters() { return parameters == null ? Map.of() : parameters; }
    public boolean repeals() { return Boolean.TRUE.equals(repeal); }
}
