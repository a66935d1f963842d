package ru.edu.auditor.law.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decree's catalog entry (rules/decrees/&lt;id&gt;.yaml): what it is, whom it binds, and its printed clauses.
 * {@code deadlineOnDayOff}: how a deadline falling on a non-working day is read — {@code next-working-day} (the
 * default) or {@code literal}; {@code deadlineOnDayOffBasis}: the legal basis of that reading (law.deadlines.DueDates).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Decree(
        String id,
        String sourceFile,
        String kind,
        String number,
        LocalDate date,
        String issuer,
        String title,
        String citation,
        Scope scope,
        Effective effective,
        Map<String, Object> baseline,
        List<Clause> clauses,
        String deadlineOnDayOff,
        String deadlineOnDayOffBasis,
        List<Amendment> amends) {

    /** The changes this act makes to other acts (its {@code amends:} list). */
    public List<Amendment> amends() { return amends == null ? List.of() : amends; }

    public Optional<Clause> clause(String clauseId) {
        return clauses.stream().filter(c -> c.id().equals(clauseId)).findFirst();
    }

    Decree withClauses(List<Clause> resolved) {
        return new Decree(id, sourceFile, kind, number, date, issuer, title, citation, scope, effective, baseline, resolved,
                deadlineOnDayOff, deadlineOnDayOffBasis, amends);
    }

    Decree withEffective(Effective e) {
        return new Decree(id, sourceFile, kind, number, date, issuer, title, citation, scope, e, baseline, clauses,
                deadlineOnDayOff, deadlineOnDayOffBasis, amends);
    }

    /** In force on {@code day}: not before its entry into force, not after its last day (repeal or expiry). */
    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(effective.inForceFrom()) && (effective.inForceUntil() == null || !day.isAfter(effective.inForceUntil()));
    }

    /** Whether some clause judges the audit's reported period rather than the state on the audit date. */
    public boolean judgesAPeriod() { return clauses.stream().anyMatch(Clause::judgesPeriod); }

    /** «п. 1.2 Постановления … № 262 от 13.10.2023». */
    public String cite(String clauseId) { return "п. " + clauseId.replace("#2", " (второй)") + " " + citation; }

    /** Where a decree's scope says where it binds. */
    public record Scope(String level, String region, String municipality, List<String> municipalityAliases,
                        OrganizationRef organization) {
        public List<String> municipalityAliases() { return municipalityAliases == null ? List.of() : municipalityAliases; }
    }

    /** The single organization a school-level order binds. */
    public record OrganizationRef(String name, List<String> aliases, List<String> ids) {
        public List<String> aliases() { return aliases == null ? List.of() : aliases; }
        public List<String> ids() { return ids == null ? List.of() : ids; }
    }

    /**
     * When the decree takes effect, from when its duties count, and — for a decree repealed or expired — the last day
     * it is in force ({@code inForceUntil}, inclusive) and the clause of the decree that repealed it.
     */
    public record Effective(LocalDate inForceFrom, LocalDate appliesToRelationsFrom, String note,
                            LocalDate inForceUntil, Clause.ActRef repealedBy) {
        public LocalDate dutiesFrom() { return appliesToRelationsFrom != null ? appliesToRelationsFrom : inForceFrom; }

        Effective repealed(LocalDate lastDay, Clause.ActRef by) { return new Effective(inForceFrom, appliesToRelationsFrom, note, lastDay, by); }
    }
}
